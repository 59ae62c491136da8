"""``mlinfra.records.frozen`` behaves as ``dataclasses.dataclass(frozen=True)``: the same
constructor, repr, equality, hash, immutability and dataclass introspection."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest

from mlinfra import records
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


RECORDS_ALONE = """
import sys
from typing import Any
from mlinfra.records import field, frozen, mutable, replace

@frozen(order=True)
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()
    seen: list[int] = field(default_factory=list, compare=False, repr=False)

@mutable
class Box:
    items: list[int] = field(default_factory=list)
    label: str = "b"

p = Point(1, y=2)
assert repr(p) == "Point(x=1, y=2, tags=())", repr(p)
assert p == Point(1, 2, (), [9]) and hash(p) == hash((1, 2, ())) and p < Point(1, 3)
assert replace(p, x=5) == Point(5, 2) and replace(p, x=5).seen is p.seen
b = Box()
b.items.append(1)
assert b == Box([1]) and Box().items == [] and repr(b) == "Box(items=[1], label='b')"
assert "dataclasses" not in sys.modules and "inspect" not in sys.modules, "records imported dataclasses"
try:
    p.x = 2
except Exception as e:
    assert type(e).__name__ == "FrozenInstanceError"
else:
    raise AssertionError("assigned to a frozen field")
import dataclasses
assert [f.name for f in dataclasses.fields(Point)] == ["x", "y", "tags", "seen"]
assert dataclasses.fields(Point)[3].compare is False and dataclasses.fields(Point)[3].default_factory is list
assert Point.__dataclass_params__.order and Point.__dataclass_params__.frozen
assert not Box.__dataclass_params__.frozen and dataclasses.is_dataclass(b)
assert dataclasses.asdict(p) == {"x": 1, "y": 2, "tags": (), "seen": []}
print("ok")
"""


def test_records_work_without_importing_dataclasses_until_introspected() -> None:
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", RECORDS_ALONE], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stdout + r.stderr


def test_replace_matches_dataclasses_replace() -> None:
    node = Node("a", (1,), {"k": 1}, "h", 3)
    for changes in ({}, {"name": "b"}, {"items": (), "count": 9}, {"extra": {}, "hidden": "x"}):
        ours, theirs = records.replace(node, **changes), dataclasses.replace(node, **changes)
        assert ours == theirs and repr(ours) == repr(theirs) and ours.extra == theirs.extra
    with pytest.raises(TypeError):
        records.replace(node, missing=1)
    plain = Reference("a", (1,))
    assert records.replace(plain, name="z") == Reference("z", (1,))  # a dataclass's own


def test_a_class_keeps_its_own_repr_and_field_names_may_be_anything() -> None:
    @mutable
    class Secret:
        value: str
        _setattr: int = 0
        _MISSING: list[int] = field(default_factory=list)
        _f0: str = "f"

        def __repr__(self) -> str:
            return "Secret(...)"

    s = Secret("x", _setattr=1)
    assert repr(s) == "Secret(...)" and s._setattr == 1 and s._MISSING == [] and s._f0 == "f"
    assert s == Secret("x", 1, [], "f") and s != Secret("x", 2)

    @frozen
    class Odd:
        _setattr: int
        _MISSING: str = "m"

    o = Odd(3)
    assert (o._setattr, o._MISSING) == (3, "m") and hash(o) == hash((3, "m"))


def test_records_refuse_what_dataclass_refuses_or_treats_apart() -> None:
    with pytest.raises(ValueError, match="mutable default"):

        @frozen
        class _Mutable:
            a: list[int] = []  # noqa: RUF012

    with pytest.raises(TypeError, match="plain fields only"):

        @frozen
        class _Var:
            a: ClassVar[int] = 0


def test_the_shipped_templates_are_current_and_used_up_to_their_arity() -> None:
    from pathlib import Path

    shipped = Path(records.__file__).with_name("_records_templates.py")
    assert shipped.read_text() == records.shipped_source(), "run: python -m mlinfra.records"

    def make(n: int, factory: bool = False) -> Any:
        namespace: dict[str, Any] = {"__annotations__": {f"f{i}": "int" for i in range(n)}, "__module__": __name__}
        if factory:
            namespace[f"f{n - 1}"] = field(default_factory=list, compare=False)
        return frozen(type(f"R{n}{factory}", (), namespace))

    for n, factory, from_file in ((3, False, True), (records.SHIPPED_ARITY, False, True), (3, True, True),
                                  (records.SHIPPED_ARITY + 1, False, False), (records.SHIPPED_ARITY + 1, True, False)):  # fmt: skip
        cls = make(n, factory)
        args = list(range(n - 1 if factory else n))
        one, two = cls(*args), cls(*args)
        assert one == two and hash(one) == hash(two) and one.f0 == 0
        assert (cls.__init__.__code__.co_filename == str(shipped)) is from_file, (n, factory)
        assert cls.__init__.__code__.co_name == "__init__" and cls.__eq__.__code__.co_name == "__eq__"
        assert [f.name for f in dataclasses.fields(cls)] == [f"f{i}" for i in range(n)]
        if factory:
            assert one.__dict__[f"f{n - 1}"] == [] and one.__dict__[f"f{n - 1}"] is not two.__dict__[f"f{n - 1}"]


def test_fields_after_a_default_factory_keep_their_defaults_and_what_is_passed() -> None:
    @mutable
    class Mixed:
        a: int
        b: list[int] = field(default_factory=list)
        c: str = "x"
        d: dict[str, int] = field(default_factory=dict)
        e: int | None = None

    one = Mixed(1)
    assert (one.a, one.b, one.c, one.d, one.e) == (1, [], "x", {}, None) and one.b is not Mixed(1).b
    assert Mixed(1, [2], "y", {"k": 1}, 5) == Mixed(a=1, b=[2], c="y", d={"k": 1}, e=5)
    assert Mixed(1, c=records.MISSING).c is records.MISSING  # passed, kept: no factory for c
    assert repr(Mixed(2, e=3)) == "test_fields_after_a_default_factory_keep_their_defaults_and_what_is_passed.<locals>.Mixed(a=2, b=[], c='x', d={}, e=3)"
