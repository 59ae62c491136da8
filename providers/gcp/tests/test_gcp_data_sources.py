"""Data sources of the gcp provider against the Vertex AI fake: an existing endpoint by
its id, one that does not exist, and the conformance suite's data-source case."""

from __future__ import annotations

from gcp_driver import PARENT, Driver

from mlinfra.conformance.steps import data_source


def test_an_existing_endpoint_is_read_by_its_id(driver: Driver) -> None:
    model = driver.upload_model("champion")
    attrs = driver.create("endpoint", "endpoint.churn", {"variant": {"blue": {"model": model}}})

    found = driver.read_data("endpoint", "data.endpoint.e", {"name": "churn"})

    assert not found.diagnostics and found.attributes is not None
    assert found.attributes["id"] == f"{PARENT}/endpoints/churn" == attrs["id"]
    assert (found.attributes["url"], found.attributes["status"]) == (attrs["url"], "deployed")
    data_source(driver.provider, "endpoint", {"name": attrs["id"]}, {"url": attrs["url"]}, {"name": "nothing-here"})
