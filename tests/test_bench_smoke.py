"""The benchmark script still runs end to end at a tiny N (figures are not checked).

With Terraform on the PATH both tools are measured; without it, mlinfra only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MLINFRA = Path(sys.executable).parent / "mlinfra"


def test_bench_compare_runs_at_n_10_and_writes_a_table(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    cmd = [
        sys.executable, str(REPO / "bench" / "compare.py"), "--n", "10", "--runs", "1",
        "--shape", "chain", "--work", str(tmp_path / "work"), "--out", str(out),
    ]  # fmt: skip
    if MLINFRA.exists():
        # The second installation the quickstart is measured from: this venv stands in
        # for one with only the core and the local provider (made when missing).
        cmd += ["--mlinfra", str(MLINFRA), "--quickstart-venv", str(MLINFRA.parent.parent)]
    else:
        cmd.append("--no-quickstart-venv")
    if shutil.which("terraform") is None:
        cmd.append("--no-terraform")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    text = out.read_text()
    assert "### chain, N = 10" in text
    if MLINFRA.exists():
        assert "— mlinfra from the development venv (all providers)" in text
        assert "— mlinfra from a venv with only the core and the local provider" in text
        assert "quickstart-local: `mlinfra validate` < 0.15 s" in text
    assert "| apply from empty |" in text
    assert "| no-op plan (--no-refresh) |" in text
    assert "### examples/quickstart (4 resources, applied state, warm cache)" in text
    assert "| validate |" in text
    assert "quickstart: `mlinfra validate` < 0.15 s" in text
    if shutil.which("terraform") is not None:
        row = next(line for line in text.splitlines() if line.startswith("| apply from empty |"))
        assert "—" not in row.split("|")[3], row  # terraform measured too


def _generate_module() -> object:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    return generate


def test_a_large_configuration_parses_the_same_in_pieces_as_whole(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mlinfra.config import hclparse

    text = _generate_module().mlinfra_config(60, "chain")  # type: ignore[attr-defined]
    whole = hclparse.parse_source(text, "main.mlinfra.hcl")
    monkeypatch.setattr(hclparse, "PARALLEL_MIN_CHARS", 1)
    assert hclparse._split_points(text, 2)
    pieces = hclparse._parse_in_parallel(text, "main.mlinfra.hcl")
    assert pieces is not None
    assert pieces == whole
    assert hclparse.parse_source(text, "main.mlinfra.hcl") == whole


def test_a_cut_inside_a_heredoc_falls_back_to_one_parse(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mlinfra.config import hclparse

    text = (
        'locals {\n  doc = <<EOT\nx\n}\n\nmodel "fake" {\nEOT\n}\n\n'
        'dataset "d" {\n  source = "file://x.csv"\n}\n'
    )
    whole = hclparse.parse_source(text, "main.mlinfra.hcl")
    monkeypatch.setattr(hclparse, "PARALLEL_MIN_CHARS", 1)
    monkeypatch.setattr(hclparse, "_split_points", lambda t, n: [t.index('model "fake"')])
    assert hclparse._parse_in_parallel(text, "main.mlinfra.hcl") is None
    assert hclparse.parse_source(text, "main.mlinfra.hcl") == whole
    assert whole[0] is not None and len(whole[0].body.blocks) == 2


def test_the_latency_benchmark_provider_applies_chains_behind_its_rate_limit(tmp_path: Path) -> None:
    """The provider of ``bench/latency.py``, registered in process: endpoints become
    ready after their latency, throttled calls are retried, what it saw is written."""
    import json

    from mlinfra.engine import Engine
    from mlinfra.providers import registry

    sys.path.insert(0, str(REPO / "bench" / "latencyprovider"))
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import latency
        from mlinfra_provider_latency import LatencyProvider
    finally:
        del sys.path[:2]
    config = latency.mlinfra_config(latency.Case.parse("chains-3x2"), latency.Params(0.05, 50, 2, 0.001, 2))
    (tmp_path / "main.hcl").write_text(config)
    registry.register("latency", LatencyProvider)
    try:
        _, result = Engine(tmp_path, parallelism=2).apply(confirm=lambda p: True)
    finally:
        registry.unregister("latency")
    assert result is not None and not result.diagnostics.has_errors, result.diagnostics if result else None
    assert result.added == 6
    stats = json.loads((tmp_path / ".latency-cloud" / "stats.json").read_text())
    assert stats["calls"] - stats["throttled"] >= 12 and stats["max_in_flight"] <= 2
    assert len(list((tmp_path / ".latency-cloud" / "objects").glob("*.json"))) == 6


def test_bench_registration_runs_at_n_3_and_writes_its_section(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    out.write_text("# Results\n\n## Registering N models from one external artifact\n\nold\n\n## Next\n\nkept\n")
    cmd = [
        sys.executable, str(REPO / "bench" / "registration.py"), "--n", "3", "--runs", "1",
        "--no-terraform", "--work", str(tmp_path / "work"), "--out", str(out),
    ]  # fmt: skip
    if MLINFRA.exists():
        cmd += ["--mlinfra", str(MLINFRA)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    text = out.read_text()
    assert "| mlinfra, N = 3, load check cached |" in text and "of which: mlinfra plan" in text
    assert "old" not in text and text.endswith("## Next\n\nkept\n")
