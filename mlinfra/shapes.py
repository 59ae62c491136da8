"""Shapes: small typed models of configuration blocks, checked the way pydantic checks them.

The portable kinds and the providers' blocks are declared as classes with annotations::

    class Variant(Shape):
        model: str = field(description="The model to serve.")
        weight: float = field(default=100, ge=0)

Declaring a class costs no more than any class: its annotations are resolved and its
checks compiled on first use, once, and cached in the class. ``Variant.model_validate``
takes the plain values HCL produces and follows pydantic's lax mode for them (an int
accepts integral floats and numeric strings, a bool "true" or 1, a str only a str), and
raises ``ShapeError`` whose ``errors()`` are pydantic-shaped dicts (``type``, ``loc``,
``msg``, ``input``, ``ctx``) with pydantic's type names and messages, every error found
rather than the first. ``model_fields`` and ``model_json_schema()`` answer as pydantic's
do, so code that reads a model works with both (``ModelClass``; ``check`` validates
with either and returns the errors).

Supported types: str, int, float, bool, Any, ``SecretStr``, ``Literal[...]``, nested
shapes, ``list[X]``, ``dict[str, X]``, ``X | None`` and unions of these. Extra inputs
are forbidden unless a class says ``class X(Shape, extra="ignore")`` (or "allow").
"""

from __future__ import annotations

import copy
import math
import sys
import threading
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal, Protocol, TypeVar, Union

__all__ = [
    "MISSING",
    "FieldInfo",
    "ModelClass",
    "SecretStr",
    "Shape",
    "ShapeError",
    "ValidationInfo",
    "check",
    "field",
    "field_validator",
    "is_model",
]

ErrorDict = dict[str, Any]
Loc = tuple[str | int, ...]
_F = TypeVar("_F")
_S = TypeVar("_S", bound="Shape")


class _Missing:
    """No default: the field is required."""

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
_BAD: Any = object()  # a check failed; its errors are in the list


class ShapeError(ValueError):
    """A value does not fit a shape; ``errors()`` lists every problem found."""

    def __init__(self, title: str, errors: list[ErrorDict]) -> None:
        self.title = title
        self._errors = errors
        super().__init__(self._text())

    def errors(self) -> list[ErrorDict]:
        return [dict(e) for e in self._errors]

    def error_count(self) -> int:
        return len(self._errors)

    def _text(self) -> str:
        n = len(self._errors)
        lines = [f"{n} validation error{'s' if n != 1 else ''} for {self.title}"]
        for e in self._errors:
            lines.append(".".join(str(x) for x in e["loc"]) or self.title)
            lines.append(f"  {e['msg']} [type={e['type']}, input_value={e['input']!r}]")
        return "\n".join(lines)


class SecretStr:
    """A string kept out of reprs and dumps; ``get_secret_value()`` reads it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "SecretStr('**********')" if self._value else "SecretStr('')"

    def __str__(self) -> str:
        return "**********" if self._value else ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretStr) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class FieldInfo:
    """One field of a shape, as pydantic's ``FieldInfo`` describes it."""

    __slots__ = ("annotation", "default", "default_factory", "description", "ge", "gt", "le", "lt", "min_length")

    annotation: Any
    default: Any
    default_factory: Callable[[], Any] | None
    description: str | None
    ge: float | None
    gt: float | None
    le: float | None
    lt: float | None
    min_length: int | None

    def is_required(self) -> bool:
        return self.default is MISSING and self.default_factory is None

    def get_default(self, *, call_default_factory: bool = False) -> Any:
        if self.default_factory is not None:
            return self.default_factory() if call_default_factory else None
        return self.default

    def __repr__(self) -> str:
        return f"FieldInfo(annotation={self.annotation!r}, required={self.is_required()})"


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | None = None,
    description: str | None = None,
    ge: float | None = None,
    gt: float | None = None,
    le: float | None = None,
    lt: float | None = None,
    min_length: int | None = None,
) -> Any:
    """A field's default and constraints (typed Any, so ``x: int = field(default=1)`` checks)."""
    info = FieldInfo()
    info.annotation = None
    info.default, info.default_factory, info.description = default, default_factory, description
    info.ge, info.gt, info.le, info.lt, info.min_length = ge, gt, le, lt, min_length
    return info


