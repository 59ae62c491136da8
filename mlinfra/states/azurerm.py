"""The azurerm backend's driver: a blob container through azure-storage-blob.

Settings: ``storage_account``, ``container``, ``key`` (the default workspace's blob;
another workspace's is ``<key>env:<name>``, as in Terraform), ``endpoint`` (the blob
service URL; by default ``https://<account>.blob.core.windows.net``) and, better passed
with ``-backend-config`` or the ``ARM_ACCESS_KEY`` / ``AZURE_STORAGE_KEY`` environment
variables, ``access_key`` or ``sas_token``. The lock is an infinite lease on the blob
``<state>.lock``, which also holds the holder's record; a state write is a
compare-and-swap with ``If-Match`` on the ETag read (``If-None-Match: *`` when new).
Blob versioning or soft delete on the account keeps previous states. The SDK is imported
when the backend is opened, never before.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

from mlinfra.states.errors import LockInfo, state_error
from mlinfra.states.objects import ObjectStore, PreconditionFailed, check_settings

SETTINGS = ("storage_account", "container", "key", "endpoint", "access_key", "sas_token")


class AzureStore(ObjectStore):
    kind = "azurerm"

    def __init__(self, settings: dict[str, Any]) -> None:
        check_settings("azurerm", settings, SETTINGS, ("storage_account", "container", "key"))
        self.account = str(settings["storage_account"])
        self.container_name = str(settings["container"])
        self.key = str(settings["key"])
        endpoint = settings.get("endpoint") or f"https://{self.account}.blob.core.windows.net"
        self.endpoint = str(endpoint).rstrip("/")
        access_key = (
            settings.get("access_key")
            or os.environ.get("ARM_ACCESS_KEY")
            or os.environ.get("AZURE_STORAGE_KEY")
        )
        sas = settings.get("sas_token") or os.environ.get("ARM_SAS_TOKEN")
        if not access_key and not sas:
            raise state_error(
                "Missing azurerm credentials",
                "The azurerm backend needs the storage account's access key or a SAS token: "
                "set ARM_ACCESS_KEY (or ARM_SAS_TOKEN) in the environment, or pass "
                "-backend-config access_key=... to mlinfra init.",
            )
        from azure.storage.blob import BlobServiceClient

        credential: Any = {"account_name": self.account, "account_key": access_key} if access_key else sas
        with self._errors("Failed to configure the azurerm backend"):
            service = BlobServiceClient(account_url=self.endpoint, credential=credential)
            self.container = service.get_container_client(self.container_name)
        self._leases: dict[str, str] = {}

    @contextlib.contextmanager
    def _errors(self, summary: str, name: str = "") -> Iterator[None]:
        from azure.core import exceptions as aexc

        try:
            yield
        except (aexc.ResourceModifiedError, aexc.ResourceExistsError) as e:
            if getattr(e, "error_code", None) in ("ContainerNotFound",):
                raise
            raise PreconditionFailed(name) from None
        except aexc.ResourceNotFoundError as e:
            raise state_error(
                summary,
                f"{self.url(name)}: {getattr(e, 'error_code', '') or 'not found'}. Create the "
                f"container {self.container_name} first, or check the settings.",
            ) from None
        except aexc.ClientAuthenticationError as e:
            raise state_error(
                summary,
                f"{self.url(name)}: authentication failed ({getattr(e, 'error_code', '')}). "
                "Check the access key or SAS token.",
            ) from None
        except aexc.AzureError as e:
            message = str(e).splitlines()[0] if str(e) else type(e).__name__
            raise state_error(summary, f"{self.url(name)}: {message}") from None

    def url(self, name: str) -> str:
        return f"{self.endpoint}/{self.container_name}/{name}"

    def state_name(self, workspace: str) -> str:
        return self.key if workspace == "default" else f"{self.key}env:{workspace}"

    def workspace_names(self) -> list[str]:
        start = f"{self.key}env:"
        out = []
        for name in self.listing(start):
            ws = name[len(start) :]
            if ws and "/" not in ws and not ws.endswith(".lock"):
                out.append(ws)
        return out

    def get(self, name: str) -> tuple[bytes, str] | None:
        from azure.core.exceptions import ResourceNotFoundError

        with self._errors("Failed to read state", name):
            try:
                downloader = self.container.download_blob(name)
            except ResourceNotFoundError as e:
                if getattr(e, "error_code", None) == "ContainerNotFound":
                    raise
                return None
            return downloader.readall(), str(downloader.properties.etag)

    def put(self, name: str, data: bytes, *, match: str | None = None, absent: bool = False) -> str:
        from azure.core import MatchConditions

        kw: dict[str, Any] = {"overwrite": True}
        if match is not None:
            kw.update(etag=match, match_condition=MatchConditions.IfNotModified)
        elif absent:
            kw["overwrite"] = False
        with self._errors("Failed to write state", name):
            got = self.container.get_blob_client(name).upload_blob(data, **kw)
            return str(got["etag"])

    def delete(self, name: str) -> None:
        from azure.core.exceptions import ResourceNotFoundError

        with self._errors("Failed to delete from the state container", name), contextlib.suppress(
            ResourceNotFoundError
        ):
            self.container.delete_blob(name)

    def listing(self, prefix: str) -> list[str]:
        with self._errors("Failed to list the state container", prefix):
            return sorted(b.name for b in self.container.list_blobs(name_starts_with=prefix))

    # The lock is a lease on the lock blob, which holds the holder's record.
    def lock_take(self, name: str, info: LockInfo) -> bool:
        from azure.core.exceptions import HttpResponseError, ResourceExistsError
        from azure.storage.blob import BlobLeaseClient

        blob = self.container.get_blob_client(name)
        with self._errors("Error acquiring the state lock", name):
            with contextlib.suppress(ResourceExistsError, HttpResponseError):
                blob.upload_blob(b"", overwrite=False)
            lease = BlobLeaseClient(blob)
            try:
                lease.acquire(lease_duration=-1)
            except HttpResponseError as e:
                if getattr(e, "error_code", None) in ("LeaseAlreadyPresent", "LeaseIdMismatchWithLeaseOperation"):
                    return False
                raise
            blob.upload_blob(info.to_json().encode("utf-8"), overwrite=True, lease=lease)
        self._leases[name] = str(lease.id)
        return True

    def lock_read(self, name: str) -> LockInfo | None:
        from azure.core.exceptions import ResourceNotFoundError

        blob = self.container.get_blob_client(name)
        with self._errors("Failed to read the state lock", name):
            try:
                props = blob.get_blob_properties()
            except ResourceNotFoundError:
                return None
            if props.lease.state != "leased":
                return None
        got = self.get(name)
        if got is None or not got[0]:
            return LockInfo("LOCK_ID", "unknown", "unknown", 0, "", self.url(name))
        try:
            return LockInfo.from_json(got[0].decode("utf-8"))
        except (ValueError, KeyError, TypeError):
            return LockInfo("LOCK_ID", "unknown", "unknown", 0, "", self.url(name))

    def lock_release(self, name: str, info: LockInfo) -> None:
        from azure.storage.blob import BlobLeaseClient

        lease_id = self._leases.pop(name, None)
        blob = self.container.get_blob_client(name)
        with self._errors("Error releasing the state lock", name):
            if lease_id is None:
                BlobLeaseClient(blob).break_lease(lease_break_period=0)
            else:
                BlobLeaseClient(blob, lease_id=lease_id).release()

    def lock_break(self, name: str, info: LockInfo) -> None:
        from azure.storage.blob import BlobLeaseClient

        blob = self.container.get_blob_client(name)
        with self._errors("Failed to unlock state", name):
            BlobLeaseClient(blob).break_lease(lease_break_period=0)
