"""The function library of the mlinfra language (file, format, merge, lookup, ...).

Every function is pure: none reads the clock, the network or anything but the files it
is asked for. ``call`` checks the number of arguments, handles the value marks (an
UNKNOWN argument gives an UNKNOWN result; a sensitive argument a sensitive result) and
turns a bad argument into an "Invalid function argument" diagnostic at that argument.
The argument checks are in ``functions_args``, the verbs of ``format`` in
``functions_format``.
"""

from __future__ import annotations

import base64
import io
import json
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlinfra.config import limits
from mlinfra.config.functions_args import (
    ArgError,
    arg_int,
    arg_list,
    arg_map,
    arg_num,
    arg_str,
    encode_json,
    render_number,
    render_string,
    sort_key,
    to_number,
    type_name,
)
from mlinfra.config.functions_format import format_values
from mlinfra.diagnostics import DiagnosticsError, SourceRange, error
from mlinfra.records import frozen
from mlinfra.values import UNKNOWN, Sensitive, contains_unknown, has_mark, unmark

__all__ = [
    "FUNCTIONS",
    "ArgError",
    "Function",
    "call",
    "render_number",
    "render_string",
    "to_number",
    "type_name",
]


@frozen
class Function:
    impl: Callable[..., Any]
    params: tuple[str, ...]  # names of the required parameters
    optional: int = 0  # how many more may follow
    variadic: bool = False
    structural: bool = False  # inner marks pass through untouched (merge, concat, ...)
    needs_base_dir: bool = False


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
        try:
            result = fn.impl(base_dir, *plain) if fn.needs_base_dir else fn.impl(*plain)
        except (ValueError, TypeError, ArithmeticError, LookupError, RecursionError) as exc:
            # Python's own refusal of an argument (a library function missing a check).
            raise ArgError(None, f'Function "{name}" cannot use the given arguments: {exc}.') from None
    except ArgError as exc:
        where = ranges[exc.index] if exc.index is not None and exc.index < len(ranges) else rng
        message = exc.message
        if sensitive:
            # The message may quote the argument: never show a sensitive value.
            message = (
                f'Function "{name}" cannot use the given arguments. One of them is sensitive, '
                "so its value is not shown here."
            )
        raise DiagnosticsError(error("Invalid function argument", message, where)) from None
    return Sensitive(result) if sensitive else result


# -- the functions ---------------------------------------------------------------------


def _file(base: Path, path: Any) -> str:
    target, fh = _open_regular(base, path, limits.MAX_STRING_LENGTH)
    with fh:
        try:
            return fh.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ArgError(0, f'Invalid value for "path" parameter: cannot read "{target}": {exc}.') from None


def _filesha256(base: Path, path: Any) -> str:
    import hashlib  # OpenSSL's set-up costs milliseconds: paid by the configurations that hash

    _, fh = _open_regular(base, path, None)
    with fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def hexdigest(algorithm: str, s: str) -> str:
    """The ``algorithm`` (a ``hashlib`` name) digest of ``s`` in UTF-8, in hex."""
    import hashlib

    return hashlib.new(algorithm, s.encode()).hexdigest()


def _open_regular(base: Path, path: Any, max_size: int | None) -> tuple[Path, io.BufferedReader]:
    """The file at ``path`` (relative to the configuration), open for reading: only a
    regular file, never a device or pipe that could block or never end, and of at most
    ``max_size`` bytes."""
    target = base / arg_str(path, 0, "path")
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise ArgError(0, f'Invalid value for "path" parameter: no file exists at "{target}".') from None
    except OSError as exc:
        raise ArgError(0, f'Invalid value for "path" parameter: cannot read "{target}": {exc}.') from None
    info = os.fstat(fd)
    problem = None if stat.S_ISREG(info.st_mode) else "it is not a regular file"
    if problem is None and max_size is not None and info.st_size > max_size:
        problem = f"it holds {info.st_size:,} bytes; file() reads at most {max_size:,} (see {limits.DOCS})"
    if problem:
        os.close(fd)
        raise ArgError(0, f'Invalid value for "path" parameter: cannot read "{target}": {problem}.')
    return target, io.BufferedReader(io.FileIO(fd, "rb"))


