"""``mlinfra output``'s view: raw values as Terraform prints them, JSON, and HCL text."""

from __future__ import annotations

from types import SimpleNamespace

from mlinfra.cli.views import outputs


def test_one_value_raw_json_and_text() -> None:
    assert outputs.one("ok", True, "raw") == "true"
    assert outputs.one("n", 3, "raw") == "3"
    assert outputs.one("url", "http://x", "raw") == "http://x"
    assert outputs.one("nothing", None, "raw") == ""
    assert outputs.one("m", {"b": 1, "a": [2]}, "json") == '{"a": [2], "b": 1}'
    assert outputs.one("url", "http://x", "text") == 'url = "http://x"'


def test_every_output_hides_sensitive_values() -> None:
    outs = {"url": SimpleNamespace(value="http://x", sensitive=False), "key": SimpleNamespace(value="s3cret", sensitive=True)}
    assert "s3cret" not in outputs.every(outs, json_out=True)
    assert "s3cret" not in outputs.every(outs, json_out=False)
    assert outputs.every(outs, json_out=False) == 'Outputs:\n\nkey = (sensitive value)\nurl = "http://x"'
