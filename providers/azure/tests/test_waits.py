"""Waiting on Azure ML through the engine: the provider looks at each operation's poller
between steps the engine schedules, so ``parallelism`` bounds the workers, not the
operations being waited for; the interval between the traffic steps of a rollout is a
wait too, and the check and rollback after it still run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from azure_driver import provider_class, put_blob
from azureml_fake import AzureMLFake
from pending import poll_to_end

from mlinfra.engine import Engine
from mlinfra.providers import registry


@pytest.fixture()
def engine_fake(fake: AzureMLFake) -> Iterator[AzureMLFake]:
    """The engine's "azure" provider, wired to the fake."""
    registry.register("azure", provider_class(fake))
    yield fake
    registry.unregister("azure")


def provider_block(fake: AzureMLFake, wait_timeout: float = 15) -> str:
    return (
        'provider "azure" {\n'
        f'  subscription_id = "{fake.subscription}"\n'
        f'  resource_group  = "{fake.resource_group}"\n'
        f'  workspace       = "{fake.workspace}"\n'
        "  poll_interval   = 0.01\n"
        "  retry_timeout   = 5\n"
        # A wait that never ends fails the test in seconds instead of hanging it.
        f"  wait_timeout    = {wait_timeout}\n"
        "}\n"
    )


def endpoint_block(name: str, model: str, rollout: str = "") -> str:
    return f'endpoint "{name}" {{\n  provider = azure\n  variant "main" {{\n    model = "{model}"\n  }}\n{rollout}}}\n'


def apply(workdir: Path, text: str, parallelism: int) -> Any:
    (workdir / "main.hcl").write_text(text)
    _, result = Engine(workdir, parallelism=parallelism).apply(confirm=lambda p: True)
    assert result is not None
    return result


def traffic(fake: AzureMLFake, name: str) -> dict[str, int]:
    ep = fake.get(f"onlineEndpoints/{name}")
    assert ep is not None
    return dict(ep["properties"]["traffic"])


def deployments(fake: AzureMLFake, name: str) -> list[str]:
    return sorted(o["name"] for k, o in fake.objects.items() if f"/onlineendpoints/{name}/deployments/" in k)


@pytest.mark.parametrize("parallelism", [1, 2])
def test_endpoints_wait_for_their_operations_together_not_one_worker_each(
    engine_fake: AzureMLFake, tmp_path: Path, parallelism: int
) -> None:
    fake, n = engine_fake, 4
    model = fake.seed_model("iris", "1")
    # Azure ML finishes no operation until n are under way at once: an apply that held a
    # worker through each wait would never have more than `parallelism` and time out.
    fake.hold = lambda target: fake.most_unfinished < n
    text = provider_block(fake) + "".join(endpoint_block(f"iris{i}", model) for i in range(n))

    result = apply(tmp_path, text, parallelism)

    assert not result.diagnostics.has_errors, result.diagnostics
    assert result.added == n
    assert fake.most_unfinished == n
    for i in range(n):
        assert list(traffic(fake, f"iris{i}").values()) == [100]
    plan = Engine(tmp_path).plan()
    assert all(c.action.name == "NOOP" for c in plan.changes)