class ValidationInfo:
    """What a validator sees besides the value: the fields validated before this one."""

    __slots__ = ("data", "field_name")

    def __init__(self, data: dict[str, Any], field_name: str) -> None:
        self.data = data
        self.field_name = field_name


class _Validator:
    __slots__ = ("fields", "func", "mode", "takes_info")

    def __init__(self, fields: tuple[str, ...], mode: str, func: Callable[..., Any]) -> None:
        self.fields, self.mode, self.func = fields, mode, func
        self.takes_info = func.__code__.co_argcount >= 3


def field_validator(*fields: str, mode: Literal["before", "after"] = "after") -> Callable[[_F], _F]:
    """Check or convert fields: ``f(cls, value)`` or ``f(cls, value, info)``, with or
    without ``@classmethod`` underneath. "before" runs on the input as written, "after"
    on the converted value; a ValueError becomes a "Value error, ..." error."""

    def wrap(func: _F) -> _F:
        fn: Any = func.__func__ if isinstance(func, classmethod) else func
        marker: Any = _Validator(fields, mode, fn)
        return typing.cast(_F, marker)

    return wrap


class _FieldsDescriptor:
    def __get__(self, obj: object, owner: type[Shape]) -> dict[str, FieldInfo]:
        return _compiled(owner).fields


