"""The ``format`` function: printf-style verbs as Terraform's ``format`` has them.

``%s`` and ``%v`` (any value; lists and objects as JSON), ``%q`` (a quoted string),
``%t`` (a bool), ``%d %b %o %x %X`` (whole numbers) and ``%f %e %E %g %G``, each with the
flags ``-+ 0#``, a width and a precision; ``%%`` is a literal percent sign. Too few or
too many arguments for the verbs is an ``ArgError``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mlinfra.config.functions_args import (
    ArgError,
    arg_num,
    arg_str,
    encode_json,
    render_string,
    type_name,
)
from mlinfra.config.limits import DOCS, MAX_FORMAT_WIDTH

_VERB = re.compile(r"%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


def format_values(spec: Any, *args: Any) -> str:
    """``format(spec, args...)``: each verb of ``spec`` replaced by the next argument."""
    template = arg_str(spec, 0, "format")
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
    for what, given in (("width", width), ("precision", precision)):
        if given is not None and (len(given) > 6 or int(given) > MAX_FORMAT_WIDTH):
            raise ArgError(
                0,
                f'Invalid value for "format" parameter: a {what} of {given[:12]} is more than '
                f"{MAX_FORMAT_WIDTH:,} (see {DOCS}).",
            )
    align = "<" if "-" in flags else ""
    sign = "+" if "+" in flags else (" " if " " in flags else "")
    zero = "0" if "0" in flags and not align else ""
    w = width or ""
    if verb in "sv":
        if verb == "v" and isinstance(value, list | dict):
            text = encode_json(value)
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
        return format(json.dumps(arg_str(value, index, "args")), f"{align or '>'}{w}")
    if verb == "t":
        if not isinstance(value, bool):
            raise ArgError(index, "Invalid value for %t: bool required.")
        return format("true" if value else "false", f"{align or '>'}{w}")
    number = arg_num(value, index, "args")
    if verb in "dboxX":
        if number != int(number):
            raise ArgError(index, f"Invalid value for %{verb}: a whole number is required.")
        return format(int(number), f"{align}{sign}{zero}{w}{verb if verb != 'd' else 'd'}")
    if verb in "feEgG":
        prec = f".{precision}" if precision is not None else ""
        return format(float(number), f"{align}{sign}{zero}{w}{prec}{verb}")
    raise ArgError(0, f'Invalid value for "format" parameter: unsupported verb %{verb}.')
