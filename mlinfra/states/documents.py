"""Validation of state documents: nothing read from a state file, a journal or
``state push`` is trusted before it is checked.

A state document is JSON that anyone with the file could have edited. ``decode`` parses
its bytes within limits (UTF-8, finite numbers of at most ``MAX_INT_DIGITS`` digits, at
most ``MAX_DEPTH`` levels of nesting) and ``check`` checks a current-format document
against the schema ``State.to_json`` writes: field types, a non-negative integer serial,
resource addresses that parse and agree with their kind, known statuses, dependencies
that are addresses. Every failure is a ``StateError`` naming the file, the field
(``resources[2].address``) and the fix, so a damaged or hostile state is a clean error
and never an internal one. ``restore_advice`` offers the ``.backup`` copy only when
there is one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mlinfra import addrs
from mlinfra.diagnostics import SourceRange
from mlinfra.states.errors import StateError, state_error
from mlinfra.states.model import State

# Deeper than any value a configuration may hold (mlinfra.config.limits.MAX_VALUE_DEPTH)
# plus the levels of the document around it.
MAX_DEPTH = 128
# Integers beyond this many digits are not attributes any provider returns.
MAX_INT_DIGITS = 100
STATUSES = ("ready", "tainted", "creating")


# What to do about a damaged state in a remote backend.
REMOTE_ADVICE = (
    "If it was damaged, restore a previous version where the store keeps them, or push a "
    "good copy with mlinfra state push."
)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".backup")


def restore_advice(path: Path) -> str:
    """What to do about a damaged state file: restore the backup, when there is one."""
    backup = backup_path(path)
    if backup.is_file():
        return f"If the file was damaged, restore the previous state: copy {backup} over {path}."
    return (
        f"There is no backup of it ({backup.name} does not exist): repair the file by hand, "
        "or push a good copy with mlinfra state push."
    )


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")) or value != value:
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"an integer of {len(text)} digits is out of range")
    return int(text)


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a JSON number")


def loads(text: str | bytes) -> Any:
    """``json.loads`` within the limits on numbers (nesting is the caller's to check);
    raises ValueError (JSONDecodeError for syntax) or RecursionError."""
    return json.loads(text, parse_float=_finite, parse_int=_bounded_int, parse_constant=_no_constant)


def decode(data: bytes, where: str, advice: str = "") -> Any:
    """The JSON value of ``data`` within the limits above; a ``StateError`` otherwise."""

    def invalid(why: str, rng: SourceRange | None = None) -> StateError:
        return state_error(
            "Failed to load state", f"{where} is not a valid mlinfra state: {why}. {advice}".rstrip(), rng
        )

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise invalid(f"it is not UTF-8 text (byte {e.start})") from None
    try:
        doc = loads(text)
    except json.JSONDecodeError as e:
        raise invalid(
            f"it is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}",
            SourceRange(where, e.lineno, e.colno),
        ) from None
    except RecursionError:
        raise invalid(f"it nests more than {MAX_DEPTH} levels deep") from None
    except ValueError as e:
        raise invalid(str(e)) from None
    deep = too_deep(doc, MAX_DEPTH)
    if deep:
        raise invalid(f"{deep} nests more than {MAX_DEPTH} levels deep")
    return doc


def too_deep(value: Any, limit: int) -> str | None:
    """The path of the first place ``value`` nests more than ``limit`` levels, or None.

    Only containers are walked, and the path is spelled out only for a document that is
    too deep (a state of thousands of records is read on every command)."""
    level = [value] if isinstance(value, dict | list) else []
    depth = 0
    while level:  # one level of containers at a time
        if depth >= limit:
            return _path_too_deep(value, limit)
        below: list[Any] = []
        for v in level:
            for x in v.values() if isinstance(v, dict) else v:
                if isinstance(x, dict | list):
                    below.append(x)
        level = below
        depth += 1
    return None


def _path_too_deep(value: Any, limit: int) -> str | None:
    stack: list[tuple[Any, int, str]] = [(value, 0, "the document")]
    while stack:
        v, depth, path = stack.pop()
        if isinstance(v, dict | list):
            if depth >= limit:
                return path
            items = v.items() if isinstance(v, dict) else enumerate(v)
            stack.extend((x, depth + 1, f"{path}[{k!r}]" if depth else f"[{k!r}]") for k, x in items)
    return None


class _Checker:
    """Walks a document, raising a ``StateError`` at the first field that is wrong."""

    def __init__(self, where: str, advice: str) -> None:
        self.where = where
        self.advice = advice

    def fail(self, field: str, why: str) -> StateError:
        return state_error(
            "Failed to load state",
            f"{self.where} is not a valid mlinfra state: {field} {why}. {self.advice}".rstrip(),
        )

    def typed(self, o: dict[str, Any], key: str, field: str, types: type | tuple[type, ...],
              what: str, required: bool = True) -> Any:  # fmt: skip
        if key not in o:
            if required:
                raise self.fail(f"{field}.{key}" if field else key, "is missing")
            return None
        v = o[key]
        if v is None and not required:
            return None
        if not isinstance(v, types) or (isinstance(v, bool) and bool not in _as_tuple(types)):
            raise self.fail(f"{field}.{key}" if field else key, f"must be {what}")
        return v

    def address(self, text: Any, field: str) -> addrs.Address:
        if not isinstance(text, str):
            raise self.fail(field, "must be a resource address (a string)")
        try:
            return addrs.of(text)  # once per text: dependencies repeat other records' addresses
        except addrs.AddressError as e:
            raise self.fail(field, f"is not a resource address ({e})") from None

    def resource(self, r: Any, field: str) -> None:
        if not _plain_record(r):  # the common case, checked without spelling fields' paths
            self.record(r, field)

    def record(self, r: Any, field: str) -> None:
        """Check a resource record field by field, raising at the first that is wrong."""
        if not isinstance(r, dict):
            raise self.fail(field, "must be an object")
        mode = r.get("mode", "managed")
        if mode not in ("managed", "data"):
            raise self.fail(f"{field}.mode", 'must be "managed" or "data"')
        text = r.get("address")
        if mode == "data":  # data.KIND.NAME: a data source's read
            if not isinstance(text, str) or not text.startswith("data."):
                raise self.fail(f"{field}.address", "must be a data source address (data.KIND.NAME)")
            text = text[len("data.") :]
        a = self.address(text, f"{field}.address")
        kind = self.typed(r, "kind", field, str, "a string")
        if kind != a.kind:
            raise self.fail(f"{field}.kind", f'is "{kind[:40]}", but the address {a} is a {a.kind}')
        self.typed(r, "provider", field, str, "a string")
        self.typed(r, "id", field, str, "a string or null", required=False)
        self.typed(r, "attributes", field, dict, "an object", required=False)
        self.typed(r, "private", field, dict, "an object", required=False)
        version = self.typed(r, "schema_version", field, int, "an integer", required=False)
        if version is not None and version < 0:
            raise self.fail(f"{field}.schema_version", "must not be negative")
        status = r.get("status")
        if status is not None and status not in STATUSES:
            raise self.fail(f"{field}.status", f"must be one of {', '.join(STATUSES)}")
        for i, dep in enumerate(self.typed(r, "dependencies", field, list, "a list", required=False) or []):
            self.address(dep, f"{field}.dependencies[{i}]")
        for i, p in enumerate(self.typed(r, "sensitive_paths", field, list, "a list", required=False) or []):
            if not isinstance(p, list) or not all(isinstance(s, str | int) and not isinstance(s, bool) for s in p):
                raise self.fail(f"{field}.sensitive_paths[{i}]", "must be a list of names and indexes")
        for i, dep in enumerate(self.typed(r, "deposed", field, list, "a list", required=False) or []):
            where = f"{field}.deposed[{i}]"
            if not isinstance(dep, dict):
                raise self.fail(where, "must be an object")
            self.typed(dep, "key", where, str, "a string")
            self.typed(dep, "id", where, str, "a string or null", required=False)
            self.typed(dep, "attributes", where, dict, "an object", required=False)
            self.typed(dep, "private", where, dict, "an object", required=False)

    def outputs(self, outputs: Any, field: str) -> None:
        if not isinstance(outputs, dict):
            raise self.fail(field, "must be an object")
        for name, o in outputs.items():
            if not isinstance(o, dict):
                raise self.fail(f"{field}.{name}", "must be an object")
            self.typed(o, "sensitive", f"{field}.{name}", bool, "true or false", required=False)

    def document(self, doc: Any) -> None:
        if not isinstance(doc, dict):
            raise self.fail("the document", "must be a JSON object")
        serial = self.typed(doc, "serial", "", int, "a whole number")
        if serial < 0:
            raise self.fail("serial", "must not be negative")
        self.typed(doc, "lineage", "", str, "a string")
        self.typed(doc, "format_version", "", int, "an integer")
        self.typed(doc, "mlinfra_version", "", str, "a string", required=False)
        self.outputs(doc.get("outputs") or {}, "outputs")
        seen: set[str] = set()
        for i, r in enumerate(self.typed(doc, "resources", "", list, "a list", required=False) or []):
            self.resource(r, f"resources[{i}]")
            if r["address"] in seen:
                raise self.fail(f"resources[{i}].address", f"repeats {r['address']}")
            seen.add(r["address"])


def _plain_record(r: Any) -> bool:
    """True for a managed resource record that ``_Checker.resource`` passes, checked with
    no call per field: the fields of the JSON types it expects (exactly), a parseable
    address of its kind, dependencies that parse and no deposed objects. False when in
    doubt: the checker then looks at each field and words what is wrong."""
    if type(r) is not dict or r.get("mode", "managed") != "managed":
        return False
    deposed = r.get("deposed")
    if deposed is not None and (type(deposed) is not list or deposed):
        return False
    text, kind = r.get("address"), r.get("kind")
    if type(text) is not str or type(kind) is not str or type(r.get("provider")) is not str:
        return False
    rid, attrs, private, version = r.get("id"), r.get("attributes"), r.get("private"), r.get("schema_version")
    if not (
        (rid is None or type(rid) is str)
        and (attrs is None or type(attrs) is dict)
        and (private is None or type(private) is dict)
        and (version is None or (type(version) is int and version >= 0))
        and r.get("status") in (None, *STATUSES)
    ):
        return False
    deps, paths = r.get("dependencies"), r.get("sensitive_paths")
    if not (deps is None or type(deps) is list) or not (paths is None or type(paths) is list):
        return False
    for p in paths or ():
        if type(p) is not list or not all(type(x) is str or type(x) is int for x in p):
            return False
    try:
        if addrs.of(text).kind != kind:
            return False
        for dep in deps or ():
            if type(dep) is not str:
                return False
            addrs.of(dep)
    except addrs.AddressError:
        return False
    return True


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def check(doc: Any, where: str, advice: str = "") -> None:
    """Check a current-format state document; raises ``StateError`` at the first fault."""
    _Checker(where, advice).document(doc)


def to_state(doc: Any, where: str, advice: str = "") -> State:
    """The ``State`` of a checked current-format document."""
    check(doc, where, advice)
    return State.from_json(doc)


def check_entry(entry: Any, where: str, advice: str = "") -> None:
    """Check one journal entry (a put of a resource record, a remove, or outputs)."""
    c = _Checker(where, advice)
    if not isinstance(entry, dict):
        raise c.fail("an entry", "must be an object")
    op = entry.get("op")
    if op == "put":
        c.resource(entry.get("resource"), "an entry's resource")
    elif op == "remove":
        c.address(entry.get("address"), "an entry's address")
    elif op == "outputs":
        c.outputs(entry.get("outputs"), "an entry's outputs")
