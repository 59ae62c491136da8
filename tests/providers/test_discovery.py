"""Provider discovery reads the entry points of group ``mlinfra.providers`` from the
metadata directories on ``sys.path`` itself, and finds exactly what
``importlib.metadata.entry_points`` finds: the same names, values, order, distributions
and versions, with the first distribution of a name on ``sys.path`` shadowing the others."""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

from mlinfra.diagnostics import DiagnosticsError
from mlinfra.providers import registry


def _by_importlib() -> list[tuple[str, str, str | None, str | None]]:
    return [
        (ep.name, ep.value, ep.dist.name if ep.dist else None, ep.dist.version if ep.dist else None)
        for ep in metadata.entry_points(group=registry.GROUP)
    ]


def _by_scan() -> list[tuple[str, str, str | None, str | None]]:
    return [(ep.name, ep.value, *ep.distribution()) for ep in registry._scan()]


def _dist(where: Path, folder: str, entry_points: str, header: str, meta: str = "METADATA") -> None:
    d = where / folder
    d.mkdir(parents=True)
    (d / meta).write_text(header)
    (d / "entry_points.txt").write_text(entry_points)


@pytest.fixture
def fake_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(
        first,
        "Foo_Bar-1.0.dist-info",
        "# providers\n[console_scripts]\nfoo = foo:main\n\n[mlinfra.providers]\n"
        "  alpha = toyalpha.sub : Provider.Inner [fast, small]  \n# beta = nope:X\nbeta=toyalpha\n",
        "Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 1.0\nSummary: a: b\n\nName: not-the-header\n",
    )
    _dist(second, "foo.bar-2.0.dist-info", "[mlinfra.providers]\nshadowed = x:Y\n", "Name: foo.bar\nVersion: 2.0\n")
    _dist(second, "legacy-0.3.egg-info", "[mlinfra.providers]\ngamma = toyalpha:Provider\n", "Name: legacy\nVersion: 0.3\n", "PKG-INFO")
    _dist(second, "other-1.dist-info", "[other.group]\nalpha = x:Y\n", "Name: other\nVersion: 1\n")
    pkg = first / "toyalpha"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("class Provider:\n    pass\n")
    (pkg / "sub" / "__init__.py").write_text("class Provider:\n    class Inner:\n        pass\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    monkeypatch.setattr(registry, "_entry_points", None)
    yield first, second
    for name in [m for m in sys.modules if m == "toyalpha" or m.startswith("toyalpha.")]:
        del sys.modules[name]


def test_the_installed_providers_are_found_as_importlib_metadata_finds_them() -> None:
    assert registry._standard_layout()
    assert _by_scan() == _by_importlib()
    assert {"local", "aws", "gcp", "azure"} <= set(registry.installed())


def test_shadowing_comments_extras_and_egg_info_read_as_importlib_metadata_reads_them(fake_path: tuple[Path, Path]) -> None:
    expected = [
        ("alpha", "toyalpha.sub : Provider.Inner [fast, small]", "Foo_Bar", "1.0"),
        ("beta", "toyalpha", "Foo_Bar", "1.0"),
        ("gamma", "toyalpha:Provider", "legacy", "0.3"),
    ]
    assert _by_importlib() == expected
    assert _by_scan() == expected
    found = registry.installed()
    assert list(found) == ["alpha", "beta", "gamma"]
    assert found["gamma"] == registry.InstalledProvider("gamma", "toyalpha:Provider", "legacy", "0.3")


def test_an_entry_point_loads_the_object_it_names(fake_path: tuple[Path, Path]) -> None:
    eps = {ep.name: ep for ep in registry._provider_entry_points()}
    for ep in metadata.entry_points(group=registry.GROUP):
        assert eps[ep.name].load() is ep.load()
    assert eps["alpha"].load().__qualname__ == "Provider.Inner"
    assert eps["beta"].load().__name__ == "toyalpha"


def test_the_scan_follows_changes_to_sys_path(fake_path: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = fake_path
    assert "alpha" in registry.installed()
    monkeypatch.setattr(sys, "path", [str(second)])
    assert list(registry.installed()) == ["gamma", "shadowed"]


def test_a_provider_of_another_protocol_names_its_distribution(fake_path: tuple[Path, Path]) -> None:
    with pytest.raises(DiagnosticsError) as e:
        registry.load("gamma")  # toyalpha.Provider declares no version: protocol 1
    assert "(legacy 0.3) implements provider protocol version 1" in str(e.value.diagnostics)


def test_a_zipped_path_entry_is_read_through_importlib_metadata(
    fake_path: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        z.writestr("zipped-1.0.dist-info/entry_points.txt", "[mlinfra.providers]\nzeta = toyalpha:Provider\n")
    monkeypatch.setattr(sys, "path", [*sys.path, str(archive)])
    assert not registry._standard_layout()
    installed = registry.installed()
    assert installed["zeta"] == registry.InstalledProvider("zeta", "toyalpha:Provider", "zipped", "1.0")
    assert list(installed) == ["alpha", "beta", "gamma", "zeta"]


def test_distribution_version_answers_as_importlib_metadata_does() -> None:
    from importlib import metadata

    from mlinfra.providers import registry

    for name in ("scikit-learn", "Scikit_Learn", "pydantic", "mlinfra", "mlinfra-provider-local", "typer"):
        assert registry.distribution_version(name) == metadata.version(name), name
    assert registry.distribution_version("no-such-distribution-anywhere") is None
