"""The dependency graph of resources: built from references and depends_on, checked
for cycles, ordered deterministically and rendered as dot, mermaid or JSON."""

from mlinfra.graph.builder import build, dependents_closure, topo_order
from mlinfra.graph.render import render

__all__ = ["build", "dependents_closure", "render", "topo_order"]
