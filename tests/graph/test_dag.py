"""The small graph class against networkx, which stays the oracle: the same orders,
the same closures and the same cycles on random graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from mlinfra.graph.dag import Graph


def _random(seed: int, n: int, p: float, acyclic: bool) -> tuple[Graph, nx.DiGraph]:
    rnd = random.Random(seed)
    names = [f"model.m{rnd.randrange(10**6)}_{i}" for i in range(n)]
    ours, theirs = Graph(), nx.DiGraph()
    for name in names:
        ours.add_node(name)
        theirs.add_node(name)
    for i, u in enumerate(names):
        for j, v in enumerate(names):
            if (i < j or not acyclic) and i != j and rnd.random() < p:
                ours.add_edge(u, v)
                theirs.add_edge(u, v)
    return ours, theirs


@pytest.mark.parametrize("seed", range(30))
def test_orders_and_closures_match_networkx(seed: int) -> None:
    ours, theirs = _random(seed, 40, 0.08, acyclic=True)
    assert ours.topological_order() == list(nx.lexicographical_topological_sort(theirs))
    for n in list(theirs.nodes)[:10]:
        assert ours.descendants(n) == nx.descendants(theirs, n)
        assert ours.ancestors(n) == nx.ancestors(theirs, n)
    assert sorted(ours.edges) == sorted(theirs.edges)
    assert ours.cycles() == []


@pytest.mark.parametrize("seed", range(30))
def test_cycles_are_real_and_one_per_strongly_connected_component(seed: int) -> None:
    ours, theirs = _random(seed, 25, 0.06, acyclic=False)
    comps = [c for c in nx.strongly_connected_components(theirs) if len(c) > 1]
    assert sorted(map(sorted, ours.strongly_connected_components())) == sorted(
        map(sorted, nx.strongly_connected_components(theirs))
    )
    cycles = ours.cycles()
    assert len(cycles) == len(comps)
    for cyc in cycles:
        assert cyc[0] == min(cyc)
        assert any(set(cyc) <= c for c in comps)
        # Each node depends on the next: an edge from the next to it.
        for a, b in zip(cyc, [*cyc[1:], cyc[0]], strict=True):
            assert theirs.has_edge(b, a)
    if cycles:
        with pytest.raises(ValueError):
            ours.topological_order()


def test_a_self_loop_is_a_cycle_of_one() -> None:
    g = Graph()
    g.add_edge("model.a", "model.a")
    g.add_edge("model.a", "model.b")
    assert g.cycles() == [["model.a"]]


def test_a_long_chain_needs_no_recursion() -> None:
    g = Graph()
    names = [f"dataset.d{i:05d}" for i in range(20_000)]
    for u, v in zip(names, names[1:], strict=False):
        g.add_edge(u, v)
    g.add_edge(names[-1], names[0])
    (cycle,) = g.cycles()
    assert len(cycle) == len(names)


def test_to_networkx_is_the_same_graph() -> None:
    g = Graph()
    g.add_node("dataset.alone")
    g.add_edge("dataset.d", "model.m")
    nxg = g.to_networkx()
    assert set(nxg.nodes) == {"dataset.alone", "dataset.d", "model.m"}
    assert list(nxg.edges) == [("dataset.d", "model.m")]
