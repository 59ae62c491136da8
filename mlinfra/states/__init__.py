"""State persistence: the versioned state, backends, locking, journal, workspaces, encryption.

``open_backend`` gives the ``Backend`` of a working directory's selected workspace and
``open_store`` the configured backend as a whole (every workspace); both pick the
implementation by name and import a remote backend's SDK only when it is configured.
``Backend.read``/``write`` load and replace the whole state, ``Backend.journal`` persists
each resource change as it happens, and ``Backend.lock`` keeps two operations apart.
The data model itself (``State``, ``ResourceState``) lives in ``mlinfra.states.model``,
the errors in ``mlinfra.states.errors``.

An apply uses them like this::

    backend = open_backend(workdir, "s3", settings, codec=codec)
    info = backend.lock("apply", timeout=lock_timeout)
    try:
        journal = backend.journal(backend.read())
        for change in changes:               # from any number of worker threads
            journal.put(resource_state)      # durable when it returns
        journal.set_outputs(outputs)
        final = journal.close()              # one full write, serial + 1
    finally:
        backend.unlock(info)

Backends: ``local`` (a JSON file beside the configuration, ``mlinfra.state.json`` with
``.backup``, ``.lock``, ``.lock.info`` and ``.journal``; other workspaces under
``mlinfra.state.d/<name>/``), ``s3``, ``gcs``, ``azurerm`` (objects: the state, a lock,
one journal object per change) and ``pg`` (tables in a PostgreSQL schema).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from mlinfra.states.backend import BACKEND_TYPES, Backend, StateStore
    from mlinfra.states.crypto import Codec
    from mlinfra.states.errors import LockInfo, StateError
    from mlinfra.states.journal import Journal
    from mlinfra.states.local import LocalBackend
    from mlinfra.states.model import FORMAT_VERSION, Deposed, OutputState, ResourceState, State
    from mlinfra.states.upgrade import UPGRADES

# The names this package exports, each imported from its module on first use: a command
# imports the state machinery it uses (the data model, one backend) and no more.
_HOMES = {
    "BACKEND_TYPES": "backend",
    "FORMAT_VERSION": "model",
    "UPGRADES": "upgrade",
    "Backend": "backend",
    "Deposed": "model",
    "Journal": "journal",
    "LocalBackend": "local",
    "LockInfo": "errors",
    "OutputState": "model",
    "ResourceState": "model",
    "State": "model",
    "StateError": "errors",
    "StateStore": "backend",
}

__all__ = [
    "BACKEND_TYPES",
    "FORMAT_VERSION",
    "UPGRADES",
    "Backend",
    "Deposed",
    "Journal",
    "LocalBackend",
    "LockInfo",
    "OutputState",
    "ResourceState",
    "State",
    "StateError",
    "StateStore",
    "open_backend",
    "open_store",
]


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, globals(), __all__)


def open_store(
    workdir: Path,
    backend_type: str = "local",
    settings: dict[str, Any] | None = None,
    codec: Codec | None = None,
) -> StateStore:
    """The configured backend ``backend_type`` with ``settings``, every workspace of it
    (``codec``: how its states are encrypted; None: they are not)."""
    from mlinfra import diagnostics
    from mlinfra.states.backend import BACKEND_TYPES
    from mlinfra.states.crypto import PLAIN
    from mlinfra.states.errors import state_error

    codec = PLAIN if codec is None else codec
    if backend_type not in BACKEND_TYPES:
        raise state_error(
            "Unsupported backend",
            f'There is no backend named "{backend_type}"; the known backends are: '
            f"{', '.join(BACKEND_TYPES)}.{diagnostics.suggestion(backend_type, BACKEND_TYPES)}",
        )
    settings = dict(settings or {})
    if backend_type == "local":
        from mlinfra.states.workspaces import LocalStore

        return LocalStore(workdir, settings, codec)
    if backend_type == "pg":
        from mlinfra.states.pg import PgStore

        return PgStore(settings, codec)
    from mlinfra.states.objects import ObjectStateStore, ObjectStore

    driver: ObjectStore
    if backend_type == "s3":
        from mlinfra.states.s3 import S3Store

        driver = S3Store(settings)
    elif backend_type == "gcs":
        from mlinfra.states.gcs import GcsStore

        driver = GcsStore(settings)
    else:
        from mlinfra.states.azurerm import AzureStore

        driver = AzureStore(settings)
    return ObjectStateStore(driver, codec)


def open_backend(
    workdir: Path,
    backend_type: str = "local",
    settings: dict[str, Any] | None = None,
    workspace: str | None = None,
    codec: Codec | None = None,
) -> Backend:
    """The backend of ``workspace`` (None: the selected one) in ``workdir``."""
    from mlinfra.states import workspaces

    store = open_store(workdir, backend_type, settings, codec)
    name = workspaces.current(workdir) if workspace is None else workspace
    workspaces.check_exists(store, name)
    return store.backend(name)
