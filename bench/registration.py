"""Registering N models from one artifact trained elsewhere, beside Terraform applying N
``terraform_data`` objects: ``python bench/registration.py --n 1000``.

The mlinfra side is N ``model`` blocks of the local provider, all registering the same
scikit-learn ``model.joblib`` that has no run lineage beside it, so the provider must
prove it loads before registering it. That check is measured both ways: with an empty
cache of checks (one check for the whole apply) and with the check remembered from an
earlier run. Each apply starts from an empty state. ``mlinfra validate`` and ``mlinfra
plan`` of the same configuration are timed too, to show where an apply's time goes
(start-up and parsing; refresh, plan and its rendering; the rest is the apply walk:
registrations and state writes). Prints a markdown table and, with ``--out``, writes it
into that file under its own heading (replacing an earlier one).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Run, run  # noqa: E402

BENCH = Path(__file__).resolve().parent
HEADING = "## Registering N models from one external artifact"
TRAIN = (
    "import sys, joblib\n"
    "from sklearn.datasets import load_iris\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "X, y = load_iris(return_X_y=True)\n"
    "joblib.dump(LogisticRegression(max_iter=300).fit(X, y), sys.argv[1])\n"
)


def write_mlinfra(work: Path, n: int) -> None:
    work.mkdir(parents=True, exist_ok=True)
    art = work / "artifacts" / "model.joblib"
    if not art.exists():
        art.parent.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-c", TRAIN, str(art)], check=True)
    blocks = ['provider "local" {}\n']
    for i in range(n):
        blocks.append(
            f'model "m{i}" {{\n  artifact  = "file://artifacts/model.joblib"\n'
            f'  framework = "sklearn"\n}}\n'
        )
    (work / "main.hcl").write_text("\n".join(blocks))


def write_terraform(work: Path, n: int) -> None:
    work.mkdir(parents=True, exist_ok=True)
    blocks = [
        f'resource "terraform_data" "m{i}" {{\n  input = {{ note = "n{i}" }}\n}}\n'
        for i in range(n)
    ]
    (work / "main.tf").write_text("\n".join(blocks))


def reset_mlinfra(work: Path) -> None:
    for p in work.glob("mlinfra.state.json*"):
        p.unlink()
    shutil.rmtree(work / ".mlinfra" / "local", ignore_errors=True)


def reset_terraform(work: Path) -> None:
    for p in work.glob("terraform.tfstate*"):
        p.unlink()


def stat(runs: list[Run], what: str) -> tuple[float, float, float]:
    xs = [getattr(r, what) for r in runs]
    return statistics.median(xs), min(xs), max(xs)


def fmt(s: tuple[float, float, float] | None) -> str:
    return "—" if s is None else f"{s[0]:.2f} ({s[1]:.2f}–{s[2]:.2f})"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, default=BENCH / "work" / "registration")
    ap.add_argument("--mlinfra", default=str(Path(sys.executable).parent / "mlinfra"))
    ap.add_argument("--no-terraform", action="store_true")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    ml, tf, logs = args.work / "mlinfra", args.work / "terraform", args.work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    write_mlinfra(ml, args.n)
    cache = args.work / "check-cache"
    env = {**os.environ, "NO_COLOR": "1", "OMP_NUM_THREADS": "1", "MLINFRA_CACHE_DIR": str(cache)}
    apply_ml = [args.mlinfra, "apply", "--auto-approve"]
    cold: list[Run] = []
    warm: list[Run] = []
    validated: list[Run] = []
    planned: list[Run] = []
    for i in range(args.runs):
        reset_mlinfra(ml)
        validated.append(run([args.mlinfra, "validate"], ml, env, logs / f"mlinfra-validate-{i}.log"))
        planned.append(run([args.mlinfra, "plan"], ml, env, logs / f"mlinfra-plan-{i}.log"))
        shutil.rmtree(cache, ignore_errors=True)
        reset_mlinfra(ml)
        cold.append(run(apply_ml, ml, env, logs / f"mlinfra-cold-{i}.log"))
        reset_mlinfra(ml)
        warm.append(run(apply_ml, ml, env, logs / f"mlinfra-warm-{i}.log"))
    reset_mlinfra(ml)
    tf_runs: list[Run] = []
    if not args.no_terraform and shutil.which("terraform"):
        write_terraform(tf, args.n)
        run(["terraform", "init", "-input=false", "-no-color"], tf, env, logs / "tf-init.log")
        for i in range(args.runs):
            reset_terraform(tf)
            cmd = ["terraform", "apply", "-input=false", "-no-color", "-auto-approve"]
            tf_runs.append(run(cmd, tf, env, logs / f"terraform-{i}.log"))
    tf_wall = stat(tf_runs, "wall") if tf_runs else None
    tf_cpu = stat(tf_runs, "cpu") if tf_runs else None
    lines = [
        HEADING,
        "",
        f"Measured by `python bench/registration.py --n {args.n} --runs {args.runs}`: N `model`s "
        "of the local provider registering one scikit-learn `model.joblib` without run lineage "
        "(so it must be proven to load), beside Terraform applying N `terraform_data` objects; "
        "every apply from an empty state. Medians (min–max), seconds.",
        "",
        "| figure | wall s | CPU s | ratio wall to terraform | ratio CPU to terraform |",
        "|---|---|---|---|---|",
    ]
    for label, runs in (
        (f"mlinfra, N = {args.n}, load check not cached", cold),
        (f"mlinfra, N = {args.n}, load check cached", warm),
        (f"of which: mlinfra validate (start-up, parsing, checks), N = {args.n}", validated),
        (f"of which: mlinfra plan (validate + plan + rendering), N = {args.n}", planned),
    ):
        w, c = stat(runs, "wall"), stat(runs, "cpu")
        rw = f"{w[0] / tf_wall[0]:.3f}" if tf_wall else "—"
        rc = f"{c[0] / tf_cpu[0]:.3f}" if tf_cpu else "—"
        lines.append(f"| {label} | {fmt(w)} | {fmt(c)} | {rw} | {rc} |")
    lines.append(f"| terraform, N = {args.n} | {fmt(tf_wall)} | {fmt(tf_cpu)} | 1 | 1 |")
    lines.append("")
    text = "\n".join(lines)
    print(text)
    if args.out is not None:
        old = args.out.read_text() if args.out.exists() else ""
        head, _, rest = old.partition(HEADING)
        tail = rest[rest.find("\n## ") + 1 :] if "\n## " in rest else ""
        args.out.write_text(head.rstrip() + "\n\n" + text + ("\n" + tail if tail else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
