"""Fixtures of the azure provider tests: a fresh Azure ML fake per test, reached by the
real MLClient through an injected transport, and a driver that calls the provider the
way the engine does (plan, then apply the planned action, then read back)."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "support"))

from azure_driver import Driver, provider_config  # noqa: E402
from azureml_fake import AzureMLFake  # noqa: E402
from azurite import azurite_or_skip, start_azurite  # noqa: E402

MODEL_URI = "azureml://datastores/workspaceblobstore/paths/models/iris/model.pkl"


@pytest.fixture(autouse=True)
def azure_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may reach a real subscription."""
    for var in ("AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "AZUREML_WORKSPACE_NAME", "AZUREML_DEV_URL_MFE",
                "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture()
def fake() -> AzureMLFake:
    return AzureMLFake()


@pytest.fixture()
def driver(fake: AzureMLFake, tmp_path: Path) -> Driver:
    return Driver(fake, tmp_path)


def register_model(driver: Driver, name: str = "iris", uri: str = MODEL_URI, **extra: Any) -> dict[str, Any]:
    return driver.create("model", f"model.{name}", {"artifact": uri, "framework": "sklearn", **extra})


@pytest.fixture(scope="session")
def azurite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Azurite's blob service for the session (started on a free port)."""
    binary = azurite_or_skip()
    server = start_azurite(tmp_path_factory.mktemp("azurite"), binary)
    yield server
    server.stop()


@pytest.fixture()
def blob_driver(fake: AzureMLFake, azurite: Any, tmp_path: Path) -> Driver:
    """A driver whose workspace's default datastore is a fresh container in Azurite."""
    from azure.storage.blob import BlobServiceClient

    container = f"ws{uuid.uuid4().hex[:12]}"
    service = BlobServiceClient(azurite.endpoint, credential={"account_name": azurite.account, "account_key": azurite.key})
    service.create_container(container)
    fake.seed_datastore(azurite.account, azurite.key, container)
    return Driver(fake, tmp_path, provider_config(fake, storage_url=azurite.endpoint))
