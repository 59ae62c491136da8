"""Values as the function library sees them, and the checks on its arguments.

How HCL names a value's type, renders a primitive as a string and reads a number from a
string; the checks that take one argument as a string, number, whole number, list or
map, raising ``ArgError`` (which ``functions.call`` turns into an "Invalid function
argument" diagnostic at that argument); and the canonical JSON form of a value.
"""

from __future__ import annotations

import json
import math
from typing import Any


class ArgError(Exception):
    """A bad argument: its position (or None for the whole call) and what is wrong."""

    def __init__(self, index: int | None, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.message = message


def type_name(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int | float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "list"
    if isinstance(v, dict):
        return "object"
    return type(v).__name__


def render_number(n: int | float) -> str:
    if isinstance(n, float) and n.is_integer() and abs(n) < 1e21:
        return str(int(n))
    return str(n)


def render_string(v: Any) -> str | None:
    """A primitive value as HCL converts it to a string; None when it cannot be."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return render_number(v)
    return None


def to_number(v: Any) -> int | float | None:
    """A number, or a string holding one, as a number; None when it is neither."""
    if isinstance(v, bool):
        return None
    if isinstance(v, int | float):
        return v
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            try:
                f = float(v)
            except ValueError:
                return None
            return f if math.isfinite(f) else None
    return None


def arg_str(v: Any, i: int, param: str = "str") -> str:
    text = render_string(v)
    if text is None:
        raise ArgError(
            i, f'Invalid value for "{param}" parameter: string required, got {type_name(v)}.'
        )
    return text


def arg_num(v: Any, i: int, param: str = "num") -> int | float:
    n = to_number(v)
    if n is None:
        raise ArgError(
            i, f'Invalid value for "{param}" parameter: number required, got {type_name(v)}.'
        )
    return n


def arg_int(v: Any, i: int, param: str) -> int:
    n = arg_num(v, i, param)
    if n != int(n):
        raise ArgError(i, f'Invalid value for "{param}" parameter: a whole number is required.')
    return int(n)


def arg_list(v: Any, i: int, param: str = "list") -> list[Any]:
    if not isinstance(v, list):
        raise ArgError(
            i, f'Invalid value for "{param}" parameter: list required, got {type_name(v)}.'
        )
    return v


def arg_map(v: Any, i: int, param: str = "inputMap") -> dict[str, Any]:
    if not isinstance(v, dict):
        raise ArgError(
            i, f'Invalid value for "{param}" parameter: map required, got {type_name(v)}.'
        )
    return v


def plain_json(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e21:
        return int(v)
    if isinstance(v, dict):
        return {k: plain_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain_json(x) for x in v]
    return v


def sort_key(v: Any) -> tuple[int, Any]:
    """An order over mixed values: bools, then numbers, strings, and the rest by JSON."""
    if isinstance(v, bool):
        return (0, v)
    if isinstance(v, int | float):
        return (1, v)
    if isinstance(v, str):
        return (2, v)
    return (3, json.dumps(plain_json(v), sort_keys=True))


def encode_json(v: Any) -> str:
    """The compact JSON of a value, keys sorted, as ``jsonencode`` gives it."""
    return json.dumps(plain_json(v), separators=(",", ":"), sort_keys=True)
