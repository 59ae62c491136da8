"""The conformance suite passes for the core's fake provider, and catches a broken one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from fakeprovider import FakeProvider  # noqa: E402

from mlinfra.providers.conformance import ConformanceCase, check_provider  # noqa: E402


def test_fake_provider_conforms(tmp_path: Path) -> None:
    check_provider(
        FakeProvider,
        {},
        tmp_path,
        [
            ConformanceCase("dataset", {"source": "fake://d", "tags": {}}, {"source": "fake://d2", "tags": {}}),
            ConformanceCase("model", {"artifact": "fake://a", "tags": {}}),
        ],
    )


class _ForgetfulProvider(FakeProvider):
    """Reads back something other than what it created."""

    def read(self, req: Any) -> Any:
        resp = super().read(req)
        if resp.attributes is not None:
            resp.attributes = {**resp.attributes, "source": "changed"}
        return resp


def test_conformance_catches_a_provider_whose_read_differs(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="read differs"):
        check_provider(_ForgetfulProvider, {}, tmp_path, [ConformanceCase("dataset", {"source": "fake://d"})])
