"""mlinfra side by side with Terraform on the same graph: ``python bench/compare.py``.

For each N and shape it generates an mlinfra and a Terraform configuration with the same
resources and edges (see ``generate``) under ``bench/work/``, runs each measured command
several times, and prints (and writes to ``--out``) a table of medians with min-max and
the ratio mlinfra / terraform. Times are wall-clock and CPU (user+sys of the child
process); the machine is shared, so CPU is the steadier figure.

Example::

    python bench/compare.py --n 100 1000 2000 10000 --shape chain --runs 3
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
from measure import CommandFailed, Run, Series, run  # noqa: E402

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent

# (key, label, which figure the targets are about)
FIGURES = [
    ("plan_cold", "plan, empty state, cold cache"),
    ("plan_warm", "plan, empty state, warm cache"),
    ("apply", "apply from empty"),
    ("noop", "no-op plan (refresh)"),
    ("noop_norefresh", "no-op plan (--no-refresh)"),
    ("edit_first", "1% edit plan, first run"),
    ("edit", "1% edit plan, warm"),
    ("validate", "validate"),
    ("version", "--version start-up"),
]


@dataclass
class Result:
    tool: str
    shape: str
    n: int
    series: dict[str, Series] = field(default_factory=dict)
    state_bytes: int | None = None
    notes: list[str] = field(default_factory=list)

    def add(self, key: str, r: Run) -> None:
        self.series.setdefault(key, Series()).runs.append(r)

    def peak_rss(self) -> float | None:
        """The largest peak RSS of the measured commands; for the quickstart, of validate
        and plan only (its apply trains and serves a scikit-learn model, where Terraform's
        stand-in does nothing)."""
        skip = {"version", "apply"} if self.shape.startswith("quickstart") else {"version"}
        xs = [r.rss_mb for k, s in self.series.items() if k not in skip for r in s.runs]
        return max(xs) if xs else None


# -- tools ----------------------------------------------------------------------------


class Tool:
    name = ""

    def __init__(self, workdir: Path, n: int, shape: str, env: dict[str, str], logs: Path):
        self.workdir, self.n, self.shape, self.env, self.logs = workdir, n, shape, env, logs

    def _run(self, label: str, cmd: list[str], ok: tuple[int, ...] = (0,)) -> Run:
        return run(cmd, self.workdir, self.env, self.logs / f"{self.name}-{label}.log", ok)


class Mlinfra(Tool):
    name = "mlinfra"

    def __init__(self, exe: str, *a: object) -> None:
        super().__init__(*a)  # type: ignore[arg-type]
        self.exe = exe

    def prepare(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)
        generate.write_mlinfra(self.workdir, self.n, self.shape)
        self.warm_up()

    def warm_up(self) -> None:
        """One unmeasured validate and plan: an installed mlinfra has its modules'
        bytecode cached, a source checkout writes it on first use."""
        self._run("warm-up-validate", [self.exe, "--no-color", "validate"])
        self._run("warm-up-plan", [self.exe, "--no-color", "plan"], (0, 2))

    def reset(self, cache: bool = True) -> None:
        generate.reset_mlinfra(self.workdir, cache=cache)

    def plan(self, label: str, *extra: str) -> Run:
        return self._run(label, [self.exe, "--no-color", "plan", "--detailed-exitcode", *extra], (0, 2))

    def apply(self) -> Run:
        return self._run("apply", [self.exe, "--no-color", "apply", "--auto-approve"])

    def version(self) -> Run:
        return self._run("version", [self.exe, "--version"])

    def validate(self) -> Run:
        return self._run("validate", [self.exe, "--no-color", "validate"])

    def state_bytes(self) -> int:
        return (self.workdir / "mlinfra.state.json").stat().st_size


class Terraform(Tool):
    name = "terraform"

    def prepare(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)
        generate.write_terraform(self.workdir, self.n, self.shape)
        self._run("init", ["terraform", "init", "-input=false", "-no-color"])

    def reset(self, cache: bool = True) -> None:
        generate.reset_terraform(self.workdir)

    def plan(self, label: str, *extra: str) -> Run:
        args = ["-refresh=false" if x == "--no-refresh" else x for x in extra]
        cmd = ["terraform", "plan", "-input=false", "-no-color", "-detailed-exitcode", *args]
        return self._run(label, cmd, (0, 2))

    def apply(self) -> Run:
        return self._run("apply", ["terraform", "apply", "-input=false", "-no-color", "-auto-approve"])

    def version(self) -> Run:
        return self._run("version", ["terraform", "version"])

    def validate(self) -> Run:
        return self._run("validate", ["terraform", "validate", "-no-color"])

    def state_bytes(self) -> int:
        return (self.workdir / "terraform.tfstate").stat().st_size


# The quickstart's graph (dataset -> pipeline -> model -> endpoint) for Terraform.
QUICKSTART_TF = """\
resource "terraform_data" "dataset" {
  input = "sklearn:iris"
}

