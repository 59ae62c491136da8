"""The saved plan file: ``plan --out FILE`` writes it, ``apply FILE`` and ``show FILE`` read it.

A plan file is one JSON document with a ``mlinfra_plan_format`` version field. It keeps
every field of ``Plan`` exactly, so applying it does what was shown: values are plain
JSON except for a few tagged objects (``{"$unknown": true}``, ``{"$sensitive": ...}``,
``{"$tuple": [...]}``, ``{"$action": "-/+"}``, ``{"$mode": "destroy"}``, and ``$map``
for a map whose keys could be mistaken for a tag). Sensitive values are stored, since
apply needs them: a plan file is as secret as the state, and is written readable by
its owner only.

Reading never raises anything but ``DiagnosticsError``. Whether the plan is stale
against the current state is the engine's concern, not this module's.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import mlinfra
from mlinfra import diagnostics, values
from mlinfra.plans.model import Action, DataRead, Mode, OutputChange, Plan, ResourceChange

FORMAT = 1
FORMAT_FIELD = "mlinfra_plan_format"
_TAGS = ("$unknown", "$sensitive", "$tuple", "$action", "$mode", "$map")
# Plan fields holding lists of changes.
_LISTS = ("changes", "drift", "output_changes", "data_reads")
# Fields holding attribute paths, which always load as tuples.
_PATH_FIELDS = frozenset({"replace_paths", "before_sensitive", "after_sensitive"})


class _Malformed(ValueError):
    pass


def encode_value(v: Any) -> Any:
    """A value as JSON data, with the marks JSON cannot hold written as tagged objects."""
    if v is values.UNKNOWN:
        return {"$unknown": True}
    if isinstance(v, values.Sensitive):
        return {"$sensitive": encode_value(v.value)}
    if isinstance(v, Action):
        return {"$action": v.value}
    if isinstance(v, Mode):
        return {"$mode": v.value}
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, tuple):
        return {"$tuple": [encode_value(x) for x in v]}
    if isinstance(v, list):
        return [encode_value(x) for x in v]
    if isinstance(v, dict):
        if not all(isinstance(k, str) for k in v):
            raise TypeError(f"plan values may only have string map keys, not {list(v)!r}")
        body = {k: encode_value(x) for k, x in v.items()}
        return {"$map": body} if any(k.startswith("$") for k in v) else body
    raise TypeError(f"cannot save a {type(v).__name__} in a plan file")


def decode_value(v: Any) -> Any:
    """The inverse of ``encode_value``."""
    if isinstance(v, list):
        return [decode_value(x) for x in v]
    if not isinstance(v, dict):
        return v
    tags = [k for k in v if k in _TAGS]
    if not tags:
        return {k: decode_value(x) for k, x in v.items()}
    if len(v) != 1:
        raise _Malformed(f"a tagged value has extra keys: {sorted(v)}")
    tag, body = tags[0], v[tags[0]]
    if tag == "$unknown":
        return values.UNKNOWN
    if tag == "$sensitive":
        return values.Sensitive(decode_value(body))
    if tag == "$tuple":
        if not isinstance(body, list):
            raise _Malformed("$tuple must hold a list")
        return tuple(decode_value(x) for x in body)
    if tag == "$action":
        try:
            return Action(body)
        except ValueError:
            raise _Malformed(f"unknown action {body!r}") from None
    if tag == "$mode":
        try:
            return Mode(body)
        except ValueError:
            raise _Malformed(f"unknown plan mode {body!r}") from None
    if not isinstance(body, dict):
        raise _Malformed("$map must hold an object")
    return {k: decode_value(x) for k, x in body.items()}


def _encode_dataclass(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    fields = [f.name for f in dataclasses.fields(obj) if f.name not in skip]
    return {name: encode_value(getattr(obj, name)) for name in fields}


def _decode_dataclass(cls: type[Any], data: Any, where: str, **given: Any) -> Any:
    if not isinstance(data, dict):
        raise _Malformed(f"{where} is not an object")
    known = {f.name for f in dataclasses.fields(cls)}
    unexpected = sorted(set(data) - known)
    if unexpected:
        raise _Malformed(f"{where} has unexpected fields: {', '.join(unexpected)}")
    fields = {k: decode_value(x) for k, x in data.items()}
    for name in _PATH_FIELDS & known:
        fields[name] = _paths(fields.get(name, []), f"{where}.{name}")
    try:
        return cls(**fields, **given)
    except TypeError as e:
        raise _Malformed(f"{where}: {e}") from None


def _paths(items: Any, where: str) -> list[values.Path]:
    if not isinstance(items, list) or not all(isinstance(p, list | tuple) for p in items):
        raise _Malformed(f"{where} is not a list of attribute paths")
    return [tuple(p) for p in items]


def plan_to_document(plan: Plan) -> dict[str, Any]:
    """The plan file's JSON document."""
    doc = _encode_dataclass(plan, skip=_LISTS)
    doc["changes"] = [_encode_dataclass(c) for c in plan.changes]
    doc["drift"] = [_encode_dataclass(c) for c in plan.drift]
    doc["output_changes"] = [_encode_dataclass(o) for o in plan.output_changes]
    doc["data_reads"] = [_encode_dataclass(r) for r in plan.data_reads]
    return {FORMAT_FIELD: FORMAT, "mlinfra_version": mlinfra.__version__, **doc}


