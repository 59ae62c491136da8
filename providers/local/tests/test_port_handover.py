"""An endpoint on a fixed port (``local { port = N }``) replaced create-before-destroy:
the new server listens beside the old one on the same port until the old one is
stopped, so the port is handed over and the URL never stops answering. Another
endpoint still cannot take a port in use."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_support import Cli, Driver, Failed, pid_runs, stop_every_server

QUICKSTART = Path(__file__).resolve().parents[3] / "examples" / "quickstart" / "main.hcl"
FLOWER = [5.1, 3.5, 1.4, 0.2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def predicts(url: str) -> bool:
    with httpx.Client(trust_env=False, timeout=10) as c:
        return c.post(url + "/predict", json={"instances": [FLOWER]}).status_code == 200


def test_a_replacement_on_the_same_fixed_port_takes_it_over_from_the_old_server(
    trained: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = trained
    port = free_port()
    cfg = drv.endpoint_config({"blue": (objs["model"]["id"], 100)}, local={"port": port})
    old = drv.apply("endpoint", "endpoint.handover", cfg)
    new: dict[str, Any] | None = None
    try:
        # What create_before_destroy does: create the new object, then delete the old.
        new = drv.apply("endpoint", "endpoint.handover", cfg)
        assert new["pid"] != old["pid"] and new["url"] == old["url"] == f"http://127.0.0.1:{port}"
        assert f"taking port {port} over from the server it replaces (pid {old['pid']})" in (
            drv.progress
        )
        assert pid_runs(old["pid"]) and predicts(new["url"])
        drv.destroy("endpoint", "endpoint.handover", old)
        assert not pid_runs(old["pid"]) and pid_runs(new["pid"])
        assert all(predicts(new["url"]) for _ in range(5))
        assert drv.read("endpoint", "endpoint.handover", new) == new
    finally:
        drv.destroy("endpoint", "endpoint.handover", new or old)


def test_another_endpoint_cannot_take_a_fixed_port_an_endpoint_serves_on(
    trained: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = trained
    port = free_port()
    cfg = drv.endpoint_config({"blue": (objs["model"]["id"], 100)}, local={"port": port})
    first = drv.apply("endpoint", "endpoint.first", cfg)
    try:
        with pytest.raises(Failed) as e:
            drv.apply("endpoint", "endpoint.second", cfg)
        assert e.value.diagnostics.errors[0].summary == f"Port {port} is already in use"
        assert predicts(first["url"])
    finally:
        drv.destroy("endpoint", "endpoint.first", first)


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    stop_every_server(tmp_path / ".mlinfra" / "local")


def test_replacing_the_quickstart_endpoint_on_a_fixed_port_keeps_its_url(
    workdir: Path, cli: Cli
) -> None:
    port = free_port()
    config = QUICKSTART.read_text().replace(
        "  lifecycle { create_before_destroy = true }",
        f"  local {{ port = {port} }}\n  lifecycle {{ create_before_destroy = true }}",
    )
    assert f"port = {port}" in config
    (workdir / "main.hcl").write_text(config)
    cli("apply", "--auto-approve")
    before = cli.attributes("endpoint.iris")
    out = cli("apply", "--auto-approve", "--replace", "endpoint.iris")
    assert "Resources: 1 added, 0 changed, 1 destroyed." in out
    after = cli.attributes("endpoint.iris")
    assert after["url"] == before["url"] == f"http://127.0.0.1:{port}"
    assert after["pid"] != before["pid"] and not pid_runs(before["pid"])
    assert predicts(after["url"])
