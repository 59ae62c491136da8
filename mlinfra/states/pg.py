"""The pg backend: states in PostgreSQL tables, locked with session advisory locks.

Settings: ``conn_str`` (a libpq connection string or URI; by default the ``PG*``
environment variables, so a password can stay in ``PGPASSWORD`` or ``~/.pgpass``) and
``schema_name`` (default ``mlinfra_remote_state``, created when missing). Tables::

    states  (name PRIMARY KEY, lineage, serial, data)   one row per workspace
    journal (name, lineage, base_serial, seq, entry)    one row per change during an apply
    locks   (name PRIMARY KEY, info)                    who holds a workspace's lock

The lock of workspace W is ``pg_try_advisory_lock`` on a key derived from the schema
and W, held by a connection kept open for the length of the operation; the server
releases it when that connection ends, however the holder dies. Every full write runs in
a transaction that re-reads the row ``FOR UPDATE`` and refuses a stale serial or another
lineage. psycopg (3) is imported when the backend is opened, never before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from pathlib import Path
from typing import Any

import mlinfra
from mlinfra.states import documents, upgrade
from mlinfra.states.backend import (
    Backend,
    ChangeJournal,
    StateStore,
    check_successor,
    stored_header,
)
from mlinfra.states.crypto import Codec
from mlinfra.states.documents import REMOTE_ADVICE
from mlinfra.states.errors import LockInfo, StateError, state_error
from mlinfra.states.model import FORMAT_VERSION, State
from mlinfra.states.objects import check_settings
from mlinfra.states.remote_journal import RemoteJournal, replay
from mlinfra.states.remote_lock import RemoteLock

SETTINGS = ("conn_str", "schema_name")
DEFAULT_SCHEMA = "mlinfra_remote_state"


def _lock_key(schema: str, name: str) -> int:
    digest = hashlib.sha256(f"mlinfra\0{schema}\0{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class PgStore(StateStore):
    """The pg backend as a whole; one connection for reads and writes, one per lock."""

    kind = "pg"

    def __init__(self, settings: dict[str, Any], codec: Codec) -> None:
        check_settings("pg", settings, SETTINGS, ())
        self.conn_str = str(settings.get("conn_str") or "")
        self.schema = str(settings.get("schema_name") or DEFAULT_SCHEMA)
        if not self.schema.replace("_", "").isalnum():
            raise state_error(
                "Invalid backend setting",
                f'schema_name "{self.schema}" must be letters, digits and "_" only.',
            )
        self.codec = codec
        self._conn: Any = None
        self._mutex = threading.Lock()

    def connect(self) -> Any:
        import psycopg

        try:
            return psycopg.connect(self.conn_str, autocommit=True, connect_timeout=10)
        except psycopg.Error as e:
            raise state_error(
                "Failed to connect to the pg backend",
                f"{self.where()}: {_first_line(e)}. Check conn_str or the PG* environment "
                "variables, and that the server is running.",
            ) from None

    def where(self) -> str:
        import psycopg.conninfo

        try:
            info = psycopg.conninfo.conninfo_to_dict(self.conn_str)
        except psycopg.Error:
            info = {}
        host, db = info.get("host", "PGHOST"), info.get("dbname", "PGDATABASE")
        return f"postgres://{host}:{info.get('port', 5432)}/{db} (schema {self.schema})"

    def run(self, sql: str, args: tuple[Any, ...] = (), *, fetch: bool = False) -> list[Any]:
        """One statement on the shared connection (autocommit); rows when ``fetch``."""
        import psycopg

        with self._mutex:
            if self._conn is None or self._conn.closed:
                self._conn = self.connect()
                self._ensure_schema(self._conn)
            try:
                cur = self._conn.execute(sql, args)
                return list(cur.fetchall()) if fetch else []
            except psycopg.Error as e:
                raise state_error("pg backend error", f"{self.where()}: {_first_line(e)}") from None

    def transaction(self) -> Any:
        with self._mutex:
            if self._conn is None or self._conn.closed:
                self._conn = self.connect()
                self._ensure_schema(self._conn)
        return self._conn.transaction()

    def _ensure_schema(self, conn: Any) -> None:
        s = self.schema
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {s}")
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {s}.states (name text PRIMARY KEY, lineage text NOT NULL,"
            " serial bigint NOT NULL, data bytea NOT NULL)"
        )
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {s}.journal (name text NOT NULL, lineage text NOT NULL,"
            " base_serial bigint NOT NULL, seq bigint NOT NULL, entry bytea NOT NULL,"
            " PRIMARY KEY (name, lineage, base_serial, seq))"
        )
        conn.execute(f"CREATE TABLE IF NOT EXISTS {s}.locks (name text PRIMARY KEY, info text NOT NULL)")

    def workspaces(self) -> list[str]:
        rows = self.run(f"SELECT name FROM {self.schema}.states", fetch=True)
        return sorted({"default", *(str(r[0]) for r in rows)})

    def backend(self, workspace: str) -> Backend:
        return PgBackend(self, workspace)

    def delete_workspace(self, workspace: str) -> None:
        for table in ("journal", "locks", "states"):
            self.run(f"DELETE FROM {self.schema}.{table} WHERE name = %s", (workspace,))


def _first_line(e: Exception) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


class PgBackend(Backend):
    """One workspace's state: a row of ``states`` plus its journal rows."""

    def __init__(self, store: PgStore, workspace: str) -> None:
        self.store, self.workspace, self.codec = store, workspace, store.codec
        self.path = Path(workspace)
        self._key = _lock_key(store.schema, workspace)
        self._lock_conn: Any = None
        self._lock = RemoteLock(self.location, self._take, self._read_lock, self._release, self._break)

    @property
    def location(self) -> str:
        return f"{self.store.where()} workspace {self.workspace}"

    def exists(self) -> bool:
        rows = self.store.run(
            f"SELECT 1 FROM {self.store.schema}.states WHERE name = %s", (self.workspace,), fetch=True
        )
        return bool(rows)

    def _decode(self, data: bytes) -> State:
        """The stored state, checked as a state file is: nothing in the table is trusted."""
        doc = documents.decode(bytes(data), self.location, REMOTE_ADVICE)
        if not isinstance(doc, dict):
            raise state_error(
                "Failed to load state",
                f"{self.location} holds a JSON {type(doc).__name__}, not a state object. {REMOTE_ADVICE}",
            )
        doc = upgrade.upgrade(Path(self.location), self.codec.open(doc, self.location))
        return documents.to_state(doc, self.location, REMOTE_ADVICE)

    def read(self) -> State:
        s = self.store.schema
        rows = self.store.run(
            f"SELECT data FROM {s}.states WHERE name = %s", (self.workspace,), fetch=True
        )
        if not rows:
            return State(serial=0)
        state = self._decode(rows[0][0])
        entries = self.store.run(
            f"SELECT entry FROM {s}.journal WHERE name = %s AND lineage = %s AND base_serial = %s"
            " ORDER BY seq",
            (self.workspace, state.lineage, state.serial),
            fetch=True,
        )
        if entries and replay(state, [bytes(r[0]) for r in entries], self.codec, self.location):
            state.serial += 1
        return state

    def _encode(self, state: State, serial: int) -> tuple[State, bytes]:
        written = State(
            lineage=state.lineage,
            serial=serial,
            mlinfra_version=mlinfra.__version__,
            format_version=FORMAT_VERSION,
            resources=state.resources,
            outputs=state.outputs,
            data=state.data,
        )
        doc = self.codec.seal(written.to_json(), self.location)
        return written, json.dumps(doc, sort_keys=True, ensure_ascii=False).encode("utf-8")

    def _store_state(self, state: State, expect_serial: int | None) -> State:
        """Write ``state`` in one transaction; ``expect_serial``: compaction of that base."""
        s, ws = self.store.schema, self.workspace
        with self.store.transaction() as tx:
            conn = tx.connection
            row = conn.execute(
                f"SELECT lineage, serial, data FROM {s}.states WHERE name = %s FOR UPDATE", (ws,)
            ).fetchone()
            if expect_serial is not None:
                if row is None or row[1] != expect_serial or row[0] != state.lineage:
                    raise state_error(
                        "State changed by another operation",
                        f"{self.location} no longer has serial {expect_serial}; it was replaced "
                        "while this operation held the lock (was it force-unlocked?). The changes "
                        "of this run are kept in the journal; run plan again.",
                    )
                serial = expect_serial + 1
            else:
                previous = 0
                if row is not None:
                    # The row's lineage and serial are typed columns; the document may be
                    # damaged (this may be the ``state push`` that repairs it).
                    try:
                        doc = documents.decode(bytes(row[2]), self.location)
                    except StateError:
                        doc = None
                    if isinstance(doc, dict):
                        empty = stored_header(doc)[2]
                        check_successor(self.location, str(row[0]), int(row[1]), empty, state)
                    previous = int(row[1]) if row[0] == state.lineage else 0
                serial = max(state.serial, previous) + 1
            written, data = self._encode(state, serial)
            conn.execute(
                f"INSERT INTO {s}.states (name, lineage, serial, data) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (name) DO UPDATE SET lineage = EXCLUDED.lineage,"
                " serial = EXCLUDED.serial, data = EXCLUDED.data",
                (ws, written.lineage, serial, data),
            )
            conn.execute(f"DELETE FROM {s}.journal WHERE name = %s", (ws,))
        return written

    def write(self, state: State) -> State:
        import psycopg

        try:
            return self._store_state(state, None)
        except psycopg.Error as e:
            raise state_error("Failed to write state", f"{self.location}: {_first_line(e)}") from None

    def journal(self, state: State) -> ChangeJournal:
        s = self.store.schema
        rows = self.store.run(
            f"SELECT lineage, serial FROM {s}.states WHERE name = %s", (self.workspace,), fetch=True
        )
        pending = self.store.run(
            f"SELECT 1 FROM {s}.journal WHERE name = %s LIMIT 1", (self.workspace,), fetch=True
        )
        if not rows or (rows[0][0], rows[0][1]) != (state.lineage, state.serial) or pending:
            state = self.write(state)
        base, lineage = state.serial, state.lineage
        # One connection per applying thread: concurrent commits share WAL flushes (the
        # server's group commit), as the local journal's writers share one fdatasync.
        local = threading.local()
        opened: list[Any] = []
        opened_lock = threading.Lock()
        insert = (
            f"INSERT INTO {s}.journal (name, lineage, base_serial, seq, entry)"
            " VALUES (%s, %s, %s, %s, %s)"
        )

        def persist(seq: int, line: bytes) -> None:
            conn = getattr(local, "conn", None)
            if conn is None:
                conn = local.conn = self.store.connect()
                with opened_lock:
                    opened.append(conn)
            conn.execute(insert, (self.workspace, lineage, base, seq, line))

        def compact(st: State) -> State:
            with opened_lock:
                for conn in opened:
                    with contextlib.suppress(Exception):
                        conn.close()
                opened.clear()
            return self._store_state(st, base)

        return RemoteJournal(state.copy(), base, persist, compact, self.codec, self.location)

    def recovering(self) -> bool:
        """Whether journal rows of an interrupted apply wait to be compacted."""
        rows = self.store.run(
            f"SELECT 1 FROM {self.store.schema}.journal WHERE name = %s LIMIT 1",
            (self.workspace,),
            fetch=True,
        )
        return bool(rows)

    # -- the lock --------------------------------------------------------------------
    def _take(self, info: LockInfo) -> bool:
        if self._lock_conn is None or self._lock_conn.closed:
            self._lock_conn = self.store.connect()
        got = self._lock_conn.execute("SELECT pg_try_advisory_lock(%s)", (self._key,)).fetchone()
        if not got or not got[0]:
            return False
        self.store.run(
            f"INSERT INTO {self.store.schema}.locks (name, info) VALUES (%s, %s)"
            " ON CONFLICT (name) DO UPDATE SET info = EXCLUDED.info",
            (self.workspace, info.to_json()),
        )
        return True

    def _read_lock(self) -> LockInfo | None:
        held = self.store.run(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND classid = %s AND objid = %s AND objsubid = 1",
            ((self._key >> 32) & 0xFFFFFFFF, self._key & 0xFFFFFFFF),
            fetch=True,
        )
        if not held:
            return None
        rows = self.store.run(
            f"SELECT info FROM {self.store.schema}.locks WHERE name = %s", (self.workspace,), fetch=True
        )
        try:
            return LockInfo.from_json(rows[0][0]) if rows else None
        except (ValueError, KeyError, TypeError):
            return None

    def _release(self, info: LockInfo) -> None:
        self.store.run(
            f"DELETE FROM {self.store.schema}.locks WHERE name = %s AND info LIKE %s",
            (self.workspace, f'%"{info.id}"%'),
        )
        if self._lock_conn is not None:
            # Unlock before closing: the server drops a closed session's locks only once
            # its process has exited, which a waiting operation could race.
            with contextlib.suppress(Exception):
                self._lock_conn.execute("SELECT pg_advisory_unlock(%s)", (self._key,))
            self._lock_conn.close()
            self._lock_conn = None

    def _break(self, info: LockInfo) -> None:
        self.store.run(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
            " AND granted AND classid = %s AND objid = %s AND objsubid = 1",
            ((self._key >> 32) & 0xFFFFFFFF, self._key & 0xFFFFFFFF),
            fetch=True,
        )
        self.store.run(f"DELETE FROM {self.store.schema}.locks WHERE name = %s", (self.workspace,))
