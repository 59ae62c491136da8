"""The training subprocess: ``python -m mlinfra_provider_local.train SPEC.json``.

Runs apart from the CLI so that a crash or a runaway estimator cannot take it down.
Reads the spec written by the pipeline handler, then: load the CSV inputs, split
(seeded), fit the estimator, evaluate the metrics and write ``model.joblib``,
``metrics.json`` and ``lineage.json`` into the run folder. A user-facing failure (an
unknown estimator, rejected parameters, a missing column) is written to ``error.json``
as a summary and the library's own message, with exit code 3.

``python -m mlinfra_provider_local.train --check ARTIFACT`` loads an artifact and exits
3 with the reason on stdout when it cannot serve predictions.

``python -m mlinfra_provider_local.train --inspect PATH...`` prints, as JSON, each
estimator's parameter names or why it cannot be used (for the checks at validate).
"""

from __future__ import annotations

import csv
import importlib
import json
import pkgutil
import sys
from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra_provider_local import _sdk, artifacts, metrics

EXIT_USER_ERROR = 3


class TrainError(Exception):
    def __init__(self, summary: str, detail: str) -> None:
        super().__init__(summary)
        self.summary = summary
        self.detail = detail


def resolve_estimator(path: str, prefixes: list[str]) -> type:
    if not any(path.startswith(p) for p in prefixes):
        raise TrainError(
            "Estimator not allowed",
            f'"{path}" is outside the allowed estimators ({", ".join(p + "*" for p in prefixes)}). '
            'Add its prefix to allowed_estimator_prefixes in the provider "local" block to allow it.',
        )
    module_name, _, class_name = path.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        import sklearn  # type: ignore[import-untyped]

        known = [
            f"sklearn.{m.name}"
            for m in pkgutil.iter_modules(sklearn.__path__)
            if not m.name.startswith("_")
        ]
        raise TrainError(
            "Unknown estimator",
            f'Cannot import "{module_name}" ({e}).{d.suggestion(module_name, known)}',
        ) from None
    found = getattr(module, class_name, None)
    if isinstance(found, type) and callable(getattr(found, "fit", None)):
        return found
    names = [
        n
        for n in dir(module)
        if not n.startswith("_") and callable(getattr(getattr(module, n), "fit", None))
    ]
    same_but_case = [n for n in names if n.lower() == class_name.lower()]
    hint = (
        f' Did you mean "{same_but_case[0]}"?' if same_but_case else d.suggestion(class_name, names)
    )
    raise TrainError("Unknown estimator", f'{module_name} has no estimator "{class_name}".{hint}')


def load_csv(path: Path, target: str) -> tuple[list[list[float]], list[Any], list[str]]:
    try:
        with path.open(newline="") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        raise TrainError("Cannot read training data", f"{path}: {e.strerror or e}") from None
    if not rows:
        raise TrainError("Empty training data", f"{path} has no rows.")
    header = [c.strip() for c in rows[0]]
    if target not in header:
        raise TrainError(
            "Target column not found",
            f'{path.name} has no column "{target}".{d.suggestion(target, header)}',
        )
    t = header.index(target)
    X: list[list[float]] = []
    raw_y: list[str] = []
    for line, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        try:
            X.append([float(v) for j, v in enumerate(row) if j != t])
        except ValueError:
            bad = next(j for j, v in enumerate(row) if j != t and not _is_number(v))
            raise TrainError(
                "Non-numeric feature",
                f'{path.name} line {line}: column "{header[bad]}" is "{row[bad]}".',
            ) from None
        raw_y.append(row[t])
    return X, _labels(raw_y), [h for j, h in enumerate(header) if j != t]


def _is_number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def _labels(raw: list[str]) -> list[Any]:
    for conv in (int, float):
        try:
            return [conv(v) for v in raw]
        except ValueError:
            continue
    return raw


def build(spec: dict[str, Any]) -> Any:
    """The estimator a spec trains: its one step, or a scikit-learn Pipeline of its
    steps (transformers, then the estimator) in order."""
    steps = spec.get("steps") or [
        {"name": "fit", "estimator": spec["estimator"], "params": spec["params"]}
    ]
    built = []
    for step in steps:
        cls = resolve_estimator(step["estimator"], spec["prefixes"])
        try:
            built.append((step["name"], cls(**step["params"])))
        except TypeError as e:
            detail = f'step "{step["name"]}": {e}' if len(steps) > 1 else str(e)
            raise TrainError("Estimator rejected its parameters", detail) from None
    if len(built) == 1:
        return built[0][1]
    return importlib.import_module("sklearn.pipeline").Pipeline(built)


