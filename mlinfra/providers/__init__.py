"""Providers: the protocol, the CRUD base class and its handler base and context, the
entry-point registry, the shared object naming rule and the lazy SDK helper (the
conformance suite every provider runs is ``mlinfra.conformance``)."""

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
