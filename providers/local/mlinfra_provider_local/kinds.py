"""What each kind of the local provider declares, and the checks ``validate`` runs on it.

The provider's schema (each kind's nested block, outputs and the arguments that force a
replacement) and its validation need only these classes. The handler that creates,
reads, updates and deletes a kind subclasses its class here and lives in its own module
(``HANDLERS``), imported the first time a plan or an apply has an object of that kind:
``mlinfra validate`` imports none of them, and a plan only those of the kinds it has.
The checks import what they use (the step graph, the estimator look-up, the sources)
when they run.
"""

from __future__ import annotations

from typing import Any

from mlinfra import diagnostics as d
from mlinfra.providers.resource import unsupported_shadow_variants
from mlinfra.values import contains_unknown
from mlinfra_provider_local.base import LocalResource
from mlinfra_provider_local.blocks import EndpointBlock, MonitorBlock, PipelineBlock
from mlinfra_provider_local.context import DEFAULT_PREFIXES

# kind -> "module:Class" of its handler, a subclass of the kind's class below.
HANDLERS = {
    "dataset": "mlinfra_provider_local.datasets:DatasetResource",
    "pipeline": "mlinfra_provider_local.pipelines:PipelineResource",
    "model": "mlinfra_provider_local.models:ModelResource",
    "endpoint": "mlinfra_provider_local.endpoints:EndpointResource",
    "monitor": "mlinfra_provider_local.monitors:MonitorResource",
}

FRAMEWORKS = ("sklearn", "scikit-learn")


class DatasetKind(LocalResource):
    kind = "dataset"
    stable_outputs = ("id",)

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        source = config.get("source")
        fmt = config.get("format")
        out: list[d.Diagnostic] = []
        if isinstance(fmt, str) and fmt.lower() != "csv":
            out.append(
                d.error(
                    "Unsupported dataset format",
                    f'The local provider reads CSV, not "{fmt}".',
                    address=address,
                    attribute=("format",),
                )
            )
        if isinstance(source, str):
            from mlinfra_provider_local import sources

            try:
                sources.parse(source, self.ctx.workdir)
            except sources.SourceError as e:
                out.append(d.error(e.summary, e.detail, address=address, attribute=("source",)))
        return out


class PipelineKind(LocalResource):
    kind = "pipeline"
    block = PipelineBlock
    stable_outputs = ("id",)

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        from mlinfra_provider_local import metrics
        from mlinfra_provider_local import steps as step_chain

        out: list[tuple[str, tuple[str | int, ...]]] = []  # (detail, the argument at fault)
        steps = known_map(config.get("step"))
        for step_name, step in sorted(steps.items()):
            if isinstance(step, dict) and (step.get("image") or step.get("command")):
                out.append((
                    f'step "{step_name}" is a container step (image/command), which the local provider '
                    "cannot run: give it an estimator, or run this pipeline on a cloud provider.",
                    ("step", step_name),
                ))
        for step_name, step in sorted(steps.items()):
            if isinstance(step, dict) and not (step.get("estimator") or step.get("image")):
                out.append((
                    f'step "{step_name}" has no estimator: give it one '
                    '(estimator = "sklearn.linear_model.LogisticRegression").',
                    ("step", step_name),
                ))
        shape, shape_problems = (
            step_chain.layout(steps) if steps and not contains_unknown(steps) else (None, [])
        )
        if not out:
            out.extend(shape_problems)
        prefixes = self.ctx.estimator_prefixes
        for step_name, s in sorted(steps.items()):
            est = s.get("estimator") if isinstance(s, dict) else None
            if self.ctx.configured and isinstance(est, str) and not est.startswith(prefixes):
                out.append((
                    f'estimator "{est}" is outside the allowed estimators ({", ".join(p + "*" for p in prefixes)}); '
                    'add its prefix to allowed_estimator_prefixes in the provider "local" block.',
                    ("step", step_name, "estimator"),
                ))
        for i, name in enumerate(known_list(config.get("metrics"))):
            if isinstance(name, str) and name not in metrics.ALL:
                out.append((
                    f'unknown metric "{name}".{d.suggestion(name, metrics.ALL)} Known: {", ".join(metrics.ALL)}.',
                    ("metrics", i),
                ))
        search = config.get("search")
        cv = config.get("cross_validation")
        for key in known_map(config.get("gates")):
            parsed = metrics.split_gate(key)
            measured, needs = metrics.measured_by(parsed[1]) if parsed else (None, None)
            if parsed is None or (measured is None and needs is None):
                names = metrics.gate_names(cv is not None, search is not None)
                out.append((
                    f'unknown gate "{key}".{d.suggestion(key, names)} Gates are min_METRIC or max_METRIC.',
                    ("gates", key),
                ))
            elif needs is not None and config.get(needs) is None:
                setting = "cross_validation = 5" if needs == "cross_validation" else "a search block"
                out.append((
                    f'gate "{key}" needs {setting} in the pipeline, which records {parsed[1]}.',
                    ("gates", key),
                ))
        scoring = search.get("scoring") if isinstance(search, dict) else None
        if isinstance(scoring, str) and scoring not in metrics.ALL:
            out.append((
                f'unknown scoring metric "{scoring}".{d.suggestion(scoring, metrics.ALL)} Known: {", ".join(metrics.ALL)}.',
                ("search", "scoring"),
            ))
        searched: list[tuple[str, str, str]] = []
        if steps and not contains_unknown(search):
            search_problems, searched = step_chain.search_problems(steps, search)
            out.extend(search_problems)
        if steps and not contains_unknown(steps):
            out.extend(step_chain.column_problems(steps, *self._known_columns(config)))
        inputs = config.get("inputs")
        if (
            isinstance(inputs, dict)
            and not contains_unknown(inputs)
            and "train" not in inputs
            and len(inputs) != 1
        ):
            out.append(('name the training data input "train" (inputs = { train = dataset.NAME.uri }).', ("inputs",)))
        allowed = self.ctx.estimator_prefixes if self.ctx.configured else DEFAULT_PREFIXES
        order = shape["order"] if shape else []
        ordered = [(n, steps[n]) for n in order if isinstance(steps[n], dict)]
        return [
            d.error("Invalid pipeline for the local provider", msg, address=address, attribute=where)
            for msg, where in out
        ] + (step_chain.check(address, ordered, allowed, searched) if not out else [])

    def _known_columns(self, config: dict[str, Any]) -> tuple[list[str] | None, str | None]:
        """The training data's feature columns and label, when its file is already there
        (a dataset applied before, or a file the configuration names)."""
        inputs = config.get("inputs")
        if not isinstance(inputs, dict):
            return None, None
        uri = inputs.get("train", next(iter(inputs.values()), None) if len(inputs) == 1 else None)
        if not isinstance(uri, str) or not uri.startswith("file://"):
            return None, None
        import csv  # only once a dataset's file is known

        try:
            path = self.store.resolve_file_uri(uri)
            with path.open(newline="") as f:
                header = next(csv.reader(f), None)
        except (OSError, ValueError, csv.Error):
            return None, None
        if not header:
            return None, None
        from mlinfra_provider_local.sources import label_column

        target = label_column(path)
        return [c.strip() for c in header if c.strip() != target], target


