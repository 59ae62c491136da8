"""Reports of a test run for machines: JUnit XML for CI, and a JSON document."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from mlinfra.diagnostics import Diagnostics
from mlinfra.testing.run import FileResult, counts


def junit_xml(results: list[FileResult]) -> str:
    """One testsuite per file, one testcase per run block; a failed run has a failure
    element (an errored one an error element) with the message, a skipped one skipped."""
    root = ET.Element("testsuites")
    for f in results:
        n = counts([f])
        suite = ET.SubElement(root, "testsuite", {
            "name": f.name, "tests": str(len(f.runs)), "failures": str(n["fail"]),
            "errors": str(n["error"] + (1 if f.diagnostics.has_errors else 0)),
            "skipped": str(n["skip"]), "time": f"{f.seconds:.3f}",
        })  # fmt: skip
        for r in f.runs:
            case = ET.SubElement(suite, "testcase", {"name": r.name, "classname": f.name, "time": f"{r.seconds:.3f}"})
            if r.status in ("fail", "error"):
                tag = "failure" if r.status == "fail" else "error"
                el = ET.SubElement(case, tag, {"message": r.message, "type": r.diagnostics.errors[0].summary})
                el.text = "\n\n".join(_describe(x) for x in r.diagnostics.errors)
            elif r.status == "skip":
                ET.SubElement(case, "skipped", {"message": "an earlier run block errored"})
        if f.diagnostics.has_errors:
            el = ET.SubElement(suite, "system-err")
            el.text = "\n\n".join(_describe(x) for x in f.diagnostics.errors)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _describe(x: Any) -> str:
    where = f" ({x.range.filename} line {x.range.start_line})" if x.range else ""
    return f"{x.summary}{where}: {x.detail}" if x.detail else x.summary + where


def json_document(results: list[FileResult]) -> dict[str, Any]:
    n = counts(results)
    failed = n["fail"] + n["error"] + sum(1 for f in results if f.diagnostics.has_errors)
    return {
        "format_version": "1.0",
        "status": "fail" if failed else "pass",
        "summary": {"passed": n["pass"], "failed": n["fail"], "errored": n["error"], "skipped": n["skip"]},
        "files": [
            {
                "path": f.name,
                "status": f.status,
                "runs": [
                    {"name": r.name, "status": r.status, "diagnostics": [x.to_json() for x in r.diagnostics]}
                    for r in f.runs
                ],
                "diagnostics": [x.to_json() for x in f.diagnostics],
            }
            for f in results
        ],
    }


def error_document(diags: Diagnostics) -> dict[str, Any]:
    """The JSON answer when the test files cannot run at all (a bad file, a bad --filter)."""
    return {"format_version": "1.0", "status": "error", "files": [], "diagnostics": [x.to_json() for x in diags]}
