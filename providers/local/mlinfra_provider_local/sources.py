"""Dataset sources the local provider understands, and how each becomes a CSV file.

- ``sklearn:iris`` / ``wine`` / ``breast_cancer`` / ``diabetes`` / ``digits``: bundled
  with scikit-learn, no download.
- ``synthetic:classification?n_samples=200&n_features=4&seed=0`` and
  ``synthetic:regression?...``: generated, seeded.
- ``file://data/x.csv`` (relative to the configuration directory) or
  ``file:///abs/x.csv``: copied byte for byte.

Parsing is cheap and pure; only ``write_csv`` of a generated source imports scikit-learn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from mlinfra import diagnostics as d
from mlinfra.records import field, frozen
from mlinfra_provider_local import _sdk
from mlinfra_provider_local.store import read_json

SKLEARN_DATASETS = ("iris", "wine", "breast_cancer", "diabetes", "digits")
SYNTHETIC_KINDS = ("classification", "regression")
SYNTHETIC_PARAMS: dict[str, type] = {
    "n_samples": int,
    "n_features": int,
    "n_informative": int,
    "n_classes": int,
    "noise": float,
    "seed": int,
}
DEFAULT_TARGET = "target"
# Beside each materialised CSV: the dataset's record, which names its label column.
DATASET_RECORD = "dataset.json"


class SourceError(ValueError):
    """A source that cannot be used: a summary and a detail."""

    def __init__(self, summary: str, detail: str) -> None:
        super().__init__(f"{summary}: {detail}")
        self.summary = summary
        self.detail = detail


@frozen
class Source:
    scheme: str  # "sklearn", "synthetic" or "file"
    name: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def parse(source: str, workdir: Path) -> Source:
    """Parse a source URI; raises SourceError with a did-you-mean where it helps."""
    if source.startswith("sklearn:"):
        name = source[len("sklearn:") :]
        if name not in SKLEARN_DATASETS:
            raise SourceError(
                "Unknown scikit-learn dataset",
                f'"{name}" is not a bundled dataset.{d.suggestion(name, SKLEARN_DATASETS)} '
                f"Known: {', '.join(SKLEARN_DATASETS)}.",
            )
        return Source("sklearn", name)
    if source.startswith("synthetic:"):
        kind, _, query = source[len("synthetic:") :].partition("?")
        if kind not in SYNTHETIC_KINDS:
            raise SourceError(
                "Unknown synthetic dataset",
                f'"{kind}" is not a generator.{d.suggestion(kind, SYNTHETIC_KINDS)} '
                f"Known: {', '.join(SYNTHETIC_KINDS)}.",
            )
        params: dict[str, Any] = {}
        for key, raw in parse_qsl(query, keep_blank_values=True):
            typ = SYNTHETIC_PARAMS.get(key)
            if typ is None:
                raise SourceError(
                    "Unknown synthetic dataset parameter",
                    f'"{key}" is not a parameter.{d.suggestion(key, SYNTHETIC_PARAMS)} '
                    f"Known: {', '.join(SYNTHETIC_PARAMS)}.",
                )
            try:
                params[key] = typ(raw)
            except ValueError:
                raise SourceError(
                    "Invalid synthetic dataset parameter", f'{key} must be a number, got "{raw}".'
                ) from None
        return Source("synthetic", kind, params)
    if source.startswith("file://"):
        rest = source[len("file://") :]
        if not rest:
            raise SourceError(
                "Invalid dataset source", "file:// needs a path, e.g. file://data/x.csv."
            )
        path = Path(rest)
        return Source("file", path.name, path=path if path.is_absolute() else workdir / path)
    raise SourceError(
        "Unsupported dataset source",
        f'The local provider reads sklearn:NAME, synthetic:KIND?... and file:// sources, not "{source}".',
    )


def csv_header(path: Path) -> list[str]:
    """The first row of a CSV file; raises SourceError when the file cannot be read."""
    import csv  # only for file:// sources

    try:
        with path.open(newline="") as f:
            row = next(csv.reader(f), None)
    except FileNotFoundError:
        raise SourceError("Dataset file not found", f"{path} does not exist.") from None
    except OSError as e:
        raise SourceError("Cannot read dataset file", f"{path}: {e.strerror or e}") from None
    if not row:
        raise SourceError("Empty dataset file", f"{path} has no header row.")
    return [c.strip() for c in row]


def label_column(data_path: Path) -> str:
    """The label column recorded beside a materialised CSV ("target" when none is)."""
    record = read_json(data_path.parent / DATASET_RECORD)
    if isinstance(record, dict) and isinstance(record.get("target"), str):
        return str(record["target"])
    return DEFAULT_TARGET


def check_target(columns: list[str], target: str, where: str) -> None:
    if target not in columns:
        raise SourceError(
            "Target column not found",
            f'{where} has no column "{target}".{d.suggestion(target, columns)} '
            f"Columns: {', '.join(columns)}.",
        )


def write_csv(src: Source, target: str, dest: Path) -> list[str]:
    """Materialise ``src`` as ``dest`` (a CSV with a header row); returns the columns."""
    import csv
    import shutil

    dest.parent.mkdir(parents=True, exist_ok=True)
    if src.scheme == "file":
        assert src.path is not None
        columns = csv_header(src.path)
        check_target(columns, target, str(src.path))
        shutil.copyfile(src.path, dest)
        return columns
    features, labels, names = _generate(src)
    columns = [*names, target]
    with dest.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for row, label in zip(features.tolist(), labels.tolist(), strict=True):
            w.writerow([repr(float(x)) for x in row] + [_label(label)])
    return columns


def _label(v: Any) -> str:
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 2**53 else repr(v)
    return str(v)


def _generate(src: Source) -> tuple[Any, Any, list[str]]:
    ds = _sdk.sklearn_datasets()
    if src.scheme == "sklearn":
        bunch = getattr(ds, f"load_{src.name}")()
        names = [str(n) for n in getattr(bunch, "feature_names", [])]
        if not names:
            names = [f"x{i}" for i in range(bunch.data.shape[1])]
        return bunch.data, bunch.target, names
    p = dict(src.params)
    seed = p.pop("seed", 0)
    n_samples = p.pop("n_samples", 200)
    n_features = p.pop("n_features", 4)
    try:
        if src.name == "classification":
            n_informative = p.pop("n_informative", min(n_features, max(2, n_features // 2)))
            X, y = ds.make_classification(
                n_samples=n_samples,
                n_features=n_features,
                n_informative=n_informative,
                n_redundant=0,
                n_classes=p.pop("n_classes", 2),
                random_state=seed,
            )
        else:
            X, y = ds.make_regression(
                n_samples=n_samples,
                n_features=n_features,
                n_informative=p.pop("n_informative", n_features),
                noise=p.pop("noise", 0.1),
                random_state=seed,
            )
    except ValueError as e:
        raise SourceError("Cannot generate synthetic dataset", str(e)) from None
    return X, y, [f"x{i}" for i in range(n_features)]
