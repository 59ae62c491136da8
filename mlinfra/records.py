"""``frozen`` and ``mutable``: ``@dataclass(frozen=True)`` and ``@dataclass`` for less
of their start-up cost.

``dataclass`` writes each method it generates (``__init__``, ``__repr__``, ``__eq__``,
and for a frozen class ``__hash__``, ``__setattr__`` and ``__delattr__``) as source text
and compiles each on its own: six compilations per frozen class, which made creating
the syntax tree's and the configuration's classes the largest single cost of importing
the engine. These decorators let ``dataclass`` collect the fields, so that ``fields``,
``replace``, ``asdict`` and ``is_dataclass`` work as before, but generate nothing; then
they compile the same methods, with the same behaviour, from one text, on the first use
of any of them.

They take what the core's records use: annotated fields with defaults and
``field(default=..., default_factory=..., repr=..., compare=..., hash=...)``, ``order``
(``frozen`` only), on a base that is not a dataclass. Anything else (``init=False`` or
keyword-only fields, ``InitVar``, ``__post_init__``, ``__slots__``, the class's own
``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``) is refused when
the class is created.
"""

from __future__ import annotations

import dataclasses
import reprlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

_ORDER = {"__lt__": "<", "__le__": "<=", "__gt__": ">", "__ge__": ">="}
_OWN_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__post_init__", "__slots__")


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: type[T] | None = None, /, *, order: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """The class as ``dataclasses.dataclass(frozen=True, order=order)`` would make it."""
    if cls is None:
        return lambda c: _frozen(c, order)
    return _frozen(cls, order)


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def mutable(cls: type[T]) -> type[T]:
    """The class as ``dataclasses.dataclass`` (not frozen, so not hashable) would make it."""
    return _frozen(cls, False, frozen=False)


def _frozen(cls: type[T], order: bool, frozen: bool = True) -> type[T]:
    for name in (*_OWN_METHODS, *(_ORDER if order else ())):
        if name in cls.__dict__:
            raise TypeError(f"{cls.__qualname__} defines {name}, which {'frozen' if frozen else 'mutable'} generates")
    if any("__dataclass_fields__" in base.__dict__ for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__qualname__}: frozen takes no dataclass base")
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = list(cls.__dataclass_fields__.values())  # type: ignore[attr-defined]
    for f in fields:
        if f._field_type is not dataclasses._FIELD or not f.init or f.kw_only is True:  # type: ignore[attr-defined]
            raise TypeError(f"{cls.__qualname__}.{f.name}: a record takes plain fields only")
    seen_default = False
    for f in fields:
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    _defer(cls, fields, order, frozen)
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    params.init = params.repr = params.eq = True
    params.frozen, params.order = frozen, order
    return cls


def _generated(order: bool, frozen: bool) -> tuple[str, ...]:
    frozen_only = ("__hash__", "__setattr__", "__delattr__") if frozen else ()
    return ("__init__", "__repr__", "__eq__", *frozen_only, *(_ORDER if order else ()))


def _defer(cls: type, fields: list[dataclasses.Field[Any]], order: bool, frozen: bool) -> None:
    """Give ``cls`` stand-ins that compile its methods on the first call of any of them:
    a class a command never uses (most of the protocol's requests, on ``validate``)
    costs no compilation at all. The stand-ins take every way in (construction, and
    equality, hashing or printing of an instance made without ``__init__``, as
    unpickling makes one); only introspection of the class itself before its first
    use (``inspect.signature``) sees the stand-in's ``(*args, **kwargs)``."""
    lock = threading.Lock()
    done = False

    def install() -> None:
        nonlocal done
        with lock:
            if not done:
                _install(cls, fields, order, frozen)
                done = True

    for name in _generated(order, frozen):
        setattr(cls, name, _stand_in(cls, name, install))
    if not frozen:
        cls.__hash__ = None  # type: ignore[assignment]  # equal by value and mutable: unhashable


def _stand_in(cls: type, name: str, install: Callable[[], None]) -> Callable[..., Any]:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        install()
        return getattr(cls, name)(self, *args, **kwargs)

    method.__name__, method.__qualname__ = name, f"{cls.__qualname__}.{name}"
    return method


def _install(cls: type, fields: list[dataclasses.Field[Any]], order: bool, frozen: bool) -> None:
    """Compile the methods ``dataclass(frozen=frozen, order=order)`` would give ``cls``,
    all at once."""
    names: dict[str, Any] = {
        "_cls": cls,
        "_setattr": object.__setattr__,
        "_Frozen": dataclasses.FrozenInstanceError,
        "_MISSING": dataclasses.MISSING,
    }
    params, body = [], []

    def assign(name: str, value: str) -> str:  # as dataclass does: past a frozen class's __setattr__
        return f"  _setattr(self, {name!r}, {value})" if frozen else f"  self.{name} = {value}"

    for f in fields:
        if f.default is not dataclasses.MISSING:
            names[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
            body.append(assign(f.name, f.name))
        elif f.default_factory is not dataclasses.MISSING:
            names[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            body.append(assign(f.name, f"_factory_{f.name}() if {f.name} is _MISSING else {f.name}"))
        else:
            params.append(f.name)
            body.append(assign(f.name, f.name))
    shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in fields if f.repr)
    compared = [f.name for f in fields if f.compare]
    mine, theirs = "".join(f"self.{n}," for n in compared), "".join(f"other.{n}," for n in compared)
    hashed = "".join(f"self.{f.name}," for f in fields if (f.compare if f.hash is None else f.hash))
    field_names = tuple(f.name for f in fields)
    source = "\n".join(
        [
            f"def __init__(self, {', '.join(params)}):",
            *(body or ["  pass"]),
            "def __repr__(self):",
            f'  return self.__class__.__qualname__ + f"({shown})"',
            "def __eq__(self, other):",
            "  if other.__class__ is self.__class__:",
            f"    return ({mine}) == ({theirs})",
            "  return NotImplemented",
            *(
                line
                for name, op in (_ORDER.items() if order else ())
                for line in (
                    f"def {name}(self, other):",
                    "  if other.__class__ is self.__class__:",
                    f"    return ({mine}) {op} ({theirs})",
                    "  return NotImplemented",
                )
            ),
            *(
                [
                    "def __hash__(self):",
                    f"  return hash(({hashed}))",
                    "def __setattr__(self, name, value):",
                    f"  if type(self) is _cls or name in {field_names!r}:",
                    '    raise _Frozen(f"cannot assign to field {name!r}")',
                    "  super(_cls, self).__setattr__(name, value)",
                    "def __delattr__(self, name):",
                    f"  if type(self) is _cls or name in {field_names!r}:",
                    '    raise _Frozen(f"cannot delete field {name!r}")',
                    "  super(_cls, self).__delattr__(name)",
                ]
                if frozen
                else []
            ),
        ]
    )
    exec(source, names)  # noqa: S102 - text built above from the class's own field names
    methods: dict[str, Callable[..., Any]] = {name: names[name] for name in _generated(order, frozen)}
    methods["__init__"].__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    methods["__repr__"] = reprlib.recursive_repr()(methods["__repr__"])
    for name, fn in methods.items():
        fn.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, fn)
