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


def load_csv(path: Path, target: str) -> tuple[list[list[str]], list[Any], list[str]]:
    """The rows of feature values (as text), the labels and the feature names."""
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
    X: list[list[str]] = []
    raw_y: list[str] = []
    for row in rows[1:]:
        if not row:
            continue
        X.append([v for j, v in enumerate(row) if j != t])
        raw_y.append(row[t])
    return X, _labels(raw_y), [h for j, h in enumerate(header) if j != t]


def categorical_columns(rows: list[list[str]], features: list[str]) -> list[str]:
    """The features with a value that is not a number (read as categories)."""
    return [
        name for j, name in enumerate(features) if not all(_is_number(r[j]) for r in rows)
    ]


def matrix(rows: list[list[str]], features: list[str], categorical: list[str], where: str) -> Any:
    """The rows as a float array, or (with categorical columns) an object array holding
    numbers and category strings."""
    np = _sdk.numpy()
    kinds = [name in categorical for name in features]
    out = []
    for line, row in enumerate(rows, start=2):
        try:
            out.append([v if cat else float(v) for v, cat in zip(row, kinds, strict=True)])
        except ValueError:
            if len(row) != len(features):
                raise TrainError(
                    "Malformed training data",
                    f"{where} line {line} has {len(row) + 1} values; the header names "
                    f"{len(features) + 1} columns.",
                ) from None
            bad = next(j for j, v in enumerate(row) if not kinds[j] and not _is_number(v))
            raise TrainError(
                "Non-numeric feature",
                f'{where} line {line}: column "{features[bad]}" is "{row[bad]}".',
            ) from None
    return np.asarray(out, dtype=object if categorical else float)

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
    """The estimator a spec trains: its one step, a scikit-learn Pipeline of its steps in
    order, or a Pipeline whose first step is a ColumnTransformer of column branches (see
    ``steps.layout``)."""
    specs = spec.get("steps") or [
        {"name": "fit", "estimator": spec["estimator"], "params": spec["params"]}
    ]
    shape = spec.get("layout") or {
        "chain": [s["name"] for s in specs],
        "branches": [],
        "join": "columns",
    }
    made: dict[str, Any] = {}
    for step in specs:
        cls = resolve_estimator(step["estimator"], spec["prefixes"])
        try:
            made[step["name"]] = cls(**step["params"])
        except TypeError as e:
            detail = f'step "{step["name"]}": {e}' if len(specs) > 1 else str(e)
            raise TrainError("Estimator rejected its parameters", detail) from None
    pipeline = importlib.import_module("sklearn.pipeline").Pipeline
    chain = [(name, made[name]) for name in shape["chain"]]
    if shape["branches"]:
        compose = importlib.import_module("sklearn.compose")
        branches = []
        for b in shape["branches"]:
            inner = [(name, made[name]) for name in b["steps"]]
            part = "passthrough" if not inner else inner[0][1] if len(inner) == 1 else pipeline(inner)
            branches.append((b["name"], part, b["columns"]))
        join = compose.ColumnTransformer(
            branches, remainder="drop", verbose_feature_names_out=False
        )
        chain.insert(0, (shape["join"], join))
    if len(chain) == 1:
        return chain[0][1]
    return pipeline(chain)


def column_indices(spec: dict[str, Any], features: list[str], where: str) -> None:
    """Turn each branch's column names into positions of the feature matrix (the data
    reaches the model as an array); raises TrainError for a column the data lacks."""
    for branch in (spec.get("layout") or {}).get("branches", []):
        cols = branch["columns"]
        if cols is None:
            branch["columns"] = list(range(len(features)))
            continue
        missing = [c for c in cols if c not in features]
        if missing:
            raise TrainError(
                "Column not found",
                f'step "{branch["steps"][0] if branch["steps"] else branch["name"]}" reads column '
                f'"{missing[0]}", which {where} does not have.'
                f"{d.suggestion(missing[0], features)} Its columns: {', '.join(features)}.",
            )
        branch["columns"] = [features.index(c) for c in cols]


