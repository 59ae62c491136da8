"""The parse cache is safe on an untrusted checkout: nothing in the working directory is
read as a cache, entries are data checked against the text they stand for, and
read-only commands write nothing into the configuration's directory."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402

from mlinfra.config import hclcache, hclcodec, hclparse  # noqa: E402
from mlinfra.config.syntax import Literal  # noqa: E402

SLOW = 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://%{ if true }d%{ endif }"\n}\n'


class _Boom:
    """Unpickling this creates the file named by its argument: proof that code ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (os.mkdir, (self.marker, ))  # type: ignore[return-value]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "user-cache"
    monkeypatch.setenv("MLINFRA_CACHE_DIR", str(cache))
    hclparse.clear_memory_cache()
    return cache


def test_a_cache_file_committed_to_the_checkout_is_never_unpickled(tmp_path: Path, capsys) -> None:
    work = tmp_path / "checkout"
    write(work, SLOW)
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(_Boom(str(marker)))
    key = hclcache._cache_key(SLOW, "main.hcl")
    for version in ("1", "2"):  # keys of the old and the current parser format
        old_key = hashlib.sha256(f"{version}\0main.hcl\0".encode() + SLOW.encode()).hexdigest()
        hcl = work / ".mlinfra" / "cache" / "hcl"
        hcl.mkdir(parents=True, exist_ok=True)
        for k in (key, old_key):
            (hcl / f"{k}.pickle").write_bytes(payload)
            (hcl / f"{k}.json").write_bytes(payload)
    r = cli(capsys, work, "validate")
    assert r.code == 0, r.err
    assert not marker.exists(), "a file from the checkout was unpickled"


def test_the_cache_lives_outside_the_configuration(tmp_path: Path, capsys, _private_cache: Path) -> None:
    work = tmp_path / "checkout"
    write(work, SLOW)
    assert cli(capsys, work, "validate").code == 0
    assert list(_private_cache.glob("*.json")), "the slow parse was not cached"
    assert not (work / ".mlinfra").exists()


def test_an_entry_for_other_text_is_not_used(tmp_path: Path, _private_cache: Path) -> None:
    path = tmp_path / "main.hcl"
    path.write_text(SLOW)
    hclparse.parse_file(path, "main.hcl", _private_cache)
    (entry,) = _private_cache.glob("*.json")
    doc = json.loads(entry.read_text())
    doc["source_sha256"] = hashlib.sha256(b"other text").hexdigest()
    entry.write_text(json.dumps(doc))
    hclparse.clear_memory_cache()
    f, diags = hclparse.parse_file(path, "main.hcl", _private_cache)
    assert f is not None and not diags
    assert json.loads(entry.read_text())["source_sha256"] == hashlib.sha256(SLOW.encode()).hexdigest()


@pytest.mark.parametrize(
    "body",
    [
        ["Body", [], [], [1, 1, 1, 1], "not pairs"],
        ["Popen", ["rm", "-rf", "/"]],
        ["Body", [["Block", "dataset", ["d"], ["Literal", 1, [1, 1, 1, 1]], [1, 1, 1, 1], [1, 1, 1, 1]]], [], [1, 1, 1, 1], []],
        ["Literal", {"__class__": "x"}, [1, 1, 1, 1]],
    ],
)
def test_an_entry_that_is_not_a_tree_this_version_wrote_is_ignored(tmp_path: Path, _private_cache: Path, body: object) -> None:
    path = tmp_path / "main.hcl"
    path.write_text(SLOW)
    expected, _ = hclparse.parse_file(path, "main.hcl", _private_cache)
    (entry,) = _private_cache.glob("*.json")
    doc = json.loads(entry.read_text())
    doc["body"] = body
    entry.write_text(json.dumps(doc))
    hclparse.clear_memory_cache()
    f, diags = hclparse.parse_file(path, "main.hcl", _private_cache)
    assert f == expected and not diags


def test_the_codec_round_trips_every_node_kind() -> None:
    text = (
        'a = [for k, v in {x = 1}: "${k}-${v}" if v > 0]\nb = {for x in [1]: x => x...}\n'
        'c = !true ? -var.n : f(1, [2]...)\nd = x.y[0].*.z\ne = (1 + 2)["k"]\n'
        'blk "l1" "l2" {\n  inner { q = <<EOT\n  %{ if true }t%{ endif }\nEOT\n  }\n}\n'
    )
    f, diags = hclparse.parse_source(text, "x.hcl")
    assert f is not None and not diags
    again = hclcodec.decode(json.loads(json.dumps(hclcodec.encode(f.body, "x.hcl"))), "x.hcl")
    assert again == f.body
    assert hclcodec.decode(["Literal", 1.5, [1, 2, 3, 4]], "x.hcl") == Literal(1.5, again.range.__class__("x.hcl", 1, 2, 3, 4))


@pytest.mark.parametrize("command", [("show",), ("output",), ("state", "list"), ("state", "pull")])
def test_read_only_commands_write_nothing_into_the_configuration(tmp_path: Path, capsys, command: tuple[str, ...]) -> None:
    work = tmp_path / "checkout"
    write(work, SLOW + 'output "o" {\n  value = dataset.d.uri\n}\n')
    assert cli(capsys, work, "apply", "--auto-approve").code == 0
    shutil.rmtree(work / ".mlinfra" / "cache", ignore_errors=True)  # as in a fresh checkout
    hclparse.clear_memory_cache()
    before = {p: p.stat().st_mtime_ns for p in work.rglob("*")}
    r = cli(capsys, work, *command)
    assert r.code == 0, r.err
    after = {p: p.stat().st_mtime_ns for p in work.rglob("*")}
    assert after == before
