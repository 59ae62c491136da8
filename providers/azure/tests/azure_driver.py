"""A stand-in for the engine in the azure provider tests: configure, plan, apply and
read through the provider protocol, with the portable defaults filled in as the engine
fills them. The provider's MLClient talks to the Azure ML fake through an injected
azure-core transport. ``put_blob`` writes test data into the default datastore (Azurite)."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any

import requests
from azure.core.credentials import AccessToken
from azure.core.pipeline.transport import RequestsTransport
from azureml_fake import AzureMLFake
from azureml_http import FakeAdapter
from mlinfra_provider_azure import AzureProvider

from mlinfra.conformance.driver import ProviderDriver


def fake_jwt(scope: str = "https://management.azure.com/.default") -> str:
    """An unsigned token shaped like Entra's (the SDK reads the caller's ids from it)."""
    def part(doc: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(doc).encode()).decode().rstrip("=")

    claims = {"oid": "22222222-2222-2222-2222-222222222222", "tid": "33333333-3333-3333-3333-333333333333",
              "upn": "tester@example.com", "aud": scope.removesuffix("/.default"), "exp": int(time.time()) + 3600}
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}.sig"


class FakeCredential:
    """A token credential that never reaches Microsoft Entra."""

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        return AccessToken(fake_jwt(scopes[0] if scopes else ""), int(time.time()) + 3600)


def provider_config(fake: AzureMLFake, **over: Any) -> dict[str, Any]:
    return {
        "subscription_id": fake.subscription,
        "resource_group": fake.resource_group,
        "workspace": fake.workspace,
        "tags": {"team": "ml"},
        "poll_interval": 0.001,
        "retry_timeout": 5,
        "wait_timeout": 30,
        **over,
    }


def transport(fake: AzureMLFake) -> Any:
    session = requests.Session()
    session.mount("https://", FakeAdapter(fake))
    session.mount("http://", FakeAdapter(fake))
    return RequestsTransport(session=session)


def make_provider(fake: AzureMLFake, blob_credential: Any = None) -> AzureProvider:
    return AzureProvider(credential=FakeCredential(), transport=transport(fake), blob_credential=blob_credential)


def provider_class(fake: AzureMLFake) -> type[AzureProvider]:
    """The provider class wired to ``fake``, for code that instantiates it without
    arguments (the conformance suite, the engine's registry)."""

    class FakeWiredAzure(AzureProvider):
        def __init__(self) -> None:
            super().__init__(credential=FakeCredential(), transport=transport(fake))

    return FakeWiredAzure


class Driver(ProviderDriver):
    def __init__(self, fake: AzureMLFake, workdir: Path, config: dict[str, Any] | None = None, blob_credential: Any = None) -> None:
        self.fake = fake
        super().__init__(make_provider(fake, blob_credential), config or provider_config(fake), workdir)


def put_blob(azurite: Any, fake: AzureMLFake, path: str, data: bytes) -> str:
    """Write a blob into the default datastore's container; returns its azureml:// URI."""
    from azure.storage.blob import BlobServiceClient

    container = fake.get("datastores/workspaceblobstore")["properties"]["containerName"]  # type: ignore[index]
    service = BlobServiceClient(azurite.endpoint, credential={"account_name": azurite.account, "account_key": azurite.key})
    service.get_blob_client(container, path).upload_blob(data, overwrite=True)
    return f"azureml://datastores/workspaceblobstore/paths/{path}"