class Shape:
    """Base of shapes; subclasses declare fields with annotations."""

    __shape_extra__: ClassVar[str] = "forbid"
    model_fields = _FieldsDescriptor()

    def __init_subclass__(cls, extra: Literal["forbid", "ignore", "allow"] | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if extra is not None:
            cls.__shape_extra__ = extra

    def __init__(self, **data: Any) -> None:
        errors: list[ErrorDict] = []
        out = _validate_fields(type(self), data, (), errors)
        if errors:
            raise ShapeError(type(self).__name__, errors)
        self.__dict__.update(out)

    @classmethod
    def model_validate(cls: type[_S], obj: Any) -> _S:
        errors: list[ErrorDict] = []
        out = _validate_model(cls, obj, (), errors)
        if errors:
            raise ShapeError(cls.__name__, errors)
        result: _S = out
        return result

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        defs: dict[str, Any] = {}
        schema = _model_schema(cls, defs)
        return {"$defs": defs, **schema} if defs else schema

    def model_dump(self) -> dict[str, Any]:
        return {k: _dump(v) for k, v in self.__dict__.items()}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({args})"


class ModelClass(Protocol):
    """What the core needs of a block's model: a shape, or a pydantic model a provider
    not shipped here declares (``model_validate`` raising an error with ``errors()``)."""

    @property
    def model_fields(self) -> Mapping[str, Any]: ...

    def model_validate(self, obj: Any) -> Any: ...

    def model_json_schema(self) -> dict[str, Any]: ...


def is_model(x: Any) -> bool:
    """A shape class or a pydantic model class."""
    return isinstance(x, type) and hasattr(x, "model_fields") and hasattr(x, "model_validate")


def check(model: Any, value: Any) -> tuple[Any, list[ErrorDict]]:
    """``(instance, [])`` or ``(None, errors)``: validate with a shape or with a model that
    follows pydantic's interface, without importing pydantic."""
    try:
        return model.model_validate(value), []
    except ShapeError as e:
        return None, e.errors()
    except ValueError as e:
        errors = getattr(e, "errors", None)
        if not callable(errors):
            raise
        return None, [dict(x) for x in errors()]


def _dump(v: Any) -> Any:
    if isinstance(v, Shape):
        return v.model_dump()
    if isinstance(v, dict):
        return {k: _dump(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_dump(x) for x in v]
    return v


# --- compiling a class, once --------------------------------------------------------

_Check = Callable[[Any, Loc, list[ErrorDict], bool], Any]


class _Compiled:
    __slots__ = ("after", "before", "extra", "fields", "owner", "plan")

    def __init__(self, owner: type[Shape]) -> None:
        self.owner = owner
        self.fields: dict[str, FieldInfo] = {}
        self.before: dict[str, list[_Validator]] = {}
        self.after: dict[str, list[_Validator]] = {}
        self.extra = "forbid"
        # Per field: name, info, check, the input types it keeps as they are (no check
        # needed), before validators, after validators.
        self.plan: list[tuple[str, FieldInfo, _Check, frozenset[type], tuple[_Validator, ...], tuple[_Validator, ...]]] = []


_LOCK = threading.RLock()
# (module, annotation text) -> the type it names, for the classes compiled so far.
_ANNOTATIONS: dict[tuple[str, str], Any] = {}


def _compiled(cls: type[Shape]) -> _Compiled:
    c: _Compiled | None = getattr(cls, "_shape_compiled", None)
    if c is None or c.owner is not cls:  # none yet, or a base class's
        with _LOCK:
            c = cls.__dict__.get("_shape_compiled")
            if c is None:
                c = _compile_class(cls)
                cls._shape_compiled = c  # type: ignore[attr-defined]
    return c


def _compile_class(cls: type[Shape]) -> _Compiled:
    c = _Compiled(cls)
    c.extra = cls.__shape_extra__
    for base in reversed(cls.__mro__):
        if base is Shape or not issubclass(base, Shape):
            continue
        ns = vars(sys.modules[base.__module__]) if base.__module__ in sys.modules else {}
        for name, ann in base.__dict__.get("__annotations__", {}).items():
            if name.startswith("_"):
                continue
            if isinstance(ann, str):  # a module's classes repeat their annotations: each is evaluated once
                key = (base.__module__, ann)
                tp = _ANNOTATIONS[key] if key in _ANNOTATIONS else _ANNOTATIONS.setdefault(key, eval(ann, ns, {}))  # noqa: S307 - the class's own annotation
            else:
                tp = ann
            if typing.get_origin(tp) is ClassVar or tp is ClassVar:
                continue
            raw = base.__dict__.get(name, MISSING)
            if isinstance(raw, FieldInfo):
                info = copy.copy(raw)  # each class's own: a subclass may annotate it anew
            elif name in base.__dict__:
                info = field(default=raw)
            elif name in c.fields:
                info = copy.copy(c.fields[name])
            else:
                info = field()
            info.annotation = tp
            c.fields[name] = info
        for attr in base.__dict__.values():
            if isinstance(attr, _Validator):
                for name in attr.fields:
                    (c.before if attr.mode == "before" else c.after).setdefault(name, []).append(attr)
    for name, info in c.fields.items():
        unconstrained = info.ge is None and info.gt is None and info.le is None and info.lt is None and info.min_length is None
        kept = _kept_types(info.annotation) if unconstrained else frozenset()
        check = _constrained(_compile(info.annotation), info)
        c.plan.append((name, info, check, kept, tuple(c.before.get(name, ())), tuple(c.after.get(name, ()))))
    return c


_MUTABLE = frozenset({list, dict, set})
_EXACT = {str: str, int: int, float: float, bool: bool, type(None): type(None)}


def _kept_types(tp: Any) -> frozenset[type]:
    """The input types a value of ``tp`` passes through unchanged (a str for str, None
    for an optional field): the fast path that skips the check."""
    if tp in _EXACT:
        return frozenset({_EXACT[tp]})
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = typing.get_args(tp)
        if all(a in _EXACT for a in args):
            return frozenset(_EXACT[a] for a in args)
        if type(None) in args:
            return frozenset({type(None)})
    return frozenset()


def _compile(tp: Any) -> _Check:
    if tp is Any or tp is object:
        return _any
    if tp is str:
        return _str
    if tp is bool:
        return _bool
    if tp is int:
        return _int
    if tp is float:
        return _float
    if tp is SecretStr:
        return _secret
    if tp is type(None) or tp is None:
        return _none
    if isinstance(tp, type) and issubclass(tp, Shape):
        return lambda v, loc, errors, strict: _validate_model(tp, v, loc, errors)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Literal:
        return _literal(args)
    if origin is list:
        return _list(_compile(args[0]) if args else _any)
    if origin is dict:
        return _dict(_compile(args[0]) if args else _any, _compile(args[1]) if args else _any)
    if origin in (Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        inner = _compile(members[0]) if len(members) == 1 else _union([(_tag(a), _compile(a)) for a in members])
        if len(members) == len(args):
            return inner
        return lambda v, loc, errors, strict: None if v is None else inner(v, loc, errors, strict)
    raise TypeError(f"shapes cannot check values of type {tp!r}")


def _tag(tp: Any) -> str:
    """pydantic's name of a union member, used in error locations."""
    if isinstance(tp, type) and tp not in (list, dict):
        return tp.__name__
    if tp is Any:
        return "any"
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Literal:
        return "literal[" + ",".join(repr(a) for a in args) + "]"
    if origin in (list, dict):
        return f"{origin.__name__}[{','.join(_tag(a) for a in args)}]"
    return str(tp)


def _err(kind: str, loc: Loc, msg: str, value: Any, ctx: dict[str, Any] | None = None) -> ErrorDict:
    e: ErrorDict = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx is not None:
        e["ctx"] = ctx
    return e


def _any(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
    return v


def _none(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
    if v is None:
        return None
    errors.append(_err("none_required", loc, "Input should be None", v))
    return _BAD


def _str(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
    if isinstance(v, str):
        return v
    if not strict and isinstance(v, bytes | bytearray):
        try:
            return bytes(v).decode()
        except UnicodeDecodeError:
            pass
    errors.append(_err("string_type", loc, "Input should be a valid string", v))
    return _BAD


def _secret(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
    if isinstance(v, SecretStr):
        return v
    s = _str(v, loc, errors, strict)
    return _BAD if s is _BAD else SecretStr(s)


_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def _bool(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
    if isinstance(v, bool):
        return v
    if not strict:
        if isinstance(v, int | float) and v in (0, 1):
            return bool(v)
        if isinstance(v, str):
            low = v.lower()
            if low in _TRUE or low in _FALSE:
                return low in _TRUE
        if isinstance(v, int | str) or isinstance(v, float) and v.is_integer():
            errors.append(_err("bool_parsing", loc, "Input should be a valid boolean, unable to interpret input", v))
            return _BAD
    errors.append(_err("bool_type", loc, "Input should be a valid boolean", v))
    return _BAD


def _int(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if strict:
        errors.append(_err("int_type", loc, "Input should be a valid integer", v))
        return _BAD
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            errors.append(_err("finite_number", loc, "Input should be a finite number", v))
            return _BAD
        if v.is_integer():
            return int(v)
        errors.append(_err("int_from_float", loc, "Input should be a valid integer, got a number with a fractional part", v))
        return _BAD
    if isinstance(v, str | bytes | bytearray):
        s = (v.decode(errors="replace") if isinstance(v, bytes | bytearray) else v).strip()
        whole, dot, frac = s.partition(".")
        try:
            if dot and frac.strip("0") == "" and whole.lstrip("+-").isdigit():
                return int(whole)
            return int(s)
        except ValueError:
            errors.append(_err("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", v))
            return _BAD
    errors.append(_err("int_type", loc, "Input should be a valid integer", v))
    return _BAD


def _float(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
    if isinstance(v, float):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    if not strict:
        if isinstance(v, bool):
            return float(v)
        if isinstance(v, str | bytes | bytearray):
            try:
                return float(v.strip())
            except ValueError:
                errors.append(_err("float_parsing", loc, "Input should be a valid number, unable to parse string as a number", v))
                return _BAD
    errors.append(_err("float_type", loc, "Input should be a valid number", v))
    return _BAD


def _literal(values: tuple[Any, ...]) -> _Check:
    reprs = [repr(x) for x in values]
    expected = reprs[0] if len(reprs) == 1 else ", ".join(reprs[:-1]) + " or " + reprs[-1]
    allowed = {(type(x), x) for x in values}

    def check(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
        try:
            if (type(v), v) in allowed:
                return v
        except TypeError:  # unhashable input
            pass
        errors.append(_err("literal_error", loc, f"Input should be {expected}", v, {"expected": expected}))
        return _BAD

    return check


def _list(item: _Check) -> _Check:
    def check(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
        if not (isinstance(v, list) or not strict and isinstance(v, tuple | set | frozenset)):
            errors.append(_err("list_type", loc, "Input should be a valid list", v))
            return _BAD
        out = []
        ok = True
        for i, x in enumerate(v):
            y = x if type(x) is str and item is _str else item(x, (*loc, i), errors, strict)
            if y is _BAD:
                ok = False
            out.append(y)
        return out if ok else _BAD

    return check


def _dict(key: _Check, value: _Check) -> _Check:
    def check(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
        if type(v) is not dict and not isinstance(v, Mapping):
            errors.append(_err("dict_type", loc, "Input should be a valid dictionary", v))
            return _BAD
        out = {}
        ok = True
        for k, x in v.items():
            kk = k if type(k) is str and key is _str else key(k, (*loc, k, "[key]"), errors, strict)
            out[kk] = xx = value(x, (*loc, k), errors, strict)
            if kk is _BAD or xx is _BAD:
                ok = False
        return out if ok else _BAD

    return check


def _union(members: list[tuple[str, _Check]]) -> _Check:
    def check(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
        # pydantic's smart mode: an exact (strict) match first, then the first lax one.
        for mode in (True, False) if not strict else (True,):
            for _, member in members:
                scratch: list[ErrorDict] = []
                out = member(v, loc, scratch, mode)
                if not scratch:
                    return out
        for tag, member in members:
            member(v, (*loc, tag), errors, strict)
        return _BAD

    return check


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_NUMBERS = frozenset({int, float})
_SIZED = frozenset({str, list, dict})
_BOUNDS = {
    "gt": ("greater_than", "greater than"),
    "ge": ("greater_than_equal", "greater than or equal to"),
    "lt": ("less_than", "less than"),
    "le": ("less_than_equal", "less than or equal to"),
}


def _constrained(inner: _Check, info: FieldInfo) -> _Check:
    ge, gt, le, lt, min_length = info.ge, info.gt, info.le, info.lt, info.min_length
    if ge is None and gt is None and le is None and lt is None and min_length is None:
        return inner

    def check(v: Any, loc: Loc, errors: list[ErrorDict], strict: bool) -> Any:
        out = inner(v, loc, errors, strict)
        if out is _BAD or out is None:
            return out
        if type(out) in _NUMBERS:
            for bound, key, passed in (
                (gt, "gt", gt is None or out > gt),
                (ge, "ge", ge is None or out >= ge),
                (lt, "lt", lt is None or out < lt),
                (le, "le", le is None or out <= le),
            ):
                if not passed:
                    kind, text = _BOUNDS[key]
                    errors.append(_err(kind, loc, f"Input should be {text} {bound}", v, {key: bound}))
                    return _BAD
        if min_length is not None and type(out) in _SIZED and len(out) < min_length:
            if isinstance(out, str):
                msg = f"String should have at least {_plural(min_length, 'character')}"
                errors.append(_err("string_too_short", loc, msg, v, {"min_length": min_length}))
            else:
                what = "List" if isinstance(out, list) else "Dictionary"
                msg = f"{what} should have at least {_plural(min_length, 'item')} after validation, not {len(out)}"
                ctx = {"field_type": what, "min_length": min_length, "actual_length": len(out)}
                errors.append(_err("too_short", loc, msg, v, ctx))
            return _BAD
        return out

    return check


def _run_validator(
    cls: type, val: _Validator, v: Any, raw: Any, data: dict[str, Any], name: str, loc: Loc, errors: list[ErrorDict]
) -> Any:
    """``val`` applied to ``v``; an error reports ``raw``, the field's input as written."""
    try:
        return val.func(cls, v, ValidationInfo(data, name)) if val.takes_info else val.func(cls, v)
    except ValueError as e:
        errors.append(_err("value_error", loc, f"Value error, {e}", raw, {"error": e}))
    except AssertionError as e:
        errors.append(_err("assertion_error", loc, f"Assertion failed, {e}", raw, {"error": e}))
    return _BAD


def _validate_fields(cls: type[Shape], value: Mapping[Any, Any], loc: Loc, errors: list[ErrorDict]) -> Any:
    """The fields' values (defaults filled in), or _BAD when any is in error."""
    c = _compiled(cls)
    data: dict[str, Any] = {}
    ok = True
    for name, info, check, kept, before, after in c.plan:
        v = raw = value.get(name, MISSING)
        if v is MISSING:
            if info.default_factory is not None:
                data[name] = info.default_factory()
            elif info.default is MISSING:
                errors.append(_err("missing", (*loc, name), "Field required", value))
                ok = False
            else:
                d = info.default
                data[name] = copy.deepcopy(d) if type(d) in _MUTABLE else d
            continue
        if type(v) in kept and not before and not after:
            data[name] = v
            continue
        where = (*loc, name)
        for val in before:
            v = _run_validator(cls, val, v, raw, data, name, where, errors)
            if v is _BAD:
                break
        if v is not _BAD:
            v = check(v, where, errors, False)
        if v is not _BAD:
            for val in after:
                v = _run_validator(cls, val, v, raw, data, name, where, errors)
                if v is _BAD:
                    break
        if v is _BAD:
            ok = False
        else:
            data[name] = v
    if c.extra != "ignore":
        fields = c.fields
        for k in value:
            if k not in fields:
                if c.extra == "forbid":
                    errors.append(_err("extra_forbidden", (*loc, k), "Extra inputs are not permitted", value[k]))
                    ok = False
                else:
                    data[k] = value[k]
    return data if ok else _BAD


def _validate_model(cls: type[Shape], value: Any, loc: Loc, errors: list[ErrorDict]) -> Any:
    if isinstance(value, cls):
        return value
    if type(value) is not dict and not isinstance(value, Mapping):
        msg = f"Input should be a valid dictionary or instance of {cls.__name__}"
        errors.append(_err("model_type", loc, msg, value, {"class_name": cls.__name__}))
        return _BAD
    data = _validate_fields(cls, value, loc, errors)
    if data is _BAD:
        return _BAD
    obj = object.__new__(cls)
    obj.__dict__ = data
    return obj


# --- JSON Schema, as pydantic writes it ---------------------------------------------


def _model_schema(cls: type[Shape], defs: dict[str, Any]) -> dict[str, Any]:
    c = _compiled(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for name, info in c.fields.items():
        s = _constraints(_type_schema(info.annotation, defs), info)
        if not ("$ref" in s or any("$ref" in x for x in s.get("anyOf", ()))):
            s["title"] = name.replace("_", " ").title()
        if info.is_required():
            required.append(name)
        elif info.default_factory is None:
            s["default"] = _dump(info.default)
        if info.description is not None:
            s["description"] = info.description
        props[name] = s
    out: dict[str, Any] = {}
    if c.extra == "forbid":
        out["additionalProperties"] = False
    if cls.__doc__:
        import inspect  # only where schemas are written

        out["description"] = inspect.cleandoc(cls.__doc__)
    out["properties"] = props
    if required:
        out["required"] = required
    out["title"] = cls.__name__
    out["type"] = "object"
    return out


_SIMPLE = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if tp is Any:
        return {}
    if tp in _SIMPLE:
        return {"type": _SIMPLE[tp]}
    if tp is SecretStr:
        return {"format": "password", "type": "string", "writeOnly": True}
    if isinstance(tp, type) and issubclass(tp, Shape):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # reserved while nested shapes are added
            defs[tp.__name__] = _model_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Literal:
        kinds = {_SIMPLE.get(type(a)) for a in args}
        out: dict[str, Any] = {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
        if len(kinds) == 1 and None not in kinds:
            out["type"] = kinds.pop()
        return out
    if origin is list:
        return {"items": _type_schema(args[0], defs) if args else {}, "type": "array"}
    if origin is dict:
        value = _type_schema(args[1], defs) if args else {}
        return {"additionalProperties": value or True, "type": "object"}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_type_schema(a, defs) for a in args]}
    raise TypeError(f"shapes cannot describe values of type {tp!r}")


def _constraints(schema: dict[str, Any], info: FieldInfo) -> dict[str, Any]:
    """The field's constraints, on the part of the schema that is not null."""
    target = schema
    if "anyOf" in schema:
        typed = [s for s in schema["anyOf"] if s != {"type": "null"}]
        if len(typed) != 1:
            return schema
        target = typed[0]
    kind = target.get("type")
    if kind in ("integer", "number"):
        for key, value in (("minimum", info.ge), ("exclusiveMinimum", info.gt), ("maximum", info.le), ("exclusiveMaximum", info.lt)):
            if value is not None:
                target[key] = value
    if info.min_length is not None:
        length = {"string": "minLength", "array": "minItems", "object": "minProperties"}.get(str(kind))
        if length:
            target[length] = info.min_length
    return schema
