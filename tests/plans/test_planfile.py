"""The saved plan file: an exact round trip, an atomic write, and readable failures."""

from __future__ import annotations

import dataclasses
import json
import stat
from pathlib import Path
from typing import Any

import pytest

from mlinfra.diagnostics import DiagnosticsError
from mlinfra.plans.model import Action, Mode, OutputChange, Plan, ResourceChange
from mlinfra.plans.planfile import FORMAT, decode_value, encode_value, load_plan, save_plan
from mlinfra.values import UNKNOWN, Sensitive


def full_plan() -> Plan:
    """A plan with a value in every field, including the awkward ones."""
    c = ResourceChange(
        address='model.clf["eu"]',
        kind="model",
        name="clf",
        index="eu",
        provider="aws.eu",
        action=Action.CREATE_THEN_DELETE,
        before={"id": "m-1", "artifact": "s3://a", "n": 1.0, "flags": [True, None]},
        after={"id": UNKNOWN, "artifact": "s3://b", "meta": {"v": UNKNOWN}, "pair": ("a", 1)},
        replace_paths=[("artifact",), ("meta", "v", 0)],
        reason="artifact content changed",
        before_sensitive=[("key",)],
        after_sensitive=[("key",)],
        deposed=None,
        config={"artifact": "s3://b", "key": Sensitive("k3y"), "$odd": {"$unknown": "not a tag"}},
        private={"etag": "abc"},
        dependencies=["dataset.iris"],
        create_before_destroy=True,
        importing="m-external",
    )
    deposed = dataclasses.replace(c, action=Action.DELETE, after=None, deposed="dd01", config=None)
    return Plan(
        mode=Mode.REFRESH_ONLY,
        changes=[c, deposed],
        lineage="lin-1",
        serial=12,
        variables={"region": "eu", "password": Sensitive("pw"), "sizes": [1, 2]},
        output_changes=[OutputChange("url", Action.CREATE, None, UNKNOWN, sensitive=True)],
        drift=[dataclasses.replace(c, action=Action.UPDATE, after={"id": "m-1"})],
        prior_state={"format_version": 1, "serial": 12, "lineage": "lin-1", "resources": []},
        config_digest="sha256:abc",
        sources={"main.hcl": 'model "clf" {\n  artifact = "s3://b"\n}\n'},
        workspace="staging",
        targets=["model.clf"],
        warnings=["Deprecated argument"],
        errored=False,
    )


def test_every_field_of_a_plan_survives_a_round_trip(tmp_path: Path) -> None:
    plan = full_plan()
    save_plan(plan, tmp_path / "plan.out")
    loaded = load_plan(tmp_path / "plan.out")
    assert loaded == plan
    c = loaded.changes[0]
    assert c.after is not None and c.after["id"] is UNKNOWN
    assert (
        c.config is not None
        and isinstance(c.config["key"], Sensitive)
        and c.config["key"].value == "k3y"
    )
    assert c.action is Action.CREATE_THEN_DELETE and loaded.mode is Mode.REFRESH_ONLY
    assert c.replace_paths == [("artifact",), ("meta", "v", 0)]
    assert c.after["pair"] == ("a", 1) and isinstance(c.after["pair"], tuple)
    assert isinstance(loaded.variables["password"], Sensitive)


def test_paths_written_as_lists_come_back_as_tuples(tmp_path: Path) -> None:
    save_plan(full_plan(), tmp_path / "p")
    doc = json.loads((tmp_path / "p").read_text())
    doc["changes"][0]["replace_paths"] = [["artifact"]]
    (tmp_path / "p").write_text(json.dumps(doc))
    assert load_plan(tmp_path / "p").changes[0].replace_paths == [("artifact",)]


def test_the_file_is_json_with_a_format_field_and_private_to_its_owner(tmp_path: Path) -> None:
    save_plan(full_plan(), tmp_path / "plan.out")
    doc = json.loads((tmp_path / "plan.out").read_text())
    assert doc["mlinfra_plan_format"] == FORMAT
    assert stat.S_IMODE((tmp_path / "plan.out").stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.out"]


def test_saving_replaces_an_existing_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "plan.out"
    path.write_text("x" * 100000)
    plan = Plan(Mode.NORMAL, [], "l", 1)
    save_plan(plan, path)
    assert load_plan(path) == plan


def test_a_value_that_looks_like_a_tag_is_kept_as_data() -> None:
    value: Any = {"$unknown": True, "nested": [{"$tuple": [1]}]}
    assert decode_value(json.loads(json.dumps(encode_value(value)))) == value


def read_error(path: Path) -> str:
    with pytest.raises(DiagnosticsError) as info:
        load_plan(path)
    [diag] = info.value.diagnostics.items
    return f"{diag.summary}: {diag.detail}"


def test_a_truncated_file_fails_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.out"
    save_plan(full_plan(), path)
    path.write_text(path.read_text()[:200])
    message = read_error(path)
    assert message.startswith("Failed to read plan file: The plan file ")
    assert str(path) in message and "truncated or corrupt" in message


def test_a_foreign_file_is_not_taken_for_a_plan(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text('{"format_version": 1, "resources": []}')
    assert "is not a saved mlinfra plan" in read_error(tmp_path / "state.json")
    (tmp_path / "bin").write_bytes(b"\xff\xfe\x00binary")
    assert read_error(tmp_path / "bin").startswith("Failed to read plan file")
    (tmp_path / "list").write_text("[1, 2]")
    assert "is not a saved mlinfra plan" in read_error(tmp_path / "list")


def test_a_missing_file_fails_with_the_reason(tmp_path: Path) -> None:
    message = read_error(tmp_path / "nope")
    assert message.startswith("Failed to read plan file") and "No such file" in message


def test_a_damaged_plan_body_fails_readably(tmp_path: Path) -> None:
    path = tmp_path / "plan.out"
    save_plan(full_plan(), path)
    doc = json.loads(path.read_text())
    doc["changes"][0]["action"] = {"$action": "?"}
    path.write_text(json.dumps(doc))
    assert "is damaged: unknown action '?'" in read_error(path)
    del doc["changes"][0]["action"]
    doc["changes"][0]["colour"] = "red"
    path.write_text(json.dumps(doc))
    assert "changes[0] has unexpected fields: colour" in read_error(path)


def test_a_plan_from_a_newer_mlinfra_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.out"
    save_plan(full_plan(), path)
    doc = json.loads(path.read_text())
    doc["mlinfra_plan_format"] = FORMAT + 1
    doc["mlinfra_version"] = "9.0.0"
    path.write_text(json.dumps(doc))
    with pytest.raises(DiagnosticsError) as info:
        load_plan(path)
    [diag] = info.value.diagnostics.items
    assert diag.summary == "Saved plan was created by a newer mlinfra"
    assert str(path) in diag.detail and "9.0.0" in diag.detail


def test_an_unwritable_destination_is_a_diagnostic(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticsError) as info:
        save_plan(full_plan(), tmp_path / "missing-dir" / "plan.out")
    assert info.value.diagnostics.items[0].summary == "Failed to write plan file"
