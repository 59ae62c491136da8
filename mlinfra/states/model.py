"""The state: what mlinfra knows exists, keyed by resource address.

``State`` is plain data with a JSON form (``to_json``/``from_json``); persistence,
locking and format upgrades live beside it in this package. A resource record has a
status: ``ready``; ``tainted`` (exists but must be replaced); or ``creating``, an intent
recorded before a provider's create is called, so an apply killed mid-create leaves a
record the next plan resolves by reading the object back.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from mlinfra import addrs
from mlinfra.addrs import Address
from mlinfra.records import field, mutable

FORMAT_VERSION = 1

Status = Literal["ready", "tainted", "creating"]


@mutable
class Deposed:
    """The old half of a create-before-destroy replacement, still alive."""

    key: str
    id: str | None
    attributes: dict[str, Any]
    private: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "id": self.id, "attributes": self.attributes, "private": self.private}

    @staticmethod
    def from_json(o: dict[str, Any]) -> Deposed:
        return Deposed(o["key"], o.get("id"), o.get("attributes") or {}, o.get("private") or {})


@mutable
class ResourceState:
    address: str
    kind: str
    provider: str  # provider configuration address: "local" or "aws.eu"
    id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    sensitive_paths: list[list[str | int]] = field(default_factory=list)
    schema_version: int = 0
    dependencies: list[str] = field(default_factory=list)
    status: Status = "ready"
    deposed: list[Deposed] = field(default_factory=list)
    private: dict[str, Any] = field(default_factory=dict)
    # "data" for what a data source read (data.KIND.NAME), as Terraform records it.
    mode: Literal["managed", "data"] = "managed"

    @property
    def addr(self) -> Address:
        """The address (``address`` is its text, as stored)."""
        return addrs.of(self.address)

    def to_json(self) -> dict[str, Any]:
        head = {"mode": "data"} if self.mode == "data" else {}
        return head | {
            "address": self.address,
            "kind": self.kind,
            "provider": self.provider,
            "id": self.id,
            "attributes": self.attributes,
            "sensitive_paths": self.sensitive_paths,
            "schema_version": self.schema_version,
            "dependencies": sorted(self.dependencies),
            "status": self.status,
            "deposed": [x.to_json() for x in self.deposed],
            "private": self.private,
        }

    def copy(self) -> ResourceState:
        """``from_json(to_json())`` without the JSON form in between: a new record (its
        lists new) sharing the attribute and private values, as that round trip does."""
        return ResourceState(
            address=self.address,
            kind=self.kind,
            provider=self.provider,
            id=self.id,
            attributes=self.attributes or {},
            sensitive_paths=self.sensitive_paths or [],
            schema_version=int(self.schema_version or 0),
            dependencies=sorted(self.dependencies),
            status=self.status or "ready",
            deposed=[Deposed(x.key, x.id, x.attributes or {}, x.private or {}) for x in self.deposed],
            private=self.private or {},
            mode="data" if self.mode == "data" else "managed",
        )

    @staticmethod
    def from_json(o: dict[str, Any]) -> ResourceState:
        return ResourceState(
            address=o["address"],
            kind=o["kind"],
            provider=o["provider"],
            id=o.get("id"),
            attributes=o.get("attributes") or {},
            sensitive_paths=o.get("sensitive_paths") or [],
            schema_version=int(o.get("schema_version") or 0),
            dependencies=list(o.get("dependencies") or []),
            status=o.get("status") or "ready",
            deposed=[Deposed.from_json(x) for x in o.get("deposed") or []],
            private=o.get("private") or {},
            mode="data" if o.get("mode") == "data" else "managed",
        )


@mutable
class OutputState:
    value: Any
    sensitive: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "sensitive": self.sensitive}


def random_uuid() -> str:
    """``str(uuid.uuid4())`` without importing ``uuid`` (which imports ``platform``)."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40  # version 4
    b[8] = (b[8] & 0x3F) | 0x80  # the RFC 4122 variant
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_lineage() -> str:
    return random_uuid()


@mutable
class State:
    lineage: str = field(default_factory=new_lineage)
    serial: int = 0
    mlinfra_version: str = ""
    format_version: int = FORMAT_VERSION
    resources: dict[str, ResourceState] = field(default_factory=dict)
    outputs: dict[str, OutputState] = field(default_factory=dict)
    # What the data sources read, by address (data.KIND.NAME); kept apart from the
    # managed resources, beside them in the JSON form with "mode": "data".
    data: dict[str, ResourceState] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format_version": self.format_version,
            "mlinfra_version": self.mlinfra_version,
            "serial": self.serial,
            "lineage": self.lineage,
            "outputs": {k: v.to_json() for k, v in sorted(self.outputs.items())},
            "resources": [self.resources[k].to_json() for k in sorted(self.resources)]
            + [self.data[k].to_json() for k in sorted(self.data)],
        }

    @staticmethod
    def from_json(o: dict[str, Any]) -> State:
        return State(
            lineage=o["lineage"],
            serial=int(o["serial"]),
            mlinfra_version=o.get("mlinfra_version", ""),
            format_version=int(o["format_version"]),
            resources={r["address"]: ResourceState.from_json(r) for r in o.get("resources") or [] if r.get("mode") != "data"},
            data={r["address"]: ResourceState.from_json(r) for r in o.get("resources") or [] if r.get("mode") == "data"},
            outputs={
                k: OutputState(v.get("value"), bool(v.get("sensitive")))
                for k, v in (o.get("outputs") or {}).items()
            },
        )

    def copy(self) -> State:
        """``State.from_json(self.to_json())``, records in address order, without the JSON
        form in between (a plan and an apply copy the state of every record)."""
        records = [self.resources[k] for k in sorted(self.resources)] + [self.data[k] for k in sorted(self.data)]
        return State(
            lineage=self.lineage,
            serial=int(self.serial),
            mlinfra_version=self.mlinfra_version,
            format_version=int(self.format_version),
            resources={r.address: r.copy() for r in records if r.mode != "data"},
            data={r.address: r.copy() for r in records if r.mode == "data"},
            outputs={k: OutputState(v.value, bool(v.sensitive)) for k, v in sorted(self.outputs.items())},
        )

    @property
    def is_empty(self) -> bool:
        return not self.resources