def test_a_rollout_interval_holds_no_worker_and_its_rollback_still_runs(engine_fake: AzureMLFake, tmp_path: Path) -> None:
    fake = engine_fake
    v1, v2 = fake.seed_model("iris", "1"), fake.seed_model("iris", "2")
    rollout = '  rollout {\n    strategy = "linear"\n    steps    = 4\n    interval = "2s"\n  }\n'
    head = provider_block(fake)
    assert not apply(tmp_path, head + endpoint_block("alpha", v1, rollout), 1).diagnostics.has_errors
    old = deployments(fake, "alpha")
    stepped: list[int] = []  # where in the call log alpha's first traffic step was seen
    original = fake._operation

    def first_step_then_failure(op_id: str) -> Any:
        # The new deployment of alpha stops serving once it takes traffic; bravo's
        # operations make progress only from then on.
        answer = original(op_id)
        if not stepped and traffic(fake, "alpha").get(old[0]) == 75:
            stepped.append(len(fake.calls))
            new = [n for n in deployments(fake, "alpha") if n not in old][0]
            fake.edit(f"onlineEndpoints/alpha/deployments/{new}", {"provisioningState": "Failed"})
        return answer

    fake._operation = first_step_then_failure  # type: ignore[method-assign]
    fake.hold = lambda target: not stepped and "/onlineendpoints/bravo" in target.lower()

    # One worker: bravo can finish only while alpha waits out the interval after its first step.
    result = apply(tmp_path, head + endpoint_block("alpha", v2, rollout) + endpoint_block("bravo", v1), 1)

    errors = result.diagnostics.errors
    assert [x.address for x in errors] == ["endpoint.alpha"], result.diagnostics
    assert "rolled back at step 1 of 4" in errors[0].summary and "stopped serving" in errors[0].detail
    assert deployments(fake, "alpha") == old and traffic(fake, "alpha") == {old[0]: 100}
    assert list(traffic(fake, "bravo").values()) == [100]
    # The rollback is alpha's next endpoint PUT after its first step; bravo was served in between.
    assert stepped
    calls = fake.calls
    rollback = next(i for i in range(stepped[0], len(calls)) if calls[i][0] == "PUT" and calls[i][1].endswith("/onlineEndpoints/alpha"))
    between = calls[stepped[0]:rollback]
    assert any(m == "PUT" and "/onlineEndpoints/bravo/deployments/" in p for m, p in between)
    assert sorted(Engine(tmp_path).read_state().resources) == ["endpoint.alpha", "endpoint.bravo"]


def test_an_operation_that_outlasts_wait_timeout_is_an_error_saying_how_to_wait_longer(
    engine_fake: AzureMLFake, tmp_path: Path
) -> None:
    fake = engine_fake
    model = fake.seed_model("iris", "1")
    fake.hold = lambda target: target.lower().endswith("/onlineendpoints/slow")
    text = provider_block(fake, wait_timeout=0.5) + endpoint_block("slow", model) + endpoint_block("fast", model)

    result = apply(tmp_path, text, 1)

    errors = result.diagnostics.errors
    assert [x.address for x in errors] == ["endpoint.slow"], result.diagnostics
    assert errors[0].summary == "Timed out waiting for endpoint slow"
    assert errors[0].detail.startswith("Still ") and "raise `wait_timeout`" in errors[0].detail
    assert result.added == 1 and list(traffic(fake, "fast").values()) == [100]


def test_a_pipeline_run_records_its_job_then_answers_pending_until_the_job_ends(
    blob_driver: Any, fake: AzureMLFake, azurite: Any
) -> None:
    from azureml_jobs import LocalJobRunner
    from test_azure_pipeline import iris_csv, pipeline

    from mlinfra.conformance.driver import full
    from mlinfra.providers.protocol import ApplyRequest

    fake.seed_compute()
    fake.runner = LocalJobRunner(fake, azurite.endpoint, azurite.account, azurite.key)
    args = pipeline(put_blob(azurite, fake, "iris/train.csv", iris_csv()))
    planned = blob_driver.plan("pipeline", "pipeline.train", None, args).planned
    recorded: list[dict[str, Any]] = []
    said: list[str] = []
    resp = blob_driver.provider.apply(
        ApplyRequest("pipeline", "pipeline.train", "create", None, planned, full("pipeline", args), {},
                     said.append, {"name": "train"}, recorded.append, deferrable=True)
    )
    # The job is in state before the first wait: a kill -9 while it runs loses nothing.
    assert resp.pending is not None and not resp.diagnostics.has_errors
    assert recorded and fake.get(f"jobs/{recorded[-1]['ref']}") is not None
    resp = poll_to_end(blob_driver.provider, "pipeline", "pipeline.train", resp, said.append, recorded.append)
    assert not resp.diagnostics.has_errors, resp.diagnostics.items
    assert resp.attributes is not None and resp.attributes["run_id"] == recorded[-1]["ref"]
    assert resp.attributes["metrics"]["accuracy"] > 0.5
    assert any(m.startswith(f"pipeline job {recorded[-1]['ref']}") for m in said)
