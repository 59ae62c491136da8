"""Vertex AI's prebuilt prediction and training containers by framework and region.

Prediction images are ``[us|europe|asia]-docker.pkg.dev/vertex-ai/prediction/
FRAMEWORK-cpu.VERSION:latest``; the scikit-learn training image is the prebuilt
``vertex-ai/training/sklearn-cpu.VERSION:latest``.
"""

from __future__ import annotations

PREDICTION: dict[str, tuple[str, tuple[str, ...]]] = {
    # framework: (image name, known versions, newest last)
    "sklearn": ("sklearn", ("0.20", "0.22", "0.23", "0.24", "1.0", "1.2", "1.3", "1.5")),
    "xgboost": ("xgboost", ("0.82", "0.90", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1")),
    "tensorflow": ("tf2", ("2.8", "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15")),
}
ALIASES = {"scikit-learn": "sklearn", "tf": "tensorflow", "tf2": "tensorflow"}
KNOWN = tuple(sorted(PREDICTION))


def multi_region(region: str) -> str:
    """The Artifact Registry multi-region that serves ``region``."""
    if region.startswith("europe"):
        return "europe"
    if region.startswith(("asia", "australia")):
        return "asia"
    return "us"


def _version(framework: str, version: str | None) -> tuple[str, str]:
    key = ALIASES.get(framework.lower(), framework.lower())
    if key not in PREDICTION:
        raise ValueError(f'No prebuilt Vertex AI container for framework "{framework}"; known: {", ".join(KNOWN)}. Set `image` instead.')
    name, versions = PREDICTION[key]
    chosen = versions[-1] if not version else ".".join(version.split(".")[:2])
    if chosen not in versions:
        raise ValueError(f'{framework} {version} has no prebuilt Vertex AI container; versions: {", ".join(versions)}.')
    return name, chosen.replace(".", "-")


def prediction_image(framework: str, version: str | None, region: str) -> str:
    name, v = _version(framework, version)
    return f"{multi_region(region)}-docker.pkg.dev/vertex-ai/prediction/{name}-cpu.{v}:latest"


def sklearn_training_image(region: str) -> str:
    return f"{multi_region(region)}-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-3:latest"
