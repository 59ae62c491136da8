"""Saving and loading trained models (runs in the training and serving processes).

Artifacts are written with joblib, whose bytes are stable for the same fitted model, so
the file's sha256 is a faithful content digest. ``.skops`` files are loaded too, after
checking that they hold only scikit-learn, numpy and scipy types.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlinfra_provider_local import _sdk

MODEL_FILE = "model.joblib"
LOADABLE = (".joblib", ".pkl", ".pickle", ".skops")
_TRUSTED_ROOTS = ("sklearn.", "numpy.", "scipy.", "builtins.", "collections.")


class ArtifactError(ValueError):
    """The artifact cannot be loaded as a model; the message says why."""


def save(model: Any, path: Path) -> None:
    _sdk.joblib().dump(model, path, compress=3)


def load(path: Path) -> Any:
    """Load a model and check that it can predict; raises ArtifactError."""
    if not path.is_file():
        raise ArtifactError(f"{path} does not exist")
    suffix = path.suffix.lower()
    try:
        if suffix == ".skops":
            sio = _sdk.skops_io()
            untrusted = sio.get_untrusted_types(file=str(path))
            unsafe = [t for t in untrusted if not t.startswith(_TRUSTED_ROOTS)]
            if unsafe:
                raise ArtifactError(
                    f"{path.name} holds types that are not trusted: {', '.join(unsafe)}"
                )
            model = sio.load(str(path), trusted=untrusted)
        elif suffix in LOADABLE:
            model = _sdk.joblib().load(path)
        else:
            raise ArtifactError(
                f"{path.name}: unsupported artifact format (expected one of {', '.join(LOADABLE)})"
            )
    except ArtifactError:
        raise
    except Exception as e:  # noqa: BLE001 - any loader failure is the artifact's fault
        raise ArtifactError(f"{path.name} cannot be loaded: {type(e).__name__}: {e}") from None
    if not callable(getattr(model, "predict", None)):
        raise ArtifactError(f"{path.name} holds a {type(model).__name__}, which has no predict()")
    return model


def n_features(model: Any) -> int | None:
    n: Any = getattr(model, "n_features_in_", None)
    return int(n) if n is not None and hasattr(n, "__index__") else None
