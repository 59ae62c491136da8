"""Each workspace's local objects are its own, as two accounts of a cloud would be:
destroying workspace "staging" leaves every object of "default" in place (its dataset,
its registry and the server it runs), and version numbers count per workspace. Objects
a workspace made before workspaces had folders of their own are still found."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_support import Cli, stop_every_server

# The quickstart: a dataset, a training pipeline, a model and an endpoint serving it.
QUICKSTART = Path(__file__).resolve().parents[3] / "examples" / "quickstart" / "main.hcl"
FLOWER = [5.1, 3.5, 1.4, 0.2]


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "main.hcl").write_text(QUICKSTART.read_text())
    yield tmp_path
    for root in [tmp_path / ".mlinfra" / "local", *tmp_path.glob(".mlinfra/local.d/*")]:
        stop_every_server(root)


def serves(url: str) -> bool:
    with httpx.Client(trust_env=False, timeout=10) as c:
        try:
            return c.post(url + "/predict", json={"instances": [FLOWER]}).status_code == 200
        except httpx.HTTPError:
            return False


def assert_default_untouched(cli: Cli, endpoint: dict[str, Any], model: dict[str, Any]) -> None:
    cli("workspace", "select", "default")
    cli("plan", "--detailed-exitcode")  # 0: every object found, nothing to change
    assert serves(endpoint["url"])
    assert Path(model["uri"].removeprefix("file://")).is_file()


def test_destroying_one_workspace_leaves_another_s_objects_and_versions_count_apart(
    cli: Cli, workdir: Path
) -> None:
    cli("apply", "--auto-approve")
    default_model, default_endpoint = cli.attributes("model.iris"), cli.attributes("endpoint.iris")
    assert default_model["id"] == "iris/v1"

    cli("workspace", "new", "staging")
    out = cli("apply", "--auto-approve")
    assert "registered iris version 1" in out
    staging_model = cli.attributes("model.iris")
    staging_root = workdir / ".mlinfra" / "local.d" / "staging"
    assert staging_model["id"] == "iris/v1"
    assert Path(staging_model["uri"].removeprefix("file://")).is_relative_to(staging_root)
    assert cli.attributes("dataset.iris")["uri"].startswith(f"file://{staging_root}/")
    staging_endpoint = cli.attributes("endpoint.iris")
    assert staging_endpoint["pid"] != default_endpoint["pid"] and serves(staging_endpoint["url"])

    cli("destroy", "--auto-approve")
    assert not serves(staging_endpoint["url"]) and not staging_root.exists()
    assert_default_untouched(cli, default_endpoint, default_model)


def test_a_workspace_s_objects_from_before_each_had_its_own_folder_are_found_and_kept_apart(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlinfra_provider_local import store

    cli("apply", "--auto-approve")
    default_model, default_endpoint = cli.attributes("model.iris"), cli.attributes("endpoint.iris")
    cli("workspace", "new", "staging")
    with monkeypatch.context() as m:
        # The layout of earlier releases: every workspace in the one shared folder.
        m.setattr(store, "workspace_root", lambda base, workspace: base)
        cli("apply", "--auto-approve")
    staging_model, staging_endpoint = cli.attributes("model.iris"), cli.attributes("endpoint.iris")
    assert staging_model["id"] == "iris/v2"

    cli("plan", "--detailed-exitcode")  # still found where they are: no change
    cli("destroy", "--auto-approve")
    assert not serves(staging_endpoint["url"])
    assert not Path(staging_model["uri"].removeprefix("file://")).exists()
    assert_default_untouched(cli, default_endpoint, default_model)