def plan_from_document(doc: Any) -> Plan:
    """The ``Plan`` in a plan file's document; raises ``_Malformed`` on a bad one."""
    if not isinstance(doc, dict):
        raise _Malformed("the document is not a JSON object")
    body = {k: v for k, v in doc.items() if k not in (FORMAT_FIELD, "mlinfra_version")}
    lists = {"changes": ResourceChange, "drift": ResourceChange, "output_changes": OutputChange, "data_reads": DataRead}
    parsed: dict[str, Any] = {}
    for name, cls in lists.items():
        items = body.pop(name, [])
        if not isinstance(items, list):
            raise _Malformed(f"{name} is not a list")
        parsed[name] = [_decode_dataclass(cls, x, f"{name}[{i}]") for i, x in enumerate(items)]
    plan: Plan = _decode_dataclass(Plan, body, "the plan", **parsed)
    _check(plan)
    return plan


def _check(plan: Plan) -> None:
    if not isinstance(plan.mode, Mode):
        raise _Malformed("mode is not a plan mode")
    for c in [*plan.changes, *plan.drift]:
        if not isinstance(c.action, Action):
            raise _Malformed(f"the change of {c.address} has no action")
    for o in plan.output_changes:
        if not isinstance(o.action, Action):
            raise _Malformed(f"the change of output {o.name} has no action")
    if not isinstance(plan.serial, int) or not isinstance(plan.lineage, str):
        raise _Malformed("lineage and serial are missing or of the wrong type")


def save_plan(plan: Plan, path: Path, codec: Any = None) -> None:
    """Write the plan atomically (temp file, fsync, rename), readable by its owner only.

    ``codec`` (a ``mlinfra.states.crypto.Codec``) encrypts it when the state is encrypted.
    """
    doc = plan_to_document(plan)
    if codec is not None:
        doc = codec.seal(doc, f"The plan file {path}")
    text = json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise diagnostics.DiagnosticsError(
            diagnostics.error(
                "Failed to write plan file", f"Could not write {path}: {e.strerror or e}."
            )
        ) from None


def _read_error(path: Path, problem: str) -> diagnostics.DiagnosticsError:
    return diagnostics.DiagnosticsError(
        diagnostics.error("Failed to read plan file", f"The plan file {path} {problem}")
    )


def load_plan(path: Path, codec: Any = None) -> Plan:
    """Read a saved plan; any problem becomes a ``DiagnosticsError`` naming the file.

    An encrypted plan is opened with ``codec``; without one it is refused with the fix.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise _read_error(path, f"could not be read: {e.strerror or e}.") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _read_error(path, "is not a saved mlinfra plan (it is not UTF-8 text).") from None
    except json.JSONDecodeError as e:
        raise _read_error(
            path,
            f"is not valid JSON ({e.msg} at line {e.lineno} column {e.colno}); "
            "it may be truncated or corrupt. Create it again with mlinfra plan --out.",
        ) from None
    if isinstance(doc, dict) and (codec is not None or doc.get("encryption")):
        from mlinfra.states.crypto import PLAIN

        doc = (codec or PLAIN).open(doc, f"The plan file {path}")
    fmt = doc.get(FORMAT_FIELD) if isinstance(doc, dict) else None
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        raise _read_error(path, f"is not a saved mlinfra plan (it has no {FORMAT_FIELD} field).")
    if fmt > FORMAT:
        version = doc.get("mlinfra_version") or "a newer version"
        raise diagnostics.DiagnosticsError(
            diagnostics.error(
                "Saved plan was created by a newer mlinfra",
                f"The plan file {path} was written by mlinfra {version} in plan format {fmt}; "
                f"this mlinfra ({mlinfra.__version__}) reads plan format {FORMAT} only. "
                "Apply it with that version, or create the plan again with this one.",
            )
        )
    try:
        return plan_from_document(doc)
    except _Malformed as e:
        raise _read_error(path, f"is damaged: {e}.") from None
