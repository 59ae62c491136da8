"""The provider contract as the core enforces it: nested blocks of installed providers,
the planned-vs-applied check, the protocol version, import and intents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clirun import cli, write
from fakeprovider import FakeProvider, cloud

from mlinfra.engine import Engine
from mlinfra.providers import registry

CONFIG = """
provider "fake" {}

dataset "d" {
  source = "fake://data"
}
"""


class _WrongResults(FakeProvider):
    """Creates the dataset it was asked for, but reports another source."""

    def apply(self, req: Any) -> Any:
        resp = super().apply(req)
        if req.action == "create" and resp.attributes:
            resp.attributes = {**resp.attributes, "source": "fake://elsewhere"}
        return resp


def test_a_provider_that_returns_a_changed_known_value_is_caught_and_the_object_stays_in_state(
    tmp_path: Path, capsys: Any
) -> None:
    registry.register("fake", _WrongResults)
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 1
    text = " ".join((r.out + r.err).split())
    assert "Provider produced inconsistent result after apply" in text
    assert 'When applying changes to dataset.d, provider "fake" produced an unexpected new value: .source' in text
    assert 'was "fake://data", but now "fake://elsewhere"' in text
    assert "main.hcl line 4" in text
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    [rec] = state["resources"]
    assert rec["address"] == "dataset.d" and rec["status"] == "tainted" and rec["id"]
    with cloud(tmp_path) as db:
        assert [o["address"] for o in db.values()] == ["dataset.d"]


class _Old(FakeProvider):
    protocol_version = 1


class _Future(FakeProvider):
    protocol_version = 3


def test_a_provider_of_an_older_protocol_is_refused_naming_both_versions_and_the_fix(tmp_path: Path) -> None:
    registry.register("fake", _Old)
    write(tmp_path, CONFIG)
    [diag] = [x for x in Engine(tmp_path).validate() if x.is_error]
    assert diag.summary == "Incompatible provider protocol"
    assert "implements provider protocol version 1" in diag.detail and "speaks protocol version 2" in diag.detail
    assert "Upgrade the provider" in diag.detail
    assert diag.range is not None and diag.range.start_line == 4


def test_a_provider_of_a_newer_protocol_asks_for_a_newer_mlinfra(tmp_path: Path, capsys: Any) -> None:
    registry.register("fake", _Future)
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    text = " ".join((r.out + r.err).split())
    assert "implements provider protocol version 3" in text and "pip install --upgrade mlinfra" in text
    assert "Traceback" not in text


def test_a_block_named_after_no_installed_provider_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, CONFIG.replace('source = "fake://data"', 'source = "fake://data"\n  fak {\n    slow = 1\n  }'))
    [diag] = [x for x in Engine(tmp_path).validate() if x.is_error]
    assert diag.summary == "Unsupported block type"
    assert 'Did you mean "fake"?' in diag.detail and 'no provider "fak" is installed' in diag.detail
    assert diag.range is not None and diag.range.start_line == 6


def test_the_nested_block_of_the_resources_provider_is_checked_at_the_attribute(tmp_path: Path) -> None:
    write(tmp_path, CONFIG.replace('source = "fake://data"', 'source = "fake://data"\n  fake {\n    slw = 1\n  }'))
    [diag] = [x for x in Engine(tmp_path).validate() if x.is_error]
    assert diag.summary == "Unsupported argument" and 'Did you mean "slow"?' in diag.detail
    assert diag.range is not None and diag.range.start_line == 7
    assert diag.context == 'dataset "d"'


def test_another_installed_providers_block_is_checked_by_that_providers_schema(tmp_path: Path) -> None:
    bad = CONFIG.replace('source = "fake://data"', 'source = "fake://data"\n  local {\n    port = 8080\n  }')
    write(tmp_path, bad)
    [diag] = [x for x in Engine(tmp_path).validate() if x.is_error]
    assert diag.summary == "Unexpected local block"
    assert "takes no settings for a dataset" in diag.detail


def test_an_interrupted_create_is_recovered_from_its_locator_on_the_next_plan(tmp_path: Path, capsys: Any) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    state_path = tmp_path / "mlinfra.state.json"
    state = json.loads(state_path.read_text())
    rec = state["resources"][0]
    # As a kill between "created" and "state saved" leaves it: only the intent.
    rec.update(status="creating", attributes={}, private={"locator": {"name": rec["id"]}})
    state_path.write_text(json.dumps(state))
    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
    assert r.code == 0, r.out + r.err
    assert "No changes." in r.out


def test_the_json_schemas_describe_the_nested_blocks_of_the_shipped_providers() -> None:
    from mlinfra import schemas

    endpoint = schemas.generate()["endpoint.schema.json"]
    local = endpoint["$defs"][endpoint["properties"]["local"]["anyOf"][0]["$ref"].rsplit("/", 1)[1]]
    assert set(local["properties"]) >= {"port", "startup_timeout"}
    assert "aws" in endpoint["properties"]
    assert {"aws", "local"} <= set(schemas.shipped_providers())
