"""The states package has no import circle: each module imports only modules below it.

Imports between ``mlinfra.states`` modules must form a directed acyclic graph, counting
those inside functions too (a backend's implementation is imported only when it is
configured, but a deferred import is still a dependency); only ``TYPE_CHECKING`` imports
are left out. ``from mlinfra.states import X`` counts as importing the submodule X when
there is one, else the package itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[2] / "mlinfra" / "states"


def _module_imports(path: Path, modules: set[str]) -> set[str]:
    tree = ast.parse(path.read_text())
    out: set[str] = set()
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mlinfra.states"):
            if node.module == "mlinfra.states":
                for alias in node.names:
                    out.add(alias.name if alias.name in modules else "__init__")
            else:
                out.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("mlinfra.states."):
                    out.add(alias.name.split(".")[2])
    return out


def test_the_states_modules_import_each_other_without_a_circle() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    graph = nx.DiGraph()
    for name in modules:
        graph.add_node(name)
        for target in _module_imports(PACKAGE / f"{name}.py", modules):
            if target != name:
                graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import circles in mlinfra/states: {cycles}"


def test_errors_and_the_backend_contract_import_no_implementation() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert _module_imports(PACKAGE / "errors.py", modules) == set()
    assert _module_imports(PACKAGE / "backend.py", modules) <= {"errors", "model"}
