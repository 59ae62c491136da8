"""mlinfra.shapes: the configuration models' library, checked against pydantic.

The differential tests validate one corpus of good and bad inputs with a pydantic model
and with the equivalent shape, and compare the results: values when both accept, error
locations, types, messages and inputs when both refuse."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from typing import Any, Literal

import pydantic
import pytest

from mlinfra import shapes
from mlinfra.shapes import SecretStr, Shape, ShapeError, ValidationInfo, field, field_validator

# --- the same models, twice ---------------------------------------------------------


class PStep(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")

    estimator: str | None = pydantic.Field(default=None, description="Dotted path.")
    params: dict[str, Any] = pydantic.Field(default_factory=dict)
    command: list[str] | str | None = None
    interval: int | str | None = None
    instance_count: int = 1
    depends_on: list[str] = pydantic.Field(default_factory=list)


class PSearch(pydantic.BaseModel):
    """A search."""

    model_config = pydantic.ConfigDict(extra="forbid")

    method: Literal["grid", "random"] = "grid"
    params: dict[str, list[Any]] = pydantic.Field(min_length=1)
    n_iter: int = pydantic.Field(default=10, ge=1)
    cv: int = pydantic.Field(default=3, ge=2)


class PPipeline(pydantic.BaseModel):
    """A pipeline."""

    model_config = pydantic.ConfigDict(extra="forbid")

    tags: dict[str, str] = pydantic.Field(default_factory=dict, description="Labels.")
    step: dict[str, PStep] = pydantic.Field(min_length=1)
    metrics: list[str] = pydantic.Field(default_factory=list)
    gates: dict[str, float] = pydantic.Field(default_factory=dict)
    test_size: float = pydantic.Field(default=0.2, gt=0, lt=1)
    weight: float = pydantic.Field(default=100, ge=0, le=100)
    shadow: bool = False
    cross_validation: int | None = pydantic.Field(default=None, ge=2)
    search: PSearch | None = None
    names: list[str] | None = None


class SStep(Shape):
    estimator: str | None = field(default=None, description="Dotted path.")
    params: dict[str, Any] = field(default_factory=dict)
    command: list[str] | str | None = None
    interval: int | str | None = None
    instance_count: int = 1
    depends_on: list[str] = field(default_factory=list)


class SSearch(Shape):
    """A search."""

    method: Literal["grid", "random"] = "grid"
    params: dict[str, list[Any]] = field(min_length=1)
    n_iter: int = field(default=10, ge=1)
    cv: int = field(default=3, ge=2)


class SPipeline(Shape):
    """A pipeline."""

    tags: dict[str, str] = field(default_factory=dict, description="Labels.")
    step: dict[str, SStep] = field(min_length=1)
    metrics: list[str] = field(default_factory=list)
    gates: dict[str, float] = field(default_factory=dict)
    test_size: float = field(default=0.2, gt=0, lt=1)
    weight: float = field(default=100, ge=0, le=100)
    shadow: bool = False
    cross_validation: int | None = field(default=None, ge=2)
    search: SSearch | None = None
    names: list[str] | None = None


class PChecked(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")

    statistic: str | None = None
    threshold: float | None = None
    block: dict[str, Any] | None = None

    @pydantic.field_validator("statistic")
    @classmethod
    def _statistic(cls, v: str | None) -> str | None:
        if v is not None and v not in ("psi", "ks"):
            raise ValueError(f'unknown statistic "{v}"')
        return v

    @pydantic.field_validator("threshold")
    @classmethod
    def _threshold(cls, v: float | None, info: pydantic.ValidationInfo) -> float | None:
        if v is not None and info.data.get("statistic") == "ks" and v > 1:
            raise ValueError("a ks threshold is at most 1")
        return v

    @pydantic.field_validator("block", mode="before")
    @classmethod
    def _one(cls, v: Any) -> Any:
        return v[0] if isinstance(v, list) and len(v) == 1 else v


class SChecked(Shape):
    statistic: str | None = None
    threshold: float | None = None
    block: dict[str, Any] | None = None

    @field_validator("statistic")
    @classmethod
    def _statistic(cls, v: str | None) -> str | None:
        if v is not None and v not in ("psi", "ks"):
            raise ValueError(f'unknown statistic "{v}"')
        return v

    @field_validator("threshold")
    @classmethod
    def _threshold(cls, v: float | None, info: ValidationInfo) -> float | None:
        if v is not None and info.data.get("statistic") == "ks" and v > 1:
            raise ValueError("a ks threshold is at most 1")
        return v

    @field_validator("block", mode="before")
    @classmethod
    def _one(cls, v: Any) -> Any:
        return v[0] if isinstance(v, list) and len(v) == 1 else v


STEP = {"estimator": "sklearn.linear_model.LogisticRegression"}

PIPELINES: list[Any] = [
    {"step": {"fit": STEP}},
    {"step": {"fit": {**STEP, "params": {"C": 1}, "command": ["a", "b"], "interval": "5m", "instance_count": 2.0}}},
    {"step": {"fit": {"command": "run.sh", "interval": 30, "depends_on": ("a", "b")}}},
    {"step": {"fit": {"interval": 2.0}}, "test_size": "0.5", "weight": 50, "shadow": "true"},
    {"step": {"fit": {}}, "shadow": 1, "cross_validation": "3", "search": {"params": {"fit.C": [1, 2]}, "method": "random"}},
    {"step": {"fit": {}}, "gates": {"min_accuracy": 1, "max_rmse": "0.5"}, "names": None, "cross_validation": None},
    # bad
    {},
    {"step": {}},
    {"step": {"fit": 5}},
    {"step": {"fit": {"estimatr": "x", "instance_count": "two"}}},
    {"step": {"fit": {"command": 5, "interval": 1.5}}},
    {"step": {"fit": {"command": [1, "a"], "interval": ["x"]}}},
    {"step": {"fit": {"command": 5.0, "interval": None}}},
    {"step": {"fit": {"depends_on": "a", "params": []}}},
    {"step": {"fit": {}}, "test_size": 0, "weight": 101, "shadow": "maybe"},
    {"step": {"fit": {}}, "test_size": 1.0, "weight": -1, "shadow": 2},
    {"step": {"fit": {}}, "test_size": "x", "weight": None, "shadow": 0.5},
    {"step": {"fit": {}}, "cross_validation": 1, "search": {"params": {}, "method": "grid-ish", "cv": 1, "n_iter": 0}},
    {"step": {"fit": {}}, "cross_validation": 2.5, "search": {"method": "random"}},
    {"step": {"fit": {}}, "cross_validation": "2.0", "search": 3},
    {"step": {"fit": {}}, "cross_validation": float("nan"), "search": {"params": {"a": 1}}},
    {"step": {"fit": {}}, "gates": {"a": "x", "b": None, "c": True}, "metrics": ["a", 1, None]},
    {"step": {"fit": {}}, "tags": {"a": 1}, "metrics": "accuracy", "names": [1]},
    {"step": [STEP]},
    {"step": {"fit": {}}, "tags": ["a"], "extra": {"x": 1}, "other": 2},
    {"step": {"fit": {}}, "shadow": "YES", "cross_validation": True},
    {"step": {"fit": {"instance_count": " 4 ", "interval": "07"}}},
    {"step": {"fit": {"instance_count": "1_000"}}},
    {"step": {"fit": {"instance_count": "1e3"}}},
    5,
    None,
    ["step"],
]

CHECKED: list[Any] = [
    {},
    {"statistic": "psi", "threshold": 0.2},
    {"statistic": "ks", "threshold": 2},
    {"statistic": "chi", "threshold": 2},
    {"statistic": "chi", "threshold": "x"},
    {"statistic": 5, "threshold": 0.5},
    {"block": [{"a": 1}]},
    {"block": [{"a": 1}, {"b": 2}]},
    {"block": "x"},
]


def _outcome(model: Any, value: Any) -> tuple[str, Any]:
    instance, errors = shapes.check(model, value)
    if errors:
        # The twin classes' names differ by their first letter (SStep, PStep).
        return "errors", [
            (tuple(e["loc"]), e["type"], e["msg"].replace("instance of S", "instance of P"), _same(e["input"]))
            for e in errors
        ]
    return "value", instance.model_dump()


def _same(v: Any) -> Any:
    """Inputs compared as JSON (nan compared as a word)."""
    if isinstance(v, float) and math.isnan(v):
        return "nan"
    return json.loads(json.dumps(v, default=repr)) if not isinstance(v, float) else v


@pytest.mark.parametrize("value", PIPELINES, ids=[str(i) for i in range(len(PIPELINES))])
def test_a_shape_accepts_and_refuses_what_pydantic_does(value: Any) -> None:
    assert _outcome(SPipeline, value) == _outcome(PPipeline, value)


@pytest.mark.parametrize("value", CHECKED, ids=[str(i) for i in range(len(CHECKED))])
def test_validators_see_the_fields_before_them_and_report_value_errors_as_pydantic_does(value: Any) -> None:
    assert _outcome(SChecked, value) == _outcome(PChecked, value)


def test_every_error_is_reported_not_just_the_first() -> None:
    with pytest.raises(ShapeError) as e:
        SPipeline.model_validate({"step": {}, "test_size": 2, "nope": 1})
    assert [(x["loc"], x["type"]) for x in e.value.errors()] == [
        (("step",), "too_short"),
        (("test_size",), "less_than"),
        (("nope",), "extra_forbidden"),
    ]
    assert "3 validation errors for SPipeline" in str(e.value)


def test_messages_read_as_pydantics() -> None:
    _, errors = shapes.check(SPipeline, {"step": {"f": {}}, "search": {"params": {}, "method": "x", "cv": 1}})
    assert [e["msg"] for e in errors] == [
        "Input should be 'grid' or 'random'",
        "Dictionary should have at least 1 item after validation, not 0",
        "Input should be greater than or equal to 2",
    ]
    _, errors = shapes.check(SPipeline, {})
    assert errors[0]["msg"] == "Field required" and errors[0]["input"] == {}


def test_values_are_converted_and_defaults_filled() -> None:
    p = SPipeline.model_validate({"step": {"fit": {"instance_count": "3"}}, "shadow": "false", "test_size": 1 / 2})
    assert p.step["fit"].instance_count == 3 and p.shadow is False and p.test_size == 0.5
    assert p.tags == {} and p.search is None and p.weight == 100
    assert isinstance(p.step["fit"], SStep)
    assert p.model_dump()["step"] == {"fit": SStep.model_validate({"instance_count": 3}).model_dump()}
    # Mutable defaults are never shared between instances.
    a, b = SPipeline.model_validate({"step": {"x": {}}}), SPipeline.model_validate({"step": {"x": {}}})
    a.tags["k"] = "v"
    assert b.tags == {}


def test_model_fields_describe_each_field_as_pydantic_does() -> None:
    for name, pf in PPipeline.model_fields.items():
        sf = SPipeline.model_fields[name]
        assert sf.is_required() == pf.is_required(), name
        assert sf.description == pf.description, name
        if not pf.is_required():
            assert sf.get_default(call_default_factory=True) == pf.get_default(call_default_factory=True), name
        assert _named(sf.annotation).replace("SS", "PS") == _named(pf.annotation), name
    assert list(SPipeline.model_fields) == list(PPipeline.model_fields)
    assert SPipeline.model_fields["search"].annotation == SSearch | None


def _named(annotation: Any) -> str:
    return str(annotation).replace(f"{__name__}.", "")


def test_json_schema_matches_pydantics() -> None:
    def renamed(schema: dict[str, Any]) -> str:
        return json.dumps(schema, sort_keys=True).replace('"P', '"S').replace("/P", "/S")

    assert renamed(SPipeline.model_json_schema()) == renamed(PPipeline.model_json_schema())
    assert renamed(SChecked.model_json_schema()) == renamed(PChecked.model_json_schema())


class Secretive(Shape, extra="ignore"):
    secret: SecretStr | None = None
    mode: Literal["a"] = "a"


class Settings(Shape):
    inner: Secretive = field(default_factory=Secretive, description="Nested, with defaults.")


def test_secrets_extra_ignore_and_nested_defaults() -> None:
    s = Secretive.model_validate({"secret": "hunter2", "unknown": 1})
    assert isinstance(s.secret, SecretStr) and s.secret.get_secret_value() == "hunter2"
    assert "hunter2" not in repr(s) and "unknown" not in s.model_dump()
    assert Settings.model_validate({}).inner == Secretive()
    assert Secretive.model_json_schema()["properties"]["secret"]["anyOf"][0] == {
        "format": "password",
        "type": "string",
        "writeOnly": True,
    }
    assert "additionalProperties" not in Secretive.model_json_schema()
    assert Secretive.model_json_schema()["properties"]["mode"] == {"const": "a", "default": "a", "title": "Mode", "type": "string"}


def test_check_reads_errors_from_a_pydantic_model_too() -> None:
    _, errors = shapes.check(PSearch, {"params": {}})
    assert errors[0]["type"] == "too_short"
    assert shapes.is_model(PSearch) and shapes.is_model(SSearch) and not shapes.is_model(dict)
    with pytest.raises(ValueError, match="plain"):
        shapes.check(_Raises, {})


class _Raises:
    @staticmethod
    def model_validate(value: Any) -> Any:
        raise ValueError("plain")


def test_declaring_a_shape_defers_resolving_its_annotations() -> None:
    class Later(Shape):
        ref: NotDefinedYet  # type: ignore[name-defined]  # noqa: F821

    assert "_shape_compiled" not in Later.__dict__
    with pytest.raises(NameError):
        Later.model_fields  # noqa: B018


def test_the_core_and_the_cloud_providers_schemas_load_without_pydantic() -> None:
    """Checking a configuration against the kinds and the aws/gcp/azure blocks, and
    writing their JSON Schemas, import no pydantic (a third-party provider's pydantic
    block brings it along itself)."""
    probe = (
        "import sys\n"
        "from mlinfra.config import bodies, kinds\n"
        "from mlinfra import schemas\n"
        "from mlinfra.providers import crud, blocks\n"
        "from mlinfra_provider_aws import config as aws\n"
        "from mlinfra_provider_gcp import config as gcp\n"
        "from mlinfra_provider_azure import config as azure\n"
        "kinds.Endpoint.model_validate({'variant': {'a': {'model': 'm'}}})\n"
        "aws.parse_block(aws.EndpointBlock, {'aws': {'name': 'x'}})\n"
        "kinds.Monitor.model_json_schema()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the real models, against pydantic twins built from them ------------------------


def _twin(shape: type[Shape], made: dict[type, Any]) -> Any:
    """A pydantic model equivalent to ``shape``: the same fields, defaults, constraints
    and validators."""
    if shape in made:
        return made[shape]
    fields: dict[str, Any] = {}
    for name, info in shape.model_fields.items():
        kw = {k: getattr(info, k) for k in ("ge", "gt", "le", "lt", "min_length", "description") if getattr(info, k) is not None}
        if info.default_factory is not None:
            factory = info.default_factory
            kw["default_factory"] = _twin(factory, made) if isinstance(factory, type) and issubclass(factory, Shape) else factory
        elif not info.is_required():
            kw["default"] = info.default
        fields[name] = (_twin_type(info.annotation, made), pydantic.Field(**kw))
    compiled = shapes._compiled(shape)
    validators: dict[str, Any] = {}
    for mode, table in (("before", compiled.before), ("after", compiled.after)):
        for name, vals in table.items():
            for i, val in enumerate(vals):
                def run(cls: Any, v: Any, info: pydantic.ValidationInfo, val: Any = val) -> Any:
                    return val.func(shape, v, info) if val.takes_info else val.func(shape, v)

                validators[f"_{mode}_{name}_{i}"] = pydantic.field_validator(name, mode=mode)(classmethod(run))  # type: ignore[call-overload]
    extra: Any = shape.__shape_extra__
    made[shape] = pydantic.create_model(  # type: ignore[call-overload]
        shape.__name__, __config__=pydantic.ConfigDict(extra=extra), __validators__=validators, **fields
    )
    return made[shape]


def _twin_type(tp: Any, made: dict[type, Any]) -> Any:
    import functools
    import operator
    import typing

    if isinstance(tp, type) and issubclass(tp, Shape):
        return _twin(tp, made)
    if tp is SecretStr:
        return pydantic.SecretStr
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list:
        return list[_twin_type(args[0], made)]  # type: ignore[misc]
    if origin is dict:
        return dict[_twin_type(args[0], made), _twin_type(args[1], made)]  # type: ignore[misc]
    if args and origin is not Literal:
        return functools.reduce(operator.or_, [_twin_type(a, made) for a in args])
    return tp


def _plain(v: Any) -> Any:
    if isinstance(v, SecretStr | pydantic.SecretStr):
        return ("secret", v.get_secret_value())
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


SAMPLES: list[Any] = [None, "x", "true", "3", " 4 ", "2.0", 0, 1, 3, -1, 2.5, 150.0, True, False, [], ["a"], [1], {}, {"a": 1}, {"a": "b"}]


def _mutations(shape: type[Shape], base: dict[str, Any]) -> list[dict[str, Any]]:
    """``base`` with each field of each shape in it (nested ones too) set to each sample,
    and each field left out."""
    import typing

    out: list[dict[str, Any]] = []
    for name, info in shape.model_fields.items():
        out.extend({**base, name: s} for s in SAMPLES)
        out.append({k: v for k, v in base.items() if k != name})
        sub = base.get(name)
        members = [info.annotation, *typing.get_args(info.annotation)]
        for tp in members:
            if isinstance(tp, type) and issubclass(tp, Shape) and isinstance(sub, dict):
                out.extend({**base, name: m} for m in _mutations(tp, sub))
            if typing.get_origin(tp) is dict and isinstance(sub, dict) and sub:
                inner = typing.get_args(tp)[1]
                key, value = next(iter(sub.items()))
                if isinstance(inner, type) and issubclass(inner, Shape) and isinstance(value, dict):
                    out.extend({**base, name: {**sub, key: m}} for m in _mutations(inner, value))
    return out


def _real_models() -> list[tuple[str, type[Shape], dict[str, Any]]]:
    from mlinfra_provider_aws import config as aws
    from mlinfra_provider_azure import config as azure
    from mlinfra_provider_gcp import config as gcp

    from mlinfra.config import kinds

    bases: dict[str, dict[str, Any]] = {
        "dataset": {"source": "s"},
        "pipeline": {"step": {"fit": {"estimator": "e"}}, "search": {"params": {"fit.C": [1]}}},
        "model": {"artifact": "a", "registry": {"group": "g"}},
        "endpoint": {"variant": {"a": {"model": "m"}}, "autoscaling": {}, "rollout": {}, "data_capture": {}},
        "monitor": {"endpoint": "e", "baseline": "b", "drift": {"statistic": "ks"}, "feature": {"f": {}}, "quality": {"labels": "l"}},
    }
    out: list[tuple[str, type[Shape], dict[str, Any]]] = [(k, m, bases[k]) for k, m in kinds.KIND_MODELS.items()]
    for module in (aws, gcp, azure):
        for name in ("ProviderConfig", "ModelBlock", "EndpointBlock", "PipelineBlock", "MonitorBlock", "DatasetBlock"):
            block = getattr(module, name, None)
            if block is not None:
                base = {"assume_role": {"role_arn": "r"}} if "assume_role" in block.model_fields else {}
                out.append((f"{module.__name__.split('.')[0]}.{name}", block, base))
    return out


@pytest.mark.parametrize("label,shape,base", _real_models(), ids=[m[0] for m in _real_models()])
def test_the_real_models_accept_and_refuse_what_their_pydantic_twins_do(label: str, shape: type[Shape], base: dict[str, Any]) -> None:
    twin = _twin(shape, {})
    cases = [base, *_mutations(shape, base)]
    assert len(cases) > 20
    for value in cases:
        got, want = _outcome(shape, value), _outcome(twin, value)
        if got[0] == "value" and want[0] == "value":
            got, want = ("value", _plain(got[1])), ("value", _plain(want[1]))
        else:
            want = (want[0], [(loc, t, m.replace(f"instance of {twin.__name__}", f"instance of {shape.__name__}"), i) for loc, t, m, i in want[1]]) if want[0] == "errors" else want
        assert got == want, value


class _Base(Shape):
    n: int | None = field(default=None, ge=0, description="A count.")


class _Narrowed(_Base):
    n: int  # type: ignore[assignment]


def test_a_subclass_redeclares_a_field_without_changing_its_base() -> None:
    assert _Narrowed.model_fields["n"].annotation is int  # compiled first
    assert _Base.model_fields["n"].annotation == int | None and _Base.model_fields["n"].description == "A count."
    assert _Base.model_validate({"n": None}).n is None
    with pytest.raises(ShapeError):
        _Narrowed.model_validate({"n": None})
    assert _Base.model_fields["n"] is not _Narrowed.model_fields["n"]


class SOne(Shape):
    n: int | None = None


class STwo(Shape):
    n: int | None = None
    s: str = ""


def test_an_annotation_a_module_repeats_is_evaluated_once_and_checks_the_same() -> None:
    assert SOne.model_validate({"n": 3}).n == 3 and STwo.model_validate({"n": None, "s": "x"}).s == "x"
    assert shapes._ANNOTATIONS[(__name__, "int | None")] == (int | None)
    for cls in (SOne, STwo):
        with pytest.raises(ShapeError):
            cls.model_validate({"n": "three"})
