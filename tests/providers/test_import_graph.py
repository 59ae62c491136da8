"""No import circle inside either shipped provider package (counting every import,
including those inside functions and under TYPE_CHECKING)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).parents[2]


def imports_of(package: Path) -> nx.DiGraph:
    name = package.name
    g = nx.DiGraph()
    for path in package.glob("*.py"):
        mod = f"{name}.{path.stem}" if path.stem != "__init__" else name
        g.add_node(mod)
        for node in ast.walk(ast.parse(path.read_text())):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for t in targets:
                inside = t.startswith(name + ".") and t.count(".") == 1
                if inside and t != mod and (package / f"{t.split('.')[1]}.py").is_file():
                    g.add_edge(mod, t)
    return g


@pytest.mark.parametrize("package", ["local/mlinfra_provider_local", "aws/mlinfra_provider_aws"])
def test_a_provider_package_has_no_import_circle(package: str) -> None:
    g = imports_of(ROOT / "providers" / package)
    cycles = list(nx.simple_cycles(g))
    assert not cycles, f"import circles in {package}: {cycles}"
