"""The policy tests' plans use endpoints priced as SageMaker's: the fake provider under
the name "aws"."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from fakeprovider import FakeProvider  # noqa: E402

from mlinfra.providers import registry  # noqa: E402


class _PricedFake(FakeProvider):
    name = "aws"


@pytest.fixture(autouse=True)
def priced() -> Iterator[None]:
    registry.register("aws", _PricedFake)
    yield
    registry.unregister("aws")
