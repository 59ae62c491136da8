"""The ``pipeline`` kind: a scikit-learn training run in a subprocess.

Each run lives in ``.mlinfra/local/runs/RUN_ID/`` (spec, model, metrics, lineage, log and
``run.json`` naming the resource address). The pipeline ``digest`` hashes the definition
and the identity of its inputs (a materialised dataset URI is content-addressed; any other
file is digested), and is computed at plan time: with ``run = "on_change"`` a new digest
means a new run, so ``run_id``, ``artifact`` and ``metrics`` are planned as unknown.
Quality gates (``min_accuracy = 0.9``) fail the apply with the measured value.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from mlinfra.providers import ResourceError
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, changed_paths, contains_unknown
from mlinfra_provider_local import metrics
from mlinfra_provider_local.artifacts import MODEL_FILE
from mlinfra_provider_local.blocks import PipelineBlock
from mlinfra_provider_local.kinds import PipelineKind, known_map
from mlinfra_provider_local.sources import label_column
from mlinfra_provider_local.store import (
    RECORD_KEY,
    file_uri,
    object_name,
    plain,
    read_json,
    sha256_file,
    sha256_json,
    write_json,
)

RUN_RECORD = "run.json"
RERUN_REASON = "definition or inputs changed: the pipeline runs again"


class PipelineResource(PipelineKind):
    # -- plan ------------------------------------------------------------------------
    def digest(self, config: dict[str, Any]) -> Any:
        """Hash of the definition and the inputs' identity; UNKNOWN when an input is."""
        idents: dict[str, Any] = {}
        inputs = config.get("inputs") or {}
        if contains_unknown(inputs) and not isinstance(inputs, dict):
            return UNKNOWN
        for key, value in sorted(inputs.items()):
            if contains_unknown(value):
                return UNKNOWN
            idents[key] = self._input_identity(key, value)
        definition = {k: config.get(k) for k in ("step", "metrics", "test_size", "seed")}
        # Settings added later hash only when set, so that older runs keep their digest.
        definition.update(
            {k: config[k] for k in ("cross_validation", "search") if config.get(k) is not None}
        )
        if contains_unknown(definition) or contains_unknown(config.get("gates")):
            return UNKNOWN
        definition["inputs"] = idents
        definition["gate_metrics"] = sorted(self._gate_metrics(config))
        if self._cv_metrics(config):
            definition["cv_gate_metrics"] = self._cv_metrics(config)
        return sha256_json(definition)

    def plan(
        self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]
    ) -> PlanResponse:
        digest = self.digest(config)
        planned = {k: v for k, v in config.items() if k not in self.outputs}
        fresh = {"run_id": UNKNOWN, "artifact": UNKNOWN, "metrics": UNKNOWN, "digest": digest}
        if prior is None:
            return PlanResponse(planned={**planned, "id": object_name(address), **fresh})
        if self._reruns(prior, config, digest):
            return PlanResponse(
                planned={**planned, "id": prior.get("id"), **fresh}, reason=RERUN_REASON
            )
        planned.update({o: prior.get(o) for o in self.outputs})
        prior_args = {k: v for k, v in prior.items() if k not in self.outputs}
        changed = any(True for _ in changed_paths(prior_args, planned))
        return PlanResponse(
            planned=planned, reason="settings changed, no new run" if changed else None
        )

    def _reruns(self, prior: dict[str, Any], config: dict[str, Any], digest: Any) -> bool:
        return config.get("run") != "never" and (digest is UNKNOWN or digest != prior.get("digest"))

    # -- CRUD ------------------------------------------------------------------------
    def create(
        self, address: str, config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        return self._run(address, config, self.digest(config))

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        digest = self.digest(config)
        if self._reruns(prior, config, digest):
            attrs = self._run(address, config, digest)
            old = prior.get("run_id")
            if isinstance(old, str) and old and old != attrs["run_id"]:
                self.store.remove(self.store.existing_run(old))
            return attrs
        failures = metrics.gate_failures(config.get("gates") or {}, prior.get("metrics") or {})
        if failures:
            raise ResourceError("Quality gate failed", "; ".join(failures), attribute=("gates",))
        attrs = plain({**config, **{o: prior.get(o) for o in self.outputs}})
        self._record(address, attrs)
        return attrs

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        run_id = state.get("run_id")
        if not isinstance(run_id, str) or not run_id:
            return None
        folder = self.store.existing_run(run_id)
        if not (folder / MODEL_FILE).is_file() or not (folder / RUN_RECORD).is_file():
            return None
        return dict(state)

    def delete(self, address: str, state: dict[str, Any]) -> None:
        run_id = state.get("run_id")
        if isinstance(run_id, str) and run_id:
            self.store.remove(self.store.existing_run(run_id))
        # Runs of this pipeline cut short (an apply killed during training) have a spec
        # but no record; finished runs of a replacement keep theirs and stay.
        for spec_path in self.store.runs().glob("*/spec.json"):
            spec = read_json(spec_path)
            lineage = spec.get("lineage") if isinstance(spec, dict) else None
            done = (spec_path.parent / RUN_RECORD).exists()
            if isinstance(lineage, dict) and lineage.get("address") == address and not done:
                self.store.remove(spec_path.parent)

    def find(self, address: str) -> dict[str, Any] | None:
        found = [
            (path.stat().st_mtime, self.attributes(record))
            for path, record in self.records(self.store.runs(), f"*/{RUN_RECORD}", address)
        ]
        return max(found, key=lambda x: x[0])[1] if found else None

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        found = self.records(self.store.runs(), f"*/{RUN_RECORD}", None)
        return self.newest(pr for pr in found if self.attributes(pr[1]).get("id") == object_id)

    # -- helpers ---------------------------------------------------------------------
    def _input_identity(self, key: str, value: Any) -> Any:
        if not isinstance(value, str) or not value.startswith("file://"):
            return value
        path = self.store.resolve_file_uri(value)
        managed = self.store.relative(path)
        if managed is not None:
            # Materialised datasets are content-addressed: the path is the identity.
            return managed
        if not path.is_file():
            raise ResourceError(
                "Pipeline input not found", f"input {key} = {value}: {path} does not exist."
            )
        return "sha256:" + sha256_file(path)

    def _gate_metrics(self, config: dict[str, Any]) -> set[str]:
        """The metrics the gates read, as measured on the held-out data."""
        parsed = (metrics.split_gate(k) for k in known_map(config.get("gates")))
        return {p[1] for p in parsed if p is not None and p[1] in metrics.ALL}

    def _cv_metrics(self, config: dict[str, Any]) -> list[str]:
        """The metrics cross-validation gates read."""
        parsed = (metrics.split_gate(k) for k in known_map(config.get("gates")))
        found = (metrics.measured_by(p[1]) for p in parsed if p is not None)
        return sorted({m for m, needs in found if m and needs == "cross_validation"})

    def _input_spec(self, value: Any) -> dict[str, str]:
        path = self.store.resolve_file_uri(str(value))
        if not path.is_file():
            raise ResourceError("Pipeline input not found", f"{value}: {path} does not exist.")
        digest = sha256_file(path)
        return {
            "uri": str(value),
            "path": str(path),
            "target": label_column(path),
            "digest": digest,
        }

    def _run(self, address: str, config: dict[str, Any], digest: Any) -> dict[str, Any]:
        from mlinfra_provider_local import steps as step_chain

        inputs = config.get("inputs") or {}
        train_key = "train" if "train" in inputs else next(iter(inputs), None)
        if train_key is None:
            raise ResourceError(
                "Pipeline has no input",
                "Give it training data: inputs = { train = dataset.NAME.uri }.",
            )
        shape, problems = step_chain.layout(config["step"])
        if shape is None:
            raise ResourceError("Invalid pipeline for the local provider", problems[0][0])
        ordered = [(n, config["step"][n]) for n in shape["order"]]
        step_name, step = ordered[-1]
        name = object_name(address)
        import secrets  # hmac and OpenSSL: only when a name is drawn

        run_id = f"{name}-{secrets.token_hex(4)}"
        out = self.store.run(run_id)
        out.mkdir(parents=True)
        try:
            spec = {
                "out": str(out),
                "train": self._input_spec(inputs[train_key]),
                "test": self._input_spec(inputs["test"])
                if "test" in inputs and train_key != "test"
                else None,
                "estimator": step["estimator"],
                "params": step.get("params") or {},
                "steps": [
                    {"name": n, "estimator": st["estimator"], "params": st.get("params") or {}}
                    for n, st in ordered
                ],
                "layout": shape,
                "cross_validation": config.get("cross_validation"),
                "cv_metrics": self._cv_metrics(config),
                "search": self._search_spec(config, shape),
                "metrics": [
                    *(config.get("metrics") or []),
                    *sorted(self._gate_metrics(config) - set(config.get("metrics") or [])),
                ],
                "test_size": config.get("test_size", 0.2),
                "seed": config.get("seed", 0),
                "prefixes": list(self.ctx.estimator_prefixes),
                "lineage": {
                    "address": address,
                    "run_id": run_id,
                    "step": step_name,
                    "pipeline_digest": digest,
                },
            }
            spec["lineage"]["inputs"] = {
                k: {"uri": v["uri"], "digest": v["digest"]}
                for k, v in (("train", spec["train"]), ("test", spec["test"]))
                if v
            }
            write_json(out / "spec.json", spec)
            shown = " -> ".join(st["estimator"] for _, st in ordered)
            self.ctx.progress(f"training {shown} (run {run_id})")
            self._subprocess(out, config)
            measured = read_json(out / "metrics.json") or {}
            failures = metrics.gate_failures(config.get("gates") or {}, measured)
            if failures:
                raise ResourceError("Quality gate failed", "; ".join(failures), attribute=("gates",))
            outputs = {
                "id": name,
                "run_id": run_id,
                "artifact": file_uri(out / MODEL_FILE),
                "metrics": measured,
                "digest": digest,
            }
            attrs = plain({**config, **outputs})
            self._record(address, attrs)
        except BaseException:
            self.store.remove(out)
            raise
        return attrs

    def _search_spec(self, config: dict[str, Any], shape: dict[str, Any]) -> dict[str, Any] | None:
        """The search as the training process runs it: each "STEP.PARAM" under its
        scikit-learn name (``fit__C``, ``columns__num__with_mean``)."""
        from mlinfra_provider_local import steps as step_chain

        search = config.get("search")
        if not isinstance(search, dict):
            return None
        steps = config["step"]
        problems, wanted = step_chain.search_problems(steps, search)
        if problems:
            raise ResourceError("Invalid pipeline for the local provider", problems[0][0])
        params = {
            step_chain.param_prefix(shape, step) + param: [key, search["params"][key]]
            for key, step, param in wanted
        }
        return {
            "method": search.get("method") or "grid",
            "params": params,
            "n_iter": search.get("n_iter") or 10,
            "cv": search.get("cv") or 3,
            "scoring": search.get("scoring"),
        }

    def _subprocess(self, out: Path, config: dict[str, Any]) -> None:
        import subprocess

        from mlinfra_provider_local import processes

        block = PipelineBlock.model_validate(config.get("local") or {})
        env = {
            **os.environ,
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        log = out / "train.log"
        cmd = [sys.executable, "-m", "mlinfra_provider_local.train", str(out / "spec.json")]
        redact = self.ctx.redactor()
        try:
            code = processes.run_logged(cmd, log, env, out, block.timeout, redact)
        except subprocess.TimeoutExpired:
            raise ResourceError(
                "Training timed out", f"The run took longer than {block.timeout:g} seconds."
            ) from None
        if code == 0:
            return
        error = read_json(out / "error.json")
        if isinstance(error, dict):
            raise ResourceError(redact(str(error.get("summary"))), redact(str(error.get("detail"))))
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise ResourceError("Training process failed", f"exit code {code}\n{tail}")

    def _record(self, address: str, attrs: dict[str, Any]) -> None:
        run_id = attrs.get("run_id")
        if isinstance(run_id, str) and run_id:
            record = {"address": address, RECORD_KEY: attrs}
            write_json(self.store.existing_run(run_id) / RUN_RECORD, record)

