"""``python -m mlinfra`` on the azureml-endpoint example in a subprocess, reaching the
Azure ML fake over HTTPS with a self-signed certificate (AZUREML_DEV_URL_MFE and
REQUESTS_CA_BUNDLE), signed in through the Azure CLI credential (an ``az`` on PATH that
hands out a token) and with the data in Azurite: the plan reads right, apply creates and
waits, a second plan is empty, a weight change is one update, destroy cleans up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from azure_driver import Driver, put_blob
from azureml_fake import AzureMLFake
from azureml_http import HttpsFake, az_cli
from azureml_jobs import LocalJobRunner
from test_azure_pipeline import iris_csv


@pytest.fixture()
def https_fake(fake: AzureMLFake, tmp_path: Path) -> Iterator[HttpsFake]:
    server = HttpsFake(fake, tmp_path)
    yield server
    server.stop()


@pytest.fixture()
def example(blob_driver: Driver, fake: AzureMLFake, azurite: Any, tmp_path: Path, copy_example: Any) -> Path:
    work = tmp_path / "example"
    copy_example("azureml-endpoint", work)
    main = work / "main.hcl"
    main.write_text(main.read_text().replace("use_cli         = true", "use_cli         = true\n  poll_interval   = 0.01")
                    .replace('interval = "5m"', 'interval = "0s"'))
    put_blob(azurite, fake, "iris/train.csv", iris_csv())
    put_blob(azurite, fake, "models/champion/model/MLmodel", b"flavors: {}")
    fake.seed_compute()
    fake.runner = LocalJobRunner(fake, azurite.endpoint, azurite.account, azurite.key)
    return work


def mlinfra(workdir: Path, server: HttpsFake, azurite: Any, *args: str, expect: int = 0) -> str:
    bindir = az_cli(workdir.parent / "bin")
    env = {
        **os.environ,
        "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        "AZUREML_DEV_URL_MFE": server.url,
        "REQUESTS_CA_BUNDLE": str(server.cert),
        "NO_COLOR": "1",
    }
    variables = [] if args[0] == "state" else ["--var", f"storage_url={azurite.endpoint}"]
    proc = subprocess.run([sys.executable, "-m", "mlinfra", *args, *variables],
                          cwd=workdir, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=180)
    out = proc.stdout + proc.stderr
    assert proc.returncode == expect, f"mlinfra {' '.join(args)} exited {proc.returncode}:\n{out}"
    return out


def test_plan_then_apply_then_no_changes_then_a_weight_change_then_destroy(
    example: Path, https_fake: HttpsFake, azurite: Any, fake: AzureMLFake
) -> None:
    out = mlinfra(example, https_fake, azurite, "plan")
    for line in ("# dataset.iris will be created", "# pipeline.train will be created", "# endpoint.iris will be created",
                 'variant "shadow" {', "shadow", 'strategy = "canary"', "Plan: 5 to add, 0 to change, 0 to destroy."):
        assert line in out, f"{line!r} not in plan:\n{out}"
    assert "Error" not in out and "Traceback" not in out

    out = mlinfra(example, https_fake, azurite, "apply", "--auto-approve")
    assert "Apply complete! Resources: 5 added, 0 changed, 0 destroyed." in out
    assert re.search(r"accuracy = \{\s*accuracy = (0\.9\d*|1\.0)\s*\}", out), out  # trained, past the gate
    props = fake.get("onlineEndpoints/iris")["properties"]  # type: ignore[index]
    assert sorted(props["traffic"].values()) == [10, 90] and list(props["mirrorTraffic"].values()) == [10]
    assert fake.count("PUT", "/onlineEndpoints/iris/deployments/") == 3

    assert "No changes." in mlinfra(example, https_fake, azurite, "plan")

    puts = fake.count("PUT", "/onlineEndpoints/iris")
    out = mlinfra(example, https_fake, azurite, "apply", "--auto-approve", "--var", "challenger_share=50")
    assert "1 changed" in out
    assert fake.count("PUT", "/onlineEndpoints/iris") == puts + 1  # one endpoint update, no deployment
    assert sorted(fake.get("onlineEndpoints/iris")["properties"]["traffic"].values()) == [50, 50]  # type: ignore[index]

    # Traffic edited in the studio: drift that the next plan shows and puts back.
    deps = {k.split("-")[0]: k for k in fake.get("onlineEndpoints/iris")["properties"]["traffic"]}  # type: ignore[index]
    fake.edit("onlineEndpoints/iris", {"traffic": {deps["champion"]: 20, deps["challenger"]: 80}})
    out = mlinfra(example, https_fake, azurite, "plan", "--var", "challenger_share=50")
    assert "Objects have changed outside of mlinfra" in out and "# endpoint.iris will be updated in-place" in out

    # An endpoint dropped from the state is adopted again by import.
    mlinfra(example, https_fake, azurite, "state", "rm", "endpoint.iris")
    out = mlinfra(example, https_fake, azurite, "import", "endpoint.iris", "iris")
    assert "Import" in out and "Error" not in out

    out = mlinfra(example, https_fake, azurite, "destroy", "--auto-approve")
    assert "destroyed" in out
    assert fake.get("onlineEndpoints/iris") is None
    assert fake.get("models/iris/versions/1") is not None  # model versions are kept


def test_missing_credentials_are_one_clear_error_at_the_provider_block(example: Path, https_fake: HttpsFake, azurite: Any) -> None:
    bindir = example.parent / "bin"
    bindir.mkdir(exist_ok=True)
    env = {**os.environ, "PATH": str(bindir), "NO_COLOR": "1", "AZUREML_DEV_URL_MFE": https_fake.url}
    proc = subprocess.run([sys.executable, "-m", "mlinfra", "plan"], cwd=example, env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "No Azure credentials" in out and "az login" in out and "main.hcl" in out
    assert "Traceback" not in out
