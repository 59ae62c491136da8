"""The endpoint server's app in-process: traffic split, input checks, statistics and the
reload guard, with stand-in estimators (no process, no scikit-learn)."""

from __future__ import annotations

import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from mlinfra_provider_local.server import EndpointApp
from mlinfra_provider_local.serving import (
    DEFAULT_MAX_REQUEST_BYTES,
    BadRequest,
    Serving,
    Stats,
    Variant,
    parse_instances,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


class Doubler:
    """Predicts twice the first feature; rejects rows that are not two features long."""

    def predict(self, rows: Any) -> list[float]:
        if any(len(r) != 2 for r in rows):
            raise ValueError("X has the wrong number of features")
        return [2 * r[0] for r in rows]


def variant(name: str, weight: float, n_features: int | None = 2) -> Variant:
    return Variant(name, "m", 1, "m/v1", weight, Doubler(), n_features)


def client(*variants: Variant, limit: int = DEFAULT_MAX_REQUEST_BYTES) -> TestClient:
    serving = Serving(list(variants), None, limit)
    return TestClient(EndpointApp(Path("unused.json"), serving, "token").app)


def test_weights_split_traffic_exactly_in_every_window_and_zero_takes_none() -> None:
    serving = Serving([variant("a", 3), variant("b", 1), variant("off", 0)], None)
    picks = [v.name for v in (serving.choose() for _ in range(40)) if v is not None]
    assert Counter(picks) == {"a": 30, "b": 10}
    assert all(Counter(picks[i : i + 4]) == {"a": 3, "b": 1} for i in range(0, 40, 4))


def test_a_request_when_every_weight_is_zero_gets_503() -> None:
    r = client(variant("off", 0)).post("/predict", json={"instances": [[1, 2]]})
    assert r.status_code == 503 and "every weight is 0" in r.json()["error"]


def test_a_prediction_names_the_variant_and_the_model_version() -> None:
    r = client(variant("blue", 100)).post("/predict", json={"instances": [[1.5, 0], [2, 0]]})
    assert r.json() == {
        "predictions": [3.0, 4.0],
        "variant": "blue",
        "model": "m",
        "model_version": 1,
    }


def test_the_estimator_s_own_input_error_is_a_400_when_the_feature_count_is_undeclared() -> None:
    r = client(variant("blue", 100, n_features=None)).post(
        "/predict", json={"instances": [[1, 2, 3]]}
    )
    assert r.status_code == 400
    assert (
        r.json()["error"] == "the model rejected the instances: X has the wrong number of features"
    )


@pytest.mark.parametrize(
    "body",
    [None, [], {"instances": "x"}, {"instances": [[1, None]]}, {"instances": [[True, 1]]}],
)
def test_instances_must_be_a_non_empty_list_of_rows_of_numbers(body: Any) -> None:
    with pytest.raises(BadRequest):
        parse_instances(body, None)


def test_json_nested_100000_deep_is_a_400_not_a_server_error() -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    r = client(variant("blue", 100)).post("/predict", content=body)
    assert r.status_code == 400 and "nested too deeply" in r.json()["error"]


@pytest.mark.parametrize("number", ["1" + "0" * 400, "-" + "9" * 400, "1" + "0" * 5000])
def test_a_number_too_large_for_a_float_is_a_400(number: str) -> None:
    body = ('{"instances": [[' + number + ", 1]]}").encode()
    r = client(variant("blue", 100)).post("/predict", content=body)
    assert r.status_code == 400, r.text
    assert "error" in r.json()


def test_not_found_and_method_not_allowed_answer_json() -> None:
    c = client(variant("blue", 100))
    r = c.get("/nope")
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"
    assert "/nope" in r.json()["error"]
    r = c.put("/health")
    assert r.status_code == 405 and r.json() == {"error": "PUT is not allowed on /health"}


def test_a_body_over_the_limit_is_a_413_whether_declared_or_streamed() -> None:
    c = client(variant("blue", 100), limit=64)
    body = b'{"instances": [' + b"[1, 2], " * 20 + b"[1, 2]]}"
    r = c.post("/predict", content=body)
    assert r.status_code == 413 and "at most 64" in r.json()["error"]
    r = c.post("/predict", content=iter([body[:40], body[40:]]))
    assert r.status_code == 413 and "exceeds 64 bytes" in r.json()["error"]
    assert c.post("/predict", json={"instances": [[1, 2]]}).status_code == 200


def test_the_default_request_limit_is_six_mebibytes() -> None:
    assert Serving([], None).max_request_bytes == DEFAULT_MAX_REQUEST_BYTES == 6 * 1024 * 1024


def test_reload_is_refused_without_the_token_or_from_outside_loopback() -> None:
    c = client(variant("blue", 100))
    assert c.post("/-/reload").status_code == 403
    assert c.post("/-/reload", headers={"X-Mlinfra-Token": "wrong"}).status_code == 403
    # The test client is not 127.0.0.1, so even the right token is refused here.
    assert c.post("/-/reload", headers={"X-Mlinfra-Token": "token"}).status_code == 403


def test_statistics_render_as_prometheus_counters_and_a_cumulative_histogram() -> None:
    stats = Stats()
    stats.observe("blue", 0.003, error=False)
    stats.observe("blue", 0.2, error=True)
    text = stats.render()
    assert 'mlinfra_endpoint_requests_total{variant="blue"} 2' in text
    assert 'mlinfra_endpoint_errors_total{variant="blue"} 1' in text
    assert 'mlinfra_endpoint_request_duration_seconds_bucket{variant="blue",le="0.001"} 0' in text
    assert 'mlinfra_endpoint_request_duration_seconds_bucket{variant="blue",le="0.005"} 1' in text
    assert 'mlinfra_endpoint_request_duration_seconds_bucket{variant="blue",le="0.25"} 2' in text
    assert 'mlinfra_endpoint_request_duration_seconds_bucket{variant="blue",le="+Inf"} 2' in text
    assert 'mlinfra_endpoint_request_duration_seconds_count{variant="blue"} 2' in text


class Voter:
    """A classifier of two named features: class 1 when a > b, with probabilities."""

    classes_ = [0, 1]

    def predict(self, rows: Any) -> list[int]:
        return [int(r[0] > r[1]) for r in rows]

    def predict_proba(self, rows: Any) -> list[list[float]]:
        return [[0.25, 0.75] if r[0] > r[1] else [0.75, 0.25] for r in rows]


def voter(batch: int = 1000) -> TestClient:
    v = Variant("blue", "m", 1, "m/v1", 100, Voter(), 2, ("a", "b"), True, [0, 1])
    serving = Serving([v], None, DEFAULT_MAX_REQUEST_BYTES, batch)
    return TestClient(EndpointApp(Path("unused.json"), serving, "token").app)


def test_a_classifier_answers_with_class_probabilities_in_the_order_of_its_classes() -> None:
    r = voter().post("/predict", json={"instances": [[2, 1], [1, 2]]})
    assert r.json() == {
        "predictions": [1, 0],
        "probabilities": [[0.25, 0.75], [0.75, 0.25]],
        "classes": [0, 1],
        "variant": "blue",
        "model": "m",
        "model_version": 1,
    }


def test_rows_may_name_their_features_in_any_order() -> None:
    r = voter().post("/predict", json={"instances": [{"b": 1, "a": 2}, [1, 2]]})
    assert r.status_code == 200 and r.json()["predictions"] == [1, 0]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"a": 1}, 'instances[0] lacks "b"; the model takes: a, b'),
        ({"a": 1, "b": 2, "c": 3}, 'instances[0] has unknown "c"; the model takes: a, b'),
        ({"a": 1, "x": 2}, 'instances[0] lacks "b" and has unknown "x"; the model takes: a, b'),
        ({"a": 1, "b": "2"}, 'instances[0]["b"] must be a finite number'),
    ],
)
def test_named_features_are_checked_against_the_trained_names(row: Any, message: str) -> None:
    r = voter().post("/predict", json={"instances": [row]})
    assert r.status_code == 400 and r.json()["error"] == message


