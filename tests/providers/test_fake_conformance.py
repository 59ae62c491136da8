"""The conformance suite passes for the core's fake provider, and catches broken ones."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from fakeprovider import FakeProvider, cloud  # noqa: E402

from mlinfra.conformance import (  # noqa: E402
    DriftCase,
    ImportCase,
    InterruptedCase,
    Invalid,
    KindSuite,
    check_provider,
)

CONFIGS = {
    "dataset": {"source": "fake://d", "tags": {}},
    "pipeline": {"inputs": {}, "step": {"fit": {"estimator": "x"}}, "tags": {}},
    "model": {"artifact": "fake://a", "tags": {}},
    "endpoint": {"variant": {"blue": {"model": "m"}}, "tags": {}},
}

# The required arguments of each kind, as a line of HCL.
REQUIRED = {
    "dataset": '  source = "fake://d"',
    "pipeline": '  step "fit" { estimator = "x" }',
    "model": '  artifact = "fake://a"',
    "endpoint": '  variant "blue" { model = "m" }',
}


def suites(workdir: Path) -> list[KindSuite]:
    def remove(attrs: dict[str, Any]) -> None:
        with cloud(workdir) as db:
            db.pop(attrs["id"])

    out = []
    for kind, config in CONFIGS.items():
        out.append(
            KindSuite(
                kind,
                valid=[config],
                update={**config, "tags": {"team": "ml"}},
                invalid=[
                    Invalid(REQUIRED[kind] + "\n  fake {\n    slo = 1\n  }", line=3),
                    Invalid(REQUIRED[kind] + '\n  tags = "x"', line=2),
                ],
                imports=ImportCase(config),
                drift=DriftCase(config, remove),
                interrupted=InterruptedCase(config),
            )
        )
    return out


def test_fake_provider_conforms(tmp_path: Path) -> None:
    check_provider(FakeProvider, {}, tmp_path, suites(tmp_path))


class _ForgetfulProvider(FakeProvider):
    """Reads back something other than what it created."""

    def read(self, req: Any) -> Any:
        resp = super().read(req)
        if resp.attributes is not None:
            resp.attributes = {**resp.attributes, "source": "changed"}
        return resp


def test_conformance_catches_a_provider_whose_read_differs(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="read differs"):
        check_provider(_ForgetfulProvider, {}, tmp_path, suites(tmp_path))


def test_a_provider_that_leaves_out_a_case_fails_naming_the_case(tmp_path: Path) -> None:
    partial = suites(tmp_path)
    partial[1].drift = None
    with pytest.raises(AssertionError, match="kind pipeline: the conformance suite lacks the drift case"):
        check_provider(FakeProvider, {}, tmp_path, partial)


def test_a_provider_that_leaves_out_a_kind_fails_naming_the_kind(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="no conformance suite for the kind model"):
        check_provider(FakeProvider, {}, tmp_path, [s for s in suites(tmp_path) if s.kind != "model"])


class _AmnesiacProvider(FakeProvider):
    """Creates objects that no later run can find: nothing tags them with the address."""

    def __init__(self) -> None:
        super().__init__()
        for h in self.handlers.values():
            h.find = lambda address: None  # type: ignore[method-assign]


def test_conformance_catches_an_interrupted_create_that_leaves_an_object_nobody_finds(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="neither adopted the object nor removed it"):
        check_provider(_AmnesiacProvider, {}, tmp_path, suites(tmp_path))


class _Anything(BaseModel):
    model_config = ConfigDict(extra="allow")


class _LaxProvider(FakeProvider):
    """Accepts anything in its nested block."""

    def schema(self) -> Any:
        s = super().schema()
        kinds = {k: replace(v, block=_Anything) for k, v in s.kinds.items()}
        return replace(s, kinds=kinds)


def test_conformance_catches_an_invalid_case_that_validates(tmp_path: Path) -> None:
    lax = [KindSuite(s.kind, s.valid, s.update, [Invalid(REQUIRED[s.kind] + "\n  fake {\n    color = 1\n  }", 3)], s.imports, s.drift, s.interrupted) for s in suites(tmp_path)]
    with pytest.raises(AssertionError, match="validate accepted an invalid configuration"):
        check_provider(_LaxProvider, {}, tmp_path, lax)
