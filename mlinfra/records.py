"""``frozen`` and ``mutable``: ``@dataclass(frozen=True)`` and ``@dataclass`` for less
of their start-up cost.

``dataclass`` imports ``inspect`` (and with it ``ast``, ``dis`` and ``tokenize``), works
out each class's signature for its docstring, and writes each method it generates
(``__init__``, ``__repr__``, ``__eq__``, and for a frozen class ``__hash__``,
``__setattr__`` and ``__delattr__``) as source text compiled on its own: six
compilations per frozen class, which made creating the syntax tree's and the
configuration's classes the largest single cost of importing the engine. These
decorators collect the fields themselves and generate nothing when the class is made.
On the first use of any of its methods a class gets them all: ``__init__``, ``__eq__``,
``__hash__`` and the orderings are template code objects with their placeholder names
renamed to the class's fields (``CodeType.replace``): for up to ``SHIPPED_ARITY``
fields shipped compiled in ``mlinfra._records_templates``, for more compiled once per
process for each arity (and, for ``__init__``, each set of fields with a default
factory); ``__repr__``, ``__setattr__`` and ``__delattr__`` are closures. They behave
as ``dataclass``'s.

``dataclasses`` itself is imported only when something introspects a record:
``__dataclass_fields__`` and ``__dataclass_params__`` are made on first access, so
``dataclasses.fields``, ``replace``, ``asdict`` and ``is_dataclass`` work as before
(``replace`` here does what ``dataclasses.replace`` does without it). A record class
made without a docstring keeps ``__doc__`` None (``dataclass`` would write its
signature there).

They take what the core's records use: annotated fields with defaults and
``field(default=..., default_factory=..., repr=..., compare=..., hash=...)`` (this
module's or ``dataclasses.field``), ``order`` (``frozen`` only), on a base that is not a
dataclass. Anything else (``init=False`` or keyword-only fields, ``ClassVar``,
``InitVar``, ``__post_init__``, ``__slots__``, the class's own ``__init__``,
``__eq__``, ``__hash__``, ``__setattr__``) is refused when the class is created; a
class's own ``__repr__`` is kept, as ``dataclass`` keeps it.
"""

from __future__ import annotations

import _thread
import builtins
import reprlib
import sys
from collections.abc import Callable
from types import CodeType, FunctionType
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

_ORDER = {"__lt__": "<", "__le__": "<=", "__gt__": ">", "__ge__": ">="}
_OWN_METHODS = ("__init__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__post_init__", "__slots__")
# Annotations that make something other than a plain field under ``dataclass``.
_NOT_PLAIN = frozenset({"ClassVar", "InitVar", "KW_ONLY"})


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """One field of a record: what ``field(...)`` said about it, and its name and
    annotation once the class is made."""

    __slots__ = ("compare", "default", "default_factory", "hash", "metadata", "name", "repr", "type")

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Any = MISSING,
        repr: bool = True,
        hash: bool | None = None,
        compare: bool = True,
        metadata: Any = None,
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.default, self.default_factory, self.metadata = default, default_factory, metadata
        self.repr, self.hash, self.compare = repr, hash, compare
        self.name = ""
        self.type: Any = None

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r})"


@overload
def field(*, default: T, repr: bool = True, hash: bool | None = None, compare: bool = True) -> T: ...


@overload
def field(*, default_factory: Callable[[], T], repr: bool = True, hash: bool | None = None, compare: bool = True) -> T: ...


@overload
def field(*, repr: bool = True, hash: bool | None = None, compare: bool = True) -> Any: ...


