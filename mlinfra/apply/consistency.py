"""The planned-vs-applied check: a provider must return what it planned.

Every attribute whose value was known in the plan must come back equal from apply;
otherwise the provider has a bug, reported as Terraform does ("Provider produced
inconsistent result after apply") at the resource and attribute, without showing a
sensitive value. The walker keeps the object in state (a create tainted), since it
exists whatever its attributes say.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.values import UNKNOWN, Path, changed_paths, contains_unknown, get_path, path_str

SUMMARY = "Provider produced inconsistent result after apply"
SHOWN = 5


def inconsistencies(
    provider: str, address: str, planned: dict[str, Any], applied: dict[str, Any], sensitive: list[Any]
) -> list[d.Diagnostic]:
    """One error per attribute that was known in ``planned`` and differs in ``applied``."""
    paths = list(_differences(planned, applied))
    secret = [tuple(p) for p in sensitive]
    out = []
    for path in paths[:SHOWN]:
        hidden = any(path[: len(s)] == s for s in secret)
        was = "(sensitive value)" if hidden else _show(get_path(planned, path))
        now = "(sensitive value)" if hidden else _show(get_path(applied, path))
        out.append(
            d.error(
                SUMMARY,
                f'When applying changes to {address}, provider "{provider}" produced an unexpected new '
                f"value: .{path_str(path)}: was {was}, but now {now}.\n\n"
                "This is a bug in the provider, which should be reported in the provider's own issue tracker.",
                address=address,
            )
        )
    if len(paths) > SHOWN:
        out.append(d.error(SUMMARY, f"{len(paths) - SHOWN} more attributes of {address} differ from the plan.", address=address))
    return out


def _differences(planned: dict[str, Any], applied: dict[str, Any]) -> Iterator[Path]:
    for k, v in planned.items():
        yield from _diff(v, applied.get(k), (k,))


def _diff(planned: Any, applied: Any, path: Path) -> Iterator[Path]:
    if planned is UNKNOWN:
        return
    if not contains_unknown(planned):
        yield from changed_paths(planned, applied, path)
        return
    if isinstance(planned, dict) and isinstance(applied, dict):
        for k in sorted(set(planned) | set(applied), key=str):
            if k not in planned:
                yield (*path, k)
            else:
                yield from _diff(planned[k], applied.get(k), (*path, k))
        return
    if isinstance(planned, list) and isinstance(applied, list) and len(planned) == len(applied):
        for i, (p, a) in enumerate(zip(planned, applied, strict=True)):
            yield from _diff(p, a, (*path, i))
        return
    yield path


def _show(v: Any) -> str:
    if v is None:
        return "null"
    try:
        return json.dumps(v, sort_keys=True, default=str)
    except (TypeError, ValueError):
        return repr(v)