def feature_names_out(estimator: Any, features: list[str]) -> list[str] | None:
    """The names of the features the final estimator sees, when the transformers say."""
    if not hasattr(estimator, "steps"):
        return list(features)
    head = estimator[:-1]
    try:
        return [str(n) for n in head.get_feature_names_out(features)]
    except ValueError:
        # Two branches made the same name: prefix each with its branch.
        join = head.steps[0][1]
        if hasattr(join, "verbose_feature_names_out"):
            join.set_params(verbose_feature_names_out=True)
            try:
                return [str(n) for n in head.get_feature_names_out(features)]
            except (AttributeError, ValueError):
                return None
            finally:
                join.set_params(verbose_feature_names_out=False)
        return None
    except AttributeError:
        return None


def _scorer(name: str, sign: float = 1.0) -> Any:
    def score(estimator: Any, X: Any, y: Any) -> float:
        return sign * metrics.compute(name, estimator, X, y)

    return score


def _folds(n: int, seed: int, is_clf: bool) -> Any:
    ms = _sdk.sklearn_model_selection()
    kind = ms.StratifiedKFold if is_clf else ms.KFold
    return kind(n_splits=n, shuffle=True, random_state=seed)


def search(
    estimator: Any, spec: dict[str, Any], X: Any, y: Any, is_clf: bool
) -> tuple[Any, dict[str, float], dict[str, Any]]:
    """Run the hyper-parameter search; the refit best estimator, its metrics and what
    the lineage records of the search."""
    ms = _sdk.sklearn_model_selection()
    s = spec["search"]
    scoring = s["scoring"]
    sign = -1.0 if scoring in metrics.LOWER_IS_BETTER else 1.0
    grid = {sk: values for sk, (_, values) in s["params"].items()}
    common = {
        "cv": _folds(s["cv"], spec["seed"], is_clf),
        "scoring": _scorer(scoring, sign),
        "refit": True,
        "error_score": "raise",
    }
    if s["method"] == "random":
        runner = ms.RandomizedSearchCV(
            estimator, grid, n_iter=s["n_iter"], random_state=spec["seed"], **common
        )
    else:
        runner = ms.GridSearchCV(estimator, grid, **common)
    try:
        runner.fit(X, y)
    except Exception as e:  # noqa: BLE001 - the library's message is the detail
        raise TrainError("Hyper-parameter search failed", f"{type(e).__name__}: {e}") from None
    names = {sk: key for sk, (key, _) in s["params"].items()}
    best = {names[k]: _plain(v) for k, v in sorted(runner.best_params_.items())}
    best_score = round(sign * float(runner.best_score_), 6)
    results = runner.cv_results_
    candidates = [
        {
            "params": {names[k]: _plain(v) for k, v in sorted(p.items())},
            "mean": round(sign * float(mean), 6),
            "std": round(float(std), 6),
        }
        for p, mean, std in zip(
            results["params"],
            results["mean_test_score"],
            results["std_test_score"],
            strict=True,
        )
    ]
    measured = {metrics.SEARCH_SCORE: best_score}
    for key, value in best.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            measured[f"{metrics.SEARCH_PARAM_PREFIX}{key}"] = value
    record = {
        "method": s["method"],
        "scoring": scoring,
        "cv": s["cv"],
        "best_params": best,
        "best_score": best_score,
        "candidates": candidates,
    }
    return runner.best_estimator_, measured, record


