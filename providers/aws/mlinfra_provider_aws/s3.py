"""S3 content identity and uploads: digests of objects and prefixes, and uploading a
local artifact keyed by its sha256 so the same bytes are uploaded once."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from mlinfra.providers import ResourceError
from mlinfra.providers.digest import file_sha256, lines_sha256
from mlinfra_provider_aws import naming
from mlinfra_provider_aws.clients import AwsClients


class MissingData(ResourceError):
    """The object or prefix a URI names is not there."""


def object_identity(head: dict[str, Any]) -> str:
    """The strongest content fingerprint S3 gives for an object."""
    for key in ("ChecksumSHA256", "ChecksumCRC64NVME", "ChecksumCRC32C", "ChecksumCRC32", "ChecksumSHA1"):
        if head.get(key):
            return f"{key}:{head[key]}"
    return f"ETag:{str(head.get('ETag', '')).strip(chr(34))}"


def digest(aws: AwsClients, uri: str, address: str = "") -> tuple[str, str | None]:
    """(sha256 digest of the content, S3 version id or None) of an object or a prefix
    (a URI ending in ``/``). A missing object or an empty prefix is a ResourceError."""
    bucket, key = naming.split_s3(uri)
    if key and not key.endswith("/"):
        head = aws.try_call("s3", "head_object", address, Bucket=bucket, Key=key, ChecksumMode="ENABLED")
        if head is None:
            raise MissingData(
                f"No S3 object at {uri}",
                "The object does not exist (for a prefix, end the URI with '/').",
            )
        ident = f"{key}\0{object_identity(head)}"
        return hashlib.sha256(ident.encode()).hexdigest(), head.get("VersionId")
    lines: list[str] = []
    token: str | None = None
    while True:
        kwargs: dict[str, Any] = {"Bucket": bucket, "Prefix": key}
        if token:
            kwargs["ContinuationToken"] = token
        page = aws.call("s3", "list_objects_v2", address, **kwargs)
        for obj in page.get("Contents", []):
            lines.append(f"{obj['Key']}\0{str(obj.get('ETag', '')).strip(chr(34))}")
        token = page.get("NextContinuationToken")
        if not page.get("IsTruncated") or not token:
            break
    if not lines:
        raise MissingData(f"No S3 objects under {uri}", "The prefix is empty or the bucket does not exist.")
    return lines_sha256(lines), None


def local_path(uri: str) -> Path:
    return Path(uri[len("file://") :] if uri.startswith("file://") else uri)


def upload(aws: AwsClients, path: Path, bucket: str | None, address: str) -> str:
    """Upload ``path`` to ``bucket`` under its sha256 (once); the S3 URI."""
    if not bucket:
        raise ResourceError(
            f"Cannot upload {path} for {address}",
            'A local artifact is uploaded to S3 first: set `artifact_bucket` in the provider "aws" block.',
        )
    if not path.is_file():
        raise ResourceError(f"No file at {path}", f"The artifact of {address} does not exist.")
    sha = file_sha256(path)
    key = f"mlinfra/artifacts/{sha}/{path.name}"
    if aws.try_call("s3", "head_object", address, Bucket=bucket, Key=key) is None:
        with path.open("rb") as body:
            aws.call("s3", "put_object", address, Bucket=bucket, Key=key, Body=body.read())
    return f"s3://{bucket}/{key}"
