"""The loader's copy of a resource block with its provider and dependencies filled in
is what ``dataclasses.replace`` makes."""

from __future__ import annotations

from dataclasses import fields, replace

from mlinfra.addrs import Address
from mlinfra.config import loader
from mlinfra.config.model import Lifecycle, ResourceBlock
from mlinfra.config.syntax import Attribute, Body, Literal
from mlinfra.diagnostics import SourceRange


def test_resolved_is_replace_of_provider_and_dependencies() -> None:
    rng = SourceRange("main.hcl", 1, 1, 9, 2)
    attr = Attribute("count", Literal(2, rng), rng, rng)
    block = ResourceBlock(
        kind="model", name="m", provider="", provider_range=rng, body=Body({}, (), rng, ()), count=attr,
        for_each=None, depends_on=(Address("dataset", "d"),), lifecycle=Lifecycle(), range=rng,
        dependencies=frozenset({"old.x"}), depends_on_ranges=(rng,), module=("a",),
        retrain_on=(Address("monitor", "w"),), retrain_on_ranges=(rng,),
    )  # fmt: skip
    out = loader.resolved(block, "aws.eu", frozenset({"dataset.d"}))
    assert out == replace(block, provider="aws.eu", dependencies=frozenset({"dataset.d"}))
    for f in fields(ResourceBlock):
        if f.name not in ("provider", "dependencies"):
            assert getattr(out, f.name) is getattr(block, f.name), f.name
