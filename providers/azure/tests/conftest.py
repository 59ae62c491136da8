"""Fixtures of the azure provider tests: a fresh Azure ML fake per test, reached by the
real MLClient through an injected transport, and a driver that calls the provider the
way the engine does (plan, then apply the planned action, then read back)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from azure_driver import Driver  # noqa: E402
from azureml_fake import AzureMLFake  # noqa: E402

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
