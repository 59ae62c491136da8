"""Reading ``policy`` blocks from HCL files, with located diagnostics for mistakes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.config import expressions, hclparse
from mlinfra.diagnostics import Diagnostics, DiagnosticsError, SourceRange, suggestion
from mlinfra.policy import rego

ENFORCEMENTS = ("mandatory", "advisory")
COMMON = ("check", "enforcement", "description")


@dataclass(frozen=True)
class Policy:
    name: str
    check: str
    enforcement: str
    settings: dict[str, Any]
    range: SourceRange
    description: str = ""
    ranges: dict[str, SourceRange] = field(default_factory=dict)


def load_dir(
    directory: Path, checks: dict[str, tuple[str, ...]], base: Path | None = None
) -> tuple[list[Policy], Diagnostics]:
    """Every policy in ``directory/*.hcl`` and ``directory/*.rego``; ``checks`` maps check names to their settings.
    Diagnostics name files relative to ``base`` when they are under it."""
    diags = Diagnostics()
    policies: list[Policy] = []
    if not directory.is_dir():
        diags.add(d.error("Policy directory not found", f"{directory} is not a directory."))
        return policies, diags
    for path in sorted([*directory.glob("*.hcl"), *directory.glob("*.rego")]):
        name = str(path.relative_to(base) if base and path.is_relative_to(base) else path)
        if path.suffix == ".rego":
            policies.extend(_rego(path, name, diags))
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            diags.add(d.error("Failed to read policy file", f"{path}: {e}"))
            continue
        policies.extend(parse(text, name, checks, diags))
    return policies, diags


def _rego(path: Path, filename: str, diags: Diagnostics) -> list[Policy]:
    """A policy for each conftest rule (deny, violation, warn) of a Rego file."""
    return [
        Policy(
            name=f"{path.name}:{r.rule}",
            check=rego.CHECK,
            enforcement=r.enforcement,
            settings={"path": str(path), "package": r.package, "rule": r.rule},
            range=SourceRange(filename, r.line),
        )
        for r in rego.load(path, filename, diags)
    ]


def parse(text: str, filename: str, checks: dict[str, tuple[str, ...]], diags: Diagnostics) -> list[Policy]:
    f, fd = hclparse.parse_source(text, filename)
    diags.extend(fd)
    if f is None:
        return []
    out: list[Policy] = []
    for name, attr in f.body.attributes.items():
        diags.add(d.error("Unexpected attribute", f'"{name}" belongs inside a policy block.', attr.range))
    for blk in f.body.blocks:
        if blk.type != "policy" or len(blk.labels) != 1:
            diags.add(
                d.error("Unexpected block", 'A policy file holds only policy "NAME" { ... } blocks.', blk.range)
            )
            continue
        p = _policy(blk.labels[0], blk, checks, diags)
        if p is not None:
            out.append(p)
    return out


def _value(attr: Any, diags: Diagnostics) -> Any:
    try:
        return expressions.evaluate(attr.expr, expressions.Scope())
    except DiagnosticsError as e:
        diags.extend(e.diagnostics)
        return None


def _policy(name: str, blk: Any, checks: dict[str, tuple[str, ...]], diags: Diagnostics) -> Policy | None:
    attrs = blk.body.attributes
    context = f'policy "{name}"'
    before = len(diags.errors)
    check = _value(attrs["check"], diags) if "check" in attrs else None
    if check not in checks:
        rng = attrs["check"].range if "check" in attrs else blk.range
        hint = suggestion(str(check), list(checks)) if isinstance(check, str) else ""
        diags.add(
            d.error(
                "Invalid policy check",
                (f'"{check}" is not a check.' if check is not None else "The check argument is required.")
                + hint
                + f" Checks: {', '.join(sorted(checks))}.",
                rng,
                context=context,
            )
        )
        return None
    enforcement = _value(attrs["enforcement"], diags) if "enforcement" in attrs else "mandatory"
    if enforcement not in ENFORCEMENTS:
        diags.add(
            d.error(
                "Invalid enforcement",
                f'enforcement must be "mandatory" or "advisory", not {enforcement!r}.',
                attrs["enforcement"].range,
                context=context,
            )
        )
    settings: dict[str, Any] = {}
    for key, attr in attrs.items():
        if key in COMMON:
            continue
        if key not in checks[check]:
            hint = suggestion(key, list(checks[check]))
            diags.add(
                d.error(
                    "Unsupported argument",
                    f'The check "{check}" has no setting "{key}".'
                    + hint
                    + (f" Settings: {', '.join(checks[check])}." if checks[check] else ""),
                    attr.range,
                    context=context,
                )
            )
            continue
        settings[key] = _value(attr, diags)
    if len(diags.errors) > before:
        return None
    description = _value(attrs["description"], diags) if "description" in attrs else ""
    return Policy(
        name,
        str(check),
        str(enforcement),
        settings,
        blk.range,
        str(description or ""),
        {k: a.range for k, a in attrs.items()},
    )
