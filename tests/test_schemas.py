"""The committed JSON Schemas are current, and real documents validate against them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mlinfra import schemas
from mlinfra.cli.views.plan_json import plan_to_json, state_to_json
from mlinfra.diagnostics import Diagnostics, SourceRange, error, warning
from mlinfra.plans.model import Action, Mode, OutputChange, Plan, ResourceChange
from mlinfra.plans.planfile import save_plan
from mlinfra.states.model import Deposed, OutputState, ResourceState, State
from mlinfra.values import UNKNOWN, Sensitive

REPO_SCHEMAS = Path(__file__).parents[1] / "schemas"
GENERATED = schemas.generate()


def validate(name: str, document: Any) -> None:
    jsonschema.validate(
        json.loads(json.dumps(document)), GENERATED[name], cls=jsonschema.Draft202012Validator
    )


def invalid(name: str, document: Any) -> bool:
    try:
        validate(name, document)
    except jsonschema.ValidationError:
        return True
    return False


def sample_state() -> State:
    r = ResourceState(
        "model.clf",
        "model",
        "local",
        "m-1",
        {"id": "m-1", "key": "k"},
        sensitive_paths=[["key"]],
        dependencies=["dataset.iris"],
        status="tainted",
        deposed=[Deposed("dd01", "m-0", {"id": "m-0"})],
    )
    return State(
        lineage="lin",
        serial=3,
        mlinfra_version="0.1.0",
        resources={r.address: r},
        outputs={"url": OutputState("http://x"), "k": OutputState("s", True)},
    )


def sample_plan() -> Plan:
    c = ResourceChange(
        "module.a.model.clf[0]",
        "model",
        "clf",
        0,
        "aws.eu",
        Action.DELETE_THEN_CREATE,
        {"id": "m-1", "key": "k"},
        {"id": UNKNOWN, "key": Sensitive("k")},
        replace_paths=[("artifact",)],
        reason="tainted",
        before_sensitive=[("key",)],
        importing="imp-1",
    )
    d = ResourceChange(
        "model.x", "model", "x", None, "local", Action.DELETE, {"id": "x"}, None, deposed="dd"
    )
    return Plan(
        Mode.NORMAL,
        [c, d],
        "lin",
        3,
        variables={"v": Sensitive("s"), "w": {"a": 1}},
        output_changes=[OutputChange("url", Action.CREATE, None, UNKNOWN)],
        drift=[
            ResourceChange(
                "model.x", "model", "x", None, "local", Action.UPDATE, {"a": 1}, {"a": 2}
            )
        ],
        prior_state=sample_state().to_json(),
        sources={"main.hcl": "# empty\n"},
    )


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_each_committed_schema_matches_what_the_code_generates(name: str) -> None:
    path = REPO_SCHEMAS / name
    assert path.is_file(), f"schemas/{name} is missing; regenerate with: python -m mlinfra.schemas"
    assert path.read_text(encoding="utf-8") == schemas.dumps(GENERATED[name]), (
        f"schemas/{name} is stale; regenerate with: python -m mlinfra.schemas"
    )


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    assert GENERATED[name]["$schema"] == schemas.DRAFT
    assert GENERATED[name]["title"].startswith("mlinfra ")
    jsonschema.Draft202012Validator.check_schema(GENERATED[name])


def test_a_state_file_validates_against_the_state_schema() -> None:
    validate("state.schema.json", sample_state().to_json())
    validate("state.schema.json", State().to_json())
    assert invalid("state.schema.json", {**sample_state().to_json(), "serial": "three"})


def test_plan_json_and_state_json_validate_against_their_schemas() -> None:
    validate("plan-json.schema.json", plan_to_json(sample_plan(), "0.1.0"))
    validate("plan-json.schema.json", plan_to_json(Plan(Mode.DESTROY, [], "l", 0), "0.1.0"))
    validate("state-json.schema.json", state_to_json(sample_state()))
    assert invalid("plan-json.schema.json", {"format_version": "1.2"})


def test_a_saved_plan_file_validates_against_the_plan_schema(tmp_path: Path) -> None:
    save_plan(sample_plan(), tmp_path / "plan.out")
    validate("plan.schema.json", json.loads((tmp_path / "plan.out").read_text()))
    doc = json.loads((tmp_path / "plan.out").read_text())
    doc["mode"] = "normal"
    assert invalid("plan.schema.json", doc)


def test_a_validate_document_validates_against_its_schema() -> None:
    diags = Diagnostics()
    diags.add(
        error(
            "Unsupported argument",
            "Did you mean weight?",
            SourceRange("main.hcl", 12, 3, 12, 9),
            address="endpoint.iris",
        )
    )
    diags.add(warning("Deprecated", ""))
    document = {
        "valid": not diags.has_errors,
        "error_count": len(diags.errors),
        "warning_count": len(diags.warnings),
        "diagnostics": [d.to_json() for d in diags],
    }
    validate("validate-json.schema.json", document)
    assert invalid("validate-json.schema.json", {**document, "error_count": -1})


def test_kind_schemas_accept_a_real_block_and_reject_a_typo() -> None:
    endpoint = {
        "variant": {"blue": {"model": "model.m.id", "weight": 100}},
        "autoscaling": {"min": 1, "max": 3},
    }
    validate("endpoint.schema.json", endpoint)
    assert invalid("endpoint.schema.json", {**endpoint, "wieght": 1})
    validate("dataset.schema.json", {"source": "sklearn:iris", "target": "species"})


def test_the_check_command_exits_1_and_lists_stale_files(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mlinfra.schemas", *args],
            capture_output=True,
            text=True,
            check=False,
        )

    assert run("--check", str(tmp_path)).returncode == 1
    assert run(str(tmp_path)).returncode == 0
    assert run("--check", str(tmp_path)).returncode == 0
    (tmp_path / "state.schema.json").write_text("{}\n")
    result = run("--check", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.strip() == f"stale: {tmp_path / 'state.schema.json'}"
