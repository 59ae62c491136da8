"""Config -> networkx DiGraph of resource blocks (edge: dependency -> dependent).

Cycles become one diagnostic naming every resource on the cycle and where it is
declared. Orders are lexicographic topological sorts, so runs are deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from mlinfra import diagnostics as d
from mlinfra.config.model import Config
from mlinfra.diagnostics import Diagnostics


def build(config: Config) -> tuple[nx.DiGraph, Diagnostics]:
    diags = Diagnostics()
    g = nx.DiGraph()
    for key in config.resources:
        g.add_node(key)
    for key, r in config.resources.items():
        for dep in r.dependencies:
            if dep in config.resources:
                g.add_edge(dep, key)
    if not nx.is_directed_acyclic_graph(g):
        for cycle in _cycles(g):
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


def _cycles(g: nx.DiGraph) -> list[list[str]]:
    out = []
    for comp in nx.strongly_connected_components(g):
        if len(comp) > 1 or any(g.has_edge(n, n) for n in comp):
            # Follow "depends on" arrows: the reverse of the graph's edges.
            sub = g.subgraph(comp).reverse(copy=True)
            cyc = [u for u, _ in nx.find_cycle(sub)]
            i = cyc.index(min(cyc))
            out.append(cyc[i:] + cyc[:i])
    return sorted(out)


def topo_order(g: nx.DiGraph) -> list[str]:
    return list(nx.lexicographical_topological_sort(g))


def dependents_closure(g: nx.DiGraph, nodes: Iterable[str]) -> set[str]:
    """The nodes and everything that depends on them, transitively."""
    out: set[str] = set()
    for n in nodes:
        if n in g and n not in out:
            out.add(n)
            out |= nx.descendants(g, n)
    return out


def dependencies_closure(g: nx.DiGraph, nodes: Iterable[str]) -> set[str]:
    """The nodes and everything they depend on, transitively (for --target)."""
    out: set[str] = set()
    for n in nodes:
        if n in g and n not in out:
            out.add(n)
            out |= nx.ancestors(g, n)
    return out
