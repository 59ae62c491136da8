"""The s3 backend's driver: a bucket through boto3, with S3 conditional writes.

Settings: ``bucket``, ``key`` (the default workspace's state object), ``region``,
``endpoint_url``, ``profile``, ``workspace_key_prefix`` (default ``env:``: another
workspace's state is ``env:/<name>/<key>``, as in Terraform) and, better passed with
``-backend-config`` or the usual ``AWS_*`` environment variables, ``access_key`` and
``secret_key``. The lock is an object created with ``If-None-Match: *``; a state write
is a compare-and-swap with ``If-Match`` on the ETag read. A versioned bucket keeps every
previous state. boto3 is imported when the backend is opened, never before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from mlinfra.states.errors import state_error
from mlinfra.states.objects import ObjectStore, PreconditionFailed, check_settings

SETTINGS = (
    "bucket",
    "key",
    "region",
    "endpoint_url",
    "profile",
    "workspace_key_prefix",
    "access_key",
    "secret_key",
)


class S3Store(ObjectStore):
    kind = "s3"

    def __init__(self, settings: dict[str, Any]) -> None:
        check_settings("s3", settings, SETTINGS, ("bucket", "key"))
        self.bucket = str(settings["bucket"])
        self.key = str(settings["key"]).lstrip("/")
        self.prefix = str(settings.get("workspace_key_prefix") or "env:")
        import boto3
        from botocore.config import Config

        with self._errors("Failed to configure the s3 backend"):
            session = boto3.Session(
                profile_name=settings.get("profile") or None,
                region_name=settings.get("region") or None,
                aws_access_key_id=settings.get("access_key") or None,
                aws_secret_access_key=settings.get("secret_key") or None,
            )
            self.client = session.client(
                "s3",
                endpoint_url=settings.get("endpoint_url") or None,
                config=Config(retries={"max_attempts": 4, "mode": "standard"}),
            )

    @contextlib.contextmanager
    def _errors(self, summary: str, name: str = "") -> Iterator[None]:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except ClientError as e:
            err = e.response.get("Error", {})
            code = str(err.get("Code", ""))
            if code in ("PreconditionFailed", "ConditionalRequestConflict", "412", "409"):
                raise PreconditionFailed(code) from None
            hint = ""
            if code == "NoSuchBucket":
                hint = f" Create the bucket {self.bucket} first, or check the bucket setting."
            elif code in ("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch"):
                hint = " Check the credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID) and the bucket policy."
            raise state_error(
                summary,
                f"{self.url(name)}: {code}: {err.get('Message', '')}.{hint}",
            ) from None
        except BotoCoreError as e:
            raise state_error(summary, f"{self.url(name)}: {e}") from None

    def url(self, name: str) -> str:
        return f"s3://{self.bucket}/{name}"

    def state_name(self, workspace: str) -> str:
        return self.key if workspace == "default" else f"{self.prefix}/{workspace}/{self.key}"

    def workspace_names(self) -> list[str]:
        out = []
        start = f"{self.prefix}/"
        for name in self.listing(start):
            ws, _, rest = name[len(start) :].partition("/")
            if rest == self.key and ws:
                out.append(ws)
        return out

    def get(self, name: str) -> tuple[bytes, str] | None:
        from botocore.exceptions import ClientError

        with self._errors("Failed to read state", name):
            try:
                got = self.client.get_object(Bucket=self.bucket, Key=name)
            except ClientError as e:
                if e.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                    return None
                raise
            return got["Body"].read(), str(got["ETag"])

    def put(self, name: str, data: bytes, *, match: str | None = None, absent: bool = False) -> str:
        kw: dict[str, Any] = {}
        if match is not None:
            kw["IfMatch"] = match
        elif absent:
            kw["IfNoneMatch"] = "*"
        with self._errors("Failed to write state", name):
            got = self.client.put_object(Bucket=self.bucket, Key=name, Body=data, **kw)
            return str(got["ETag"])

    def delete(self, name: str) -> None:
        with self._errors("Failed to delete from the state bucket", name):
            self.client.delete_object(Bucket=self.bucket, Key=name)

    def delete_many(self, names: list[str]) -> None:
        for i in range(0, len(names), 1000):
            chunk = names[i : i + 1000]
            with self._errors("Failed to delete from the state bucket", chunk[0]):
                self.client.delete_objects(
                    Bucket=self.bucket,
                    Delete={"Objects": [{"Key": n} for n in chunk], "Quiet": True},
                )

    def listing(self, prefix: str) -> list[str]:
        out: list[str] = []
        with self._errors("Failed to list the state bucket", prefix):
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix
            )
            for page in pages:
                out.extend(str(o["Key"]) for o in page.get("Contents", []))
        return sorted(out)
