"""The dependency graph of resources: built from references and depends_on, checked
for cycles, ordered deterministically and rendered as dot, mermaid or JSON. The graph is
our own small class (``dag.Graph``); ``Graph.to_networkx`` gives it to networkx."""

from mlinfra.graph.builder import build, dependents_closure, topo_order
from mlinfra.graph.dag import Graph
from mlinfra.graph.render import render

__all__ = ["Graph", "build", "dependents_closure", "render", "topo_order"]
