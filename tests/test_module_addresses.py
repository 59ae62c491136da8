"""Module paths in addresses: parsing and printing with instance keys, whole-module
addresses, matching a target, moving between modules, and the object names providers
make from them."""

from __future__ import annotations

import pytest

from mlinfra import addrs
from mlinfra.plans.refresh import moved_address
from mlinfra.providers.naming import object_name


@pytest.mark.parametrize(
    "text",
    ["endpoint.x", 'module.a.module.b.endpoint.x["k"]', 'module.a["eu"].model.m[0]', "module.a[2].dataset.d", "module.a.pipeline.p"],
)
def test_parse_is_the_inverse_of_str(text: str) -> None:
    assert str(addrs.parse(text)) == text


def test_whole_module_addresses_only_where_asked() -> None:
    a = addrs.parse('module.a["eu"]', module_ok=True)
    assert a.is_module and str(a) == 'module.a["eu"]'
    with pytest.raises(addrs.AddressError):
        addrs.parse("module.a")
    with pytest.raises(addrs.AddressError):
        addrs.parse("module.a.nothing")


def test_matching_a_module_target() -> None:
    inst = addrs.parse('module.a["eu"].module.b.model.m[0]')
    assert inst.matches(addrs.parse("module.a", module_ok=True))
    assert inst.matches(addrs.parse('module.a["eu"]', module_ok=True))
    assert inst.matches(addrs.parse('module.a["eu"].module.b', module_ok=True))
    assert not inst.matches(addrs.parse('module.a["us"]', module_ok=True))
    assert not inst.matches(addrs.parse("module.ab", module_ok=True))
    assert not addrs.parse("model.m").matches(addrs.parse("module.a.model.m"))
    assert inst.matches(addrs.parse('module.a["eu"].module.b.model.m'))


def test_order_puts_the_root_module_first() -> None:
    items = [addrs.parse(t) for t in ("module.b.dataset.d", "model.m", "module.a[1].dataset.d", "module.a[0].dataset.d")]
    assert [str(a) for a in addrs.sorted_addresses(items)] == [
        "model.m", "module.a[0].dataset.d", "module.a[1].dataset.d", "module.b.dataset.d",
    ]  # fmt: skip


def test_block_key_keeps_the_module_path() -> None:
    assert addrs.block_key('module.a["x.y"].model.m[0]') == 'module.a["x.y"].model.m'
    assert addrs.block_key("model.m[3]") == "model.m"


def test_moved_between_modules_keeps_keys_and_inner_paths() -> None:
    a, b = addrs.parse("module.a", module_ok=True), addrs.parse("module.b", module_ok=True)
    assert str(moved_address(addrs.parse('module.a["k"].module.c.model.m'), a, b)) == 'module.b["k"].module.c.model.m'
    assert moved_address(addrs.parse("module.ab.model.m"), a, b) is None
    into = moved_address(addrs.parse("dataset.d"), addrs.parse("dataset.d"), addrs.parse("module.x.dataset.d"))
    assert str(into) == "module.x.dataset.d"


def test_object_names_carry_the_module_path_within_each_limit() -> None:
    name = object_name('module.team["fraud"].model.this')
    assert name.startswith("team-fraud-this-") and len(name) == len("team-fraud-this-") + 8
    # a module path never makes the name of a root resource
    assert object_name("module.a.model.b") != object_name("model.a-b") == "a-b"
    long = 'module.' + "a" * 40 + '["' + "k" * 40 + '"].module.inner[3].endpoint.' + "e" * 40
    name = object_name(long, limit=63)
    assert len(name) == 63
    other = object_name(long.replace("inner[3]", "inner[4]"), limit=63)
    assert other != name and len(other) == 63