def cross_validation(
    estimator: Any, folds: int, names: list[str], seed: int, X: Any, y: Any, is_clf: bool
) -> dict[str, float]:
    """Mean and standard deviation of each metric over ``folds`` folds of (X, y)."""
    ms = _sdk.sklearn_model_selection()
    scoring = {name: _scorer(name) for name in names}
    try:
        found = ms.cross_validate(
            _sdk.sklearn_base().clone(estimator),
            X,
            y,
            cv=_folds(folds, seed, is_clf),
            scoring=scoring,
            error_score="raise",
        )
    except Exception as e:  # noqa: BLE001
        raise TrainError("Cross-validation failed", f"{type(e).__name__}: {e}") from None
    out: dict[str, float] = {}
    for name in names:
        scores = found[f"test_{name}"]
        mean_key, std_key = metrics.cv_keys(name)
        out[mean_key] = round(float(scores.mean()), 6)
        out[std_key] = round(float(scores.std()), 6)
    return out


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (for JSON)."""
    return value.item() if hasattr(value, "item") else value


def train(spec: dict[str, Any]) -> None:
    out = Path(spec["out"])
    rows, y, features = load_csv(Path(spec["train"]["path"]), spec["train"]["target"])
    train_name = Path(spec["train"]["path"]).name
    categorical = categorical_columns(rows, features)
    shape = spec.get("layout") or {}
    if categorical and not any(b["columns"] is not None for b in shape.get("branches", [])):
        # Nothing picks columns, so every column reaches a numeric estimator.
        matrix(rows, features, [], train_name)
    column_indices(spec, features, "the training data")
    estimator = build(spec)
    np = _sdk.numpy()
    X_arr, y_arr = matrix(rows, features, categorical, train_name), np.asarray(y)
    is_clf = bool(_sdk.sklearn_base().is_classifier(estimator))
    if spec.get("test"):
        test_rows, y_test, test_features = load_csv(
            Path(spec["test"]["path"]), spec["test"]["target"]
        )
        if test_features != features:
            raise TrainError(
                "Test data does not match",
                f"the test data's columns ({', '.join(test_features)}) differ from the "
                f"training data's ({', '.join(features)}).",
            )
        X_test = matrix(test_rows, features, categorical, Path(spec["test"]["path"]).name)
        X_train, y_train, y_test = X_arr, y_arr, np.asarray(y_test)
    else:
        X_train, X_test, y_train, y_test = _split(
            X_arr, y_arr, spec["test_size"], spec["seed"], is_clf
        )
    names = list(dict.fromkeys(spec["metrics"])) or [metrics.default_for(is_clf)]
    measured: dict[str, float] = {}
    searched: dict[str, Any] | None = None
    if spec.get("search"):
        if spec["search"].get("scoring") is None:
            spec["search"]["scoring"] = names[0]
        estimator, found, searched = search(estimator, spec, X_train, y_train, is_clf)
        measured.update(found)
    else:
        try:
            estimator.fit(X_train, y_train)
        except Exception as e:  # noqa: BLE001 - the estimator's own message is the detail
            summary = (
                "Estimator rejected its parameters"
                if type(e).__name__ == "InvalidParameterError"
                else "Training failed"
            )
            raise TrainError(summary, f"{type(e).__name__}: {e}") from None
    if spec.get("cross_validation"):
        measured.update(
            cross_validation(
                estimator,
                int(spec["cross_validation"]),
                list(dict.fromkeys([*names, *spec.get("cv_metrics", [])])),
                spec["seed"],
                X_train,
                y_train,
                is_clf,
            )
        )
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
        "feature_names_out": feature_names_out(estimator, features),
        "n_train": int(len(X_train)),
        "n_test": int(len(X_test)),
        "metrics": measured,
        "libraries": _sdk.library_versions(),
    }
    if categorical:
        lineage["categorical"] = categorical
    if searched is not None:
        lineage["search"] = searched
        lineage["params"] = {**spec["params"], **_final_params(spec, searched)}
    if spec.get("cross_validation"):
        lineage["cross_validation"] = int(spec["cross_validation"])
    (out / "lineage.json").write_text(
        json.dumps(lineage, indent=2, sort_keys=True, default=str) + "\n"
    )


def _final_params(spec: dict[str, Any], searched: dict[str, Any]) -> dict[str, Any]:
    """The final step's searched parameters, as the best candidate set them."""
    final = spec["lineage"]["step"]
    out = {}
    for key, value in searched["best_params"].items():
        step, _, param = key.rpartition(".")
        if step in ("", final):
            out[param] = value
    return out


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
