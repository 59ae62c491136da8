"""``CrudProvider.lazy_handlers``: a kind's light class serves the schema and validate;
the handler it names is imported on the first read, plan or change of that kind, once,
and a handler that cannot be loaded is an error on the resource, not a crash."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlinfra.providers import CrudProvider
from mlinfra.providers.protocol import (
    PlanRequest,
    ReadRequest,
    UpgradeStateRequest,
    ValidateRequest,
)

KINDS = '''
from mlinfra import diagnostics as d
from mlinfra.providers import Resource


class DatasetKind(Resource):
    kind = "dataset"
    extra_outputs = ("rows",)

    def validate(self, address, config):
        if config.get("source") == "bad":
            return [d.error("Bad source", "not this one", address=address)]
        return []


class ModelKind(Resource):
    kind = "model"
'''

HANDLER = '''
from mlinfra.providers.protocol import PlanResponse
from {kinds} import DatasetKind

LOADS = []
LOADS.append(1)


class DatasetHandler(DatasetKind):
    def read(self, address, state):
        return {{**state, "rows": 3}}

    def plan(self, address, prior, config):
        return PlanResponse(planned={{**config, "id": "d", "rows": 3}})

    def upgrade(self, version, attributes):
        return {{**attributes, "upgraded": True}}


class NotAKind:
    pass
'''


@pytest.fixture
def module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The name of a module holding the dataset handler (not imported yet), beside one
    holding the kinds' light classes, each under a name of its own."""
    suffix = tmp_path.name.replace("-", "_")
    kinds, handler = f"lazy_kinds_{suffix}", f"lazy_handler_{suffix}"
    (tmp_path / f"{kinds}.py").write_text(KINDS)
    (tmp_path / f"{handler}.py").write_text(HANDLER.format(kinds=kinds))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield handler
    sys.modules.pop(handler, None)
    sys.modules.pop(kinds, None)


def provider(module: str, handlers: dict[str, str]) -> CrudProvider:
    kinds = importlib.import_module(module.replace("lazy_handler_", "lazy_kinds_"))

    class Lazy(CrudProvider):
        name = "lazy"
        protocol_version = 1
        resources = (kinds.DatasetKind, kinds.ModelKind)
        lazy_handlers = handlers

    return Lazy()


def test_schema_and_validate_use_the_light_class(module: str) -> None:
    p = provider(module, {"dataset": f"{module}:DatasetHandler"})
    schema = p.schema()
    assert schema.kinds["dataset"].outputs[-1] == "rows"
    bad = p.validate(ValidateRequest("dataset", "dataset.d", {"source": "bad"}))
    assert [x.summary for x in bad.diagnostics] == ["Bad source"]
    assert module not in sys.modules


def test_the_handler_is_imported_on_first_use_and_kept(module: str) -> None:
    p = provider(module, {"dataset": f"{module}:DatasetHandler"})
    planned = p.plan(PlanRequest("dataset", "dataset.d", None, {"source": "s"}))
    assert planned.planned["rows"] == 3 and not planned.diagnostics.has_errors
    loaded = sys.modules[module]
    read = p.read(ReadRequest("dataset", "dataset.d", "d", {"id": "d"}))
    assert read.attributes == {"id": "d", "rows": 3}
    assert p.upgrade_state(UpgradeStateRequest("dataset", 0, {"id": "d"})).attributes["upgraded"]
    assert loaded.LOADS == [1] and type(p.handlers["dataset"]).__name__ == "DatasetHandler"
    # The validate rules are the light class's, inherited.
    assert p.validate(ValidateRequest("dataset", "dataset.d", {"source": "bad"})).diagnostics.has_errors
    # A kind without a lazy handler is served by the class listed.
    assert type(p.handlers["model"]).__name__ == "ModelKind"


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("{module}:NotAKind", "not a subclass of DatasetKind"),
        ("{module}:Missing", "Missing"),
        ("lazy_handler_no_such_module:X", "No module named"),
    ],
)
def test_a_handler_that_cannot_be_loaded_is_an_error_on_the_resource(module: str, target: str, words: str) -> None:
    p = provider(module, {"dataset": target.format(module=module)})
    resp = p.read(ReadRequest("dataset", "dataset.d", "d", {"id": "d"}))
    (err,) = resp.diagnostics.errors
    assert err.summary == 'Provider "lazy" cannot load its dataset handler'
    assert words in err.detail and err.address == "dataset.d"
    # The schema and validate still answer.
    assert "dataset" in p.schema().kinds
    assert not p.validate(ValidateRequest("dataset", "dataset.d", {"source": "s"})).diagnostics
