"""Blob storage behind the workspace's datastores (azure-storage-blob).

Local artifacts are uploaded, content-addressed, under ``mlinfra/<kind>/<sha256>/`` of
the default datastore's container (an upload that finds its blobs already there skips
them), and registered by their ``azureml://datastores/NAME/paths/...`` URI. The digest of
data in blob storage is a sha256 over the sorted blob names and their Content-MD5s: new
content under the same URI is a new digest without downloading it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra.providers import ResourceError
from mlinfra_provider_azure import _sdk

if TYPE_CHECKING:
    from mlinfra_provider_azure.context import AzureContext

DATASTORE_URI = re.compile(r"^azureml://(?:subscriptions/[^/]+/resourcegroups/[^/]+/workspaces/[^/]+/)?datastores/([^/]+)/paths/(.*)$", re.I)
BLOB_URL = re.compile(r"^(https://[^/]+)/([^/]+)/(.*)$")


class MissingData(ResourceError):
    pass


def _container(ctx: AzureContext, datastore: str | None) -> tuple[Any, str]:
    """(ContainerClient, datastore name) of a datastore, the default one when None."""
    az = ctx.clients
    if az is None:
        raise ResourceError("The azure provider is not configured", "configure() was not called.")
    if datastore is None:
        store = az.call(lambda: az.ml.datastores.get_default(include_secrets=True), "datastores.get_default")
    else:
        store = az.call(lambda: az.ml.datastores.get(datastore, include_secrets=True), f"datastores.get {datastore}")
    account = getattr(store, "account_name", None)
    container = getattr(store, "container_name", None)
    if not account or not container:
        raise ResourceError(f"Datastore {store.name} is not a blob container", "Use a datastore of type azure_blob.")
    url = ctx.settings.storage_url or f"{store.protocol or 'https'}://{account}.blob.{store.endpoint or 'core.windows.net'}"
    # A datastore with an account key hands it out to the workspace's users; one with
    # identity-based access takes the provider's own token.
    key = getattr(getattr(store, "credentials", None), "account_key", None)
    credential = ctx.blob_credential or ({"account_name": account, "account_key": key} if key else az.credential)
    service = _sdk.blob().BlobServiceClient(account_url=url.rstrip("/"), credential=credential)
    return service.get_container_client(container), str(store.name)


def _locate(ctx: AzureContext, uri: str) -> tuple[Any, str]:
    m = DATASTORE_URI.match(uri)
    if m:
        client, _ = _container(ctx, m.group(1))
        return client, m.group(2)
    m = BLOB_URL.match(uri)
    if m and ctx.clients is not None:
        # A blob URL outside the datastores: read with the provider's own token.
        credential = ctx.blob_credential or ctx.clients.credential
        service = _sdk.blob().BlobServiceClient(account_url=m.group(1), credential=credential)
        return service.get_container_client(m.group(2)), m.group(3)
    raise ResourceError(f"Not a datastore URI: {uri}", "Write azureml://datastores/NAME/paths/PATH.")


def listing(ctx: AzureContext, uri: str) -> list[tuple[str, str]]:
    """(blob name, MD5 hex) of the object at ``uri``, or of every blob under it."""
    client, path = _locate(ctx, uri)
    try:
        blobs = []
        for b in client.list_blobs(name_starts_with=path.rstrip("/")):
            name = b.name
            if name == path.rstrip("/") or name.startswith(path.rstrip("/") + "/"):
                md5 = b.content_settings.content_md5
                blobs.append((name, bytes(md5).hex() if md5 else str(b.etag)))
    except Exception as e:  # noqa: BLE001 - the storage service's own words
        raise ResourceError(f"Cannot list {uri}", _sdk.error_message(e)) from e
    if not blobs:
        raise MissingData(f"No data at {uri}", "No blob has this name or prefix.")
    return sorted(blobs)


def digest(ctx: AzureContext, uri: str) -> str:
    h = hashlib.sha256()
    for name, md5 in listing(ctx, uri):
        h.update(f"{name}\0{md5}\n".encode())
    return h.hexdigest()


def read(ctx: AzureContext, uri: str) -> bytes:
    """The content of one blob."""
    client, path = _locate(ctx, uri)
    exc = _sdk.core_exceptions()
    try:
        return bytes(client.download_blob(path).readall())
    except exc.ResourceNotFoundError as e:
        raise MissingData(f"No data at {uri}", "No blob has this name.") from e


def upload(ctx: AzureContext, path: Path, sha: str, address: str, kind: str) -> str:
    """Upload a local file or folder; returns its azureml:// URI."""
    if not path.exists():
        raise ResourceError(f"No artifact at {path}", f"{path} does not exist ({address}).")
    client, store = _container(ctx, None)
    prefix = f"mlinfra/{kind}/{sha[:32]}"
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    base = path.parent if path.is_file() else path
    exc = _sdk.core_exceptions()
    for f in files:
        name = f"{prefix}/{f.relative_to(base).as_posix()}"
        ctx.progress(f"uploading {f.name} to datastore {store}")
        try:
            with f.open("rb") as data:
                # Content-addressed: a blob already there has this content.
                client.upload_blob(name, data, overwrite=False)
        except exc.ResourceExistsError:
            pass
        except Exception as e:  # noqa: BLE001
            raise ResourceError(f"Cannot upload {f} ({address})", _sdk.error_message(e)) from e
    tail = path.name if path.is_file() else ""
    return f"azureml://datastores/{store}/paths/{prefix}/{tail}"
