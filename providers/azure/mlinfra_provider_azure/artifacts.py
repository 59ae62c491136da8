"""Where model and data artifacts live and what their content is.

An artifact is a local path (uploaded to the workspace's default datastore before it is
registered), an ``azureml://`` datastore URI or an ``https://`` blob URL. Its digest is
the sha256 of a local file (of the sorted files of a folder), or, for data in blob
storage, a sha256 over the blobs' names and MD5s, so new content under the same URI plans
as a change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra.providers import ResourceError
from mlinfra_provider_azure import blobs

if TYPE_CHECKING:
    from mlinfra_provider_azure.context import AzureContext

SUPPORTED = frozenset({"file", "azureml", "https"})


def scheme(uri: str) -> str:
    if uri.startswith("azureml://"):
        return "azureml"
    if uri.startswith("https://"):
        return "https"
    if "://" in uri and not uri.startswith("file://"):
        return uri.split("://", 1)[0]
    return "file"


def local_path(ctx: AzureContext, uri: str) -> Path:
    path = Path(uri[len("file://"):] if uri.startswith("file://") else uri)
    return path if path.is_absolute() else ctx.workdir / path


def file_tree_sha256(path: Path) -> str:
    if path.is_file():
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    h = hashlib.sha256()
    for p in sorted(q for q in path.rglob("*") if q.is_file()):
        h.update(str(p.relative_to(path)).encode() + b"\0")
        with p.open("rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def digest(ctx: AzureContext, uri: str) -> str:
    kind = scheme(uri)
    if kind == "file":
        path = local_path(ctx, uri)
        if not path.exists():
            raise ResourceError(f"No artifact at {uri}", f"{path} does not exist.")
        return file_tree_sha256(path)
    return blobs.digest(ctx, uri)


def registrable(ctx: AzureContext, uri: str, address: str, kind: str = "models") -> Any:
    """The path to register: a datastore URI as is, a local artifact uploaded first."""
    if scheme(uri) != "file":
        return uri
    path = local_path(ctx, uri)
    return blobs.upload(ctx, path, file_tree_sha256(path), address, kind)
