"""More of Terraform's built-in functions: collections, strings, numbers, encoding,
hashing and IP networks.

Each keeps Terraform's semantics and words its refusals as Terraform does
(``Invalid value for "list" parameter: ...``); ``functions.call`` handles unknown and
sensitive arguments for all of them. Importing this module adds them to ``FUNCTIONS``.
"""

from __future__ import annotations

import base64
import io
import ipaddress
import math
import re
from typing import Any

from mlinfra.config.functions import FUNCTIONS, Function
from mlinfra.config.functions_args import (
    ArgError,
    arg_int,
    arg_list,
    arg_map,
    arg_num,
    arg_str,
    type_name,
)


def _sum(v: Any) -> int | float:
    items = arg_list(v, 0)
    if not items:
        raise ArgError(0, 'Invalid value for "list" parameter: cannot sum empty list.')
    total: int | float = 0
    for x in items:
        if isinstance(x, bool) or not isinstance(x, int | float):
            raise ArgError(0, 'Invalid value for "list" parameter: argument must be list, set, or tuple of number values.')
        total += x
    return total


def _zipmap(keys: Any, values: Any) -> dict[str, Any]:
    ks, vs = arg_list(keys, 0, "keys"), arg_list(values, 1, "values")
    if len(ks) != len(vs):
        raise ArgError(None, f"number of keys ({len(ks)}) does not match number of values ({len(vs)})")
    return {arg_str(k, 0, "keys"): v for k, v in zip(ks, vs, strict=True)}


def _sort(v: Any) -> list[str]:
    out = []
    for i, x in enumerate(arg_list(v, 0)):
        if x is None:
            raise ArgError(0, f'Invalid value for "list" parameter: given list element {i} is null; a null string cannot be sorted.')
        out.append(arg_str(x, 0, "list"))
    return sorted(out)


def _slice(v: Any, start: Any, end: Any) -> list[Any]:
    items, s, e = arg_list(v, 0), arg_int(start, 1, "start_index"), arg_int(end, 2, "end_index")
    if s < 0:
        raise ArgError(1, 'Invalid value for "start_index" parameter: must be greater than or equal to 0.')
    if e > len(items):
        raise ArgError(2, 'Invalid value for "end_index" parameter: end index must not be greater than the length of the list.')
    if s > e:
        raise ArgError(1, 'Invalid value for "start_index" parameter: start index must not be greater than end index.')
    return items[s:e]


def _one(v: Any) -> Any:
    items = arg_list(v, 0)
    if len(items) > 1:
        raise ArgError(0, 'Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements.')
    return items[0] if items else None


def _bools(v: Any) -> list[bool]:
    items = arg_list(v, 0)
    for x in items:
        if not isinstance(x, bool) and x not in ("true", "false"):
            raise ArgError(0, f'Invalid value for "list" parameter: bool required, got {type_name(x)}.')
    return [x is True or x == "true" for x in items]


def _index(v: Any, value: Any) -> int:
    for i, x in enumerate(arg_list(v, 0)):
        if x == value and type(x) is type(value):
            return i
    raise ArgError(None, "item not found")


def _set_op(op: str) -> Any:
    def run(*lists: Any) -> list[Any]:
        if not lists:
            raise ArgError(None, f'Function "set{op}" expects at least one argument.')
        sets = [arg_list(x, i, "sets") for i, x in enumerate(lists)]
        out: list[Any] = []
        first = sets[0]
        pool = [x for s in sets for x in s] if op == "union" else first
        for x in pool:
            if x in out:
                continue
            if op == "intersection" and not all(x in s for s in sets[1:]):
                continue
            if op == "subtract" and any(x in s for s in sets[1:]):
                continue
            out.append(x)
        return out

    return run


def _compact(v: Any) -> list[str]:
    return [arg_str(x, 0) for x in arg_list(v, 0) if x is not None and x != ""]


def _chunklist(v: Any, size: Any) -> list[list[Any]]:
    items, n = arg_list(v, 0), arg_int(size, 1, "size")
    if n < 0:
        raise ArgError(1, 'Invalid value for "size" parameter: the size argument must be positive.')
    if n == 0:
        return [items]
    return [items[i : i + n] for i in range(0, len(items), n)]


