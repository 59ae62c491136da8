"""Tests copy the examples' source, never the work a person left in them.

``make quickstart`` applies examples/quickstart in place, leaving its state and the local
provider's objects there; ``make test`` runs next in the same clone. A test that copied
the directory wholesale started from that applied state (and failed).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def leave_a_quickstart_run_in(src: Path) -> None:
    (src / "main.hcl").write_text('dataset "iris" {\n  source = "sklearn:iris"\n}\n')
    (src / "predict.py").write_text("print('hello')\n")
    (src / "README.md").write_text("# an example\n")
    (src / "mlinfra.state.json").write_text('{"version": 1, "serial": 4, "resources": []}')
    (src / "mlinfra.state.json.backup").write_text("{}")
    (src / "mlinfra.state.json.lock.info").write_text("{}")
    (src / "mlinfra.state.d" / "staging").mkdir(parents=True)
    (src / "mlinfra.state.d" / "staging" / "mlinfra.state.json").write_text("{}")
    (src / ".mlinfra" / "local" / "registry" / "iris" / "v1").mkdir(parents=True)
    (src / ".mlinfra" / "local" / "registry" / "iris" / "v1" / "metadata.json").write_text("{}")
    (src / ".mlinfra" / "cache" / "hcl").mkdir(parents=True)
    (src / ".mlinfra" / "cache" / "hcl" / "x.hcl").write_text("")
    (src / "f4").write_bytes(b"a saved plan")


def test_a_copied_example_holds_its_source_and_nothing_a_run_left_there(tmp_path: Path, copy_example: Any) -> None:
    src = tmp_path / "quickstart"
    src.mkdir()
    leave_a_quickstart_run_in(src)

    dst = copy_example(src, tmp_path / "copy")

    copied = sorted(str(p.relative_to(dst)) for p in dst.rglob("*"))
    assert copied == ["README.md", "main.hcl", "predict.py"]


def test_the_examples_are_copied_with_their_source_and_run_as_they_are(tmp_path: Path, copy_example: Any) -> None:
    dst = copy_example("quickstart", tmp_path)
    assert (dst / "main.hcl").read_text() == (ROOT / "examples" / "quickstart" / "main.hcl").read_text()
    assert not (dst / "mlinfra.state.json").exists() and not (dst / ".mlinfra").exists()


def test_no_test_copies_an_example_directory_wholesale() -> None:
    """shutil.copytree of an examples path takes whatever a person left there."""
    offenders = []
    for path in [*(ROOT / "tests").rglob("*.py"), *(ROOT / "providers").glob("*/tests/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "copytree"):
                continue
            if node.args and "EXAMPLE" in ast.unparse(node.args[0]).upper():
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"copy examples with the copy_example fixture: {offenders}"
