"""Waiting on Vertex AI through the engine: the long-running operations of many endpoints
are polled from the engine's timer heap, so ``parallelism`` bounds the calls in flight and
not the operations being waited for; the interval between the traffic steps of a rollout
is a wait too, and the health check and rollback after it still run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gcp_driver import IMAGE, REGION, Driver
from pending import poll_to_end
from test_pipeline import iris_csv, pipeline

from mlinfra.conformance.driver import full
from mlinfra.engine import Engine
from mlinfra.providers.protocol import ApplyRequest

LIVE = f"projects/123456789012/locations/{REGION}/endpoints"


def provider_block(driver: Driver, wait_timeout: float = 15) -> str:
    return (
        'provider "gcp" {\n'
        '  project       = "proj"\n'
        f'  region        = "{REGION}"\n'
        '  credentials   = "anonymous"\n'
        f'  api_endpoint  = "{driver.fake.url}"\n'
        f'  storage_endpoint = "{driver.gcs.url}"\n'
        "  poll_interval = 0.01\n"
        "  retry_timeout = 5\n"
        # A wait that never ends fails the test in seconds instead of hanging it.
        f"  wait_timeout  = {wait_timeout}\n"
        "}\n"
    )


def endpoint_block(name: str, model: str, rollout: str = "") -> str:
    return (
        f'endpoint "{name}" {{\n  provider = gcp\n'
        f'  variant "main" {{\n    model = "{model}"\n  }}\n{rollout}}}\n'
    )


def apply(workdir: Path, text: str, parallelism: int) -> Any:
    (workdir / "main.hcl").write_text(text)
    _, result = Engine(workdir, parallelism=parallelism).apply(confirm=lambda p: True)
    assert result is not None
    return result


@pytest.mark.parametrize("parallelism", [1, 2])
def test_endpoints_wait_for_their_operations_together_not_one_worker_each(
    driver: Driver, tmp_path: Path, parallelism: int
) -> None:
    n = 4
    model = driver.upload_model("champion")
    state = driver.fake.state
    # Vertex AI finishes no operation until n are under way at once: an apply that held a
    # worker through each wait would never have more than `parallelism` and time out.
    state.hold = lambda name: state.most_unfinished < n
    work = tmp_path / "work"
    work.mkdir()
    text = provider_block(driver) + "".join(endpoint_block(f"e{i}", model) for i in range(n))

    result = apply(work, text, parallelism)

    assert not result.diagnostics.has_errors, result.diagnostics
    assert result.added == n
    assert state.most_unfinished == n
    # The workers bound the calls in flight, never the waits.
    assert driver.fake.most_in_flight <= parallelism
    for i in range(n):
        assert driver.variants(f"e{i}") == {"main": ("champion@1", 100)}
    assert Engine(work).plan().changes == [] or all(c.action.name == "NOOP" for c in Engine(work).plan().changes)


def test_a_rollout_interval_holds_no_worker_and_its_rollback_still_runs(driver: Driver, tmp_path: Path) -> None:
    champion = driver.upload_model("champion")
    work = tmp_path / "work"
    work.mkdir()
    rollout = '  rollout {\n    strategy = "linear"\n    steps    = 4\n    interval = "2s"\n  }\n'
    head = provider_block(driver)
    assert not apply(work, head + endpoint_block("a", champion, rollout), 1).diagnostics.has_errors
    v2 = driver.upload_model("champion", parent_model=True)
    fake, state = driver.fake, driver.fake.state
    a = f"{LIVE}/a"
    stepped = []

    def first_step_then_crash(req: Any) -> None:
        # The new deployment falls over once it takes traffic; endpoint b's operations
        # make progress only from then on.
        if not req.path.endswith("/endpoints/a"):
            return
        stepped.append(dict(req.body.get("trafficSplit") or {}))
        for dm in fake.endpoints.endpoints[a]["deployedModels"]:
            if dm["modelVersionId"] == "2":
                fake.endpoints.console_undeploy(a, dm["id"])

    fake.hooks["UpdateEndpoint"] = first_step_then_crash
    state.hold = lambda name: not stepped and name.startswith(f"{LIVE}/b")
    fake.requests.clear()

    # One worker: b can finish only while a waits out the interval after its first step.
    result = apply(work, head + endpoint_block("a", v2, rollout) + endpoint_block("b", champion), 1)

    errors = result.diagnostics.errors
    assert [x.address for x in errors] == ["endpoint.a"], result.diagnostics
    assert "was rolled back" in errors[0].summary and "no longer deployed" in errors[0].detail
    assert driver.variants("a") == {"main": ("champion@1", 100)}
    assert driver.variants("b") == {"main": ("champion@1", 100)}
    # The step, then the rollback to the old split; b was served in between.
    patches = [i for i, r in enumerate(fake.requests) if r.action == "UpdateEndpoint" and r.path.endswith("/endpoints/a")]
    assert len(patches) == 2 and len(stepped[0]) == 2 and list(stepped[1].values()) == [100]
    between = fake.requests[patches[0] + 1 : patches[1]]
    assert any("/endpoints/b" in r.path for r in between)
    assert any(r.action == "DeployModel" and r.path.endswith("/endpoints/b:deployModel") for r in fake.requests[: patches[1]])
    assert sorted(Engine(work).read_state().resources) == ["endpoint.a", "endpoint.b"]


def test_model_uploads_wait_together_with_one_worker(driver: Driver, tmp_path: Path) -> None:
    n = 3
    for i in range(n):
        driver.put(f"gs://data/m{i}/model.joblib", f"model {i}".encode())
    state = driver.fake.state
    state.hold = lambda name: state.most_unfinished < n
    work = tmp_path / "work"
    work.mkdir()
    models = "".join(
        f'model "m{i}" {{\n  provider = gcp\n  artifact = "gs://data/m{i}/model.joblib"\n  image    = "{IMAGE}"\n}}\n'
        for i in range(n)
    )

    result = apply(work, provider_block(driver) + models, 1)

    assert not result.diagnostics.has_errors, result.diagnostics
    assert result.added == n and state.most_unfinished == n
    assert sorted(driver.fake.models.models) == sorted(f"projects/123456789012/locations/{REGION}/models/m{i}" for i in range(n))


def test_a_pipeline_run_records_its_job_then_answers_pending_until_the_job_ends(driver: Driver) -> None:
    driver.put("gs://data/iris/train.csv", iris_csv())
    planned = driver.plan("pipeline", "pipeline.train", None, pipeline()).planned
    recorded: list[dict[str, Any]] = []
    said: list[str] = []
    resp = driver.provider.apply(
        ApplyRequest("pipeline", "pipeline.train", "create", None, planned, full("pipeline", pipeline()), {},
                     said.append, {"name": "train"}, recorded.append, deferrable=True)
    )
    # The job is in state before the first wait: a kill -9 while it runs loses nothing.
    assert resp.pending is not None and not resp.diagnostics.has_errors
    job_id = recorded[-1]["job"].rsplit("/", 1)[1]
    assert [k.rsplit("/", 1)[1] for k in driver.fake.pipelines.jobs] == [job_id]
    resp = poll_to_end(driver.provider, "pipeline", "pipeline.train", resp, said.append, recorded.append)
    assert not resp.diagnostics.has_errors, resp.diagnostics.items
    assert resp.attributes is not None and resp.attributes["run_id"] == recorded[-1]["job"]
    assert resp.attributes["metrics"]["accuracy"] > 0.5
    assert any(m.startswith("pipeline job train-") for m in said)


def test_an_operation_that_outlasts_wait_timeout_is_an_error_saying_how_to_wait_longer(driver: Driver, tmp_path: Path) -> None:
    model = driver.upload_model("champion")
    state = driver.fake.state
    state.hold = lambda name: "/endpoints/slow/" in name
    work = tmp_path / "work"
    work.mkdir()

    result = apply(work, provider_block(driver, wait_timeout=0.5) + endpoint_block("slow", model) + endpoint_block("fast", model), 1)

    errors = result.diagnostics.errors
    assert [x.address for x in errors] == ["endpoint.slow"], result.diagnostics
    assert errors[0].summary == "Timed out waiting for creating endpoint slow"
    assert "still running after 0s" in errors[0].detail and "raise `wait_timeout`" in errors[0].detail
    assert result.added == 1 and driver.variants("fast") == {"main": ("champion@1", 100)}
