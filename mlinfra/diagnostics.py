"""Diagnostics: every user-facing problem, with where it is and how to fix it.

Errors are collected, never raised one at a time: a run gathers every diagnostic into a
``Diagnostics`` list and the CLI renders them once. ``DiagnosticsError`` carries a
list across a boundary where returning it is awkward; exceptions of any other type are
bugs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum

from mlinfra.records import field, frozen, mutable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@frozen(order=True)
class SourceRange:
    """A span of a source file; lines and columns count from 1."""

    filename: str
    start_line: int
    start_column: int = 1
    end_line: int = 0
    end_column: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "filename": self.filename,
            "start": {"line": self.start_line, "column": self.start_column},
            "end": {
                "line": self.end_line or self.start_line,
                "column": self.end_column or self.start_column,
            },
        }


@frozen
class Diagnostic:
    severity: Severity
    summary: str
    detail: str = ""
    range: SourceRange | None = None
    address: str | None = None
    # The enclosing block for "in endpoint "iris":" lines, e.g. 'endpoint "iris"'.
    context: str | None = None
    # The argument of a resource the diagnostic is about, as a path into its block:
    # ("source",), ("gates", "min_accuracy"), ("step", "fit", "estimator"). A provider
    # that knows no source ranges sets this; the core turns it into the range.
    attribute: tuple[str | int, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def with_defaults(
        self, range: SourceRange | None = None, address: str | None = None, context: str | None = None
    ) -> Diagnostic:
        """This diagnostic, with the location fields it lacks filled in."""
        return Diagnostic(
            self.severity,
            self.summary,
            self.detail,
            self.range or range,
            self.address or address,
            self.context or context,
            self.attribute,
        )

    def sort_key(self) -> tuple[object, ...]:
        """Located diagnostics by file, line and column; the others after them."""
        r = self.range
        return (0, r.filename, r.start_line, r.start_column) if r else (1, "", 0, 0)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "severity": self.severity.value,
            "summary": self.summary,
            "detail": self.detail,
            "address": self.address,
        }
        out["range"] = self.range.to_json() if self.range else None
        return out


def error(
    summary: str,
    detail: str = "",
    range: SourceRange | None = None,
    *,
    address: str | None = None,
    context: str | None = None,
    attribute: tuple[str | int, ...] = (),
) -> Diagnostic:
    return Diagnostic(Severity.ERROR, summary, detail, range, address, context, attribute)


def warning(
    summary: str,
    detail: str = "",
    range: SourceRange | None = None,
    *,
    address: str | None = None,
    context: str | None = None,
    attribute: tuple[str | int, ...] = (),
) -> Diagnostic:
    return Diagnostic(Severity.WARNING, summary, detail, range, address, context, attribute)


@mutable
class Diagnostics:
    """An ordered, de-duplicated collection of diagnostics."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diag: Diagnostic) -> None:
        if diag not in self.items:
            self.items.append(diag)

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        for d in diags:
            self.add(d)

    def error(self, summary: str, detail: str = "", range: SourceRange | None = None, **kw: str | None) -> None:
        self.add(error(summary, detail, range, **kw))  # type: ignore[arg-type]

    def in_source_order(self) -> list[Diagnostic]:
        """The diagnostics sorted by file, line and column, unlocated ones last, each
        group otherwise in the order found."""
        return sorted(self.items, key=Diagnostic.sort_key)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise DiagnosticsError(self)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


class DiagnosticsError(Exception):
    """Carries diagnostics to the CLI boundary, where they are rendered."""

    def __init__(self, diagnostics: Diagnostics | Iterable[Diagnostic] | Diagnostic) -> None:
        if isinstance(diagnostics, Diagnostic):
            diags = Diagnostics([diagnostics])
        elif isinstance(diagnostics, Diagnostics):
            diags = diagnostics
        else:
            diags = Diagnostics(list(diagnostics))
        self.diagnostics = diags
        first = diags.items[0].summary if diags.items else "error"
        super().__init__(first)


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt name, or None when nothing is close. A name
    that differs from a candidate only in case (``Learning_Rate``) gets that candidate;
    otherwise names are compared without regard to case."""
    folded: dict[str, str] = {}
    for c in sorted(set(candidates)):
        folded.setdefault(c.casefold(), c)
    key = name.casefold()
    if key in folded:
        return folded[key]
    import difflib  # only when a name is wrong

    matches = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[matches[0]] if matches else None


def suggestion(name: str, candidates: Iterable[str]) -> str:
    """' Did you mean "x"?' or an empty string."""
    best = did_you_mean(name, candidates)
    return f' Did you mean "{best}"?' if best else ""


def render(diag: Diagnostic, sources: dict[str, str] | None = None) -> str:
    """Render one diagnostic the way Terraform does, with the source line when known."""
    label = "Error" if diag.is_error else "Warning"
    lines = [f"{label}: {diag.summary}"]
    if diag.range is not None:
        lines.append("")
        where = f"  on {diag.range.filename} line {diag.range.start_line}"
        if diag.context:
            where += f", in {diag.context}"
        lines.append(where + ":")
        text = (sources or {}).get(diag.range.filename)
        if text is not None:
            src_lines = text.splitlines()
            if 0 < diag.range.start_line <= len(src_lines):
                shown = _around(src_lines[diag.range.start_line - 1], diag.range.start_column)
                lines.append(f"  {diag.range.start_line}: {shown}")
    elif diag.address:
        lines.append("")
        lines.append(f"  with {diag.address}")
    if diag.detail:
        lines.append("")
        lines.append(diag.detail)
    return "\n".join(lines)


def _around(line: str, column: int, width: int = 120) -> str:
    """A long source line cut to ``width`` characters around ``column``."""
    if len(line) <= width:
        return line
    start = max(0, min(column - 1 - width // 2, len(line) - width))
    return ("…" if start else "") + line[start : start + width] + ("…" if start + width < len(line) else "")
