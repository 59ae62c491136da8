"""The gcs backend's driver: a Cloud Storage bucket through google-cloud-storage.

Settings: ``bucket``, ``prefix`` (a folder; the state of workspace W is
``<prefix>/<W>.mlstate``), ``credentials`` (a service account key file or its JSON; by
default the application default credentials), ``endpoint`` (another API endpoint, such
as an emulator, reached without credentials) and ``project``. The lock is an object
created with ``ifGenerationMatch=0``; a state write is a compare-and-swap with
``ifGenerationMatch`` on the generation read. A bucket with object versioning keeps every
previous state. The SDK is imported when the backend is opened, never before.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from typing import Any

from mlinfra.states.errors import state_error
from mlinfra.states.objects import ObjectStore, PreconditionFailed, check_settings

SETTINGS = ("bucket", "prefix", "credentials", "endpoint", "project")
SUFFIX = ".mlstate"


def _credentials(raw: str | None, endpoint: str | None) -> Any:
    if raw:
        from google.oauth2 import service_account

        text = raw
        if not raw.lstrip().startswith("{"):
            try:
                with open(os.path.expanduser(raw), encoding="utf-8") as f:
                    text = f.read()
            except OSError as e:
                raise state_error(
                    "Failed to configure the gcs backend",
                    f"Cannot read the credentials file {raw}: {e.strerror or e}.",
                ) from None
        try:
            return service_account.Credentials.from_service_account_info(  # type: ignore[no-untyped-call]
                json.loads(text), scopes=["https://www.googleapis.com/auth/devstorage.read_write"]
            )
        except (ValueError, KeyError) as e:
            raise state_error(
                "Failed to configure the gcs backend",
                f"The credentials are not a service account key ({type(e).__name__}).",
            ) from None
    if endpoint:
        from google.auth.credentials import AnonymousCredentials

        return AnonymousCredentials()  # type: ignore[no-untyped-call]
    return None


class GcsStore(ObjectStore):
    kind = "gcs"

    def __init__(self, settings: dict[str, Any]) -> None:
        check_settings("gcs", settings, SETTINGS, ("bucket",))
        self.bucket_name = str(settings["bucket"])
        self.prefix = str(settings.get("prefix") or "").strip("/")
        endpoint = settings.get("endpoint") or None
        from google.cloud import storage

        with self._errors("Failed to configure the gcs backend"):
            creds = _credentials(settings.get("credentials"), endpoint)
            options = {"api_endpoint": endpoint} if endpoint else None
            self.client = storage.Client(
                project=settings.get("project") or ("mlinfra" if endpoint else None),
                credentials=creds,
                client_options=options,
            )
            self.bucket = self.client.bucket(self.bucket_name)

    @contextlib.contextmanager
    def _errors(self, summary: str, name: str = "") -> Iterator[None]:
        from google.api_core import exceptions as gexc
        from google.auth import exceptions as aexc

        try:
            yield
        except gexc.PreconditionFailed:
            raise PreconditionFailed(name) from None
        except gexc.NotFound as e:
            raise state_error(
                summary,
                f"{self.url(name)}: {e.message}. Create the bucket {self.bucket_name} first, or "
                "check the bucket setting.",
            ) from None
        except gexc.GoogleAPIError as e:
            raise state_error(summary, f"{self.url(name)}: {e}") from None
        except aexc.GoogleAuthError as e:
            raise state_error(
                summary,
                f"{self.url(name)}: {e}. Set the credentials setting or "
                "GOOGLE_APPLICATION_CREDENTIALS.",
            ) from None

    def url(self, name: str) -> str:
        return f"gs://{self.bucket_name}/{name}"

    def _folder(self) -> str:
        return f"{self.prefix}/" if self.prefix else ""

    def state_name(self, workspace: str) -> str:
        return f"{self._folder()}{workspace}{SUFFIX}"

    def workspace_names(self) -> list[str]:
        folder = self._folder()
        out = []
        for name in self.listing(folder):
            rest = name[len(folder) :]
            if rest.endswith(SUFFIX) and "/" not in rest:
                out.append(rest[: -len(SUFFIX)])
        return out

    def get(self, name: str) -> tuple[bytes, str] | None:
        from google.api_core import exceptions as gexc

        blob = self.bucket.blob(name)
        with self._errors("Failed to read state", name):
            try:
                data = blob.download_as_bytes()
            except gexc.NotFound:
                return None
        return data, str(blob.generation)

    def put(self, name: str, data: bytes, *, match: str | None = None, absent: bool = False) -> str:
        blob = self.bucket.blob(name)
        condition = int(match) if match is not None else (0 if absent else None)
        with self._errors("Failed to write state", name):
            blob.upload_from_string(
                data, content_type="application/json", if_generation_match=condition
            )
        return str(blob.generation)

    def delete(self, name: str) -> None:
        from google.api_core import exceptions as gexc

        with self._errors("Failed to delete from the state bucket", name), contextlib.suppress(
            gexc.NotFound
        ):
            self.bucket.blob(name).delete()

    def listing(self, prefix: str) -> list[str]:
        with self._errors("Failed to list the state bucket", prefix):
            return sorted(b.name for b in self.client.list_blobs(self.bucket_name, prefix=prefix))
