"""The ``endpoint`` kind: a detached HTTP server process per endpoint.

Each server instance has a folder ``.mlinfra/local/endpoints/NAME/srv-XXXXXX/`` with its
serving config (variants resolved to registry files, a reload token), its log and
``endpoint.json`` (the resource address and attributes); sampled traffic goes to
``endpoints/NAME/capture.jsonl``. A separate folder per instance lets a
create-before-destroy replacement run beside the old server; on a fixed port
(``local { port = N }``) the replacement listens on the same port beside the old server
(both bound with SO_REUSEPORT) until the old one is stopped, so the port is handed over
and the URL stays the same.

Before create, the intent names the server folder (and its start token, the folder's
suffix, which the server's command line carries); the pid and port are recorded the
moment the process exists. After a kill at any instant, ``recover`` adopts a server
that finished starting (its ``endpoint.json`` exists) and stops any other process
started for that folder, so no server runs that the state cannot find.

Create binds the port, starts the server and waits until ``/health`` answers ok. An
update writes the new serving config and asks the running server to reload it (the
server loads the new models fully before swapping, so no request is dropped). ``read``
returns None once the process is gone, so the next plan recreates the endpoint; a
process that runs but does not answer ``/health`` reads as "Unhealthy" and is replaced.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError, Steps
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown
from mlinfra_provider_local import processes
from mlinfra_provider_local.blocks import EndpointBlock
from mlinfra_provider_local.kinds import EndpointKind
from mlinfra_provider_local.store import (
    MODEL_METADATA,
    RECORD_KEY,
    object_name,
    plain,
    read_json,
    write_json,
)

CONFIG_FILE = "config.json"
RECORD_FILE = "endpoint.json"
LOG_FILE = "server.log"
SERVER_MODULE = "mlinfra_provider_local.server"
UNHEALTHY = "Unhealthy"
UNHEALTHY_REASON = "the server process runs but does not answer /health: it is replaced"
HEALTH_TRIES = 2


class EndpointResource(EndpointKind):
    # -- plan ------------------------------------------------------------------------
    def plan(
        self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]
    ) -> PlanResponse:
        variants = config.get("variant")
        for vname, variant in variants.items() if isinstance(variants, dict) else ():
            model_id = variant.get("model") if isinstance(variant, dict) else None
            if isinstance(model_id, str) and not contains_unknown(model_id):
                self._registry_entry(vname, model_id)
        known: dict[str, Any] = {"id": object_name(address), "status": "InService"}
        block = config.get("local")
        if isinstance(block, dict) and isinstance(block.get("port"), int):
            known.update(port=block["port"], url=f"http://{processes.HOST}:{block['port']}")
        if prior is not None and prior.get("status") == UNHEALTHY:
            planned = {k: v for k, v in config.items() if k not in self.outputs}
            planned.update({o: UNKNOWN for o in self.outputs}, **known)
            return PlanResponse(
                planned=planned, requires_replace=[("status",)], reason=UNHEALTHY_REASON
            )
        return self.default_plan(prior, config, known=known)

    # -- interrupted creates ---------------------------------------------------------
    def intent(self, address: str, planned: dict[str, Any]) -> dict[str, Any]:
        name = object_name(address)
        import secrets  # hmac and OpenSSL: only when a name is drawn

        token = secrets.token_hex(3)
        folder = self.store.endpoint(name) / f"srv-{token}"
        return {"name": name, "server_dir": str(folder), "start_token": token}

    def recover(self, address: str, locator: dict[str, Any]) -> dict[str, Any] | None:
        folder = self._server_dir(locator)
        return self.recover_process(address, folder, RECORD_FILE, CONFIG_FILE, locator.get("pid"), self._alive)

    def _server_dir(self, locator: dict[str, Any]) -> Path | None:
        return self.process_folder(locator.get("server_dir"), "srv-")

    def _stop_folder(self, folder: Path, pid: Any = None) -> None:
        """Stop every server started for ``folder`` (recorded pid or not), then remove it."""
        processes.stop_marked(str(folder / CONFIG_FILE), pid)
        self.store.remove(folder)

    # -- CRUD ------------------------------------------------------------------------
    def create(
        self, address: str, config: dict[str, Any], planned: dict[str, Any]
    ) -> Steps[dict[str, Any]]:
        name = object_name(address)
        self._remove_dead_instances(name)
        block = EndpointBlock.model_validate(config.get("local") or {})
        import secrets  # hmac and OpenSSL: only when a name is drawn

        folder = self._server_dir(self.ctx.locator) or self.store.endpoint(name) / f"srv-{secrets.token_hex(3)}"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            serving = self._serving_config(
                address, folder.parent, config, token=secrets.token_urlsafe(24)
            )
            write_json(folder / CONFIG_FILE, serving, mode=0o600)
            attrs = yield from self._start(address, config, folder, block)
        except GeneratorExit:
            raise  # abandoned by an interrupted apply: the recorded locator finds it
        except BaseException:
            self.store.remove(folder)
            raise
        return attrs

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> Steps[dict[str, Any]]:
        folder = self._folder(prior)
        if folder is None or not self._alive(prior):
            self.ctx.progress("the server process is gone: starting it again")
            return (yield from self.create(address, config, planned))
        config_path = folder / CONFIG_FILE
        old = read_json(config_path) or {}
        serving = self._serving_config(address, folder.parent, config, token=old.get("token", ""))
        write_json(config_path, serving, mode=0o600)
        self.ctx.progress("loading the new models in the running server")
        status, body = processes.request(
            "POST",
            f"{prior['url']}/-/reload",
            body={},
            headers={"X-Mlinfra-Token": serving["token"]},
            timeout=300,
        )
        if status != 200:
            write_json(config_path, old, mode=0o600)
            reason = body.get("error") if isinstance(body, dict) else body
            raise ResourceError(
                "The endpoint rejected the update",
                f"{reason or 'no answer'} (still serving the previous configuration)",
            )
        attrs = plain({**config, **{o: prior.get(o) for o in self.outputs}})
        write_json(folder / RECORD_FILE, {"address": address, RECORD_KEY: attrs})
        return attrs

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        if not self._alive(state):
            return None
        for _ in range(HEALTH_TRIES):
            if processes.healthy(str(state.get("url")), timeout=1.0):
                return dict(state)
        if not self._alive(state):
            return None
        # Running but not answering: reported, so that the plan replaces it (and the
        # replacement's delete stops this process) rather than leaking it.
        return {**state, "status": UNHEALTHY}

    def delete(self, address: str, state: dict[str, Any]) -> None:
        folder = self._folder(state)
        if folder is not None:
            processes.stop(state.get("pid"), str(folder / CONFIG_FILE))
            self.store.remove(folder)
        home = self.store.endpoint(object_name(address))
        if not any(home.glob("srv-*")):
            self.store.remove(home)

    def find(self, address: str) -> dict[str, Any] | None:
        folder = self.store.endpoint(object_name(address))
        for _, record in self.records(folder, f"srv-*/{RECORD_FILE}", address):
            if self._alive(self.attributes(record)):
                return self.attributes(record)
        return None

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        folder = self.store.endpoint(object_id)
        for _, record in self.records(folder, f"srv-*/{RECORD_FILE}", None):
            if self._alive(self.attributes(record)):
                return self.attributes(record)
        return None

    # -- helpers ---------------------------------------------------------------------
    def _folder(self, attrs: dict[str, Any]) -> Path | None:
        log = attrs.get("log")
        if not isinstance(log, str):
            return None
        folder = Path(log).parent
        return folder if self.store.is_managed(folder) else None

    def _alive(self, attrs: dict[str, Any]) -> bool:
        folder = self._folder(attrs)
        return folder is not None and processes.alive(attrs.get("pid"), str(folder / CONFIG_FILE))

    def _port_holder(self, address: str, home: Path, port: int) -> dict[str, Any] | None:
        """The running server of this endpoint that listens on ``port``: the one a
        create-before-destroy replacement takes the port over from."""
        for _, record in self.records(home, f"srv-*/{RECORD_FILE}", address):
            attrs = self.attributes(record)
            if attrs.get("port") == port and self._alive(attrs):
                return attrs
        return None

    def _remove_dead_instances(self, name: str) -> None:
        for record_path in self.store.endpoint(name).glob(f"srv-*/{RECORD_FILE}"):
            record = read_json(record_path)
            attrs = record.get(RECORD_KEY) if isinstance(record, dict) else None
            if not isinstance(attrs, dict) or not self._alive(attrs):
                self._stop_folder(record_path.parent)

    def _registry_entry(
        self, variant: str, model_id: str
    ) -> tuple[str, int, Path, dict[str, Any]]:
        """(model name, version, registered file, what the model was trained on: its
        ``features`` and ``categorical`` features, when recorded)."""
        model, _, version = model_id.rpartition("/v")
        folder = self.store.registry(model) / f"v{version}"
        if self.store.shared is not None and not folder.is_dir():
            # A version registered before each workspace had a registry of its own.
            folder = self.store.shared / "registry" / model / f"v{version}"
        meta = read_json(folder / MODEL_METADATA) if model and version.isdigit() else None
        if not isinstance(meta, dict):
            known = sorted(
                f"{p.parent.parent.name}/{p.parent.name}"
                for p in (self.store.root / "registry").glob(f"*/v*/{MODEL_METADATA}")
            )
            raise ResourceError(
                "Model version not found",
                f'variant "{variant}" serves "{model_id}", which is not in the local registry.'
                f"{d.suggestion(model_id, known)} Use model.NAME.id.",
            )
        source = meta.get("source")
        source = source if isinstance(source, dict) else {}
        inputs = {k: source.get(k) for k in ("features", "categorical")}
        return (
            model,
            int(version),
            folder / str(meta.get("file", "model.joblib")),
            {k: v if isinstance(v, list) else None for k, v in inputs.items()},
        )

    def _serving_config(
        self, address: str, home: Path, config: dict[str, Any], token: str
    ) -> dict[str, Any]:
        """The server's configuration; captured traffic goes beside the instance folders
        in ``home``."""
        variants = {}
        for vname, v in sorted(config["variant"].items()):
            model, version, path, inputs = self._registry_entry(vname, v["model"])
            variants[vname] = {
                "model": model,
                "model_version": version,
                "model_id": v["model"],
                "path": str(path),
                "weight": v.get("weight", 100),
                "features": inputs["features"],
                "categorical": inputs["categorical"],
            }
        capture = config.get("data_capture")
        capture_settings = None
        if isinstance(capture, dict) and capture.get("enabled", True):
            path = home / "capture.jsonl"
            capture_settings = {
                "path": str(path),
                "sample_percent": capture.get("sample_percent", 100),
            }
        block = EndpointBlock.model_validate(config.get("local") or {})
        return {
            "address": address,
            "name": home.name,
            "token": token,
            "variants": variants,
            "capture": capture_settings,
            "max_request_bytes": block.max_request_bytes,
            "max_batch_size": block.max_batch_size,
        }

    def _start(
        self, address: str, config: dict[str, Any], folder: Path, block: EndpointBlock
    ) -> Steps[dict[str, Any]]:
        config_path, log = folder / CONFIG_FILE, folder / LOG_FILE
        holder = self._port_holder(address, folder.parent, block.port) if block.port else None
        if holder is not None:
            self.ctx.progress(
                f"taking port {block.port} over from the server it replaces (pid {holder['pid']})"
            )
        sock = processes.bind(block.port or 0, holder["pid"] if holder is not None else None)
        try:
            port = sock.getsockname()[1]
            proc = processes.start([SERVER_MODULE, "--config", str(config_path)], sock, log, folder)
        finally:
            sock.close()
        self.ctx.record(pid=proc.pid, port=port)
        url = f"http://{processes.HOST}:{port}"
        self.ctx.progress(f"started pid {proc.pid} on {url}, waiting for /health")
        try:
            yield from processes.healthy_steps(url, proc, log, block.startup_timeout)
        except GeneratorExit:
            raise  # abandoned by an interrupted apply: the recorded pid finds it
        except BaseException:
            processes.stop(proc.pid, str(config_path))
            raise
        outputs = {
            "id": object_name(address),
            "url": url,
            "status": "InService",
            "pid": proc.pid,
            "port": port,
            "log": str(log),
        }
        attrs = plain({**config, **outputs})
        write_json(folder / RECORD_FILE, {"address": address, RECORD_KEY: attrs})
        return attrs


def read_capture(path: Path) -> list[dict[str, Any]]:
    """The captured request/response pairs (for tests and tooling)."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