def _jsondecode(text: Any) -> Any:
    try:
        return json.loads(arg_str(text, 0), parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ArgError(0, f'Invalid value for "str" parameter: invalid JSON: {exc.msg}.') from None
    except (RecursionError, ValueError) as exc:
        why = "it nests too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ArgError(0, f'Invalid value for "str" parameter: {why} (see docs/limits.md).') from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _lookup(m: Any, key: Any, *default: Any) -> Any:
    mapping, k = arg_map(m, 0), arg_str(key, 1, "key")
    if k in mapping:
        return mapping[k]
    if default:
        return default[0]
    raise ArgError(1, f'Invalid value for "key" parameter: the given key "{k}" is not in the map.')


def _merge(*maps: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, m in enumerate(maps):
        if m is not None:
            out.update(arg_map(m, i, "maps"))
    return out


def _concat(*lists: Any) -> list[Any]:
    return [x for i, lst in enumerate(lists) for x in arg_list(lst, i, "seqs")]


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
    return None if v is None else arg_str(v, 0, "v")


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
    items = arg_list(v, 0, "v")
    out: list[Any] = []
    for x in sorted(items, key=sort_key):
        if not out or out[-1] != x or type(out[-1]) is not type(x):
            out.append(x)
    return out


def _distinct(v: Any) -> list[Any]:
    out: list[Any] = []
    for x in arg_list(v, 0):
        if x not in out:
            out.append(x)
    return out


def _flatten(v: Any) -> list[Any]:
    out: list[Any] = []
    for x in arg_list(v, 0):
        out.extend(_flatten(x) if isinstance(x, list) else [x])
    return out


def _element(v: Any, index: Any) -> Any:
    items, i = arg_list(v, 0), arg_int(index, 1, "index")
    if not items:
        raise ArgError(
            0, 'Invalid value for "list" parameter: cannot use element function with an empty list.'
        )
    if i < 0:
        raise ArgError(1, 'Invalid value for "index" parameter: a negative number is not allowed.')
    return items[i % len(items)]


def _finite(n: Any) -> int | float:
    x = arg_num(n, 0)
    if not math.isfinite(x):
        raise ArgError(0, 'Invalid value for "num" parameter: the number is not finite.')
    return x


def _sized(length: int) -> None:
    """Refuse to build a string of ``length`` characters beyond the limits."""
    problem = limits.string_problem(length)
    if problem:
        raise ArgError(None, problem)


def _join(sep: Any, lst: Any) -> str:
    glue, items = arg_str(sep, 0, "separator"), [arg_str(x, 1, "list") for x in arg_list(lst, 1)]
    _sized(sum(map(len, items)) + len(glue) * max(len(items) - 1, 0))
    return glue.join(items)


def _split(sep: Any, s: Any) -> list[str]:
    glue, text = arg_str(sep, 0, "separator"), arg_str(s, 1)
    if not glue:  # as in Terraform: every character on its own
        return list(text)
    return text.split(glue)


def _replace(s: Any, old: Any, new: Any) -> str:
    text, a, b = arg_str(s, 0), arg_str(old, 1, "substr"), arg_str(new, 2, "replace")
    hits = text.count(a) if a else len(text) + 1
    _sized(len(text) + hits * (len(b) - len(a)))
    return text.replace(a, b)


def _range(*args: Any) -> list[int | float]:
    nums = [arg_num(a, i, "params") for i, a in enumerate(args)]
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
    text, off, n = arg_str(s, 0), arg_int(offset, 1, "offset"), arg_int(length, 2, "length")
    if off < 0:
        off = max(len(text) + off, 0)
    return text[off:] if n < 0 else text[off : off + n]


def _contains(v: Any, x: Any) -> bool:
    return x in arg_list(v, 0)


def _minmax(pick: Callable[..., Any]) -> Callable[..., Any]:
    def impl(*nums: Any) -> Any:
        if not nums:
            raise ArgError(
                None, 'Invalid value for "numbers" parameter: at least one number is required.'
            )
        return pick(arg_num(n, i, "numbers") for i, n in enumerate(nums))

    return impl


def _b64decode(s: Any) -> str:
    try:
        return base64.b64decode(arg_str(s, 0), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise ArgError(
            0, 'Invalid value for "str" parameter: not valid base64 of UTF-8 text.'
        ) from None


def _tomap(v: Any) -> dict[str, Any]:
    return dict(arg_map(v, 0, "v"))


def _s(f: Callable[[str], Any]) -> Callable[[Any], Any]:
    return lambda s: f(arg_str(s, 0))


F = Function
FUNCTIONS: dict[str, Function] = {
    "file": F(_file, ("path",), needs_base_dir=True),
    "filesha256": F(_filesha256, ("path",), needs_base_dir=True),
    "jsonencode": F(encode_json, ("value",)),
    "jsondecode": F(_jsondecode, ("str",)),
    "lower": F(_s(str.lower), ("str",)),
    "upper": F(_s(str.upper), ("str",)),
    "title": F(_s(lambda s: re.sub(r"\b[a-z]", lambda m: m.group(0).upper(), s)), ("str",)),
    "trimspace": F(_s(str.strip), ("str",)),
    "sha256": F(_s(lambda s: hexdigest("sha256", s)), ("str",)),
    "md5": F(_s(lambda s: hexdigest("md5", s)), ("str",)),
    "base64encode": F(_s(lambda s: base64.b64encode(s.encode()).decode()), ("str",)),
    "base64decode": F(_b64decode, ("str",)),
    "format": F(format_values, ("format",), variadic=True),
    "merge": F(_merge, (), variadic=True, structural=True),
    "lookup": F(_lookup, ("inputMap", "key"), optional=1, structural=True),
    "concat": F(_concat, (), variadic=True, structural=True),
    "length": F(_length, ("value",), structural=True),
    "coalesce": F(_coalesce, (), variadic=True, structural=True),
    "tostring": F(_tostring, ("v",)),
    "tonumber": F(_tonumber, ("v",)),
    "toset": F(_toset, ("v",)),
    "tolist": F(lambda v: list(arg_list(v, 0, "v")), ("v",), structural=True),
    "tomap": F(_tomap, ("v",), structural=True),
    "keys": F(lambda m: sorted(arg_map(m, 0)), ("inputMap",), structural=True),
    "values": F(
        lambda m: [v for _, v in sorted(arg_map(m, 0).items())], ("mapping",), structural=True
    ),
    "contains": F(_contains, ("list", "value")),
    "join": F(_join, ("separator", "list")),
    "split": F(_split, ("separator", "str")),
    "replace": F(_replace, ("str", "substr", "replace")),
    "startswith": F(
        lambda s, p: arg_str(s, 0).startswith(arg_str(p, 1, "prefix")), ("str", "prefix")
    ),
    "endswith": F(lambda s, p: arg_str(s, 0).endswith(arg_str(p, 1, "suffix")), ("str", "suffix")),
    "substr": F(_substr, ("str", "offset", "length")),
    "min": F(_minmax(min), (), variadic=True),
    "max": F(_minmax(max), (), variadic=True),
    "abs": F(lambda n: abs(arg_num(n, 0)), ("num",)),
    "ceil": F(lambda n: math.ceil(_finite(n)), ("num",)),
    "floor": F(lambda n: math.floor(_finite(n)), ("num",)),
    "range": F(_range, (), variadic=True),
    "element": F(_element, ("list", "index"), structural=True),
    "flatten": F(_flatten, ("list",)),
    "distinct": F(_distinct, ("list",)),
}
