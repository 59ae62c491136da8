"""The function library of the mlinfra language (file, format, merge, lookup, ...).

Every function is pure: none reads the clock, the network or anything but the files it
is asked for. ``call`` checks the number of arguments, handles the value marks (an
UNKNOWN argument gives an UNKNOWN result; a sensitive argument a sensitive result) and
turns a bad argument into an "Invalid function argument" diagnostic at that argument.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlinfra.diagnostics import DiagnosticsError, SourceRange, error
from mlinfra.values import UNKNOWN, Sensitive, contains_unknown, has_mark, unmark


class ArgError(Exception):
    """A bad argument: its position (or None for the whole call) and what is wrong."""

    def __init__(self, index: int | None, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.message = message


@dataclass(frozen=True)
class Function:
    impl: Callable[..., Any]
    params: tuple[str, ...]  # names of the required parameters
    optional: int = 0  # how many more may follow
    variadic: bool = False
    structural: bool = False  # inner marks pass through untouched (merge, concat, ...)
    needs_base_dir: bool = False


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


def call(
    name: str, args: list[Any], ranges: list[SourceRange], rng: SourceRange, base_dir: Path
) -> Any:
    """Call a library function on evaluated arguments; raise DiagnosticsError on misuse."""
    fn = FUNCTIONS[name]
    low, high = len(fn.params), len(fn.params) + fn.optional
    if len(args) < low:
        missing = fn.params[len(args)]
        raise DiagnosticsError(error("Not enough function arguments",
                                     f'Function "{name}" expects {low} argument(s). Missing value '
                                     f'for "{missing}".', rng))  # fmt: skip
    if len(args) > high and not fn.variadic:
        raise DiagnosticsError(error("Too many function arguments",
                                     f'Function "{name}" expects only {high} argument(s).', rng))  # fmt: skip
    if fn.structural:
        if any(a is UNKNOWN or isinstance(a, Sensitive) and a.value is UNKNOWN for a in args):
            return UNKNOWN
        sensitive = any(isinstance(a, Sensitive) for a in args)
        plain = [a.value if isinstance(a, Sensitive) else a for a in args]
    else:
        if any(contains_unknown(a) for a in args):
            return UNKNOWN
        sensitive = any(has_mark(a) for a in args)
        plain = [unmark(a)[0] for a in args] if sensitive else args
    try:
        result = fn.impl(base_dir, *plain) if fn.needs_base_dir else fn.impl(*plain)
    except ArgError as exc:
        where = ranges[exc.index] if exc.index is not None and exc.index < len(ranges) else rng
        raise DiagnosticsError(error("Invalid function argument", exc.message, where)) from None
    return Sensitive(result) if sensitive else result


# -- argument checks -----------------------------------------------------------------


def _str(v: Any, i: int, param: str = "str") -> str:
    text = render_string(v)
    if text is None:
        raise ArgError(
            i, f'Invalid value for "{param}" parameter: string required, got {type_name(v)}.'
        )
    return text


def _num(v: Any, i: int, param: str = "num") -> int | float:
    n = to_number(v)
    if n is None:
        raise ArgError(
            i, f'Invalid value for "{param}" parameter: number required, got {type_name(v)}.'
        )
    return n


def _int(v: Any, i: int, param: str) -> int:
    n = _num(v, i, param)
    if n != int(n):
        raise ArgError(i, f'Invalid value for "{param}" parameter: a whole number is required.')
    return int(n)


def _list(v: Any, i: int, param: str = "list") -> list[Any]:
    if not isinstance(v, list):
        raise ArgError(
            i, f'Invalid value for "{param}" parameter: list required, got {type_name(v)}.'
        )
    return v


def _map(v: Any, i: int, param: str = "inputMap") -> dict[str, Any]:
    if not isinstance(v, dict):
        raise ArgError(
            i, f'Invalid value for "{param}" parameter: map required, got {type_name(v)}.'
        )
    return v


def _plain_json(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e21:
        return int(v)
    if isinstance(v, dict):
        return {k: _plain_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain_json(x) for x in v]
    return v


def _sort_key(v: Any) -> tuple[int, Any]:
    if isinstance(v, bool):
        return (0, v)
    if isinstance(v, int | float):
        return (1, v)
    if isinstance(v, str):
        return (2, v)
    return (3, json.dumps(_plain_json(v), sort_keys=True))


# -- the functions ---------------------------------------------------------------------


def _file(base: Path, path: Any) -> str:
    target = base / _str(path, 0, "path")
    try:
        return target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ArgError(
            0, f'Invalid value for "path" parameter: no file exists at "{target}".'
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ArgError(
            0, f'Invalid value for "path" parameter: cannot read "{target}": {exc}.'
        ) from None


def _filesha256(base: Path, path: Any) -> str:
    target = base / _str(path, 0, "path")
    try:
        return hashlib.sha256(target.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise ArgError(
            0, f'Invalid value for "path" parameter: no file exists at "{target}".'
        ) from None
    except OSError as exc:
        raise ArgError(
            0, f'Invalid value for "path" parameter: cannot read "{target}": {exc}.'
        ) from None


def _jsondecode(text: Any) -> Any:
    try:
        return json.loads(_str(text, 0))
    except json.JSONDecodeError as exc:
        raise ArgError(0, f'Invalid value for "str" parameter: invalid JSON: {exc.msg}.') from None


def _jsonencode(v: Any) -> str:
    return json.dumps(_plain_json(v), separators=(",", ":"), sort_keys=True)


_VERB = re.compile(r"%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def _format(spec: Any, *args: Any) -> str:
    template = _str(spec, 0, "format")
    out: list[str] = []
    pos, used = 0, 0
    for m in _VERB.finditer(template):
        out.append(template[pos : m.start()])
        pos = m.end()
        flags, width, precision, verb = m.groups()
        if verb == "%":
            out.append("%")
            continue
        if used >= len(args):
            raise ArgError(
                None,
                f'Invalid value for "format" parameter: not enough arguments for {m.group(0)}.',
            )
        value, index = args[used], used + 1
        used += 1
        out.append(_format_one(value, index, flags, width, precision, verb))
    out.append(template[pos:])
    if used < len(args):
        raise ArgError(
            None, f'Invalid value for "format" parameter: too many arguments; only {used} used.'
        )
    return "".join(out)


def _format_one(
    value: Any, index: int, flags: str, width: str | None, precision: str | None, verb: str
) -> str:
    align = "<" if "-" in flags else ""
    sign = "+" if "+" in flags else (" " if " " in flags else "")
    zero = "0" if "0" in flags and not align else ""
    w = width or ""
    if verb in "sv":
        if verb == "v" and isinstance(value, list | dict):
            text = _jsonencode(value)
        else:
            rendered = render_string(value) if value is not None else "null"
            if rendered is None:
                raise ArgError(
                    index,
                    f"Invalid value for %{verb}: cannot format a {type_name(value)} as a string.",
                )
            text = rendered
        if precision is not None:
            text = text[: int(precision)]
        return format(text, f"{align or '>'}{w}")
    if verb == "q":
        return format(json.dumps(_str(value, index, "args")), f"{align or '>'}{w}")
    if verb == "t":
        if not isinstance(value, bool):
            raise ArgError(index, "Invalid value for %t: bool required.")
        return format("true" if value else "false", f"{align or '>'}{w}")
    number = _num(value, index, "args")
    if verb in "dboxX":
        if number != int(number):
            raise ArgError(index, f"Invalid value for %{verb}: a whole number is required.")
        return format(int(number), f"{align}{sign}{zero}{w}{verb if verb != 'd' else 'd'}")
    if verb in "feEgG":
        prec = f".{precision}" if precision is not None else ""
        return format(float(number), f"{align}{sign}{zero}{w}{prec}{verb}")
    raise ArgError(0, f'Invalid value for "format" parameter: unsupported verb %{verb}.')


def _lookup(m: Any, key: Any, *default: Any) -> Any:
    mapping, k = _map(m, 0), _str(key, 1, "key")
    if k in mapping:
        return mapping[k]
    if default:
        return default[0]
    raise ArgError(1, f'Invalid value for "key" parameter: the given key "{k}" is not in the map.')


def _merge(*maps: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, m in enumerate(maps):
        if m is not None:
            out.update(_map(m, i, "maps"))
    return out


def _concat(*lists: Any) -> list[Any]:
    return [x for i, lst in enumerate(lists) for x in _list(lst, i, "seqs")]


def _length(v: Any) -> int:
    if isinstance(v, str | list | dict):
        return len(v)
    raise ArgError(
        0,
        f'Invalid value for "value" parameter: collection or string required, got {type_name(v)}.',
    )


def _coalesce(*vals: Any) -> Any:
    for v in vals:
        if v is not None and v != "":
            return v
    raise ArgError(
        None, 'Invalid value for "vals" parameter: no non-null, non-empty-string arguments.'
    )


def _tostring(v: Any) -> str | None:
    return None if v is None else _str(v, 0, "v")


def _tonumber(v: Any) -> int | float | None:
    if v is None:
        return None
    n = to_number(v)
    if n is None:
        raise ArgError(
            0, f'Invalid value for "v" parameter: cannot convert {json.dumps(v)} to a number.'
        )
    return n


def _toset(v: Any) -> list[Any]:
    items = _list(v, 0, "v")
    out: list[Any] = []
    for x in sorted(items, key=_sort_key):
        if not out or out[-1] != x or type(out[-1]) is not type(x):
            out.append(x)
    return out


def _distinct(v: Any) -> list[Any]:
    out: list[Any] = []
    for x in _list(v, 0):
        if x not in out:
            out.append(x)
    return out


def _flatten(v: Any) -> list[Any]:
    out: list[Any] = []
    for x in _list(v, 0):
        out.extend(_flatten(x) if isinstance(x, list) else [x])
    return out


def _element(v: Any, index: Any) -> Any:
    items, i = _list(v, 0), _int(index, 1, "index")
    if not items:
        raise ArgError(
            0, 'Invalid value for "list" parameter: cannot use element function with an empty list.'
        )
    if i < 0:
        raise ArgError(1, 'Invalid value for "index" parameter: a negative number is not allowed.')
    return items[i % len(items)]


def _range(*args: Any) -> list[int | float]:
    nums = [_num(a, i, "params") for i, a in enumerate(args)]
    if not 1 <= len(nums) <= 3:
        raise ArgError(None, 'Invalid value for "params" parameter: range takes 1 to 3 arguments.')
    start, stop, step = (
        (0, nums[0], 1) if len(nums) == 1 else (nums[0], nums[1], nums[2] if len(nums) == 3 else 1)
    )
    if step == 0:
        raise ArgError(len(nums) - 1, 'Invalid value for "step" parameter: must not be zero.')
    out: list[int | float] = []
    x = start
    while (x < stop if step > 0 else x > stop) and len(out) < 1024:
        out.append(x)
        x += step
    return out


def _substr(s: Any, offset: Any, length: Any) -> str:
    text, off, n = _str(s, 0), _int(offset, 1, "offset"), _int(length, 2, "length")
    if off < 0:
        off = max(len(text) + off, 0)
    return text[off:] if n < 0 else text[off : off + n]


def _contains(v: Any, x: Any) -> bool:
    return x in _list(v, 0)


def _minmax(pick: Callable[..., Any]) -> Callable[..., Any]:
    def impl(*nums: Any) -> Any:
        if not nums:
            raise ArgError(
                None, 'Invalid value for "numbers" parameter: at least one number is required.'
            )
        return pick(_num(n, i, "numbers") for i, n in enumerate(nums))

    return impl


def _b64decode(s: Any) -> str:
    try:
        return base64.b64decode(_str(s, 0), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise ArgError(
            0, 'Invalid value for "str" parameter: not valid base64 of UTF-8 text.'
        ) from None


def _tomap(v: Any) -> dict[str, Any]:
    return dict(_map(v, 0, "v"))


def _s(f: Callable[[str], Any]) -> Callable[[Any], Any]:
    return lambda s: f(_str(s, 0))


F = Function
FUNCTIONS: dict[str, Function] = {
    "file": F(_file, ("path",), needs_base_dir=True),
    "filesha256": F(_filesha256, ("path",), needs_base_dir=True),
    "jsonencode": F(_jsonencode, ("value",)),
    "jsondecode": F(_jsondecode, ("str",)),
    "lower": F(_s(str.lower), ("str",)),
    "upper": F(_s(str.upper), ("str",)),
    "title": F(_s(lambda s: re.sub(r"\b[a-z]", lambda m: m.group(0).upper(), s)), ("str",)),
    "trimspace": F(_s(str.strip), ("str",)),
    "sha256": F(_s(lambda s: hashlib.sha256(s.encode()).hexdigest()), ("str",)),
    "md5": F(_s(lambda s: hashlib.md5(s.encode()).hexdigest()), ("str",)),
    "base64encode": F(_s(lambda s: base64.b64encode(s.encode()).decode()), ("str",)),
    "base64decode": F(_b64decode, ("str",)),
    "format": F(_format, ("format",), variadic=True),
    "merge": F(_merge, (), variadic=True, structural=True),
    "lookup": F(_lookup, ("inputMap", "key"), optional=1, structural=True),
    "concat": F(_concat, (), variadic=True, structural=True),
    "length": F(_length, ("value",), structural=True),
    "coalesce": F(_coalesce, (), variadic=True, structural=True),
    "tostring": F(_tostring, ("v",)),
    "tonumber": F(_tonumber, ("v",)),
    "toset": F(_toset, ("v",)),
    "tolist": F(lambda v: list(_list(v, 0, "v")), ("v",), structural=True),
    "tomap": F(_tomap, ("v",), structural=True),
    "keys": F(lambda m: sorted(_map(m, 0)), ("inputMap",), structural=True),
    "values": F(
        lambda m: [v for _, v in sorted(_map(m, 0).items())], ("mapping",), structural=True
    ),
    "contains": F(_contains, ("list", "value")),
    "join": F(
        lambda sep, lst: _str(sep, 0, "separator").join(_str(x, 1, "list") for x in _list(lst, 1)),
        ("separator", "list"),
    ),  # fmt: skip
    "split": F(lambda sep, s: _str(s, 1).split(_str(sep, 0, "separator")), ("separator", "str")),
    "replace": F(
        lambda s, a, b: _str(s, 0).replace(_str(a, 1, "substr"), _str(b, 2, "replace")),
        ("str", "substr", "replace"),
    ),  # fmt: skip
    "startswith": F(lambda s, p: _str(s, 0).startswith(_str(p, 1, "prefix")), ("str", "prefix")),
    "endswith": F(lambda s, p: _str(s, 0).endswith(_str(p, 1, "suffix")), ("str", "suffix")),
    "substr": F(_substr, ("str", "offset", "length")),
    "min": F(_minmax(min), (), variadic=True),
    "max": F(_minmax(max), (), variadic=True),
    "abs": F(lambda n: abs(_num(n, 0)), ("num",)),
    "ceil": F(lambda n: math.ceil(_num(n, 0)), ("num",)),
    "floor": F(lambda n: math.floor(_num(n, 0)), ("num",)),
    "range": F(_range, (), variadic=True),
    "element": F(_element, ("list", "index"), structural=True),
    "flatten": F(_flatten, ("list",)),
    "distinct": F(_distinct, ("list",)),
}
