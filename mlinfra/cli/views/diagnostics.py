"""Diagnostics as a person reads them on stderr (boxed, with the source lines), and the
``validate --json`` document."""

from __future__ import annotations

import json
from pathlib import Path

from mlinfra import diagnostics as d


def read_sources(workdir: Path) -> dict[str, str]:
    out = {}
    for p in sorted(workdir.glob("*.hcl")):  # variable files too: their errors are shown
        try:
            out[p.name] = p.read_text()
        except (OSError, UnicodeDecodeError):
            continue
    return out


def render_diagnostics(diags: d.Diagnostics, sources: dict[str, str], color: bool) -> str:
    parts = []
    for diag in diags.in_source_order():
        text = d.render(diag, sources)
        if color:
            head, _, rest = text.partition("\n")
            code = "\033[1;31m" if diag.is_error else "\033[1;33m"
            text = f"{code}{head}\033[0m" + ("\n" + rest if rest else "")
        parts.append("╷\n" + "\n".join("│ " + ln if ln else "│" for ln in text.splitlines()) + "\n╵")
    return "\n".join(parts)


def validate_json(diags: d.Diagnostics) -> str:
    """The ``validate --json`` document, shaped like Terraform's."""
    doc = {
        "format_version": "1.0",
        "valid": not diags.has_errors,
        "error_count": len(diags.errors),
        "warning_count": len(diags.warnings),
        "diagnostics": [x.to_json() for x in diags.in_source_order()],
    }
    return json.dumps(doc, indent=2, sort_keys=True)
