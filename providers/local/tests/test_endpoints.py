"""The endpoint kind: a detached server process answering /predict, /health and /metrics,
splitting traffic by weight, updated in place without dropping requests, recreated when
its process dies, and leaving nothing behind when destroyed."""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_support import Driver, Failed, modules_after, pid_runs
from mlinfra_provider_local import processes


@pytest.fixture(scope="module")
def chain(trained: tuple[Driver, dict[str, Any]]) -> tuple[Driver, dict[str, Any]]:
    """The trained iris model registered twice: as iris/v1 and as other/v1."""
    drv, objs = trained
    objs["other"] = drv.model(objs["pipeline"]["artifact"], name="other")
    return drv, objs


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=10) as c:
        yield c


def serve(
    drv: Driver, name: str, variants: dict[str, tuple[str, float]], **args: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    cfg = drv.endpoint_config(variants, **args)
    return drv.apply("endpoint", f"endpoint.{name}", cfg), cfg


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


FLOWER = [5.1, 3.5, 1.4, 0.2]


@pytest.fixture(scope="module")
def served(chain: tuple[Driver, dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """One endpoint with data capture, shared by the tests that only send it requests."""
    drv, objs = chain
    capture = {"enabled": True, "sample_percent": 100}
    ep, cfg = serve(drv, "a", {"blue": (objs["model"]["id"], 100)}, data_capture=capture)
    yield ep, cfg
    drv.destroy("endpoint", "endpoint.a", ep)


def counter(text: str, name: str, variant: str = "blue") -> float:
    line = next(x for x in text.splitlines() if x.startswith(f'{name}{{variant="{variant}"}} '))
    return float(line.rsplit(" ", 1)[1])


def test_an_endpoint_serves_predictions_health_and_metrics(
    served: tuple[dict[str, Any], dict[str, Any]], client: httpx.Client
) -> None:
    ep, _ = served
    assert ep["id"] == "a" and ep["status"] == "InService"
    assert ep["url"] == f"http://127.0.0.1:{ep['port']}"
    r = client.post(ep["url"] + "/predict", json={"instances": [FLOWER, [6.7, 3.0, 5.2, 2.3]]})
    assert r.status_code == 200
    answer = r.json()
    probabilities = answer.pop("probabilities")
    assert answer == {
        "predictions": [0, 2],
        "classes": [0, 1, 2],
        "variant": "blue",
        "model": "iris",
        "model_version": 1,
    }
    assert [max(range(3), key=row.__getitem__) for row in probabilities] == [0, 2]
    assert all(abs(sum(row) - 1) < 1e-9 for row in probabilities)
    health = client.get(ep["url"] + "/health").json()
    assert health["status"] == "ok" and health["variants"]["blue"]["model_id"] == "iris/v1"
    text = client.get(ep["url"] + "/metrics").text
    assert "# TYPE mlinfra_endpoint_request_duration_seconds histogram" in text
    requests = counter(text, "mlinfra_endpoint_requests_total")
    assert requests >= 1
    assert counter(text, "mlinfra_endpoint_request_duration_seconds_count") == requests


def test_an_unchanged_endpoint_plans_no_change_on_top_of_what_read_returns(
    chain: tuple[Driver, dict[str, Any]], served: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    drv, _ = chain
    ep, cfg = served
    refreshed = drv.read("endpoint", "endpoint.a", ep)
    assert refreshed == ep
    assert drv.plan("endpoint", "endpoint.a", refreshed, cfg).planned == ep
    assert drv.find("endpoint", "endpoint.a") == ep


def test_a_refresh_in_a_new_process_asks_health_without_an_http_library(
    chain: tuple[Driver, dict[str, Any]], served: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    """What a plan's refresh of a running endpoint loads: the endpoint handler and its
    process checks, not urllib/http.client, nor another kind's handler."""
    drv, _ = chain
    ep, _ = served
    code = (
        "import json\nfrom pathlib import Path\n"
        "from mlinfra_provider_local import LocalProvider\n"
        "from mlinfra.providers.protocol import ConfigureRequest, ReadRequest\n"
        "p = LocalProvider()\n"
        f"assert not p.configure(ConfigureRequest({{}}, Path({str(drv.workdir)!r}))).diagnostics\n"
        f"state = json.loads({json.dumps(json.dumps(ep))})\n"
        "resp = p.read(ReadRequest('endpoint', 'endpoint.a', state['id'], state))\n"
        "assert resp.attributes == state, (resp.attributes, list(resp.diagnostics))\n"
    )
    loaded = modules_after(code)
    assert "mlinfra_provider_local.endpoints" in loaded
    unwanted = {"urllib.request", "http.client", "ssl"} | {
        f"mlinfra_provider_local.{m}" for m in ("models", "pipelines", "monitors", "serving", "monitor_report")
    }
    assert not loaded & unwanted, sorted(loaded & unwanted)


BAD_BODIES = [
    (b"{not json", "not valid JSON"),
    (b'{"rows": [[1, 2, 3, 4]]}', '{"instances"'),
    (b'{"instances": [[1, 2, 3]]}', "has 3 features; the model expects 4"),
    (b'{"instances": [["a", 2, 3, 4]]}', "must be a list of numbers"),
    (b'{"instances": []}', "non-empty list"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"instances": [[1' + b"0" * 400 + b", 2, 3, 4]]}", "must be a list of numbers"),
]


def test_a_bad_request_gets_400_with_a_json_error_and_the_server_keeps_serving(
    served: tuple[dict[str, Any], dict[str, Any]], client: httpx.Client
) -> None:
    ep, _ = served
    metrics = ep["url"] + "/metrics"
    errors_before = counter(client.get(metrics).text, "mlinfra_endpoint_errors_total")
    for body, needle in BAD_BODIES:
        r = client.post(ep["url"] + "/predict", content=body)
        assert r.status_code == 400 and needle in r.json()["error"], (body, r.text)
        assert client.post(ep["url"] + "/predict", json={"instances": [FLOWER]}).status_code == 200
    errors_after = counter(client.get(metrics).text, "mlinfra_endpoint_errors_total")
    assert errors_after - errors_before == len(BAD_BODIES)


IRIS_FEATURES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]


def test_rows_named_by_the_trained_feature_names_are_served_and_checked(
    served: tuple[dict[str, Any], dict[str, Any]], client: httpx.Client
) -> None:
    ep, _ = served
    named = dict(zip(reversed(IRIS_FEATURES), reversed(FLOWER), strict=True))
    r = client.post(ep["url"] + "/predict", json={"instances": [named, FLOWER]})
    assert r.status_code == 200 and r.json()["predictions"] == [0, 0]
    del named["petal width (cm)"]
    r = client.post(ep["url"] + "/predict", json={"instances": [{**named, "colour": 1}]})
    assert r.status_code == 400
    assert r.json()["error"].startswith(
        'instances[0] lacks "petal width (cm)" and has unknown "colour"'
    )
    schema = client.get(ep["url"] + "/schema").json()
    assert schema["variants"]["blue"]["features"] == IRIS_FEATURES
    assert schema["request"]["properties"]["instances"]["maxItems"] == 1000


def test_unknown_paths_and_methods_get_json_errors_from_the_server(
    served: tuple[dict[str, Any], dict[str, Any]], client: httpx.Client
) -> None:
    ep, _ = served
    missing = client.get(ep["url"] + "/nowhere")
    assert missing.status_code == 404 and "/nowhere" in missing.json()["error"]
    wrong = client.get(ep["url"] + "/predict")
    assert wrong.status_code == 405 and "GET is not allowed" in wrong.json()["error"]
    assert "POST" in wrong.headers["allow"]


def test_a_request_over_the_configured_size_limit_gets_413_and_the_server_keeps_serving(
    chain: tuple[Driver, dict[str, Any]], client: httpx.Client
) -> None:
    drv, objs = chain
    ep, _ = serve(
        drv, "limit", {"blue": (objs["model"]["id"], 100)}, local={"max_request_bytes": 200}
    )
    try:
        body = json.dumps({"instances": [FLOWER] * 20}).encode()
        r = client.post(ep["url"] + "/predict", content=body)
        assert r.status_code == 413 and "at most 200" in r.json()["error"]
        # Streamed without a Content-Length, the limit holds as the bytes arrive.
        r = client.post(ep["url"] + "/predict", content=iter([body[:150], body[150:]]))
        assert r.status_code == 413 and "exceeds 200 bytes" in r.json()["error"]
        assert client.post(ep["url"] + "/predict", json={"instances": [FLOWER]}).status_code == 200
    finally:
        drv.destroy("endpoint", "endpoint.limit", ep)


def test_data_capture_writes_request_response_pairs(
    served: tuple[dict[str, Any], dict[str, Any]], client: httpx.Client
) -> None:
    ep, _ = served
    capture = Path(ep["log"]).parent.parent / "capture.jsonl"
    before = len(capture.read_text().splitlines()) if capture.exists() else 0
    for _ in range(3):
        client.post(ep["url"] + "/predict", json={"instances": [FLOWER]})
    records = [json.loads(x) for x in capture.read_text().splitlines()[before:]]
    assert len(records) == 3
    assert records[0]["request"] == {"instances": [FLOWER]}
    assert records[0]["response"]["predictions"] == [0]
    assert records[0]["variant"] == "blue" and records[0]["model_id"] == "iris/v1"


def test_traffic_is_split_by_weight(
    chain: tuple[Driver, dict[str, Any]], client: httpx.Client
) -> None:
    drv, objs = chain
    ep, _ = serve(
        drv, "c", {"stable": (objs["model"]["id"], 90), "canary": (objs["other"]["id"], 10)}
    )
    try:
        answers = [
            client.post(ep["url"] + "/predict", json={"instances": [FLOWER]}).json()
            for _ in range(200)
        ]
        counts = Counter((a["variant"], a["model"]) for a in answers)
        assert counts == {("stable", "iris"): 180, ("canary", "other"): 20}
    finally:
        drv.destroy("endpoint", "endpoint.c", ep)


def test_a_weight_and_model_change_is_applied_in_place_without_dropping_a_request(
    chain: tuple[Driver, dict[str, Any]], client: httpx.Client
) -> None:
    drv, objs = chain
    ep, cfg = serve(drv, "d", {"blue": (objs["model"]["id"], 100)})
    failures: list[str] = []
    seen: set[str] = set()
    stop = threading.Event()

    def hammer() -> None:
        with httpx.Client(trust_env=False, timeout=10) as c:
            while not stop.is_set():
                try:
                    r = c.post(ep["url"] + "/predict", json={"instances": [FLOWER]})
                    if r.status_code != 200:
                        failures.append(f"{r.status_code} {r.text}")
                    else:
                        seen.add(r.json()["model"])
                except httpx.HTTPError as e:
                    failures.append(repr(e))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 10
        while "iris" not in seen and time.monotonic() < deadline:
            time.sleep(0.01)
        new_cfg = drv.endpoint_config({"blue": (objs["other"]["id"], 100)})
        plan = drv.plan("endpoint", "endpoint.d", ep, new_cfg)
        assert not plan.requires_replace and plan.planned["url"] == ep["url"]
        updated = drv.apply("endpoint", "endpoint.d", new_cfg, prior=ep)
        deadline = time.monotonic() + 10
        while "other" not in seen and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        for t in threads:
            t.join()
    try:
        assert failures == []
        assert updated["pid"] == ep["pid"] and seen == {"iris", "other"}
        r = client.post(ep["url"] + "/predict", json={"instances": [FLOWER]})
        assert r.json()["model"] == "other"
    finally:
        drv.destroy("endpoint", "endpoint.d", updated)


def test_a_killed_server_reads_as_gone_and_is_started_again(
    chain: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = chain
    ep, cfg = serve(drv, "f", {"blue": (objs["model"]["id"], 100)})
    os.kill(ep["pid"], signal.SIGKILL)
    deadline = time.monotonic() + 10
    while pid_runs(ep["pid"]) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert drv.read("endpoint", "endpoint.f", ep) is None
    again = drv.apply("endpoint", "endpoint.f", cfg)
    try:
        assert again["pid"] != ep["pid"] and processes.healthy(again["url"])
        assert len(list(Path(again["log"]).parent.parent.glob("srv-*"))) == 1
    finally:
        drv.destroy("endpoint", "endpoint.f", again)


def test_destroy_stops_the_process_frees_the_port_and_removes_the_files(
    chain: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = chain
    ep, _ = serve(
        drv,
        "g",
        {"blue": (objs["model"]["id"], 100)},
        data_capture={"enabled": True, "sample_percent": 100},
    )
    home = Path(ep["log"]).parent.parent
    assert pid_runs(ep["pid"])
    drv.destroy("endpoint", "endpoint.g", ep)
    assert not pid_runs(ep["pid"]) and port_free(ep["port"]) and not home.exists()
    assert drv.read("endpoint", "endpoint.g", ep) is None


def test_a_port_in_use_is_an_error_naming_the_port(chain: tuple[Driver, dict[str, Any]]) -> None:
    drv, objs = chain
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(Failed) as e:
            serve(drv, "i", {"blue": (objs["model"]["id"], 100)}, local={"port": port})
    assert e.value.diagnostics.errors[0].summary == f"Port {port} is already in use"
    assert not (drv.provider.store.endpoint("i")).exists()


def test_a_fixed_port_is_known_at_plan_time_and_changing_it_forces_a_replacement(
    chain: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = chain
    cfg = drv.endpoint_config({"blue": (objs["model"]["id"], 100)}, local={"port": 18765})
    assert drv.plan("endpoint", "endpoint.j", None, cfg).planned["url"] == "http://127.0.0.1:18765"
    prior = {
        **cfg,
        "id": "j",
        "url": "http://127.0.0.1:18765",
        "status": "InService",
        "pid": 1,
        "port": 18765,
        "log": "x",
    }
    moved = drv.endpoint_config({"blue": (objs["model"]["id"], 100)}, local={"port": 18766})
    assert drv.plan("endpoint", "endpoint.j", prior, moved).requires_replace == [("local",)]


def test_a_model_version_not_in_the_registry_is_an_error_with_a_suggestion(
    chain: tuple[Driver, dict[str, Any]],
) -> None:
    drv, _ = chain
    with pytest.raises(Failed) as e:
        serve(drv, "k", {"blue": ("iris/v9", 100)})
    err = e.value.diagnostics.errors[0]
    assert err.summary == "Model version not found" and 'Did you mean "iris/v1"?' in err.detail


def test_weights_that_are_all_zero_are_a_validation_error(
    chain: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = chain
    cfg = drv.endpoint_config({"blue": (objs["model"]["id"], 0)})
    assert (
        drv.validate("endpoint", "endpoint.z", cfg).errors[0].summary == "No variant takes traffic"
    )


def test_a_running_server_that_stops_answering_is_planned_for_replacement_and_then_stopped(
    chain: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = chain
    ep, cfg = serve(drv, "u", {"blue": (objs["model"]["id"], 100)})
    os.kill(ep["pid"], signal.SIGSTOP)
    try:
        refreshed = drv.read("endpoint", "endpoint.u", ep)
        assert refreshed is not None and refreshed["status"] == "Unhealthy"
        plan = drv.plan("endpoint", "endpoint.u", refreshed, cfg)
        assert plan.requires_replace == [("status",)] and "does not answer /health" in (
            plan.reason or ""
        )
    finally:
        drv.destroy("endpoint", "endpoint.u", ep)
    assert not pid_runs(ep["pid"])


def test_rollout_strategies_and_autoscaling_are_warned_about_not_refused(
    chain: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = chain
    cfg = drv.endpoint_config(
        {"blue": (objs["model"]["id"], 100)},
        rollout={"strategy": "canary", "steps": 2},
        autoscaling={"min": 1, "max": 4},
    )
    diags = drv.validate("endpoint", "endpoint.w", cfg)
    assert not diags.has_errors
    assert [w.summary for w in diags.warnings] == ["Ignored by the local provider"] * 2


def test_a_model_that_fails_to_load_fails_the_start_or_the_update_and_the_old_one_keeps_serving(
    chain: tuple[Driver, dict[str, Any]], client: httpx.Client
) -> None:
    drv, objs = chain
    broken = drv.model(objs["pipeline"]["artifact"], name="broken")
    # Replaced, not edited in place: versions of the same content share one (read-only)
    # file, and the other tests serve the iris model made from this artifact.
    damaged = Path(broken["uri"][len("file://") :])
    damaged.unlink()
    damaged.write_bytes(b"not a model any more")
    with pytest.raises(Failed) as e:
        serve(drv, "v", {"blue": (broken["id"], 100)})
    err = e.value.diagnostics.errors[0]
    assert err.summary == "The server process exited during startup"
    assert 'variant "blue" (broken/v1)' in err.detail and "cannot be loaded" in err.detail
    assert not drv.provider.store.endpoint("v").exists()

    ep, _ = serve(drv, "v", {"blue": (objs["model"]["id"], 100)})
    try:
        with pytest.raises(Failed) as e:
            drv.apply(
                "endpoint",
                "endpoint.v",
                drv.endpoint_config({"blue": (broken["id"], 100)}),
                prior=ep,
            )
        assert e.value.diagnostics.errors[0].summary == "The endpoint rejected the update"
        answer = client.post(ep["url"] + "/predict", json={"instances": [FLOWER]}).json()
        assert answer["model"] == "iris"
        assert drv.read("endpoint", "endpoint.v", ep) == ep
    finally:
        drv.destroy("endpoint", "endpoint.v", ep)


def test_every_kind_can_be_imported_by_its_id(
    chain: tuple[Driver, dict[str, Any]], served: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    drv, objs = chain
    ep, _ = served

    def imported(kind: str, object_id: str) -> dict[str, Any] | None:
        return drv.import_(kind, f"{kind}.adopted", object_id)

    assert imported("dataset", "iris") == objs["dataset"]
    assert imported("pipeline", "train") == objs["pipeline"]
    assert imported("model", "iris/v1") == objs["model"]
    assert imported("model", "iris") == objs["model"]
    assert imported("endpoint", "a") == ep
    assert imported("endpoint", "nothing") is None and imported("model", "nothing/v1") is None