class ModelKind(LocalResource):
    kind = "model"
    stable_outputs = ()

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        fw = config.get("framework")
        if isinstance(fw, str) and fw.lower() not in FRAMEWORKS:
            return [
                d.error(
                    "Unsupported model framework",
                    f'The local provider serves scikit-learn models, not "{fw}".',
                    address=address,
                    attribute=("framework",),
                )
            ]
        return []


class EndpointKind(LocalResource):
    kind = "endpoint"
    block = EndpointBlock
    extra_outputs = ("pid", "port", "log")
    stable_outputs = ("id", "url", "status", "pid", "port", "log")
    force_new = frozenset({"local"})

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = unsupported_shadow_variants(address, config, "local")
        variants = config.get("variant")
        if isinstance(variants, dict) and not contains_unknown(variants):
            weights = [v.get("weight", 100) for v in variants.values() if isinstance(v, dict)]
            if weights and sum(float(w) for w in weights) <= 0:
                detail = "At least one variant needs a weight above 0."
                out.append(d.error("No variant takes traffic", detail, address=address))
        for ignored in self._ignored(config):
            out.append(d.warning("Ignored by the local provider", ignored, address=address))
        return out

    @staticmethod
    def _ignored(config: dict[str, Any]) -> list[str]:
        """The portable settings one local server process cannot honour."""
        out = []
        rollout = config.get("rollout")
        if isinstance(rollout, dict) and rollout.get("strategy") not in (None, "all_at_once"):
            out.append(
                f'rollout strategy "{rollout.get("strategy")}": the local provider applies every '
                "change at once (without dropping requests); shift weights to roll out gradually."
            )
        scaling = config.get("autoscaling")
        if isinstance(scaling, dict) and isinstance(scaling.get("max"), int) and scaling["max"] > 1:
            out.append("autoscaling: a local endpoint is one server process.")
        return out


class MonitorKind(LocalResource):
    kind = "monitor"
    block = MonitorBlock
    extra_outputs = ("quality", "pid", "log")
    stable_outputs = ("id",)

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = []
        quality = config.get("quality")
        labels = quality.get("labels") if isinstance(quality, dict) else None
        for where, uri in ((("baseline",), config.get("baseline")), (("quality", "labels"), labels)):
            if isinstance(uri, str) and not contains_unknown(uri) and "://" in uri and not uri.startswith("file://"):
                out.append(d.error(
                    "Not a local file",
                    f'"{uri}" is not a file the local provider can read: use dataset.NAME.uri or a file:// URI.',
                    address=address, attribute=where,
                ))
        return out


KINDS: tuple[type[LocalResource], ...] = (DatasetKind, PipelineKind, ModelKind, EndpointKind, MonitorKind)


def known_map(value: Any) -> dict[str, Any]:
    """``value`` when it is a map, else empty (a map still unknown at plan time)."""
    return value if isinstance(value, dict) else {}


def known_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
