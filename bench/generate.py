"""Configurations of N resources for mlinfra and for Terraform, with the same edges.

Two shapes:

- ``chain``: groups of five resources, each referencing an attribute of the one before
  (mlinfra: a ``dataset`` then four ``model``s, each ``tags.up`` taken from the previous
  resource; Terraform: ``terraform_data`` whose ``input.up`` is the previous ``output``).
- ``wide``: the same resources with no references at all.

Every resource carries a literal ``note``; ``edit_one_percent`` changes it on 1% of the
resources (the last of a chain group, so the edit itself is what changes), which is the
"plan after a small edit" case. On the mlinfra side the resources are cheap local-provider
objects: a dataset copied from a tiny CSV file and a model registering a tiny ``file://``
artifact. The artifact sits beside a ``lineage.json`` as a pipeline run leaves it, so
registering it needs no load check (no scikit-learn, no training, no serving).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

GROUP = 5
ML_FILE = "main.mlinfra.hcl"
TF_FILE = "main.tf"


def edited_indexes(n: int) -> list[int]:
    """1% of the resources (at least one): the last member of evenly spaced groups."""
    count = max(1, n // 100)
    groups = max(1, n // GROUP)
    step = max(1, groups // count)
    out = []
    for g in range(0, groups, step):
        i = min(n - 1, g * GROUP + GROUP - 1)
        out.append(i)
        if len(out) == count:
            break
    return out


def _note(i: int, edited: set[int]) -> str:
    return f"n{i}-edited" if i in edited else f"n{i}"


def _ml_name(i: int) -> tuple[str, str]:
    g, k = divmod(i, GROUP)
    return ("dataset" if k == 0 else "model"), f"g{g}_{k}"


def mlinfra_config(n: int, shape: str, edited: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    out = ['provider "local" {}\n']
    for i in range(n):
        kind, name = _ml_name(i)
        tags = [f'note = "{_note(i, edited)}"']
        if shape == "chain" and i % GROUP:
            pkind, pname = _ml_name(i - 1)
            attr = "digest" if pkind == "dataset" else "id"
            tags.append(f"up = {pkind}.{pname}.{attr}")
        body = (
            '  source = "file://data/tiny.csv"\n'
            if kind == "dataset"
            else '  artifact  = "file://artifacts/model.joblib"\n  framework = "sklearn"\n'
        )
        out.append(f'{kind} "{name}" {{\n{body}  tags = {{ {", ".join(tags)} }}\n}}\n')
    return "\n".join(out)


def terraform_config(n: int, shape: str, edited: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    out = []
    for i in range(n):
        g, k = divmod(i, GROUP)
        fields = [f'note = "{_note(i, edited)}"']
        if shape == "chain" and k:
            fields.append(f"up = terraform_data.g{g}_{k - 1}.output")
        out.append(
            f'resource "terraform_data" "g{g}_{k}" {{\n  input = {{ {", ".join(fields)} }}\n}}\n'
        )
    return "\n".join(out)


def write_mlinfra(workdir: Path, n: int, shape: str) -> None:
    """Create (or refresh) an mlinfra work dir: configuration, CSV, artifact."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "data").mkdir(exist_ok=True)
    (workdir / "data" / "tiny.csv").write_text("x0,x1,target\n1.0,2.0,0\n3.0,4.0,1\n")
    art = workdir / "artifacts"
    art.mkdir(exist_ok=True)
    (art / "model.joblib").write_bytes(b"bench-model-artifact\n")
    (art / "lineage.json").write_text(json.dumps({"address": "bench", "run_id": "bench"}) + "\n")
    (workdir / ML_FILE).write_text(mlinfra_config(n, shape))


def write_terraform(workdir: Path, n: int, shape: str) -> None:
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / TF_FILE).write_text(terraform_config(n, shape))


def set_edit(workdir: Path, tool: str, n: int, shape: str, edit: bool) -> None:
    """Write the configuration with (or without) the 1% edit."""
    edited = set(edited_indexes(n)) if edit else set()
    if tool == "mlinfra":
        (workdir / ML_FILE).write_text(mlinfra_config(n, shape, edited))
    else:
        (workdir / TF_FILE).write_text(terraform_config(n, shape, edited))


def reset_mlinfra(workdir: Path, *, cache: bool = True) -> None:
    """Forget everything applied (state and the local provider's objects)."""
    for p in workdir.glob("mlinfra.state.json*"):
        p.unlink()
    shutil.rmtree(workdir / ".mlinfra" / "local", ignore_errors=True)
    shutil.rmtree(workdir / ".mlinfra" / "states", ignore_errors=True)
    if not cache:  # compare.py points MLINFRA_CACHE_DIR beside the work directories
        shutil.rmtree(workdir.parent.parent / "mlinfra-parse-cache", ignore_errors=True)


def reset_terraform(workdir: Path) -> None:
    for p in workdir.glob("terraform.tfstate*"):
        p.unlink()
    (workdir / ".terraform.tfstate.lock.info").unlink(missing_ok=True)


def _tf_type(value: object) -> object:
    if isinstance(value, dict):
        return ["object", {k: _tf_type(v) for k, v in value.items()}]
    return "string"


def terraform_state(n: int, shape: str) -> dict[str, object]:
    """The state Terraform's own apply of ``terraform_config`` writes (ids aside), for the
    sizes where applying takes Terraform too long (its apply is quadratic in N)."""
    import uuid

    resources = []
    values: dict[int, dict[str, object]] = {}
    for i in range(n):
        g, k = divmod(i, GROUP)
        value: dict[str, object] = {"note": _note(i, set())}
        if shape == "chain" and k:
            value["up"] = values[i - 1]
        values[i] = value
        typed = {"value": value, "type": _tf_type(value)}
        instance: dict[str, object] = {
            "schema_version": 0,
            "attributes": {"id": str(uuid.uuid4()), "input": typed, "output": typed,
                           "triggers_replace": None},  # fmt: skip
            "sensitive_attributes": [],
        }
        if shape == "chain" and k:
            instance["dependencies"] = sorted(f"terraform_data.g{g}_{j}" for j in range(k))
        resources.append({
            "mode": "managed", "type": "terraform_data", "name": f"g{g}_{k}",
            "provider": 'provider["terraform.io/builtin/terraform"]', "instances": [instance],
        })  # fmt: skip
    resources.sort(key=lambda r: str(r["name"]))
    return {
        "version": 4, "terraform_version": "1.11.4", "serial": n + 1,
        "lineage": str(uuid.uuid4()), "outputs": {}, "resources": resources, "check_results": None,
    }  # fmt: skip


def write_terraform_state(workdir: Path, n: int, shape: str) -> None:
    (workdir / "terraform.tfstate").write_text(json.dumps(terraform_state(n, shape), indent=2) + "\n")