resource "terraform_data" "pipeline" {
  input = { train = terraform_data.dataset.output, C = 1.0, max_iter = 500 }
}

resource "terraform_data" "model" {
  input = { artifact = terraform_data.pipeline.output, framework = "sklearn" }
}

resource "terraform_data" "endpoint" {
  input = { model = terraform_data.model.output, weight = 100 }
  lifecycle {
    create_before_destroy = true
  }
}

output "url" {
  value = terraform_data.endpoint.output
}
"""


# The quickstart is measured from two installations: the development venv (every
# provider and its SDKs: the google-cloud wheels' .pth files add to every interpreter's
# start) and a venv with only the core and the local provider, what ``make quickstart``
# installs and a user of that example has. Shape names and the headings they get:
QUICKSTART_VENVS = {
    "quickstart": " — mlinfra from the development venv (all providers)",
    "quickstart-local": " — mlinfra from a venv with only the core and the local provider (`make quickstart`)",
}


def local_venv(path: Path) -> str:
    """The mlinfra of a venv at ``path`` holding only the core and the local provider
    (this checkout's, editable), made on first use as ``make quickstart`` makes it."""
    exe = path / "bin" / "mlinfra"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
        subprocess.run([str(path / "bin" / "python"), "-m", "pip", "install", "-q", "-e", str(REPO),
                        "-e", str(REPO / "providers" / "local")], check=True)  # fmt: skip
    return str(exe)


def measure_quickstart(tool: Mlinfra | Terraform, runs: int) -> Result:
    """examples/quickstart applied once (mlinfra trains and serves it with the local
    provider; Terraform applies the same four-resource graph), then validate and a plan of
    the applied state, warm parse cache, each ``runs`` times."""
    res = Result(tool.name, tool.shape, 4)
    shutil.rmtree(tool.workdir, ignore_errors=True)
    if isinstance(tool, Mlinfra):
        shutil.copytree(REPO / "examples" / "quickstart", tool.workdir)
        tool.warm_up()
    else:
        tool.workdir.mkdir(parents=True)
        (tool.workdir / "main.tf").write_text(QUICKSTART_TF)
        tool._run("init", ["terraform", "init", "-input=false", "-no-color"])
    res.add("apply", tool.apply())
    res.state_bytes = tool.state_bytes()
    try:
        for _ in range(runs):
            res.add("validate", tool.validate())
            res.add("noop", tool.plan("noop"))
            res.add("version", tool.version())
    finally:
        if isinstance(tool, Mlinfra):  # stop the endpoint's server
            tool._run("destroy", [tool.exe, "--no-color", "destroy", "--auto-approve"])
    return res


# -- one (tool, shape, n) -------------------------------------------------------------


def measure(tool: Mlinfra | Terraform, runs: int, apply_runs: int, say: object) -> Result:
    res = Result(tool.name, tool.shape, tool.n)
    log = say if callable(say) else print
    tool.prepare()
    for _ in range(runs):
        tool.reset(cache=False)
        res.add("plan_cold", tool.plan("plan-cold"))
        res.add("plan_warm", tool.plan("plan-warm"))
        res.add("version", tool.version())
        res.add("validate", tool.validate())
    log(f"  {tool.name}: plans on empty state done")
    if apply_runs > 0:
        for _ in range(apply_runs):
            tool.reset()
            res.add("apply", tool.apply())
        log(f"  {tool.name}: apply done")
    elif isinstance(tool, Terraform):
        tool.reset()
        generate.write_terraform_state(tool.workdir, tool.n, tool.shape)
        res.notes.append(
            "apply not measured (above --skip-terraform-apply-above); the plans on the applied "
            "state ran on the state its apply writes, generated directly (same content as a real "
            "apply's but for the ids, checked at N=2,000)"
        )
    else:
        return res
    res.state_bytes = tool.state_bytes()
    for _ in range(runs):
        res.add("noop", tool.plan("noop"))
        res.add("noop_norefresh", tool.plan("noop-norefresh", "--no-refresh"))
    generate.set_edit(tool.workdir, tool.name, tool.n, tool.shape, True)
    try:
        res.add("edit_first", tool.plan("edit-first"))
        for _ in range(runs):
            res.add("edit", tool.plan("edit"))
    finally:
        generate.set_edit(tool.workdir, tool.name, tool.n, tool.shape, False)
    log(f"  {tool.name}: plans on applied state done")
    return res


# -- report ---------------------------------------------------------------------------


def _fmt(stat: tuple[float, float, float] | None, unit: str = "s") -> str:
    if stat is None:
        return "—"
    med, lo, hi = stat
    if unit == "s":
        return f"{med:.2f} ({lo:.2f}–{hi:.2f})"
    return f"{med:.0f} ({lo:.0f}–{hi:.0f})"


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "—"
    r = a / b
    return f"{r:.3f}" if r < 0.1 else f"{r:.2f}"


def _median(res: Result | None, key: str, what: str) -> float | None:
    if res is None or key not in res.series:
        return None
    s = res.series[key].stat(what)
    return s[0] if s else None


def table(ml: Result, tf: Result | None) -> list[str]:
    lines = [
        f"### {ml.shape}, N = {ml.n}" if not ml.shape.startswith("quickstart") else f"### examples/quickstart (4 resources, applied state, warm cache){QUICKSTART_VENVS.get(ml.shape, '')}",
        "",
        "| figure | mlinfra wall s | terraform wall s | ratio wall | mlinfra CPU s | terraform CPU s | ratio CPU |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, label in FIGURES:
        if key not in ml.series and (tf is None or key not in tf.series):
            continue
        cells = [label]
        for what in ("wall", "cpu"):
            a = ml.series[key].stat(what) if key in ml.series else None
            b = tf.series[key].stat(what) if tf and key in tf.series else None
            cells += [_fmt(a), _fmt(b), _ratio(a[0] if a else None, b[0] if b else None)]
        lines.append("| " + " | ".join(cells) + " |")
    rss_a, rss_b = ml.peak_rss(), tf.peak_rss() if tf else None
    lines.append(
        f"| peak RSS MB (max over runs{', validate and plan' if ml.shape.startswith('quickstart') else ''}) | {rss_a or 0:.0f} | {'—' if rss_b is None else f'{rss_b:.0f}'} "
        f"| {_ratio(rss_a, rss_b)} | | | |"
    )
    sa, sb = ml.state_bytes, tf.state_bytes if tf else None
    lines.append(
        f"| state file MB | {'—' if sa is None else f'{sa / 1e6:.2f}'} | "
        f"{'—' if sb is None else f'{sb / 1e6:.2f}'} | {_ratio(sa, sb)} | | | |"
    )
    notes = [f"{r.tool}: {x}" for r in (ml, tf) if r for x in r.notes]
    if notes:
        lines += ["", *[f"- {x}" for x in notes]]
    return [*lines, ""]


def apply_linearity(results: list[Result]) -> list[str]:
    out = []
    for shape in sorted({r.shape for r in results}):
        by_n = {r.n: r for r in results if r.shape == shape and r.tool == "mlinfra"}
        if 2000 in by_n and 10000 in by_n:
            for what in ("wall", "cpu"):
                a, b = _median(by_n[10000], "apply", what), _median(by_n[2000], "apply", what)
                out.append(f"- {shape}: mlinfra apply N=10,000 / N=2,000 ({what}) = {_ratio(a, b)}")
    return out


# The targets: (figure, N values, the largest allowed ratio mlinfra / terraform).
TARGETS = [
    ("noop", (4,), 1.0),
    ("plan_cold", (100,), 1.0),
    ("plan_warm", (100,), 1.0),
    ("noop", (100,), 1.0),
    ("plan_cold", (2000, 10000), 1 / 4),
    ("noop", (2000, 10000), 1 / 10),
    ("noop_norefresh", (2000, 10000), 1 / 10),
    ("edit", (2000, 10000), 1 / 10),
    ("apply", (2000,), 1 / 40),
]
# Peak RSS at most this share of Terraform's, at every N.
RSS_LIMIT = 0.5
# mlinfra validate of the quickstart, wall seconds.
VALIDATE_LIMIT = 0.15
# Terraform's medians quoted in the issue (chains, N=2,000), measured on a busier machine.
REFERENCE_2000 = {"plan_cold": 7.2, "noop": 8.1, "noop_norefresh": 7.2, "edit": 9.3, "apply": 240.0}


def _limit(x: float) -> str:
    return f"1/{round(1 / x)}" if x < 1 else f"{x:g}"


def targets(results: list[Result]) -> list[str]:
    """One line per target: the ratio of medians, wall and CPU, and whether it is met."""
    label = dict(FIGURES)
    out = ["| target | N | ratio wall | ratio CPU | met (wall) | vs the issue's Terraform figure |",
           "|---|---|---|---|---|---|"]  # fmt: skip
    for shape in sorted({r.shape for r in results}):
        ml = {r.n: r for r in results if r.shape == shape and r.tool == "mlinfra"}
        tf = {r.n: r for r in results if r.shape == shape and r.tool == "terraform"}
        for key, ns, limit in TARGETS:
            for n in ns:
                if n not in ml:
                    continue
                a, b = _median(ml[n], key, "wall"), _median(tf.get(n), key, "wall")
                ac, bc = _median(ml[n], key, "cpu"), _median(tf.get(n), key, "cpu")
                met = "—" if a is None or b is None else ("yes" if a / b <= limit else "no")
                ref = REFERENCE_2000.get(key) if n == 2000 else None
                vs = "—" if ref is None or a is None else f"{a / ref:.3f} ({'yes' if a / ref <= limit else 'no'})"
                out.append(f"| {shape}: {label[key]} ≤ {_limit(limit)} | {n} | {_ratio(a, b)} "
                           f"| {_ratio(ac, bc)} | {met} | {vs} |")  # fmt: skip
        if 2000 in ml and 10000 in ml:
            a, b = _median(ml[10000], "apply", "wall"), _median(ml[2000], "apply", "wall")
            met = "—" if a is None or b is None else ("yes" if a / b <= 6 else "no")
            out.append(f"| {shape}: apply N=10,000 / N=2,000 ≤ 6 | | {_ratio(a, b)} | | {met} | |")
        for n, r in sorted(ml.items()):
            rss_a, rss_b = r.peak_rss(), tf[n].peak_rss() if n in tf else None
            if rss_a is not None and rss_b is not None:
                out.append(f"| {shape}: peak RSS ≤ {RSS_LIMIT} of terraform's | {n} | {_ratio(rss_a, rss_b)} | | "
                           f"{'yes' if rss_a <= RSS_LIMIT * rss_b else 'no'} | |")  # fmt: skip
        if shape.startswith("quickstart") and 4 in ml:
            v = _median(ml[4], "validate", "wall")
            if v is not None:
                out.append(f"| {shape}: `mlinfra validate` < {VALIDATE_LIMIT} s | | {v:.3f} s | | "
                           f"{'yes' if v < VALIDATE_LIMIT else 'no'} | |")  # fmt: skip
        versions = [x for r in ml.values() if "version" in r.series for x in [r.series["version"].stat("wall")]]
        if versions:
            worst = max(v[0] for v in versions if v)
            out.append(f"| {shape}: `mlinfra --version` < 0.25 s | | {worst:.3f} s | | "
                       f"{'yes' if worst < 0.25 else 'no'} | |")  # fmt: skip
    return out


def machine() -> list[str]:
    def cmd(*c: str) -> str:
        try:
            return subprocess.run(c, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return "?"

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal"))
        mem_gb = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GB"
    except (OSError, StopIteration):
        mem_gb = "?"
    tf = cmd("terraform", "version").splitlines()[:1] if shutil.which("terraform") else ["(none)"]
    return [
        f"- date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {os.cpu_count()} CPUs (nproc {cmd('nproc')}), {mem_gb} RAM, {cpu}",
        f"- {platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"- {cmd(_mlinfra_exe(), '--version')}, {tf[0] if tf else '?'}",
    ]


def _mlinfra_exe() -> str:
    venv = REPO / ".venv" / "bin" / "mlinfra"
    return str(venv) if venv.exists() else (shutil.which("mlinfra") or "mlinfra")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--n", type=int, nargs="+", default=[100, 1000, 2000])
    p.add_argument("--shape", choices=["chain", "wide"], nargs="+", default=["chain"])
    p.add_argument("--runs", type=int, default=3, help="runs of each measurement (median, min-max)")
    p.add_argument("--skip-terraform-apply-above", type=int, default=2000, metavar="N",
                   help="measure Terraform's apply (quadratic) only up to this N")  # fmt: skip
    p.add_argument("--terraform-apply-runs", type=int, default=1,
                   help="runs of Terraform's apply (minutes each at N=2,000)")  # fmt: skip
    p.add_argument("--no-terraform", action="store_true", help="measure mlinfra only")
    p.add_argument("--no-quickstart", dest="quickstart", action="store_false",
                   help="skip examples/quickstart (validate and plan of 4 applied resources)")  # fmt: skip
    p.add_argument("--quickstart-venv", type=Path, default=None, metavar="DIR",
                   help="the venv with only the core and the local provider the quickstart is also "
                        "measured from (made when missing; default: WORK/venv-local)")  # fmt: skip
    p.add_argument("--no-quickstart-venv", action="store_true",
                   help="measure the quickstart from the development venv (--mlinfra) only")  # fmt: skip
    p.add_argument("--reuse-terraform", action="store_true",
                   help="reuse Terraform figures saved by an earlier run in the work dir")  # fmt: skip
    p.add_argument("--reuse-mlinfra", action="store_true",
                   help="reuse mlinfra figures saved by an earlier run in the work dir")  # fmt: skip
    p.add_argument("--report-only", action="store_true",
                   help="measure nothing: write --out from the figures saved in the work dir")  # fmt: skip
    p.add_argument("--mlinfra", default=_mlinfra_exe(), help="the mlinfra executable")
    p.add_argument("--work", type=Path, default=BENCH / "work")
    p.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    args = p.parse_args(argv)

    use_tf = not args.no_terraform and shutil.which("terraform") is not None
    args.work.mkdir(parents=True, exist_ok=True)
    tf_rc = args.work / "empty.tfrc"
    tf_rc.write_text("")
    env = {**os.environ, "CHECKPOINT_DISABLE": "1", "TF_CLI_CONFIG_FILE": str(tf_rc),
           "TF_IN_AUTOMATION": "1", "OMP_NUM_THREADS": "1",
           "MLINFRA_CACHE_DIR": str(args.work / "mlinfra-parse-cache")}  # fmt: skip
    env.pop("TF_LOG", None)
    # Measure mlinfra as installed: its modules' bytecode cached, not compiled on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    sections: list[str] = []
    results: list[Result] = []
    if args.quickstart:
        print("quickstart", flush=True)
        base = args.work / "quickstart"
        logs = base / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        saved_ml, saved_tf = base / "mlinfra-figures.json", base / "terraform-figures.json"
        if (args.report_only or args.reuse_mlinfra) and saved_ml.exists():
            qm = _load(saved_ml)
        else:
            qm = measure_quickstart(Mlinfra(args.mlinfra, base / "mlinfra", 4, "quickstart", env, logs), args.runs)
            _save(saved_ml, qm)
        qt = None
        if (args.report_only or args.reuse_terraform) and saved_tf.exists():
            qt = _load(saved_tf)
        elif use_tf and not args.report_only:
            qt = measure_quickstart(Terraform(base / "terraform", 4, "quickstart", env, logs), args.runs)
            _save(saved_tf, qt)
        results += [r for r in (qm, qt) if r is not None]
        sections += table(qm, qt)
        print("\n".join(table(qm, qt)), flush=True)
        saved_local = base / "mlinfra-local-figures.json"
        ql: Result | None = None
        if (args.report_only or args.reuse_mlinfra) and saved_local.exists():
            ql = _load(saved_local)
        elif not args.no_quickstart_venv and not args.report_only:
            exe = local_venv(args.quickstart_venv or args.work / "venv-local")
            ql = measure_quickstart(Mlinfra(exe, base / "mlinfra-local", 4, "quickstart-local", env, logs), args.runs)
            _save(saved_local, ql)
        if ql is not None:
            # The same Terraform figures, beside the other installation's.
            qtl = None if qt is None else Result(qt.tool, ql.shape, 4, qt.series, qt.state_bytes, qt.notes)
            results += [r for r in (ql, qtl) if r is not None]
            sections += table(ql, qtl)
            print("\n".join(table(ql, qtl)), flush=True)
    for shape in args.shape:
        for n in args.n:
            print(f"{shape} N={n}", flush=True)
            base = args.work / f"{shape}-{n}"
            logs = base / "logs"
            ml = Mlinfra(args.mlinfra, base / "mlinfra", n, shape, env, logs)
            logs.mkdir(parents=True, exist_ok=True)
            if args.report_only or args.reuse_mlinfra and (base / "mlinfra-figures.json").exists():
                mr = _load(base / "mlinfra-figures.json")
            else:
                mr = measure(ml, args.runs, args.runs, print)
                _save(base / "mlinfra-figures.json", mr)
            results.append(mr)
            tr: Result | None = None
            saved = base / "terraform-figures.json"
            if use_tf and (args.reuse_terraform or args.report_only) and saved.exists():
                tr = _load(saved)
                if not args.report_only:
                    tr.notes.append(f"figures reused from an earlier run ({saved.name})")
            elif use_tf and not args.report_only:
                logs.mkdir(parents=True, exist_ok=True)
                tf = Terraform(base / "terraform", n, shape, env, logs)
                apply_runs = args.terraform_apply_runs if n <= args.skip_terraform_apply_above else 0
                tr = measure(tf, args.runs, apply_runs, print)
                _save(saved, tr)
            if tr is not None:
                results.append(tr)
            sections += table(mr, tr)
            print("\n".join(table(mr, tr)), flush=True)
    linear = apply_linearity(results)
    doc = [
        "# mlinfra and Terraform, side by side",
        "",
        "Measured by `python bench/compare.py "
        + " ".join(a for a in (sys.argv[1:] if argv is None else argv) if a != "--report-only")
        + "`"
        + (" (this page was rewritten from the figures it saved)" if args.report_only else "")
        + ". Medians of the runs with (min–max); wall-clock seconds and CPU seconds "
        "(user+sys of the process and its children), peak RSS of the largest run.",
        "Both tools build the same graph: chains of 5-resource groups, each resource referencing "
        "an attribute of the one before (`chain`), or no edges (`wide`). mlinfra uses the local "
        "provider (a `dataset` copied from a tiny CSV, `model`s registering a tiny `file://` "
        "artifact); Terraform uses `terraform_data` with `input` referencing the upstream `output`.",
        "The 1% edit changes a literal on 1% of the resources; its first plan parses the edited "
        "file again, the warm runs hit the parse cache.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Results",
        "",
        *sections,
    ]
    if linear:
        doc += ["## Apply linearity", "", *linear, ""]
    doc += ["## Targets", "", "Ratios of medians, mlinfra / Terraform as measured above; the last "
            "column divides by the Terraform figures quoted in the issue instead.", "",
            *targets(results), ""]  # fmt: skip
    extra = BENCH / "NOTES.md"
    if extra.exists():
        doc += [extra.read_text().rstrip(), ""]
    args.out.write_text("\n".join(doc))
    print(f"wrote {args.out}")
    return 0


def _save(path: Path, r: Result) -> None:
    doc = {"tool": r.tool, "shape": r.shape, "n": r.n, "state_bytes": r.state_bytes, "notes": r.notes,
           "series": {k: s.to_json() for k, s in r.series.items()}}  # fmt: skip
    path.write_text(json.dumps(doc))


def _load(path: Path) -> Result:
    doc = json.loads(path.read_text())
    r = Result(doc["tool"], doc["shape"], doc["n"], state_bytes=doc["state_bytes"], notes=doc["notes"])
    r.series = {k: Series.from_json(v) for k, v in doc["series"].items()}
    return r


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CommandFailed as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
