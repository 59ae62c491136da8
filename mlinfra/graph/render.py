"""Graph output for `mlinfra graph`: Graphviz dot, Mermaid, or JSON."""

from __future__ import annotations

import json

from mlinfra.graph.dag import Graph


def render(g: Graph, fmt: str, providers: dict[str, str] | None = None) -> str:
    nodes = sorted(g.nodes)
    edges = sorted((u, v) for u, v in g.edges)
    if fmt == "json":
        return json.dumps(
            {
                "nodes": [{"address": n, "kind": n.split(".")[0], "provider": (providers or {}).get(n)} for n in nodes],
                "edges": [{"from": u, "to": v} for u, v in edges],
            },
            indent=2,
            sort_keys=True,
        )
    if fmt == "mermaid":
        ids = {n: f"n{i}" for i, n in enumerate(nodes)}
        lines = ["graph LR"]
        lines += [f'  {ids[n]}["{n}"]' for n in nodes]
        lines += [f"  {ids[u]} --> {ids[v]}" for u, v in edges]
        return "\n".join(lines)
    lines = ["digraph mlinfra {", "  rankdir = LR;", '  node [shape = box];']
    lines += [f'  "{n}";' for n in nodes]
    lines += [f'  "{u}" -> "{v}";' for u, v in edges]
    lines.append("}")
    return "\n".join(lines)
