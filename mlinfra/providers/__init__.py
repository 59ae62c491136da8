"""Providers: the protocol, the CRUD base class and its handler base and context, the
entry-point registry, the shared object naming rule and the lazy SDK helper (the
conformance suite every provider runs is ``mlinfra.conformance``).

The names below are imported on first use: the core imports ``mlinfra.providers.registry``
and ``mlinfra.providers.protocol`` on every command, and the base classes a provider
builds on (with their validation and step machinery) only when a provider is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlinfra.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from mlinfra.providers.context import Context
    from mlinfra.providers.crud import CrudProvider, DataSource
    from mlinfra.providers.naming import object_name
    from mlinfra.providers.protocol import (
        PROTOCOL_VERSION,
        KindSchema,
        Provider,
        ProviderSchema,
        portable_outputs,
    )
    from mlinfra.providers.resource import Resource, ResourceError, Steps, Wait, run_inline

# Each public name and the module that defines it.
_HOMES = {
    "PROTOCOL_VERSION": "protocol",
    "Context": "context",
    "CrudProvider": "crud",
    "DataSource": "crud",
    "KindSchema": "protocol",
    "Provider": "protocol",
    "ProviderSchema": "protocol",
    "Resource": "resource",
    "ResourceError": "resource",
    "Steps": "resource",
    "Wait": "resource",
    "object_name": "naming",
    "portable_outputs": "protocol",
    "run_inline": "resource",
}

__all__ = [
    "PROTOCOL_VERSION",
    "Context",
    "CrudProvider",
    "DataSource",
    "KindSchema",
    "Provider",
    "ProviderSchema",
    "Resource",
    "ResourceError",
    "Steps",
    "Wait",
    "object_name",
    "portable_outputs",
    "run_inline",
]


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, globals(), __all__)
