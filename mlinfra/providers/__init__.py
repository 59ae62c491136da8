"""Providers: the protocol, the CRUD base class, the entry-point registry, the lazy SDK
helper and the conformance suite every provider runs."""

from mlinfra.providers.crud import CrudProvider, Resource, ResourceError
from mlinfra.providers.protocol import KindSchema, Provider, ProviderSchema

__all__ = ["CrudProvider", "KindSchema", "Provider", "ProviderSchema", "Resource", "ResourceError"]
