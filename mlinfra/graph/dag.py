"""A small directed graph of resource addresses: what planning, applying and validating
use of a graph, without importing a graph library on every command.

Edges run from a dependency to its dependent. ``to_networkx`` hands the same graph to
networkx for callers who want its algorithms (imported only then).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Any


class Graph:
    """Nodes are strings; each keeps its successors and predecessors in insertion order."""

    __slots__ = ("_pred", "_succ")

    def __init__(self) -> None:
        self._succ: dict[str, dict[str, None]] = {}
        self._pred: dict[str, dict[str, None]] = {}

    def add_node(self, n: str) -> None:
        if n not in self._succ:
            self._succ[n] = {}
            self._pred[n] = {}

    def add_edge(self, u: str, v: str) -> None:
        self.add_node(u)
        self.add_node(v)
        self._succ[u][v] = None
        self._pred[v][u] = None

    def __contains__(self, n: object) -> bool:
        return n in self._succ

    def __len__(self) -> int:
        return len(self._succ)

    def __iter__(self) -> Iterator[str]:
        return iter(self._succ)

    @property
    def nodes(self) -> list[str]:
        return list(self._succ)

    @property
    def edges(self) -> list[tuple[str, str]]:
        return [(u, v) for u, vs in self._succ.items() for v in vs]

    def has_edge(self, u: str, v: str) -> bool:
        return v in self._succ.get(u, ())

    def successors(self, n: str) -> list[str]:
        return list(self._succ[n])

    def predecessors(self, n: str) -> list[str]:
        return list(self._pred[n])

    def descendants(self, n: str) -> set[str]:
        """Everything reachable from ``n`` (its dependents, transitively), not ``n``."""
        return _reach(self._succ, n)

    def ancestors(self, n: str) -> set[str]:
        """Everything ``n`` is reachable from (its dependencies, transitively), not ``n``."""
        return _reach(self._pred, n)

    def topological_order(self) -> list[str]:
        """Kahn's order, always taking the smallest ready node: the same order as
        networkx's ``lexicographical_topological_sort``. Raises ``ValueError`` on a cycle."""
        indeg = {n: len(p) for n, p in self._pred.items()}
        ready = [n for n, k in indeg.items() if k == 0]
        heapq.heapify(ready)
        out: list[str] = []
        while ready:
            n = heapq.heappop(ready)
            out.append(n)
            for m in self._succ[n]:
                indeg[m] -= 1
                if indeg[m] == 0:
                    heapq.heappush(ready, m)
        if len(out) != len(self._succ):
            raise ValueError("graph contains a cycle")
        return out

    def strongly_connected_components(self) -> list[set[str]]:
        """Tarjan's algorithm, iterative (no recursion limit on long chains)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        out: list[set[str]] = []
        counter = 0
        for root in self._succ:
            if root in index:
                continue
            index[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack.add(root)
            work: list[tuple[str, Iterator[str]]] = [(root, iter(self._succ[root]))]
            while work:
                v, it = work[-1]
                advanced = False
                for w in it:
                    if w not in index:
                        index[w] = low[w] = counter
                        counter += 1
                        stack.append(w)
                        on_stack.add(w)
                        work.append((w, iter(self._succ[w])))
                        advanced = True
                        break
                    if w in on_stack:
                        low[v] = min(low[v], index[w])
                if advanced:
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[v])
                if low[v] == index[v]:
                    comp: set[str] = set()
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.add(w)
                        if w == v:
                            break
                    out.append(comp)
        return out

    def cycles(self) -> list[list[str]]:
        """One cycle per strongly connected component that has one, each following the
        "depends on" direction (against the edges) from its smallest node; sorted."""
        out: list[list[str]] = []
        for comp in self.strongly_connected_components():
            if len(comp) == 1:
                (n,) = comp
                if self.has_edge(n, n):
                    out.append([n])
                continue
            out.append(self._cycle_through(min(comp), comp))
        return sorted(out)

    def _cycle_through(self, start: str, comp: set[str]) -> list[str]:
        """The shortest path from ``start`` back to itself along dependencies, inside
        ``comp`` (a strongly connected component, so one exists)."""
        parent: dict[str, str] = {}
        frontier = [start]
        while frontier:
            nxt: list[str] = []
            for u in frontier:
                for v in sorted(self._pred[u]):
                    if v not in comp:
                        continue
                    if v == start:
                        path = [u]
                        while path[-1] != start:
                            path.append(parent[path[-1]])
                        return path[::-1]
                    if v not in parent:
                        parent[v] = u
                        nxt.append(v)
            frontier = nxt
        raise ValueError(f"{start} is on no cycle")  # pragma: no cover - comp is strongly connected

    def to_networkx(self) -> Any:
        """The same graph as a ``networkx.DiGraph``."""
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from(self._succ)
        g.add_edges_from(self.edges)
        return g


def _reach(adj: dict[str, dict[str, None]], n: str) -> set[str]:
    seen: set[str] = set()
    todo = list(adj.get(n, ()))
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(adj[m])
    return seen

