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

from mlinfra.config.kinds import KIND_MODELS
from mlinfra.providers.protocol import (
    ApplyRequest,
    ConfigureRequest,
    ImportRequest,
    PlanRequest,
    PlanResponse,
    ReadRequest,
    RecoverRequest,
)


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


def full(kind: str, args: dict[str, Any]) -> dict[str, Any]:
    """The configuration the engine sends: portable defaults filled in."""
    model = KIND_MODELS[kind]
    blocks = {k: v for k, v in args.items() if k not in model.model_fields}
    core = {k: v for k, v in args.items() if k in model.model_fields}
    return {**model.model_validate(core).model_dump(), **blocks}


class ApplyFailed(AssertionError):
    def __init__(self, resp: Any) -> None:
        self.resp = resp
        self.diagnostics = resp.diagnostics.items
        super().__init__("; ".join(f"{d.summary}: {d.detail}" for d in self.diagnostics))


class Driver:
    def __init__(self, fake: AzureMLFake, workdir: Path, config: dict[str, Any] | None = None, blob_credential: Any = None) -> None:
        self.fake = fake
        self.workdir = workdir
        self.provider = make_provider(fake, blob_credential)
        self.progress: list[str] = []
        resp = self.provider.configure(ConfigureRequest(config=config or provider_config(fake), workdir=workdir))
        assert not resp.diagnostics.has_errors, resp.diagnostics.items
        assert self.provider.clients is not None
        self.provider.clients.backoff.base = 0.001

    def plan(self, kind: str, address: str, prior: dict[str, Any] | None, args: dict[str, Any]) -> PlanResponse:
        resp = self.provider.plan(PlanRequest(kind, address, prior, full(kind, args)))
        if resp.diagnostics.has_errors:
            raise ApplyFailed(resp)
        return resp

    def apply(self, kind: str, address: str, action: str, prior: dict[str, Any] | None, planned: dict[str, Any],
              config: dict[str, Any]) -> dict[str, Any] | None:
        resp = self.provider.apply(
            ApplyRequest(kind, address, action, prior, planned, config, progress=self.progress.append)  # type: ignore[arg-type]
        )
        if resp.diagnostics.has_errors:
            raise ApplyFailed(resp)
        return resp.attributes

    def create(self, kind: str, address: str, args: dict[str, Any]) -> dict[str, Any]:
        planned = self.plan(kind, address, None, args).planned
        attrs = self.apply(kind, address, "create", None, planned, full(kind, args))
        assert attrs is not None
        return attrs

    def change(self, kind: str, address: str, prior: dict[str, Any], args: dict[str, Any]) -> tuple[PlanResponse, dict[str, Any]]:
        """Plan and apply a change: in place, or create-before-destroy when replaced."""
        plan = self.plan(kind, address, prior, args)
        if plan.requires_replace:
            attrs = self.apply(kind, address, "create", None, plan.planned, full(kind, args))
            self.apply(kind, address, "delete", prior, {}, prior)
        else:
            attrs = self.apply(kind, address, "update", prior, plan.planned, full(kind, args))
        assert attrs is not None
        return plan, attrs

    def read(self, kind: str, address: str, attrs: dict[str, Any], id: str | None = None) -> dict[str, Any] | None:
        """A refresh; with no attributes, an import of ``id`` or (no id) the recovery of
        an interrupted create."""
        resp: Any
        if not attrs and id is not None:
            resp = self.provider.import_resource(ImportRequest(kind, address, id))
        elif not attrs:
            resp = self.provider.recover(RecoverRequest(kind, address, {}))
        else:
            resp = self.provider.read(ReadRequest(kind, address, id if id is not None else attrs.get("id"), attrs))
        assert not resp.diagnostics.has_errors, resp.diagnostics.items
        return resp.attributes  # type: ignore[no-any-return]

    def delete(self, kind: str, address: str, attrs: dict[str, Any]) -> None:
        self.apply(kind, address, "delete", attrs, {}, attrs)


def put_blob(azurite: Any, fake: AzureMLFake, path: str, data: bytes) -> str:
    """Write a blob into the default datastore's container; returns its azureml:// URI."""
    from azure.storage.blob import BlobServiceClient

    container = fake.get("datastores/workspaceblobstore")["properties"]["containerName"]  # type: ignore[index]
    service = BlobServiceClient(azurite.endpoint, credential={"account_name": azurite.account, "account_key": azurite.key})
    service.get_blob_client(container, path).upload_blob(data, overwrite=True)
    return f"azureml://datastores/workspaceblobstore/paths/{path}"
