"""A text the fast parser handles is checked against the limits once: the user's parse
cache keeps a marker naming the hash of the text and what checked it, and the next run
parses the same text without the checks. Any other text, a marker written for other
checks or limits, or a marker that is not one, is checked as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlinfra.config import hclcache, hclparse, limits

TEXT = 'dataset "d" {\n  source = "file://x.csv"\n  tags   = { a = "1" }\n}\n'


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The limit checks run from now on, by name; the in-process cache starts empty."""
    hclparse.clear_memory_cache()
    ran: list[str] = []
    for name in ("check_source", "check_tree"):
        real = getattr(limits, name)

        def counted(*args: object, _real: object = real, _name: str = name) -> object:
            ran.append(_name)
            return _real(*args)  # type: ignore[operator]

        monkeypatch.setattr(limits, name, counted)
    return ran


def _parse(path: Path, cache: Path | None) -> object:
    hclparse.clear_memory_cache()  # as a new process would
    f, diags = hclparse.parse_file(path, "main.hcl", cache)
    assert not diags, diags
    assert f is not None
    return f.body


def _markers(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.limits"))


def test_a_text_found_within_the_limits_is_not_checked_again(tmp_path: Path, checks: list[str]) -> None:
    path, cache = tmp_path / "main.hcl", tmp_path / "cache"
    path.write_text(TEXT)
    first = _parse(path, cache)
    assert checks == ["check_source", "check_tree"]
    assert len(_markers(cache)) == 1 and not list(cache.glob("*.json"))  # the parse itself is not kept
    assert _parse(path, cache) == first
    assert checks == ["check_source", "check_tree"]


def test_another_text_is_checked(tmp_path: Path, checks: list[str]) -> None:
    path, cache = tmp_path / "main.hcl", tmp_path / "cache"
    path.write_text(TEXT)
    _parse(path, cache)
    path.write_text(TEXT.replace('"1"', '"2"'))
    _parse(path, cache)
    assert checks == ["check_source", "check_tree"] * 2
    assert len(_markers(cache)) == 2


def test_without_a_cache_every_parse_is_checked(tmp_path: Path, checks: list[str]) -> None:
    path = tmp_path / "main.hcl"
    path.write_text(TEXT)
    _parse(path, None)
    _parse(path, None)
    assert checks == ["check_source", "check_tree"] * 2


def test_a_text_beyond_the_limits_gets_no_marker_and_fails_every_time(tmp_path: Path, checks: list[str]) -> None:
    path, cache = tmp_path / "main.hcl", tmp_path / "cache"
    path.write_text("x = " + "[" * (limits.MAX_NESTING + 2) + "]" * (limits.MAX_NESTING + 2) + "\n")
    for _ in range(2):
        hclparse.clear_memory_cache()
        f, diags = hclparse.parse_file(path, "main.hcl", cache)
        assert f is None and diags.has_errors
        assert "nested" in diags.items[0].detail
    assert not cache.exists() or not _markers(cache)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"anything\n",
        b"mlinfra-parse-cache within-limits 00 00 0\n",  # another text's key, other checks
    ],
)
def test_a_marker_that_is_not_this_checks_word_is_ignored(tmp_path: Path, checks: list[str], content: bytes) -> None:
    path, cache = tmp_path / "main.hcl", tmp_path / "cache"
    path.write_text(TEXT)
    _parse(path, cache)
    (marker,) = _markers(cache)
    marker.write_bytes(content)
    _parse(path, cache)
    assert checks == ["check_source", "check_tree"] * 2
    assert marker.read_bytes() != content  # checked again, and marked again


def test_a_marker_written_under_other_limits_is_not_trusted(
    tmp_path: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, cache = tmp_path / "main.hcl", tmp_path / "cache"
    path.write_text("x = [[[[1]]]]\n")
    _parse(path, cache)
    monkeypatch.setattr(limits, "MAX_NESTING", 2)
    hclparse.clear_memory_cache()
    f, diags = hclparse.parse_file(path, "main.hcl", cache)
    assert f is None and diags.has_errors  # checked against the lower limit


def test_a_marker_written_by_other_parser_code_is_not_trusted(
    tmp_path: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, cache = tmp_path / "main.hcl", tmp_path / "cache"
    path.write_text(TEXT)
    _parse(path, cache)
    monkeypatch.setattr(hclcache, "_checker_fingerprint", ["another installation's parser"])
    _parse(path, cache)
    assert checks == ["check_source", "check_tree"] * 2
