"""The working directory's record of its initialized backend, and ``-backend-config``.

``mlinfra init`` records the backend it set up in ``.mlinfra/backend.json`` (owner-only
permissions): the type, a digest of the settings written in the configuration, and the
settings given with ``-backend-config`` (which may hold credentials, so they stay out of
the configuration, the state and plan files). Every later command uses the configuration's
settings merged with the recorded ones, and refuses to run when the configuration's
backend changed since: ``init -migrate-state`` moves the states, ``init -reconfigure``
forgets the old backend. A local backend needs no ``init``; any other does.

``-backend-config`` takes ``KEY=VALUE`` or the path of a file of ``key = value`` lines
(values as in HCL: a quoted string, a number or a bool; ``#`` starts a comment).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mlinfra.records import field, frozen
from mlinfra.states import local_files
from mlinfra.states.errors import state_error

RECORD = Path(".mlinfra") / "backend.json"


@frozen
class BackendRecord:
    type: str
    settings: dict[str, Any] = field(default_factory=dict)  # from the configuration
    extra: dict[str, Any] = field(default_factory=dict)  # from -backend-config

    @property
    def merged(self) -> dict[str, Any]:
        return {**self.settings, **self.extra}


def read_record(workdir: Path) -> BackendRecord | None:
    path = workdir / RECORD
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return BackendRecord(
            str(doc["type"]), dict(doc.get("settings") or {}), dict(doc.get("extra") or {})
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        raise state_error(
            "Backend record is damaged",
            f"{path} cannot be read. Run mlinfra init -reconfigure to set the backend up again.",
        ) from None


def write_record(workdir: Path, record: BackendRecord) -> None:
    doc = {"type": record.type, "settings": record.settings, "extra": record.extra}
    data = (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("utf-8")
    with local_files.os_errors("Failed to record the backend", workdir / RECORD):
        local_files.atomic_write(workdir / RECORD, data, 0o600)


def _value(text: str) -> Any:
    text = text.strip()
    if text in ("true", "false"):
        return text == "true"
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_backend_config(items: list[str], workdir: Path) -> dict[str, Any]:
    """The settings given as ``-backend-config`` items, later ones winning."""
    out: dict[str, Any] = {}
    for item in items:
        key, eq, value = item.partition("=")
        if eq and key.strip() and "/" not in key and not Path(workdir / item).is_file():
            out[key.strip()] = value
            continue
        path = Path(item).expanduser()
        path = path if path.is_absolute() else workdir / path
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise state_error(
                "Invalid -backend-config",
                f'"{item}" is neither KEY=VALUE nor a readable file ({e}).',
            ) from None
        for n, line in enumerate(lines, 1):
            text = line.split("#", 1)[0].strip() if not line.strip().startswith('"') else line
            if not text.strip():
                continue
            key, eq, value = text.partition("=")
            if not eq or not key.strip().isidentifier():
                raise state_error(
                    "Invalid -backend-config file",
                    f"{path} line {n}: expected key = value, like bucket = \"my-states\".",
                )
            out[key.strip()] = _value(value)
    return out


def effective_settings(
    workdir: Path, backend_type: str, settings: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """The backend to use: the configuration's, with the settings ``init`` recorded."""
    record = read_record(workdir)
    if record is None:
        if backend_type == "local":
            return backend_type, dict(settings)
        raise state_error(
            "Backend initialization required",
            f'The configuration uses the "{backend_type}" backend, which has not been '
            "initialized in this directory. Run: mlinfra init",
        )
    if record.type != backend_type or record.settings != settings:
        raise state_error(
            "Backend configuration changed",
            f'The backend configuration changed since mlinfra init (it was "{record.type}", '
            f'now "{backend_type}"). Run mlinfra init -migrate-state to move the states to the '
            "new backend, or mlinfra init -reconfigure to use it without moving anything.",
        )
    return backend_type, {**settings, **record.extra}
