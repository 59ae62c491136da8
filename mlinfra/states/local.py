"""The local backend: the state as a JSON file on this machine, with its companions.

Beside ``mlinfra.state.json`` live ``.backup`` (the previous version, kept by hard link
so it costs nothing), ``.lock`` and ``.lock.info`` (see ``lock``) and, during an apply,
``.journal`` (see ``journal``). Every full write is atomic (``local_files``) and its
serial is one more than both the file's and the given state's. ``journal`` needs a state
file to stand on: when there is none yet (or it is in an older format, or a journal is
left over from a crash), it first writes the given state in full, then starts an empty
journal on top; an apply therefore costs at most two full writes plus one line per change.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import mlinfra
from mlinfra import diagnostics
from mlinfra.states import documents, local_files, upgrade
from mlinfra.states.backend import Backend, check_successor, state_error
from mlinfra.states.crypto import PLAIN, Codec, is_sealed
from mlinfra.states.journal import Journal, apply_entry, journal_path, read_journal
from mlinfra.states.lock import StateLock
from mlinfra.states.model import FORMAT_VERSION, State

SETTINGS: tuple[str, ...] = ("path",)


def settings_path(workdir: Path, settings: dict[str, Any] | None) -> Path | None:
    """The state path a local backend's settings ask for, or None for the default."""
    settings = settings or {}
    for key in settings:
        if key not in SETTINGS:
            raise state_error(
                "Unsupported backend setting",
                f'The local backend has no setting "{key}"; its settings are: '
                f"{', '.join(SETTINGS)}.{diagnostics.suggestion(key, SETTINGS)}",
            )
    raw = settings.get("path")
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.strip():
        raise state_error(
            "Invalid backend setting",
            'The local backend\'s "path" must be a non-empty file path, like "state/prod.json".',
        )
    path = Path(raw).expanduser()
    return path if path.is_absolute() else workdir / path


class LocalBackend(Backend):
    """A state stored in one JSON file; see the module docstring for its companions."""

    def __init__(self, path: Path, workspace: str = "default", codec: Codec = PLAIN) -> None:
        self.path = path
        self.workspace = workspace
        self.codec = codec
        self.backup_path = documents.backup_path(path)
        self.journal_path = journal_path(path)
        self._lock = StateLock(path)

    def _load_file(self) -> State | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            with local_files.os_errors("Failed to load state", self.path):
                raise
        doc = self.codec.open(local_files.decode_state(self.path, data), str(self.path))
        doc = upgrade.upgrade(self.path, doc)
        return documents.to_state(doc, str(self.path), documents.restore_advice(self.path))

    def read(self) -> State:
        state = self._load_file()
        if state is None:
            return State(serial=0)
        self._replay(state)
        return state

    def _replay(self, state: State) -> None:
        found = read_journal(self.journal_path)
        if found is None:
            return
        header, entries = found
        if header.lineage != state.lineage:
            return
        if header.base_serial < state.serial:
            # Left over from a finished compaction. Only a lock holder may remove it: an
            # apply in progress could be replacing it with its own fresh journal.
            if self._lock.held is not None:
                with contextlib.suppress(FileNotFoundError):
                    self.journal_path.unlink()
            return
        if header.base_serial != state.serial:
            return
        if header.format_version > FORMAT_VERSION:
            raise state_error(
                "State file was written by a newer mlinfra",
                f"The journal {self.journal_path} has format version {header.format_version}; "
                f"this mlinfra reads format versions up to {FORMAT_VERSION}. Upgrade mlinfra "
                "to use this state.",
            )
        aside = f"Move it aside to load {self.path} without the changes it records."
        try:
            for entry in entries:
                if is_sealed(entry):
                    entry = self.codec.open(entry, f"The journal {self.journal_path}")
                documents.check_entry(entry, str(self.journal_path), aside)
                apply_entry(state, entry)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise state_error(
                "Failed to load state",
                f"The journal {self.journal_path} has a malformed entry ({e}). Move it aside "
                f"to load {self.path} without the changes it records.",
            ) from None
        state.serial = header.base_serial + 1

    def _disk_doc(self) -> dict[str, Any] | None:
        try:
            return local_files.decode_state(self.path, self.path.read_bytes())
        except (OSError, diagnostics.DiagnosticsError):
            return None

    def _disk_header(self, doc: dict[str, Any] | None = None) -> tuple[str, int, int] | None:
        """(lineage, serial, format_version) of the file, or None when absent or unreadable."""
        doc = self._disk_doc() if doc is None else doc
        if doc is None:
            return None
        try:
            return (
                str(doc["lineage"]),
                int(doc["serial"]),
                upgrade.document_version(self.path, doc),
            )
        except (KeyError, TypeError, ValueError, diagnostics.DiagnosticsError):
            return None

    def write(self, state: State) -> State:
        doc = self._disk_doc()
        disk = self._disk_header(doc) if doc is not None else None
        if disk is not None and doc is not None:
            empty = not doc.get("resources") and not doc.get("outputs") and not is_sealed(doc)
            check_successor(str(self.path), disk[0], disk[1], empty, state)
        previous = disk[1] if disk is not None and disk[0] == state.lineage else 0
        return self._write_serial(state, max(state.serial, previous) + 1)

    def _write_serial(self, state: State, serial: int) -> State:
        written = State(
            lineage=state.lineage,
            serial=serial,
            mlinfra_version=mlinfra.__version__,
            format_version=FORMAT_VERSION,
            resources=state.resources,
            outputs=state.outputs,
            data=state.data,
        )
        data = local_files.encode_state(self.codec.seal(written.to_json(), str(self.path)))
        with local_files.os_errors("Failed to write state", self.path):
            if self.path.exists():
                if self.codec.encrypts and not self._sealed_on_disk():
                    # Encrypting a plain state: its plain copy must not live on as the backup.
                    with contextlib.suppress(FileNotFoundError):
                        self.backup_path.unlink()
                else:
                    local_files.link_or_copy(self.path, self.backup_path)
            local_files.atomic_write(self.path, data, 0o600)
        return written

    def _sealed_on_disk(self) -> bool:
        return is_sealed(self._disk_doc())

    def journal(self, state: State) -> Journal:
        disk = self._disk_header()
        if disk != (state.lineage, state.serial, FORMAT_VERSION) or self.journal_path.exists():
            state = self.write(state)
            with contextlib.suppress(FileNotFoundError):
                self.journal_path.unlink()
        with local_files.os_errors("Failed to persist state", self.journal_path):
            return Journal.create(
                self.journal_path,
                state.copy(),
                state.serial,
                lambda s: self._write_serial(s, s.serial),
                self._seal_entry if self.codec.encrypts else None,
            )

    def _seal_entry(self, entry: dict[str, Any]) -> dict[str, Any]:
        return self.codec.seal(entry, f"The journal {self.journal_path}")

    def recovering(self) -> bool:
        return self.journal_path.exists()
