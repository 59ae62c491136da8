"""Values as the engine sees them: plain JSON-like data plus two marks.

- ``UNKNOWN`` stands for a value not known until apply (an output of a resource still
  to be created). It prints as ``(known after apply)`` and anything computed from it is
  UNKNOWN too.
- ``Sensitive(v)`` wraps a value that must never be printed. Marks travel through
  expressions; ``unmark`` strips them into a set of attribute paths for storage.

Paths are tuples of map keys (str) and list indexes (int).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

Path = tuple[str | int, ...]


class _Unknown:
    __slots__ = ()
    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "(known after apply)"

    def __reduce__(self) -> str:
        return "UNKNOWN"

    def __copy__(self) -> _Unknown:
        return self

    def __deepcopy__(self, memo: object) -> _Unknown:
        return self


UNKNOWN: Any = _Unknown()
UnknownType = _Unknown


def is_unknown(v: object) -> bool:
    return v is UNKNOWN


def contains_unknown(v: object) -> bool:
    if v is UNKNOWN:
        return True
    if isinstance(v, Sensitive):
        return contains_unknown(v.value)
    if isinstance(v, dict):
        return any(contains_unknown(x) for x in v.values())
    if isinstance(v, list | tuple):
        return any(contains_unknown(x) for x in v)
    return False


# Told of every value marked sensitive: ``mlinfra.redaction`` collects a run's secrets
# this way, to take them out of the messages providers send back.
on_sensitive: Callable[[Any], None] | None = None


class Sensitive:
    """A value that must not be shown. Compare and hash by the wrapped value."""

    __slots__ = ("value",)
    value: Any

    def __init__(self, value: Any) -> None:
        self.value = value.value if isinstance(value, Sensitive) else value
        if on_sensitive is not None:
            on_sensitive(self.value)

    def __repr__(self) -> str:
        return "(sensitive value)"

    def __eq__(self, other: object) -> bool:
        o = other.value if isinstance(other, Sensitive) else other
        return bool(self.value == o)

    def __hash__(self) -> int:
        return hash(("sensitive", repr(type(self.value))))


def is_sensitive(v: object) -> bool:
    return isinstance(v, Sensitive)


def unmark(value: Any, path: Path = ()) -> tuple[Any, set[Path]]:
    """Strip Sensitive marks; return the plain value and the paths that were marked."""
    paths: set[Path] = set()

    def walk(v: Any, p: Path) -> Any:
        if isinstance(v, Sensitive):
            paths.add(p)
            return walk(v.value, p)
        if isinstance(v, dict):
            return {k: walk(x, (*p, k)) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [walk(x, (*p, i)) for i, x in enumerate(v)]
        return v

    return walk(value, path), paths


def mark(value: Any, paths: Iterable[Path]) -> Any:
    """Re-apply Sensitive marks at the given paths."""
    for p in sorted(set(paths), key=len, reverse=True):
        value = _mark_at(value, p)
    return value


def _mark_at(value: Any, path: Path) -> Any:
    if not path:
        return Sensitive(value)
    head, rest = path[0], path[1:]
    if isinstance(value, dict) and head in value:
        out = dict(value)
        out[head] = _mark_at(value[head], rest)
        return out
    if isinstance(value, list) and isinstance(head, int) and 0 <= head < len(value):
        lst = list(value)
        lst[head] = _mark_at(value[head], rest)
        return lst
    return value


def conceal(value: Any, marker: str = "(sensitive value)") -> Any:
    """Replace every Sensitive value by ``marker``, for display."""
    if isinstance(value, Sensitive):
        return marker
    if isinstance(value, dict):
        return {k: conceal(v, marker) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [conceal(v, marker) for v in value]
    return value


def has_mark(value: Any) -> bool:
    if isinstance(value, Sensitive):
        return True
    if isinstance(value, dict):
        return any(has_mark(x) for x in value.values())
    if isinstance(value, list | tuple):
        return any(has_mark(x) for x in value)
    return False


def split_unknown(value: Any) -> tuple[Any, Any]:
    """(value with UNKNOWN leaves as None, Terraform-style after_unknown mask)."""
    if value is UNKNOWN:
        return None, True
    if isinstance(value, Sensitive):
        return split_unknown(value.value)
    if isinstance(value, dict):
        vals: dict[str, Any] = {}
        mask: dict[str, Any] = {}
        for k, v in value.items():
            vals[k], m = split_unknown(v)
            if m:
                mask[k] = m
        return vals, mask
    if isinstance(value, list | tuple):
        pairs = [split_unknown(v) for v in value]
        masks = [m for _, m in pairs]
        return [v for v, _ in pairs], (masks if any(masks) else [])
    return value, False


def join_unknown(value: Any, mask: Any) -> Any:
    """Inverse of split_unknown."""
    if mask is True:
        return UNKNOWN
    if isinstance(mask, dict) and mask:
        base = dict(value) if isinstance(value, dict) else {}
        for k, m in mask.items():
            base[k] = join_unknown(base.get(k), m)
        return base
    if isinstance(mask, list) and mask and isinstance(value, list):
        return [join_unknown(v, mask[i] if i < len(mask) else False) for i, v in enumerate(value)]
    return value


def get_path(value: Any, path: Path) -> Any:
    for p in path:
        if isinstance(value, Sensitive):
            value = value.value
        if isinstance(value, dict):
            value = value.get(p)  # type: ignore[call-overload]
        elif isinstance(value, list) and isinstance(p, int) and 0 <= p < len(value):
            value = value[p]
        else:
            return None
    return value


def changed_paths(before: Any, after: Any, path: Path = ()) -> Iterator[Path]:
    """The paths of the leaves that differ (UNKNOWN after a known value is a change)."""
    if _identical(before, after):  # the common case of a plan, answered without a walk
        return iter(())
    return _changed_paths(before, after, path)


_SCALARS = (str, int, float, bool, type(None))


def _identical(a: Any, b: Any) -> bool:
    """True only when ``a`` and ``b`` are plain data of the same types and values all the
    way down, so that ``changed_paths`` has nothing to yield; False when in doubt."""
    t = type(a)
    if t is not type(b):
        return False
    if t is str:
        return bool(a == b)
    if t is dict:
        if a.keys() != b.keys():
            return False
        for k, v in a.items():
            w = b[k]
            if type(v) is str:  # most values: no call
                if type(w) is not str or v != w:
                    return False
            elif not _identical(v, w):
                return False
        return True
    if t is list:
        if len(a) != len(b):
            return False
        return all(_identical(x, y) for x, y in zip(a, b, strict=True))
    return t in _SCALARS and bool(a == b)


def _changed_paths(before: Any, after: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(before, Sensitive):
        before = before.value
    if isinstance(after, Sensitive):
        after = after.value
    if after is UNKNOWN:
        if before is not UNKNOWN:
            yield path
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for k in sorted(set(before) | set(after), key=str):
            if k not in before or k not in after:
                if not (_absent_like(before.get(k)) and _absent_like(after.get(k))):
                    yield (*path, k)
            else:
                yield from _changed_paths(before[k], after[k], (*path, k))
        return
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            yield from _changed_paths(b, a, (*path, i))
        return
    if not values_equal(before, after):
        yield path


def _absent_like(v: Any) -> bool:
    return v is None or v == {} or v == []


def values_equal(a: Any, b: Any) -> bool:
    """Equality that treats 1 and 1.0 alike but not True and 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return False
        return all(values_equal(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(values_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``base`` with ``over`` merged in recursively (over wins)."""
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = v
    return out


def path_str(path: Path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out
