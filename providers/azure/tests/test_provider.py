"""Configuring the azure provider: missing workspace settings and unusable credentials
are configure-time errors that say how to fix them; the package imports no Azure SDK."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from azure_driver import make_provider, provider_config
from azureml_fake import AzureMLFake
from mlinfra_provider_azure import AzureProvider

from mlinfra.providers.protocol import ConfigureRequest


def configure(provider: AzureProvider, config: dict[str, object], tmp_path: Path) -> list[str]:
    resp = provider.configure(ConfigureRequest(config=config, workdir=tmp_path))
    return [f"{x.summary}: {x.detail}" for x in resp.diagnostics if x.is_error]


def test_missing_workspace_settings_name_each_argument_and_its_variable(fake: AzureMLFake, tmp_path: Path) -> None:
    errors = configure(make_provider(fake), {"workspace": "ws"}, tmp_path)
    assert len(errors) == 1
    assert "`subscription_id` (or the AZURE_SUBSCRIPTION_ID environment variable)" in errors[0]
    assert "`resource_group`" in errors[0] and "`workspace`" not in errors[0]


def test_workspace_settings_come_from_the_environment_too(fake: AzureMLFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_SUBSCRIPTION_ID", fake.subscription)
    monkeypatch.setenv("AZURE_RESOURCE_GROUP", fake.resource_group)
    monkeypatch.setenv("AZUREML_WORKSPACE_NAME", fake.workspace)
    assert configure(make_provider(fake), {}, tmp_path) == []


def test_half_a_service_principal_is_refused_with_what_is_missing(fake: AzureMLFake, tmp_path: Path) -> None:
    errors = configure(AzureProvider(), provider_config(fake, client_id="app", client_secret="s3cret"), tmp_path)
    assert len(errors) == 1 and "tenant_id missing" in errors[0]
    assert "s3cret" not in errors[0]


def test_the_cli_credential_without_a_signed_in_az_says_to_run_az_login(fake: AzureMLFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no az here
    errors = configure(AzureProvider(), provider_config(fake, use_cli=True), tmp_path)
    assert len(errors) == 1 and "az login" in errors[0] and "No Azure credentials" in errors[0]


def test_a_service_principal_that_cannot_sign_in_is_a_configure_error_without_the_secret(
    fake: AzureMLFake, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The authority is a closed local port: the sign-in fails at once, offline.
    monkeypatch.setenv("AZURE_AUTHORITY_HOST", "https://127.0.0.1:9")
    config = provider_config(fake, client_id="app", tenant_id="tenant", client_secret="s3cret-value")
    errors = configure(AzureProvider(), config, tmp_path)
    assert len(errors) == 1 and "Check client_id, tenant_id and client_secret" in errors[0]
    assert "s3cret-value" not in errors[0]


def test_choosing_two_credentials_is_refused(fake: AzureMLFake, tmp_path: Path) -> None:
    config = provider_config(fake, client_id="a", tenant_id="t", client_secret="s", use_cli=True)
    errors = configure(AzureProvider(), config, tmp_path)
    assert any("Choose one credential" in e for e in errors)


def test_importing_the_provider_and_asking_its_schema_load_no_azure_module() -> None:
    probe = (
        "import sys; from mlinfra_provider_azure import AzureProvider; AzureProvider().schema(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'azure', 'msrest', 'requests'}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_data_sources_are_not_supported_yet_and_say_so(fake: AzureMLFake) -> None:
    from mlinfra.providers.protocol import ReadDataRequest

    resp = make_provider(fake).read_data(ReadDataRequest("model", "data.model.m", {"name": "m"}))
    assert resp.attributes is None
    (err,) = resp.diagnostics.errors
    assert "Data sources are not supported by the azure provider yet" in err.detail
