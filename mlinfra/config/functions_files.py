"""Terraform's filesystem and date functions: fileexists, fileset, the file hashes,
filebase64, abspath, formatdate and timeadd.

Paths are relative to the configuration's directory, as for ``file``. Every one is
pure: none reads the clock (``timestamp``, ``plantimestamp`` and ``uuid`` live in
``functions_clock``: the plan and the apply give them their values). Importing this module adds them to ``FUNCTIONS``.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from pathlib import Path
from typing import Any

from mlinfra.config import limits
from mlinfra.config.functions import FUNCTIONS, Function, _open_regular
from mlinfra.config.functions_args import ArgError, arg_str


def _fileexists(base: Path, path: Any) -> bool:
    target = base / arg_str(path, 0, "path")
    if target.is_dir():
        raise ArgError(0, f'Invalid value for "path" parameter: "{target}" is a directory, not a file.')
    return target.is_file()


def _fileset(base: Path, path: Any, pattern: Any) -> list[str]:
    root = base / arg_str(path, 0, "path")
    glob = arg_str(pattern, 1, "pattern")
    if glob.startswith("/") or ".." in Path(glob).parts:
        raise ArgError(1, f'Invalid value for "pattern" parameter: the pattern "{glob}" must stay inside the path.')
    out: list[str] = []
    for p in root.glob(glob):
        if p.is_file():
            out.append(p.relative_to(root).as_posix())
            if len(out) > limits.MAX_COLLECTION_LENGTH:
                raise ArgError(1, f'Invalid value for "pattern" parameter: it matches more than {limits.MAX_COLLECTION_LENGTH:,} files (see {limits.DOCS}).')
    return sorted(out)


def _file_digest(name: str, encode: str = "hex") -> Any:
    def run(base: Path, path: Any) -> str:
        import hashlib

        _, fh = _open_regular(base, path, None)
        with fh:
            digest = hashlib.file_digest(fh, name)
        return digest.hexdigest() if encode == "hex" else base64.b64encode(digest.digest()).decode()

    return run


def _filebase64(base: Path, path: Any) -> str:
    _, fh = _open_regular(base, path, limits.MAX_STRING_LENGTH * 3 // 4)
    with fh:
        return base64.b64encode(fh.read()).decode()


def _abspath(base: Path, path: Any) -> str:
    return (base / arg_str(path, 0, "path")).resolve().as_posix()


def _timestamp(v: Any, i: int) -> dt.datetime:
    text = arg_str(v, i, "timestamp")
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", text):
            raise ValueError
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ArgError(i, f'Invalid value for "timestamp" parameter: not a valid RFC3339 timestamp: "{text}".') from None


_TOKENS = re.compile(r"'(?:[^']|'')*'|YYYY|YY|MMMM|MMM|MM|M|DD|D|EEEE|EEE|hh|h|HH|H|AA|aa|mm|m|ss|s|ZZZZZ|ZZZZ|ZZZ|Z|[A-Za-z]+|[^A-Za-z']+")


def _zone(t: dt.datetime, style: str) -> str:
    offset = t.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign, minutes = ("-" if minutes < 0 else "+"), abs(minutes)
    hh, mm = divmod(minutes, 60)
    if style == "Z":
        return "Z" if minutes == 0 else f"{sign}{hh:02d}:{mm:02d}"
    if style == "ZZZ":
        return "UTC" if minutes == 0 else f"{sign}{hh:02d}{mm:02d}"
    return f"{sign}{hh:02d}{mm:02d}" if style == "ZZZZ" else f"{sign}{hh:02d}:{mm:02d}"


def _formatdate(spec: Any, timestamp: Any) -> str:
    fmt, t = arg_str(spec, 0, "format"), _timestamp(timestamp, 1)
    h12 = t.hour % 12 or 12
    values = {
        "YYYY": f"{t.year:04d}", "YY": f"{t.year % 100:02d}", "MMMM": t.strftime("%B"), "MMM": t.strftime("%b"),
        "MM": f"{t.month:02d}", "M": str(t.month), "DD": f"{t.day:02d}", "D": str(t.day),
        "EEEE": t.strftime("%A"), "EEE": t.strftime("%a"), "hh": f"{t.hour:02d}", "h": str(t.hour),
        "HH": f"{h12:02d}", "H": str(h12), "AA": "AM" if t.hour < 12 else "PM", "aa": "am" if t.hour < 12 else "pm",
        "mm": f"{t.minute:02d}", "m": str(t.minute), "ss": f"{t.second:02d}", "s": str(t.second),
    }  # fmt: skip
    out: list[str] = []
    for tok in _TOKENS.findall(fmt):
        if tok.startswith("'"):
            if len(tok) < 2 or not tok.endswith("'"):
                raise ArgError(0, 'Invalid value for "format" parameter: unterminated literal \'.')
            out.append(tok[1:-1].replace("''", "'"))
        elif tok in values:
            out.append(values[tok])
        elif tok.startswith("Z") and tok in ("Z", "ZZZ", "ZZZZ", "ZZZZZ"):
            out.append(_zone(t, tok))
        elif tok[0].isalpha():
            raise ArgError(0, f'Invalid value for "format" parameter: invalid date format verb "{tok}": unsupported format verb.')
        else:
            out.append(tok)
    return "".join(out)


_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def _timeadd(timestamp: Any, duration: Any) -> str:
    t, text = _timestamp(timestamp, 0), arg_str(duration, 1, "duration")
    m = re.fullmatch(r"([+-]?)((?:\d+(?:\.\d*)?(?:ns|us|µs|ms|s|m|h))+)", text)
    if m is None:
        raise ArgError(1, f'Invalid value for "duration" parameter: time: invalid duration "{text}".')
    seconds = sum(float(n) * _UNITS[u] for n, u in re.findall(r"(\d+(?:\.\d*)?)(ns|us|µs|ms|s|m|h)", m.group(2)))
    if seconds > 1e10:
        raise ArgError(1, f'Invalid value for "duration" parameter: time: invalid duration "{text}".')
    result = t + dt.timedelta(seconds=-seconds if m.group(1) == "-" else seconds)
    text = result.isoformat().replace("+00:00", "Z")
    return text


F = Function
FUNCTIONS.update({
    "fileexists": F(_fileexists, ("path",), needs_base_dir=True),
    "fileset": F(_fileset, ("path", "pattern"), needs_base_dir=True),
    "filemd5": F(_file_digest("md5"), ("path",), needs_base_dir=True),
    "filesha1": F(_file_digest("sha1"), ("path",), needs_base_dir=True),
    "filesha512": F(_file_digest("sha512"), ("path",), needs_base_dir=True),
    "filebase64sha256": F(_file_digest("sha256", "base64"), ("path",), needs_base_dir=True),
    "filebase64": F(_filebase64, ("path",), needs_base_dir=True),
    "abspath": F(_abspath, ("path",), needs_base_dir=True),
    "formatdate": F(_formatdate, ("format", "timestamp")),
    "timeadd": F(_timeadd, ("timestamp", "duration")),
})
