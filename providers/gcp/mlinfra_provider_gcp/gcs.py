"""Cloud Storage through ``google-cloud-storage``: content digests of an object or a
prefix (from the md5 or crc32c the service keeps), and uploads keyed by digest.

A digest is the sha256 of the sorted (name, checksum, size) of every object, so new data
under the same name is a change, and the same data is never uploaded twice.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from mlinfra.providers import ResourceError
from mlinfra.providers.digest import file_sha256
from mlinfra_provider_gcp import _sdk, naming
from mlinfra_provider_gcp.clients import GcpClients

# Retrying is ours (``GcpClients.retrying``): the SDK's own retries would outlast our budget.
TIMEOUT = 60.0


class MissingData(ResourceError):
    """No object at a gs:// URI."""


def objects(gcp: GcpClients, uri: str, address: str) -> list[tuple[str, str, int]]:
    """(name, checksum, size) of the object at ``uri``, or of every object under it."""
    bucket, key = naming.split_gs(uri)
    client = gcp.storage()

    def fetch() -> list[Any]:
        if key and not key.endswith("/"):
            blob = client.bucket(bucket).get_blob(key, retry=None, timeout=TIMEOUT)
            if blob is not None:
                return [blob]
        prefix = key.rstrip("/") + "/" if key else ""
        return list(client.list_blobs(bucket, prefix=prefix, retry=None, timeout=TIMEOUT))

    try:
        blobs = gcp.retrying(fetch, f"reading {uri}", address)
    except ResourceError as e:
        if getattr(e, "not_found", False):
            raise MissingData(f"No data at {uri}", e.detail) from e
        raise
    if not blobs:
        raise MissingData(f"No data at {uri}", "No object has this name, and none is under it as a prefix.")
    return sorted((b.name, b.md5_hash or b.crc32c or "", int(b.size or 0)) for b in blobs)


def digest(gcp: GcpClients, uri: str, address: str) -> str:
    return naming.digest_of(objects(gcp, uri, address))


def upload(gcp: GcpClients, path: Path, bucket_uri: str | None, prefix: str, address: str) -> str:
    """Upload ``path`` under ``gs://BUCKET/mlinfra/PREFIX/<digest>/``; the gs:// URI of its folder."""
    if not bucket_uri:
        raise ResourceError(
            f"Nowhere to upload {path.name}",
            f'{address} names a local file; set `staging_bucket = "gs://BUCKET"` in the provider "gcp" block.',
        )
    bucket, base = naming.split_gs(bucket_uri)
    folder = "/".join(p for p in (base.strip("/"), "mlinfra", prefix, file_sha256(path)[:32]) if p)
    blob = gcp.storage().bucket(bucket).blob(f"{folder}/{path.name}")
    exc = _sdk.exceptions()

    def put() -> None:
        # Already there means the same bytes: the name is their digest.
        with contextlib.suppress(exc.PreconditionFailed):
            blob.upload_from_filename(str(path), if_generation_match=0, retry=None, timeout=TIMEOUT)

    gcp.retrying(put, f"uploading {path.name}", address)
    return f"gs://{bucket}/{folder}/"
