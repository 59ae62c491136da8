"""What a prediction request may hold and what its answer holds (in the server process).

A request is ``{"instances": [...]}`` with up to the endpoint's batch size of rows. A row
is a list of numbers in the order the model was trained with, or an object naming each
feature (``{"sepal length (cm)": 5.1, ...}``), checked against the feature names the
model was trained with: a missing or unknown name is a 400 that names it. Features the
model reads as categories (a column of strings in its training data) take strings. The answer
holds the ``predictions`` and, for a model that has ``predict_proba``, the class
``probabilities`` (one list per row, in the order of ``classes``). ``schema`` describes
both as JSON Schema for ``GET /schema``.
"""

from __future__ import annotations

import math
from typing import Any

DEFAULT_MAX_BATCH = 1000
# The largest request body an endpoint takes unless ``local { max_request_bytes = N }``
# says otherwise (SageMaker's real-time payload limit).
DEFAULT_MAX_REQUEST_BYTES = 6 * 1024 * 1024


class BadRequest(ValueError):
    """A request the server answers with 400."""


def parse_instances(
    body: Any,
    n_features: int | None,
    features: tuple[str, ...] | None = None,
    max_batch: int | None = None,
    categorical: frozenset[str] = frozenset(),
) -> list[list[Any]]:
    """The ``instances`` of a request body as rows of numbers (and category strings for
    the ``categorical`` features), checked; raises BadRequest."""
    if not isinstance(body, dict) or "instances" not in body:
        raise BadRequest('the body must be a JSON object {"instances": [[...], ...]}')
    rows = body["instances"]
    if not isinstance(rows, list) or not rows:
        raise BadRequest("instances must be a non-empty list of rows")
    if max_batch is not None and len(rows) > max_batch:
        raise BadRequest(
            f"instances has {len(rows)} rows; this endpoint takes at most {max_batch} per request"
        )
    kinds = [f in categorical for f in features] if features and categorical else None
    out: list[list[Any]] = []
    for i, row in enumerate(rows):
        if isinstance(row, dict):
            row = _named_row(i, row, features, categorical)
        if not isinstance(row, list):
            raise BadRequest(f"instances[{i}] must be a list of numbers or an object of features")
        if n_features is not None and len(row) != n_features:
            raise BadRequest(
                f"instances[{i}] has {len(row)} features; the model expects {n_features}"
            )
        if kinds is not None and len(row) == len(kinds):
            for x, cat, name in zip(row, kinds, features or (), strict=True):
                if not (isinstance(x, str) if cat else _is_number(x)):
                    what = "a string (a category)" if cat else "a finite number"
                    raise BadRequest(f'instances[{i}]: feature "{name}" must be {what}')
            out.append([x if cat else float(x) for x, cat in zip(row, kinds, strict=True)])
            continue
        if not all(_is_number(x) for x in row):
            raise BadRequest(f"instances[{i}] must be a list of numbers or an object of features")
        out.append([float(x) for x in row])
    return out


def _named_row(
    i: int, row: dict[str, Any], features: tuple[str, ...] | None, categorical: frozenset[str]
) -> list[Any]:
    if features is None:
        raise BadRequest(
            f"instances[{i}] names its features, but the model was trained without feature "
            "names: send each row as a list of numbers"
        )
    missing = [f for f in features if f not in row]
    extra = sorted(k for k in row if k not in features)
    if missing or extra:
        parts = []
        if missing:
            parts.append("lacks " + ", ".join(f'"{f}"' for f in missing))
        if extra:
            parts.append("has unknown " + ", ".join(f'"{f}"' for f in extra))
        raise BadRequest(
            f"instances[{i}] {' and '.join(parts)}; the model takes: {', '.join(features)}"
        )
    values = [row[f] for f in features]
    for name, value in zip(features, values, strict=True):
        if name in categorical:
            if not isinstance(value, str):
                raise BadRequest(f'instances[{i}]["{name}"] must be a string (a category)')
        elif not _is_number(value):
            raise BadRequest(f'instances[{i}]["{name}"] must be a finite number')
    return values


def _is_number(x: Any) -> bool:
    if not isinstance(x, int | float) or isinstance(x, bool):
        return False
    try:
        return math.isfinite(x)
    except OverflowError:  # an integer too large for a float
        return False


def predict(estimator: Any, rows: list[list[Any]], np: Any) -> dict[str, Any]:
    """``predictions`` and, when the model has them, ``probabilities`` and ``classes``."""
    mixed = any(isinstance(x, str) for row in rows for x in row)
    X = np.asarray(rows, dtype=object if mixed else float)
    out: dict[str, Any] = {"predictions": np.asarray(estimator.predict(X)).tolist()}
    if has_probabilities(estimator):
        out["probabilities"] = np.asarray(estimator.predict_proba(X)).tolist()
        out["classes"] = classes(estimator)
    return out


def has_probabilities(estimator: Any) -> bool:
    return hasattr(estimator, "predict_proba") and hasattr(estimator, "classes_")


def classes(estimator: Any) -> list[Any]:
    found = estimator.classes_
    return list(found.tolist() if hasattr(found, "tolist") else found)


def feature_names(estimator: Any, recorded: Any) -> tuple[str, ...] | None:
    """The names the model was trained with: recorded at training, else the estimator's."""
    names = (
        recorded if isinstance(recorded, list) else getattr(estimator, "feature_names_in_", None)
    )
    if names is None:
        return None
    names = [str(n) for n in list(names)]
    return tuple(names) if names else None


def schema(variants: list[Any], max_batch: int) -> dict[str, Any]:
    """JSON Schemas of a request and of an answer, and what each variant takes."""
    number = {"type": "number"}
    row_forms: list[dict[str, Any]] = []
    for v in variants:
        listed: dict[str, Any] = {"type": "array", "items": number}
        if v.categorical and v.features:
            listed = {
                "type": "array",
                "prefixItems": [
                    {"type": "string"} if f in v.categorical else number for f in v.features
                ],
                "items": False,
            }
        if v.n_features is not None:
            listed.update(minItems=v.n_features, maxItems=v.n_features)
        if listed not in row_forms:
            row_forms.append(listed)
        if v.features:
            named = {
                "type": "object",
                "properties": {
                    f: {"type": "string"} if f in v.categorical else number for f in v.features
                },
                "required": list(v.features),
                "additionalProperties": False,
            }
            if named not in row_forms:
                row_forms.append(named)
    request = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["instances"],
        "properties": {
            "instances": {
                "type": "array",
                "minItems": 1,
                "maxItems": max_batch,
                "items": row_forms[0] if len(row_forms) == 1 else {"anyOf": row_forms},
            }
        },
    }
    answer_props: dict[str, Any] = {
        "predictions": {"type": "array"},
        "variant": {"type": "string"},
        "model": {"type": "string"},
        "model_version": {"type": "integer"},
    }
    if any(v.probabilities for v in variants):
        answer_props["probabilities"] = {
            "type": "array",
            "items": {"type": "array", "items": number},
        }
        answer_props["classes"] = {"type": "array"}
    response = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["predictions", "variant", "model", "model_version"],
        "properties": answer_props,
    }
    return {
        "request": request,
        "response": response,
        "max_batch_size": max_batch,
        "variants": {
            v.name: {
                "model_id": v.model_id,
                "features": list(v.features) if v.features else None,
                **({"categorical": sorted(v.categorical)} if v.categorical else {}),
                "n_features": v.n_features,
                "probabilities": v.probabilities,
                "classes": v.classes,
            }
            for v in variants
        },
    }
