"""The provider "gcp" block: a missing project, region or credential is one clear error
with the fix at configure time; labels and endpoints are checked before any call."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from mlinfra_provider_gcp import GcpProvider, naming

from mlinfra.providers.protocol import ConfigureRequest


def configure(tmp_path: Path, **config: Any) -> list[str]:
    resp = GcpProvider().configure(ConfigureRequest(config=config, workdir=tmp_path))
    return [f"{d.summary}: {d.detail}" for d in resp.diagnostics.items if d.is_error]


def test_a_complete_configuration_configures(tmp_path: Path) -> None:
    assert configure(tmp_path, project="proj", region="us-central1", credentials="anonymous") == []


def test_a_missing_project_says_how_to_set_it(tmp_path: Path) -> None:
    errors = configure(tmp_path, region="us-central1", credentials="anonymous")
    assert len(errors) == 1 and "No Google Cloud project" in errors[0] and "GOOGLE_CLOUD_PROJECT" in errors[0]


def test_the_project_and_region_may_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "proj")
    monkeypatch.setenv("GOOGLE_CLOUD_REGION", "europe-west4")
    p = GcpProvider()
    assert not p.configure(ConfigureRequest(config={"credentials": "anonymous"}, workdir=tmp_path)).diagnostics.has_errors
    assert p.clients is not None and p.clients.parent == "projects/proj/locations/europe-west4"


def test_a_missing_region_and_a_bad_one_are_errors(tmp_path: Path) -> None:
    assert any("No Vertex AI region" in e for e in configure(tmp_path, project="p", credentials="anonymous"))
    assert any("is not a Google Cloud region" in e for e in configure(tmp_path, project="p", region="US", credentials="anonymous"))


def test_no_credentials_anywhere_is_an_error_with_the_fix(tmp_path: Path) -> None:
    errors = configure(tmp_path, project="p", region="us-central1")
    assert len(errors) == 1 and "gcloud auth application-default login" in errors[0]


def test_a_missing_key_file_is_an_error_naming_it(tmp_path: Path) -> None:
    errors = configure(tmp_path, project="p", region="us-central1", credentials="keys/sa.json")
    assert len(errors) == 1 and "keys/sa.json does not exist" in errors[0]


def test_a_key_file_that_is_not_a_service_account_key_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "sa.json").write_text(json.dumps({"type": "service_account"}))
    errors = configure(tmp_path, project="p", region="us-central1", credentials="sa.json")
    assert len(errors) == 1 and "not a service-account key file" in errors[0]


def test_default_labels_that_vertex_refuses_are_errors(tmp_path: Path) -> None:
    errors = configure(tmp_path, project="p", region="us-central1", credentials="anonymous", labels={"Team": "ML"})
    assert any('key "Team"' in e for e in errors) and any('"Team" = "ML"' in e for e in errors)


def test_unknown_settings_are_refused(tmp_path: Path) -> None:
    assert any("not expected" in e for e in configure(tmp_path, project="p", region="us-central1", zone="a"))


@pytest.mark.parametrize(
    "address",
    ["endpoint.churn", 'module.eu.endpoint.churn["blue"]', "model.x_y", "endpoint." + "long_name" * 20, 'model.m["ünï"]'],
)
def test_addresses_are_encoded_into_valid_labels_and_back(address: str) -> None:
    labels = naming.address_labels(address)
    assert all(naming.KEY.match(k) and naming.VALUE.match(v) for k, v in labels.items())
    assert naming.address_of(labels) == address
