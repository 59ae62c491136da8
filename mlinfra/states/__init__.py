"""State persistence: the versioned state file, backends, locking, journal and workspaces.

``open_backend`` gives the ``Backend`` of a working directory's selected workspace;
``Backend.read``/``write`` load and replace the whole state, ``Backend.journal`` persists
each resource change as it happens, and ``Backend.lock`` keeps two operations apart.
The data model itself (``State``, ``ResourceState``) lives in ``mlinfra.states.model``.

An apply uses them like this::

    backend = open_backend(workdir, settings=backend_settings)
    info = backend.lock("apply", timeout=lock_timeout)
    try:
        journal = backend.journal(backend.read())
        for change in changes:               # from any number of worker threads
            journal.put(resource_state)      # durable when it returns
        journal.set_outputs(outputs)
        final = journal.close()              # one full write, serial + 1
    finally:
        backend.unlock(info)

Files of the local backend, beside ``mlinfra.state.json``: ``.backup`` (previous state),
``.lock`` and ``.lock.info`` (the lock and its holder), ``.journal`` (during an apply).
Workspaces other than ``default`` live under ``mlinfra.state.d/<name>/``.
"""

from mlinfra.states.backend import BACKEND_TYPES, Backend, LockInfo, StateError, open_backend
from mlinfra.states.journal import Journal
from mlinfra.states.local import LocalBackend
from mlinfra.states.model import (
    FORMAT_VERSION,
    Deposed,
    OutputState,
    ResourceState,
    State,
)
from mlinfra.states.upgrade import UPGRADES

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
    "open_backend",
]
