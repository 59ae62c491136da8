"""Graph output for `mlinfra graph`: Graphviz dot, Mermaid, or JSON."""

from __future__ import annotations

import json

from mlinfra import addrs
from mlinfra.graph.dag import Graph


def render(g: Graph, fmt: str, providers: dict[str, str] | None = None) -> str:
    nodes = sorted(g.nodes)
    edges = sorted((u, v) for u, v in g.edges)
    if fmt == "json":
        return json.dumps(
            {
                "nodes": [{"address": n, "kind": addrs.of(n).kind, "provider": (providers or {}).get(n)} for n in nodes],
                "edges": [{"from": u, "to": v} for u, v in edges],
            },
            indent=2,
            sort_keys=True,
        )
    if fmt == "mermaid":
        ids = {n: f"n{i}" for i, n in enumerate(nodes)}
        lines = ["graph LR"]
        lines += [f'  {ids[n]}["{_mermaid(n)}"]' for n in nodes]
        lines += [f"  {ids[u]} --> {ids[v]}" for u, v in edges]
        return "\n".join(lines)
    lines = ["digraph mlinfra {", "  rankdir = LR;", '  node [shape = box];']
    lines += [f"  {_dot(n)};" for n in nodes]
    lines += [f"  {_dot(u)} -> {_dot(v)};" for u, v in edges]
    lines.append("}")
    return "\n".join(lines)


def _dot(address: str) -> str:
    """A node name in Graphviz: quoted, with the quotes of a module key escaped."""
    return '"' + address.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _mermaid(address: str) -> str:
    """A node label in Mermaid, which has no escape for a quote but its entity."""
    return address.replace('"', "#quot;")
