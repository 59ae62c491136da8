"""Config -> graph of resource blocks (edge: dependency -> dependent).

Cycles become one diagnostic naming every resource on the cycle and where it is
declared. Orders are lexicographic topological sorts, so runs are deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable

from mlinfra import diagnostics as d
from mlinfra.config.model import Config
from mlinfra.diagnostics import Diagnostics
from mlinfra.graph.dag import Graph


def build(config: Config) -> tuple[Graph, Diagnostics]:
    diags = Diagnostics()
    g = Graph()
    for key in config.resources:
        g.add_node(key)
    for key, r in config.resources.items():
        for dep in r.dependencies:
            if dep in config.resources:
                g.add_edge(dep, key)
    for cycle in g.cycles():
        where = "\n".join(
            f"  {n} at {config.resources[n].range.filename} line {config.resources[n].range.start_line}"
            for n in cycle
        )
        first = config.resources[cycle[0]]
        diags.add(
            d.error(
                "Cycle",
                f"These resources depend on each other in a cycle (-> reads \"depends on\"): {' -> '.join([*cycle, cycle[0]])}\n"
                f"{where}\n\nBreak the cycle by removing one of the references or depends_on entries.",
                first.range,
                context=first.context,
            )
        )
    return g, diags


def topo_order(g: Graph) -> list[str]:
    return g.topological_order()


def dependents_closure(g: Graph, nodes: Iterable[str]) -> set[str]:
    """The nodes and everything that depends on them, transitively."""
    out: set[str] = set()
    for n in nodes:
        if n in g and n not in out:
            out.add(n)
            out |= g.descendants(n)
    return out


def dependencies_closure(g: Graph, nodes: Iterable[str]) -> set[str]:
    """The nodes and everything they depend on, transitively (for --target)."""
    out: set[str] = set()
    for n in nodes:
        if n in g and n not in out:
            out.add(n)
            out |= g.ancestors(n)
    return out