def _transpose(v: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, vals in sorted(arg_map(v, 0, "values").items()):
        for x in arg_list(vals, 0, "values"):
            out.setdefault(arg_str(x, 0, "values"), []).append(k)
    return {k: sorted(vs) for k, vs in out.items()}


def _coalescelist(*lists: Any) -> list[Any]:
    for i, x in enumerate(lists):
        if arg_list(x, i, "vals"):
            return list(x)
    raise ArgError(None, "no non-null arguments")


def _trim(s: Any, cutset: Any) -> str:
    return arg_str(s, 0).strip(arg_str(cutset, 1, "cutset"))


def _trimprefix(s: Any, prefix: Any) -> str:
    return arg_str(s, 0).removeprefix(arg_str(prefix, 1, "prefix"))


def _trimsuffix(s: Any, suffix: Any) -> str:
    return arg_str(s, 0).removesuffix(arg_str(suffix, 1, "suffix"))


def _indent(spaces: Any, s: Any) -> str:
    n = arg_int(spaces, 0, "spaces")
    lines = arg_str(s, 1).split("\n")
    return "\n".join([lines[0], *(" " * n + line for line in lines[1:])])


def _pattern(p: Any) -> re.Pattern[str]:
    text = arg_str(p, 0, "pattern")
    try:
        return re.compile(text)
    except re.error as exc:
        raise ArgError(0, f'Invalid value for "pattern" parameter: invalid regular expression pattern: {exc}.') from None


def _match_value(pattern: re.Pattern[str], m: re.Match[str]) -> Any:
    if pattern.groupindex:
        return {name: m.group(name) for name in pattern.groupindex}
    if pattern.groups:
        return list(m.groups())
    return m.group(0)


def _regex(p: Any, s: Any) -> Any:
    pattern = _pattern(p)
    m = pattern.search(arg_str(s, 1, "string"))
    if m is None:
        raise ArgError(None, "pattern did not match any part of the given string")
    return _match_value(pattern, m)


def _regexall(p: Any, s: Any) -> list[Any]:
    pattern = _pattern(p)
    return [_match_value(pattern, m) for m in pattern.finditer(arg_str(s, 1, "string"))]


def _log(n: Any, base: Any) -> float:
    x, b = arg_num(n, 0), arg_num(base, 1, "base")
    if x <= 0 or b <= 0 or b == 1:
        raise ArgError(None, "log is defined only for positive numbers and a base other than 1")
    return math.log(x, b)


def _pow(n: Any, power: Any) -> int | float:
    x, p = arg_num(n, 0), arg_num(power, 1, "power")
    if abs(p) > 1024 and abs(x) > 1:
        raise ArgError(1, 'Invalid value for "power" parameter: the result would be too large.')
    return x**p if not (isinstance(x, int) and isinstance(p, int) and p < 0) else float(x) ** p


def _parseint(s: Any, base: Any) -> int:
    text, b = arg_str(s, 0, "number"), arg_int(base, 1, "base")
    if not 2 <= b <= 62:
        raise ArgError(1, 'Invalid value for "base" parameter: base must be a whole number between 2 and 62 inclusive.')
    try:
        return int(text, b)
    except ValueError:
        raise ArgError(0, f'Invalid value for "number" parameter: cannot parse "{text}" as a base {b} integer.') from None


def _csvdecode(s: Any) -> list[dict[str, str]]:
    import csv  # imported by the configurations that call csvdecode only

    rows = list(csv.reader(io.StringIO(arg_str(s, 0))))
    if not rows:
        raise ArgError(0, 'Invalid value for "str" parameter: missing header line.')
    header, out = rows[0], []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ArgError(0, f'Invalid value for "str" parameter: record on line {n}: wrong number of fields.')
        out.append(dict(zip(header, row, strict=True)))
    return out


def _network(prefix: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    text = arg_str(prefix, 0, "prefix")
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise ArgError(0, f'Invalid value for "prefix" parameter: invalid CIDR address: {text}.') from None


def _cidrhost(prefix: Any, hostnum: Any) -> str:
    net, n = _network(prefix), arg_int(hostnum, 1, "hostnum")
    if n < -net.num_addresses or n >= net.num_addresses:
        raise ArgError(1, f'Invalid value for "hostnum" parameter: prefix of {net.prefixlen} does not accommodate a host numbered {n}.')
    return str(net[n])


def _cidrnetmask(prefix: Any) -> str:
    net = _network(prefix)
    if net.version != 4:
        raise ArgError(0, 'Invalid value for "prefix" parameter: only IPv4 networks have a netmask.')
    return str(net.netmask)


def _cidrsubnet(prefix: Any, newbits: Any, netnum: Any) -> str:
    net, bits, num = _network(prefix), arg_int(newbits, 1, "newbits"), arg_int(netnum, 2, "netnum")
    if bits < 0 or net.prefixlen + bits > net.max_prefixlen:
        raise ArgError(1, f'Invalid value for "newbits" parameter: insufficient address space to extend prefix of {net.prefixlen} by {bits}.')
    if not 0 <= num < 2**bits:
        raise ArgError(2, f'Invalid value for "netnum" parameter: prefix extension of {bits} does not accommodate a subnet numbered {num}.')
    size = 2 ** (net.max_prefixlen - net.prefixlen - bits)
    return f"{ipaddress.ip_address(int(net.network_address) + num * size)}/{net.prefixlen + bits}"


def _cidrsubnets(prefix: Any, *newbits: Any) -> list[str]:
    net = _network(prefix)
    out: list[str] = []
    current = int(net.network_address)
    end = current + net.num_addresses
    for i, nb in enumerate(newbits, start=1):
        bits = arg_int(nb, i, "newbits")
        if bits < 1 or net.prefixlen + bits > net.max_prefixlen:
            raise ArgError(i, f'Invalid value for "newbits" parameter: would extend prefix to {net.prefixlen + bits} bits, which is too long for an IPv{net.version} address.')
        size = 2 ** (net.max_prefixlen - net.prefixlen - bits)
        current = -(-current // size) * size
        if current + size > end:
            raise ArgError(i, f'Invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of {net.prefixlen + bits} bits after {ipaddress.ip_address(current - 1)}.')
        out.append(f"{ipaddress.ip_address(current)}/{net.prefixlen + bits}")
        current += size
    return out


def _hash(name: str, encode: str = "hex") -> Any:
    def run(s: Any) -> str:
        import hashlib

        digest = hashlib.new(name, arg_str(s, 0).encode())
        return digest.hexdigest() if encode == "hex" else base64.b64encode(digest.digest()).decode()

    return run


def _urlencode(s: Any) -> str:
    import urllib.parse

    return urllib.parse.quote(arg_str(s, 0), safe="-_.~")


def _str(f: Any) -> Any:
    return lambda s: f(arg_str(s, 0))


def _tobool(v: Any) -> bool | None:
    if v is None or isinstance(v, bool):
        return v
    if v in ("true", "false"):
        return bool(v == "true")
    raise ArgError(0, f"Invalid value for \"v\" parameter: cannot convert {type_name(v)} to bool.")


F = Function
FUNCTIONS.update({
    "sum": F(_sum, ("list",)),
    "zipmap": F(_zipmap, ("keys", "values"), structural=True),
    "sort": F(_sort, ("list",)),
    "reverse": F(lambda v: list(reversed(arg_list(v, 0))), ("list",), structural=True),
    "slice": F(_slice, ("list", "start_index", "end_index"), structural=True),
    "one": F(_one, ("list",), structural=True),
    "alltrue": F(lambda v: all(_bools(v)), ("list",)),
    "anytrue": F(lambda v: any(_bools(v)), ("list",)),
    "index": F(_index, ("list", "value")),
    "setunion": F(_set_op("union"), (), variadic=True),
    "setintersection": F(_set_op("intersection"), (), variadic=True),
    "setsubtract": F(_set_op("subtract"), ("a", "b")),
    "compact": F(_compact, ("list",)),
    "chunklist": F(_chunklist, ("list", "size"), structural=True),
    "transpose": F(_transpose, ("values",)),
    "coalescelist": F(_coalescelist, (), variadic=True, structural=True),
    "trim": F(_trim, ("str", "cutset")),
    "trimprefix": F(_trimprefix, ("str", "prefix")),
    "trimsuffix": F(_trimsuffix, ("str", "suffix")),
    "chomp": F(_str(lambda s: re.sub(r"(\r\n|\n|\r)+$", "", s)), ("str",)),
    "strrev": F(_str(lambda s: s[::-1]), ("str",)),
    "indent": F(_indent, ("spaces", "str")),
    "regex": F(_regex, ("pattern", "string")),
    "regexall": F(_regexall, ("pattern", "string")),
    "signum": F(lambda n: (arg_num(n, 0) > 0) - (arg_num(n, 0) < 0), ("num",)),
    "log": F(_log, ("num", "base")),
    "pow": F(_pow, ("num", "power")),
    "parseint": F(_parseint, ("number", "base")),
    "tobool": F(_tobool, ("v",)),
    "csvdecode": F(_csvdecode, ("str",)),
    "urlencode": F(_urlencode, ("str",)),
    "sha1": F(_hash("sha1"), ("str",)),
    "sha512": F(_hash("sha512"), ("str",)),
    "base64sha256": F(_hash("sha256", "base64"), ("str",)),
    "base64sha512": F(_hash("sha512", "base64"), ("str",)),
    "cidrhost": F(_cidrhost, ("prefix", "hostnum")),
    "cidrnetmask": F(_cidrnetmask, ("prefix",)),
    "cidrsubnet": F(_cidrsubnet, ("prefix", "newbits", "netnum")),
    "cidrsubnets": F(_cidrsubnets, ("prefix",), variadic=True),
    "basename": F(_str(lambda p: p.rstrip("/").rsplit("/", 1)[-1] or ("/" if p.startswith("/") else ".")), ("path",)),
    "dirname": F(_str(lambda p: (p.rstrip("/").rsplit("/", 1)[0] or "/") if "/" in p.rstrip("/") else ("/" if p.startswith("/") else ".")), ("path",)),
})
