"""Rego policies (``*.rego`` in a policy folder), evaluated over the plan's JSON.

The conventions are conftest's: in the file's own package (``main`` or any other, as with
``conftest --all-namespaces``), the rules ``deny`` and ``violation`` are mandatory and
``warn`` is advisory. Each rule is a set (or list) of messages: a string, or an object
with ``msg`` and optionally ``address`` (or ``resource``) naming the resource. The input
is the Terraform-shaped plan JSON (``plan --json``), so policies written for
``terraform show -json`` run unchanged.

The engine is regorus, through the optional ``opa-eval`` package
(``pip install 'mlinfra[rego]'``). Each file is evaluated on its own: a file cannot
import another file's package.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.diagnostics import Diagnostics, SourceRange

CHECK = "rego"
# rule -> enforcement, in conftest's order
RULES = {"deny": "mandatory", "violation": "mandatory", "warn": "advisory"}
INSTALL = "pip install 'mlinfra[rego]'"
_PACKAGE = re.compile(r"^\s*package\s+([A-Za-z_][\w.]*)", re.MULTILINE)
_LOCATION = re.compile(r"-->\s*[^\n]*?:(\d+):(\d+)")
_UNDEFINED = "not a valid rule path"


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """The engine prints its warnings on file descriptor 1; keep them out of the plan
    (``plan --json`` writes the plan there) and show them with the diagnostics."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def _run(engine: Any, path: str, query: str, input_json: str) -> Any:
    with _stdout_to_stderr():
        return engine.OpaEval(path, query=query).evaluate_parsed(input_json)


def _engine() -> Any:
    try:
        import opa_eval
    except ImportError:
        return None
    return opa_eval


def _rule_line(text: str, rule: str) -> int:
    m = re.search(rf"^\s*{rule}\b", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _error_range(filename: str, message: str) -> SourceRange:
    m = _LOCATION.search(message)
    return SourceRange(filename, int(m.group(1)), int(m.group(2))) if m else SourceRange(filename, 1)


def _first_line(message: str) -> str:
    text = message.removeprefix("eval error:").strip()
    lines = [x.strip() for x in text.splitlines() if x.strip().startswith("error:")]
    return (lines[0].removeprefix("error:").strip() if lines else text.splitlines()[0] if text else "unknown error")


@dataclass(frozen=True)
class RegoRule:
    """A conftest rule a Rego file defines."""

    rule: str
    enforcement: str
    package: str
    line: int


def load(path: Path, filename: str, diags: Diagnostics) -> list[RegoRule]:
    """The conftest rules the file defines; a located error when the file does not
    compile or the Rego engine is not installed."""
    engine = _engine()
    if engine is None:
        diags.add(
            d.error(
                "Rego policies need the rego extra",
                f"{filename} is a Rego policy, and no Rego engine is installed. Install it with "
                f"{INSTALL}, or move the file out of the policy folder.",
                SourceRange(filename, 1),
            )
        )
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        diags.add(d.error("Failed to read policy file", f"{path}: {e}"))
        return []
    m = _PACKAGE.search(text)
    if m is None:
        diags.add(d.error("Invalid Rego policy", "A Rego file starts with a package declaration, e.g. package main.", SourceRange(filename, 1)))
        return []
    package = m.group(1)
    out: list[RegoRule] = []
    for rule, enforcement in RULES.items():
        try:
            _run(engine, str(path), f"data.{package}.{rule}", "{}")
        except RuntimeError as e:
            msg = str(e)
            if _UNDEFINED in msg:
                continue
            if "-->" in msg:  # a compile error, located in the file
                diags.add(d.error("Invalid Rego policy", _first_line(msg), _error_range(filename, msg)))
                return []
            # an error over the empty input only: the rule exists, evaluate() will tell
        out.append(RegoRule(rule, enforcement, package, _rule_line(text, rule)))
    return out


def _messages(result: Any) -> list[Any]:
    if result is None or result is False:
        return []
    if isinstance(result, dict):  # a map-valued rule: its values
        return list(result.values())
    return list(result) if isinstance(result, list | tuple | set) else [result]


def _address_of(entry: Any, message: str, addresses: list[str]) -> str | None:
    if isinstance(entry, dict):
        for key in ("address", "resource"):
            if isinstance(entry.get(key), str):
                return str(entry[key])
    # the longest planned address the message names
    return next((a for a in addresses if a in message), None)


def evaluate(
    name: str, settings: dict[str, Any], rng: SourceRange, doc: dict[str, Any]
) -> tuple[list[tuple[str | None, str]], d.Diagnostic | None]:
    """(address or None, message) for each message the rule gives over the plan JSON
    ``doc``; or an error when evaluation fails."""
    engine = _engine()
    if engine is None:
        return [], d.error("Rego policies need the rego extra", f"Install the Rego engine with {INSTALL}.", rng)
    query = f"data.{settings['package']}.{settings['rule']}"
    try:
        result = _run(engine, settings["path"], query, json.dumps(doc))
    except RuntimeError as e:
        if _UNDEFINED in str(e):
            return [], None
        return [], d.error(f'Policy "{name}" could not be evaluated', _first_line(str(e)), _error_range(rng.filename, str(e)))
    addresses = sorted(
        {str(c.get("address")) for c in doc.get("resource_changes", []) if isinstance(c, dict)}, key=lambda a: (-len(a), a)
    )
    found: list[tuple[str | None, str]] = []
    for entry in _messages(result):
        if isinstance(entry, dict):
            message = str(entry.get("msg", json.dumps(entry, sort_keys=True)))
        else:
            message = entry if isinstance(entry, str) else json.dumps(entry, sort_keys=True)
        found.append((_address_of(entry, message, addresses), message))
    return sorted(found, key=lambda f: (f[0] or "", f[1])), None
