"""``mlinfra.records.frozen`` behaves as ``dataclasses.dataclass(frozen=True)``: the same
constructor, repr, equality, hash, immutability and dataclass introspection."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pytest

from mlinfra.records import frozen, mutable


class Base:
    """A plain base class, as ``Expr`` is for the syntax nodes."""

    marker = "base"


@frozen
class Node(Base):
    """A node."""

    name: str
    items: tuple[int, ...]
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    hidden: str = field(repr=False, default="")
    count: int = 0


def _as_dataclass(cls: type) -> Any:
    """The class ``cls`` would be with the same fields under ``dataclass(frozen=True)``."""
    spec = {
        f.name: field(default=f.default, default_factory=f.default_factory, repr=f.repr, compare=f.compare, hash=f.hash)
        for f in dataclasses.fields(cls)
    }
    namespace = {"__annotations__": dict(cls.__annotations__), "__module__": __name__, "__doc__": cls.__doc__, **spec}
    return dataclass(frozen=True)(type("Reference", cls.__bases__, namespace))


Reference = _as_dataclass(Node)


@frozen
class Empty:
    pass


@frozen(order=True)
class Position:
    """Ordered by line, then column."""

    line: int
    column: int = 1


def _pairs() -> list[tuple[Any, Any]]:
    return [
        (Node("a", (1, 2)), Reference("a", (1, 2))),
        (Node("a", (1,), {"k": 1}, "h", 3), Reference("a", (1,), {"k": 1}, "h", 3)),
        (Node(name="b", items=(), count=2), Reference(name="b", items=(), count=2)),
    ]


def test_construction_repr_equality_and_hash_match_dataclass() -> None:
    for ours, theirs in _pairs():
        assert repr(ours) == repr(theirs).replace("Reference", "Node")
        assert ours == Node(**dataclasses.asdict(ours)) and hash(ours) == hash(Node(**dataclasses.asdict(ours)))
        assert dataclasses.astuple(ours) == dataclasses.astuple(theirs)
        assert hash(ours) == hash(theirs)  # both hash the same tuple of compared fields
    assert Node("a", (1,), {"x": 1}) == Node("a", (1,), {"y": 2})  # extra is not compared
    other: object = Reference("a", (1,))
    assert Node("a", (1,)) != Node("a", (2,)) and Node("a", (1,)) != other
    assert Node("a", (1,)).__eq__(Reference("a", (1,))) is NotImplemented
    assert Node("a", ()).extra is not Node("a", ()).extra  # a fresh dict each time
    assert Empty() == Empty() and hash(Empty()) == hash(()) and repr(Empty()) == "Empty()"
    assert Node("a", ()).marker == "base" and isinstance(Node("a", ()), Base)


def test_order_compares_as_dataclass_order_does() -> None:
    Ordered: Any = dataclass(frozen=True, order=True)(type("Ordered", (), {"__annotations__": {"line": "int", "column": "int"}, "column": 1}))
    pairs = [(1, 1), (1, 2), (2, 1), (2, 2)]
    for a in pairs:
        for b in pairs:
            ours, theirs = (Position(*a), Position(*b)), (Ordered(*a), Ordered(*b))
            assert [ours[0] < ours[1], ours[0] <= ours[1], ours[0] > ours[1], ours[0] >= ours[1]] == [
                theirs[0] < theirs[1], theirs[0] <= theirs[1], theirs[0] > theirs[1], theirs[0] >= theirs[1]
            ]
    assert sorted([Position(2), Position(1, 5), Position(1, 2)]) == [Position(1, 2), Position(1, 5), Position(2)]
    with pytest.raises(TypeError):
        _ = Position(1) < Empty()  # type: ignore[operator]
    assert Position.__dataclass_params__.order  # type: ignore[attr-defined]


def test_fields_cannot_be_assigned_or_deleted() -> None:
    node = Node("a", (1,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(node, "name", "b")  # noqa: B010 - what mypy would refuse written plainly
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(node, "other", 1)  # noqa: B010
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(node, "name")  # noqa: B043
    assert node.name == "a"


def test_dataclass_introspection_works() -> None:
    node = Node("a", (1,), count=2)
    instance: object = node
    assert dataclasses.is_dataclass(instance) and dataclasses.is_dataclass(type(instance))
    assert [f.name for f in dataclasses.fields(Node)] == ["name", "items", "extra", "hidden", "count"]
    assert dataclasses.replace(node, name="b") == Node("b", (1,), count=2)
    assert Node.__match_args__ == Reference.__match_args__
    assert Node.__dataclass_params__.frozen and Node.__dataclass_params__.eq  # type: ignore[attr-defined]
    match node:
        case Node("a", (1,)):
            pass
        case _:
            pytest.fail("pattern matching by position failed")
    assert Node.__init__.__annotations__["count"] == "int"


@mutable
class Change:
    """A mutable record."""

    address: str
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", repr=False, compare=False)


def test_mutable_behaves_as_a_plain_dataclass() -> None:
    Reference: Any = dataclass(
        type("Change", (), {"__annotations__": dict(Change.__annotations__), "__module__": __name__,
                             "tags": field(default_factory=list), "note": field(default="", repr=False, compare=False)})
    )  # fmt: skip
    ours, theirs = Change("a", ["x"], "n"), Reference("a", ["x"], "n")
    assert repr(ours) == repr(theirs) == "Change(address='a', tags=['x'])"
    assert ours == Change("a", ["x"], "other") and ours != Change("b", ["x"])
    assert Change.__hash__ is None and Reference.__hash__ is None
    ours.address = "b"
    ours.tags.append("y")
    assert ours == Change("b", ["x", "y"]) and Change("c").tags is not Change("c").tags
    assert dataclasses.replace(ours, note="m").note == "m" and not Change.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert [f.name for f in dataclasses.fields(Change)] == ["address", "tags", "note"]


def test_methods_are_compiled_on_first_use_by_any_way_in() -> None:
    @frozen
    class Lazy:
        """Made without __init__ first, as unpickling makes an instance."""

        a: int
        b: str = "x"

    assert "args" in Lazy.__repr__.__code__.co_varnames  # a stand-in until first used
    made = object.__new__(Lazy)
    object.__setattr__(made, "a", 1)
    object.__setattr__(made, "b", "x")
    assert repr(made) == f"{Lazy.__qualname__}(a=1, b='x')"
    assert Lazy.__init__.__code__.co_varnames[:3] == ("self", "a", "b")  # the compiled methods are in place
    assert hash(made) == hash((1, "x")) and made == Lazy(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.a = 2  # type: ignore[misc]

    @mutable
    class Unused:
        a: int

    with pytest.raises(TypeError, match="unhashable"):
        hash(object.__new__(Unused))


def test_what_frozen_does_not_take_is_refused() -> None:
    with pytest.raises(TypeError, match="follows default argument"):

        @frozen
        class _Order:
            a: int = 0
            b: int  # type: ignore[misc]

    with pytest.raises(TypeError, match="defines __post_init__"):

        @frozen
        class _Post:
            a: int

            def __post_init__(self) -> None:
                pass

    with pytest.raises(TypeError, match="no dataclass base"):
        frozen(type("Sub", (Reference,), {"__annotations__": {"b": "int"}, "b": 0}))

    with pytest.raises(TypeError, match="plain fields only"):

        @frozen
        class _Hidden:
            a: int = field(init=False, default=0)