def train(spec: dict[str, Any]) -> None:
    out = Path(spec["out"])
    estimator = build(spec)
    X, y, features = load_csv(Path(spec["train"]["path"]), spec["train"]["target"])
    np = _sdk.numpy()
    X_arr, y_arr = np.asarray(X, dtype=float), np.asarray(y)
    is_clf = bool(_sdk.sklearn_base().is_classifier(estimator))
    if spec.get("test"):
        X_test, y_test, _ = load_csv(Path(spec["test"]["path"]), spec["test"]["target"])
        X_train, y_train, X_test, y_test = (
            X_arr,
            y_arr,
            np.asarray(X_test, dtype=float),
            np.asarray(y_test),
        )
    else:
        X_train, X_test, y_train, y_test = _split(
            X_arr, y_arr, spec["test_size"], spec["seed"], is_clf
        )
    try:
        estimator.fit(X_train, y_train)
    except Exception as e:  # noqa: BLE001 - the estimator's own message is the detail
        summary = (
            "Estimator rejected its parameters"
            if type(e).__name__ == "InvalidParameterError"
            else "Training failed"
        )
        raise TrainError(summary, f"{type(e).__name__}: {e}") from None
    names = list(dict.fromkeys(spec["metrics"])) or [metrics.default_for(is_clf)]
    measured: dict[str, float] = {}
    for name in names:
        try:
            measured[name] = round(metrics.compute(name, estimator, X_test, y_test), 6)
        except Exception as e:  # noqa: BLE001
            raise TrainError("Cannot compute metric", f"{name}: {e}") from None
    artifacts.save(estimator, out / artifacts.MODEL_FILE)
    (out / "metrics.json").write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n")
    lineage = {
        **spec["lineage"],
        "estimator": spec["estimator"],
        "params": spec["params"],
        "steps": [[st["name"], st["estimator"]] for st in spec.get("steps") or []],
        "features": features,
        "n_train": int(len(X_train)),
        "n_test": int(len(X_test)),
        "metrics": measured,
        "libraries": _sdk.library_versions(),
    }
    (out / "lineage.json").write_text(
        json.dumps(lineage, indent=2, sort_keys=True, default=str) + "\n"
    )


def _split(
    X: Any, y: Any, test_size: float, seed: int, stratify: bool
) -> tuple[Any, Any, Any, Any]:
    ms = _sdk.sklearn_model_selection()
    if not stratify:
        return tuple(ms.train_test_split(X, y, test_size=test_size, random_state=seed))
    try:
        return tuple(ms.train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y))
    except ValueError:
        # Too few members in some class to stratify.
        return tuple(ms.train_test_split(X, y, test_size=test_size, random_state=seed))


def inspect_estimators(paths: list[str]) -> dict[str, Any]:
    """What ``--inspect`` reports of each estimator path: its parameter names (and
    whether it takes any keyword), or why it cannot be used."""
    import inspect

    out: dict[str, Any] = {}
    for path in paths:
        try:
            cls = resolve_estimator(path, [""])
        except TrainError as e:
            out[path] = {"summary": e.summary, "detail": e.detail}
            continue
        params = inspect.signature(cls.__init__).parameters.values()
        out[path] = {
            "params": sorted(
                p.name for p in params if p.name != "self" and p.kind != p.VAR_KEYWORD
            ),
            "varkw": any(p.kind == p.VAR_KEYWORD for p in params),
            "transform": callable(getattr(cls, "transform", None)),
            "predict": callable(getattr(cls, "predict", None)),
        }
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["--inspect"]:
        print(json.dumps(inspect_estimators(argv[1:])))
        return 0
    if argv[:1] == ["--check"]:
        try:
            artifacts.load(Path(argv[1]))
        except artifacts.ArtifactError as e:
            print(str(e))
            return EXIT_USER_ERROR
        return 0
    spec = json.loads(Path(argv[0]).read_text())
    try:
        train(spec)
    except TrainError as e:
        error = {"summary": e.summary, "detail": e.detail}
        (Path(spec["out"]) / "error.json").write_text(json.dumps(error) + "\n")
        return EXIT_USER_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
