"""Fuzzing: mutations of the examples' configurations never produce an internal error,
a hang or a memory blow-up in validate or plan (against the fake provider).

Seeded and bounded: MLINFRA_FUZZ_SEED (default 8) picks the mutations,
MLINFRA_FUZZ_COUNT (default 150) and MLINFRA_FUZZ_SECONDS (default 60) bound how many
run. The mutants run in a worker process whose address space is limited, so a blow-up
is a MemoryError reported as an internal error instead of a stalled machine; a mutant
that makes no progress for HANG_SECONDS is a hang. A failure names the seed, the
mutant and its text, to reproduce it.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import selectors
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUPPORT = Path(__file__).parent / "support"
SEED = int(os.environ.get("MLINFRA_FUZZ_SEED", "8"))
COUNT = int(os.environ.get("MLINFRA_FUZZ_COUNT", "150"))
SECONDS = float(os.environ.get("MLINFRA_FUZZ_SECONDS", "60"))
HANG_SECONDS = 120.0
MEMORY_BYTES = 3 * 1024**3

# What fuzzing found or could find: deep nesting, long chains, extreme numbers, huge
# widths and counts, odd names, self-references, broken syntax.
SNIPPETS = [
    lambda r: "[" * r.randint(30, 5000) + "1" + "]" * r.randint(0, 5000),
    lambda r: "(" * r.randint(30, 3000) + "1" + ")" * r.randint(0, 3000),
    lambda r: "{a = " * r.randint(30, 3000) + "1" + "}" * r.randint(0, 3000),
    lambda r: "abs(" * r.randint(30, 3000) + "1" + ")" * r.randint(0, 3000),
    lambda r: " + ".join(["1"] * r.randint(50, 20000)),
    lambda r: "true ? 1 : " * r.randint(50, 3000) + "0",
    lambda r: '"${' * r.randint(10, 300) + "1" + '}"' * r.randint(0, 300),
    lambda r: "9" * r.choice([310, 4301, 5000, 20000]),
    lambda r: r.choice(["1e999", "-1e999", "1e308 * 10", "0.1e-999", "1/0", "5 % 0"]),
    lambda r: r.choice(["floor(1e999)", "ceil(1e300 * 1e300)", "floor(-1e999)", "abs(-1e999)"]),
    lambda r: f'format("%{r.choice([999999999, 10**12, 20000])}d", 1)',
    lambda r: f'format("%.{r.choice([999999999, 100000])}f", 1)',
    lambda r: f"range({r.choice([10**6, 10**12, -(10**9)])})",
    lambda r: "[for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]",
    lambda r: f"\n  count = {r.choice([10**11, 10**6, -1, 1.5, 'true', '[]'])}\n",
    lambda r: '{for i in range(1000) : "k${i}" => i}',
    lambda r: f'jsondecode("{"[" * r.randint(100, 5000)}{"]" * r.randint(0, 5000)}")',
    lambda r: 'jsondecode("[1e999, NaN, Infinity]")',
    lambda r: r.choice(['"ä"', '"名前"', '"a.b"', '"*"', '"1x"', '"-x"', '""', '"x y"']),
    lambda r: r.choice(["dataset.iris.id", "model.iris.id", "local.x", "var.C", "self.x", "each.key", "count.index"]),
    lambda r: r.choice(["${", "%{", "}", "{", '"', "<<EOT\n", "EOT\n", "/*", "#", "\\", "...", "=>"]),
    lambda r: "\n".join(f"locals {{ l{i} = [local.l{i - 1}, local.l{i - 1}] }}" for i in range(1, 50)) + "\nlocals { l0 = [1] }",
    lambda r: "\n".join(f"locals {{ c{i} = local.c{i - 1} + 1 }}" for i in range(1, 3000)) + "\nlocals { c0 = 1 }",
    lambda r: r.choice(["\x00", "\ufeff", "\u202e", "\r", "\t", "\udcff".encode("utf-8", "surrogateescape").decode("latin-1")]),
]


# Arguments for random calls of every library function.
ARGUMENTS = [
    '""', '"abc"', '"a,b"', '","', "-1", "0", "1.5", "1e308", "[]", '[1, "a", null]', '["x", "y"]',
    "{a = 1}", "{}", "null", "true", '"%d"', '"%999999d %s"', '"[1, {}]"', "range(5)", '"ä"', '"/dev/zero"',
    '"main.hcl"', '"."', "var.C", "dataset.iris", "[[1], [[2]]]", '"${"', "-1e308", "9007199254740993",
]  # fmt: skip


def _call(r: random.Random) -> str:
    from mlinfra.config.functions import FUNCTIONS

    args = ", ".join(r.choice(ARGUMENTS) for _ in range(r.randint(0, 4)))
    return f"{r.choice(sorted(FUNCTIONS))}({args}{'...' if r.random() < 0.1 else ''})"


SNIPPETS += [_call] * 6


def _examples() -> list[str]:
    texts = []
    for path in sorted((ROOT / "examples").glob("*/*.hcl")):
        text = path.read_text()
        # Against the fake provider: no local or cloud provider is needed to validate or plan.
        text = re.sub(r'provider "(local|aws|gcp|azure)"', 'provider "fake"', text)
        text = re.sub(r"(provider\s*=\s*)(local|aws|gcp|azure)\b", r"\1fake", text)
        texts.append(text)
    assert texts, "no example configurations found"
    return texts


def mutate(text: str, r: random.Random) -> str:
    """``text`` with one to three random edits."""
    for _ in range(r.randint(1, 3)):
        at = r.randrange(len(text) + 1)
        kind = r.randrange(6)
        if kind == 0:  # insert a snippet
            text = text[:at] + SNIPPETS[r.randrange(len(SNIPPETS))](r) + text[at:]
        elif kind == 1:  # replace an expression after an "=" with a snippet
            m = list(re.finditer(r"=\s*([^\n{]+)", text))
            if m:
                pick = r.choice(m)
                text = text[: pick.start(1)] + SNIPPETS[r.randrange(len(SNIPPETS))](r) + text[pick.end(1) :]
        elif kind == 2:  # delete a span
            text = text[:at] + text[at + r.randint(1, 40) :]
        elif kind == 3:  # duplicate a span
            span = text[at : at + r.randint(1, 200)]
            text = text[:at] + span * r.randint(2, 50) + text[at:]
        elif kind == 4:  # swap two lines
            lines = text.split("\n")
            i, j = r.randrange(len(lines)), r.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:  # rename a label to something odd
            m = list(re.finditer(r'^(\w+) "([^"]*)"', text, re.M))
            if m:
                pick = r.choice(m)
                text = text[: pick.start(2)] + SNIPPETS[18](r).strip('"') + text[pick.end(2) :]
    return text


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def test_mutated_examples_never_crash_hang_or_blow_up(tmp_path: Path) -> None:
    r = random.Random(SEED)
    examples = _examples()
    mutants = tmp_path / "mutants"
    texts: list[str] = []
    for i in range(COUNT):
        text = mutate(r.choice(examples), r)
        texts.append(text)
        (mutants / str(i)).mkdir(parents=True)
        (mutants / str(i) / "main.hcl").write_bytes(text.encode("utf-8", "surrogateescape"))
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(SUPPORT), MLINFRA_CACHE_DIR=str(tmp_path / "cache"),
               OMP_NUM_THREADS="1")  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, str(SUPPORT / "fuzzworker.py"), str(mutants), str(COUNT), str(SECONDS)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=_limit_memory,
    )  # fmt: skip
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    current, done, failures = None, 0, []
    last = time.monotonic()
    try:
        while True:
            if not sel.select(timeout=5):
                if time.monotonic() - last > HANG_SECONDS:
                    pytest.fail(_report(f"mutant {current} made no progress for {HANG_SECONDS:.0f} s (a hang)",
                                        current, texts))  # fmt: skip
                continue
            line = proc.stdout.readline()
            if not line:
                break
            last = time.monotonic()
            event = json.loads(line)
            if "start" in event:
                current = event["start"]
            else:
                done += 1
                failures += [(event["done"], x) for x in event["internal"]]
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        pytest.fail(_report(f"the worker died (exit {proc.returncode}) on mutant {current}: {err[-2000:]}", current, texts))
    for i, what in failures[:1]:
        pytest.fail(_report(f"mutant {i}: internal error\n{what}", i, texts))
    print(f"fuzz: seed {SEED}, {done} mutants ran")
    assert done >= min(COUNT, 20), f"only {done} mutants ran"


def _report(what: str, index: int | None, texts: list[str]) -> str:
    text = texts[index] if index is not None else ""
    shown = text if len(text) < 3000 else text[:1500] + "\n...\n" + text[-1500:]
    return f"{what}\n(seed {SEED}; mutant {index})\n--- main.hcl ---\n{shown}"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutation_is_deterministic_for_a_seed(seed: int) -> None:
    text = _examples()[0]
    assert mutate(text, random.Random(seed)) == mutate(text, random.Random(seed))