def field(
    *,
    default: Any = MISSING,
    default_factory: Any = MISSING,
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
) -> Any:
    """``dataclasses.field`` for records, without importing ``dataclasses``."""
    return Field(default, default_factory, repr, hash, compare)


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def frozen(cls: type[T] | None = None, /, *, order: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """The class as ``dataclasses.dataclass(frozen=True, order=order)`` would make it."""
    if cls is None:
        return lambda c: _frozen(c, order)
    return _frozen(cls, order)


@dataclass_transform(field_specifiers=(field, Field))
def mutable(cls: type[T]) -> type[T]:
    """The class as ``dataclasses.dataclass`` (not frozen, so not hashable) would make it."""
    return _frozen(cls, False, frozen=False)


def replace(obj: T, /, **changes: Any) -> T:
    """``dataclasses.replace``: a copy of ``obj`` with ``changes``."""
    names = getattr(obj.__class__, "__record_fields__", None)
    if names is None:  # a dataclass made by ``dataclass`` itself
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for name in names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return obj.__class__(**changes)


def _frozen(cls: type[T], order: bool, frozen: bool = True) -> type[T]:
    for name in (*_OWN_METHODS, *(_ORDER if order else ())):
        if name in cls.__dict__:
            raise TypeError(f"{cls.__qualname__} defines {name}, which {'frozen' if frozen else 'mutable'} generates")
    if any("__dataclass_fields__" in base.__dict__ for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__qualname__}: frozen takes no dataclass base")
    fields = _collect(cls)
    seen_default = False
    for f in fields:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    names = tuple(f.name for f in fields)
    cls.__record_fields__ = names  # type: ignore[attr-defined]
    setattr(cls, "__match_args__", names)  # noqa: B010 - mypy refuses the plain assignment
    for attr in ("__dataclass_fields__", "__dataclass_params__"):
        setattr(cls, attr, _Introspected(cls, fields, order, frozen, attr))
    _defer(cls, fields, order, frozen, "__repr__" not in cls.__dict__)
    return cls


def _collect(cls: type) -> list[Field]:
    """The class's fields as ``dataclass`` finds them: its own annotations in order, each
    default (or ``field``) becoming the class attribute ``dataclass`` leaves."""
    fields = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _not_plain(annotation):
            raise TypeError(f"{cls.__qualname__}.{name}: a record takes plain fields only")
        value = cls.__dict__.get(name, MISSING)
        if isinstance(value, Field):
            f = value
        elif _is_dataclasses_field(value):
            if not value.init or value.kw_only is True:
                raise TypeError(f"{cls.__qualname__}.{name}: a record takes plain fields only")
            default = MISSING if _is_dataclasses_missing(value.default) else value.default
            factory = MISSING if _is_dataclasses_missing(value.default_factory) else value.default_factory
            f = Field(default, factory, value.repr, value.hash, value.compare, value.metadata)
        else:
            f = Field(value)
        f.name, f.type = name, annotation
        if f.default is not MISSING and f.default.__class__.__hash__ is None:
            raise ValueError(
                f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory"
            )
        if value is not MISSING:
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        fields.append(f)
    return fields


def _not_plain(annotation: Any) -> bool:
    """ClassVar, InitVar or KW_ONLY, spelt in a string annotation or given as an object."""
    if isinstance(annotation, str):
        head = annotation.strip().partition("[")[0].strip()
        return head.rpartition(".")[2] in _NOT_PLAIN
    dc = sys.modules.get("dataclasses")
    if dc is not None and (annotation is dc.KW_ONLY or isinstance(annotation, dc.InitVar)):
        return True
    typing = sys.modules.get("typing")
    return typing is not None and (annotation is typing.ClassVar or typing.get_origin(annotation) is typing.ClassVar)


def _is_dataclasses_field(value: Any) -> bool:
    dc = sys.modules.get("dataclasses")  # a dataclasses.Field means dataclasses is imported
    return dc is not None and isinstance(value, dc.Field)


def _is_dataclasses_missing(value: Any) -> bool:
    dc = sys.modules.get("dataclasses")
    return dc is not None and value is dc.MISSING


class _Introspected:
    """``__dataclass_fields__`` or ``__dataclass_params__`` of a record, made (both) with
    ``dataclasses`` the first time either is read."""

    def __init__(self, cls: type, fields: list[Field], order: bool, frozen: bool, attr: str) -> None:
        self.cls, self.fields, self.order, self.frozen, self.attr = cls, fields, order, frozen, attr

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        import dataclasses

        made: dict[str, dataclasses.Field[Any]] = {}
        for f in self.fields:
            dcf: dataclasses.Field[Any] = dataclasses.field(  # type: ignore[call-overload]
                default=dataclasses.MISSING if f.default is MISSING else f.default,
                default_factory=dataclasses.MISSING if f.default_factory is MISSING else f.default_factory,
                repr=f.repr, hash=f.hash, compare=f.compare, metadata=f.metadata,
            )  # fmt: skip
            dcf.name, dcf.type, dcf.kw_only = f.name, f.type, False  # type: ignore[assignment]
            dcf._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
            made[f.name] = dcf
        shape: Any = dataclasses.dataclass(frozen=self.frozen, order=self.order)(type(self.cls.__name__, (), {"__doc__": "-"}))
        type.__setattr__(self.cls, "__dataclass_fields__", made)
        type.__setattr__(self.cls, "__dataclass_params__", shape.__dataclass_params__)
        return self.cls.__dict__[self.attr]


def _generated(order: bool, frozen: bool, repr: bool) -> tuple[str, ...]:
    frozen_only = ("__hash__", "__setattr__", "__delattr__") if frozen else ()
    return ("__init__", *(("__repr__",) if repr else ()), "__eq__", *frozen_only, *(_ORDER if order else ()))


def _defer(cls: type, fields: list[Field], order: bool, frozen: bool, repr: bool) -> None:
    """Give ``cls`` stand-ins that make its methods on the first call of any of them:
    a class a command never uses (most of the protocol's requests, on ``validate``)
    costs nothing more. The stand-ins take every way in (construction, and equality,
    hashing or printing of an instance made without ``__init__``, as unpickling makes
    one); only introspection of the class itself before its first use
    (``inspect.signature``) sees the stand-in's ``(*args, **kwargs)``."""
    lock = _thread.allocate_lock()
    done = False

    def install() -> None:
        nonlocal done
        with lock:
            if not done:
                _install(cls, fields, order, frozen, repr)
                done = True

    for name in _generated(order, frozen, repr):
        setattr(cls, name, _stand_in(cls, name, install))
    if not frozen:
        cls.__hash__ = None  # type: ignore[assignment]  # equal by value and mutable: unhashable


def _stand_in(cls: type, name: str, install: Callable[[], None]) -> Callable[..., Any]:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        install()
        return getattr(cls, name)(self, *args, **kwargs)

    method.__name__, method.__qualname__ = name, f"{cls.__qualname__}.{name}"
    return method


# -- the methods ------------------------------------------------------------------------
#
# Each template is compiled once per process for its key, with the placeholder names
# ``_a0``, ``_a1``, ... for the fields; a class's method is the template's code with
# those names replaced by its fields' (parameter names, attribute names and, for a
# frozen class's ``__init__``, the strings it passes to ``object.__setattr__``).

_TEMPLATES: dict[tuple[Any, ...], CodeType] = {}
_TEMPLATES_LOCK = _thread.allocate_lock()
_GLOBALS = {"__builtins__": builtins, "_setattr": object.__setattr__, "_MISSING": MISSING}


def _placeholder(i: int) -> str:
    return f"_a{i}"


def _template_source(key: tuple[Any, ...]) -> str:
    what = key[0]
    if what == "init":
        _, frozen, n, factories = key
        lines = [f"def __init__(self{''.join(f', {_placeholder(i)}' for i in range(n))}):"]
        for i in range(n):
            p = _placeholder(i)
            value = f"_f{i}() if {p} is _MISSING else {p}" if i in factories else p
            lines.append(f"  _setattr(self, {p!r}, {value})" if frozen else f"  self.{p} = {value}")
        return "\n".join(lines if n else [*lines, "  pass"])
    _, op, n = key
    mine = "".join(f"self.{_placeholder(i)}," for i in range(n))
    if what == "hash":
        return f"def __hash__(self):\n  return hash(({mine}))"
    theirs = "".join(f"other.{_placeholder(i)}," for i in range(n))
    return (
        f"def {what}(self, other):\n  if other.__class__ is self.__class__:\n"
        f"    return ({mine}) {op} ({theirs})\n  return NotImplemented"
    )


# The templates of up to ``SHIPPED_ARITY`` fields (``__init__`` without default
# factories) ship compiled, as the functions of ``mlinfra._records_templates`` (written
# by ``python -m mlinfra.records``; its bytecode is cached as any module's): compiling one
# costs about 0.1 ms, and a command uses a few dozen.
SHIPPED_ARITY = 16
_ORDER_NAMES = {"__lt__": "lt", "__le__": "le", "__gt__": "gt", "__ge__": "ge", "__eq__": "eq", "hash": "hash"}


def _shipped_name(key: tuple[Any, ...]) -> str | None:
    """The name of ``key``'s template in ``mlinfra._records_templates``, if shipped."""
    if key[0] == "init":
        _, frozen, n, checked = key
        if n > SHIPPED_ARITY or (checked and checked != tuple(range(checked[0], n))):
            return None
        return f"init_{'frozen' if frozen else 'mutable'}_{n}" + (f"_from_{checked[0]}" if checked else "")
    return f"{_ORDER_NAMES[key[0]]}_{key[2]}" if key[2] <= SHIPPED_ARITY else None


def shipped_source() -> str:
    """The text of ``mlinfra/_records_templates.py``."""
    keys: list[tuple[Any, ...]] = []
    for n in range(SHIPPED_ARITY + 1):
        keys += [("init", True, n, ()), ("init", False, n, ()), ("__eq__", "==", n), ("hash", "", n)]
        keys += [("init", frozen, n, tuple(range(first, n))) for first in range(n) for frozen in (True, False)]
        keys += [(name, op, n) for name, op in _ORDER.items()]
    functions = []
    for key in keys:
        source = _template_source(key)
        functions.append(f"def {_shipped_name(key)}(" + source.split("(", 1)[1])
    header = (
        '"""The templates of ``mlinfra.records``, compiled with the package: written by\n'
        '``python -m mlinfra.records``, never by hand (a test checks it is current)."""\n'
        "# ruff: noqa\n# mypy: ignore-errors\n# fmt: off\n"
    )
    return header + "\n\n" + "\n\n\n".join(functions) + "\n"


def _template(key: tuple[Any, ...]) -> CodeType:
    code = _TEMPLATES.get(key)
    if code is None:
        with _TEMPLATES_LOCK:
            code = _TEMPLATES.get(key)
            if code is None:
                name = _shipped_name(key)
                if name is not None:
                    from mlinfra import _records_templates

                    code = getattr(_records_templates, name).__code__
                else:
                    module = compile(_template_source(key), "<mlinfra.records>", "exec")
                    code = next(c for c in module.co_consts if isinstance(c, CodeType))
                _TEMPLATES[key] = code
    return code


def _renamed(key: tuple[Any, ...], names: list[str], qualname: str, params: bool = False) -> CodeType:
    """The template's code for fields ``names``."""
    code = _template(key)
    rename = {_placeholder(i): name for i, name in enumerate(names)}
    changes: dict[str, Any] = {
        "co_names": tuple(rename.get(x, x) for x in code.co_names),
        "co_consts": tuple(rename.get(x, x) if isinstance(x, str) else x for x in code.co_consts),
        "co_qualname": qualname,
        "co_name": qualname.rpartition(".")[2],
    }
    if params:
        changes["co_varnames"] = tuple(rename.get(x, x) for x in code.co_varnames)
    return code.replace(**changes)


def _missing() -> Any:
    return MISSING


def _function(code: CodeType, globals_: dict[str, Any], cls: type, defaults: tuple[Any, ...] | None = None) -> Any:
    fn = FunctionType(code, globals_, code.co_name, defaults)
    fn.__module__ = cls.__module__
    return fn


def _install(cls: type, fields: list[Field], order: bool, frozen: bool, repr: bool) -> None:
    """Make the methods ``dataclass(frozen=frozen, order=order)`` would give ``cls``, all
    at once."""
    qual = cls.__qualname__
    names = [f.name for f in fields]
    factories = tuple(i for i, f in enumerate(fields) if f.default_factory is not MISSING)
    # A shipped template checks every field from the first with a default factory on:
    # for those without one, ``_missing`` keeps what was passed (their default, never
    # MISSING, unless a caller passes MISSING itself).
    checked = tuple(range(factories[0], len(fields))) if factories and len(fields) <= SHIPPED_ARITY else factories
    init_globals = {
        **_GLOBALS,
        **{f"_f{i}": fields[i].default_factory if i in factories else _missing for i in checked},
    }
    defaults = tuple(
        MISSING if f.default is MISSING else f.default
        for f in fields
        if f.default is not MISSING or f.default_factory is not MISSING
    )
    init = _function(
        _renamed(("init", frozen, len(fields), checked), names, f"{qual}.__init__", params=True),
        init_globals, cls, defaults or None,
    )  # fmt: skip
    init.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    methods: dict[str, Any] = {"__init__": init}
    if repr:
        methods["__repr__"] = _repr(cls, [f.name for f in fields if f.repr])
    compared = [f.name for f in fields if f.compare]
    methods["__eq__"] = _function(_renamed(("__eq__", "==", len(compared)), compared, f"{qual}.__eq__"), _GLOBALS, cls)
    for name, op in _ORDER.items() if order else ():
        methods[name] = _function(_renamed((name, op, len(compared)), compared, f"{qual}.{name}"), _GLOBALS, cls)
    if frozen:
        hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
        methods["__hash__"] = _function(_renamed(("hash", "", len(hashed)), hashed, f"{qual}.__hash__"), _GLOBALS, cls)
        methods["__setattr__"], methods["__delattr__"] = _frozen_setters(cls, frozenset(names))
    for name, fn in methods.items():
        fn.__qualname__ = f"{qual}.{name}"
        setattr(cls, name, fn)


def _repr(cls: type, shown: list[str]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in shown)})"

    __repr__.__module__ = cls.__module__
    return reprlib.recursive_repr()(__repr__)


def _frozen_error(message: str) -> Exception:
    import dataclasses  # raised rarely: the import is paid then

    return dataclasses.FrozenInstanceError(message)


def _frozen_setters(cls: type, names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)  # type: ignore[arg-type]

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)  # type: ignore[arg-type]

    __setattr__.__module__ = __delattr__.__module__ = cls.__module__
    return __setattr__, __delattr__


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name("_records_templates.py").write_text(shipped_source())