def test_named_features_for_a_model_trained_without_names_are_a_400() -> None:
    r = client(variant("blue", 100)).post("/predict", json={"instances": [{"a": 1, "b": 2}]})
    assert r.status_code == 400 and "trained without feature names" in r.json()["error"]


def test_a_batch_over_the_endpoint_s_size_is_a_400() -> None:
    r = voter(batch=2).post("/predict", json={"instances": [[1, 2]] * 3})
    assert r.status_code == 400
    assert r.json()["error"] == "instances has 3 rows; this endpoint takes at most 2 per request"
    assert voter(batch=2).post("/predict", json={"instances": [[1, 2]] * 2}).status_code == 200


def test_the_schema_describes_requests_answers_and_each_variant() -> None:
    doc = voter(batch=50).get("/schema").json()
    instances = doc["request"]["properties"]["instances"]
    assert instances["maxItems"] == 50 and doc["max_batch_size"] == 50
    listed, named = instances["items"]["anyOf"]
    assert listed == {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
    assert named["required"] == ["a", "b"] and named["additionalProperties"] is False
    assert {"probabilities", "classes"} <= set(doc["response"]["properties"])
    assert doc["variants"]["blue"] == {
        "model_id": "m/v1",
        "features": ["a", "b"],
        "n_features": 2,
        "probabilities": True,
        "classes": [0, 1],
    }
