"""Cost in the plan: shipped price tables, variants before and after, ranges, the limit."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402
from fakeprovider import FakeProvider  # noqa: E402

from mlinfra.cli.views import cost as render_cost  # noqa: E402
from mlinfra.plans import cost  # noqa: E402
from mlinfra.plans.model import Action, Mode, Plan, ResourceChange  # noqa: E402
from mlinfra.providers import registry  # noqa: E402
from mlinfra.values import UNKNOWN  # noqa: E402


def endpoint(address: str, provider: str, action: Action, before: Any, after: Any) -> ResourceChange:
    return ResourceChange(address, "endpoint", address.split(".")[1], None, provider, action, before, after)


def attrs(itype: str | None = None, count: int = 1, scaling: tuple[int, int] | None = None, **extra: Any) -> dict[str, Any]:
    variant: dict[str, Any] = {"model": "m", "instance_count": count}
    if itype is not None:
        variant["instance_type"] = itype
    out: dict[str, Any] = {"variant": {"blue": variant}, **extra}
    if scaling:
        out["autoscaling"] = {"min": scaling[0], "max": scaling[1]}
    return out


def test_every_cloud_ships_a_versioned_dated_price_table() -> None:
    for cloud, example in (("aws", "ml.m5.large"), ("gcp", "n1-standard-2"), ("azure", "Standard_DS3_v2")):
        t = cost.price_table(cloud)
        assert t is not None and t.version and len(t.as_of) == 10 and t.region and t.currency == "USD"
        assert t.prices[example] > 0 and t.default_instance_type == example
    assert cost.price_table("local") is None and cost.price_table("../etc") is None


def test_a_resized_sagemaker_variant_costs_the_difference_per_hour_and_month() -> None:
    c = endpoint("endpoint.e", "aws", Action.UPDATE, attrs("ml.m5.large", 2), attrs("ml.g5.xlarge", 1))
    est = cost.estimate(Plan(Mode.NORMAL, [c], "l", 1))
    [item] = est.items
    assert item.before is not None and item.before.hourly == pytest.approx((0.23, 0.23))
    assert item.after is not None and item.after.monthly == pytest.approx((1.408 * 730, 1.408 * 730))
    assert est.monthly_delta == pytest.approx(((1.408 - 0.23) * 730,) * 2)
    text = render_cost.render_text(est)
    assert 'endpoint.e variant "blue": ml.m5.large x2 -> ml.g5.xlarge x1' in text
    assert "$0.23/hour -> $1.41/hour, $167.90/month -> $1,027.84/month" in text
    assert "Monthly cost change: +$859.94" in text


def test_autoscaling_shows_the_cost_as_a_range() -> None:
    c = endpoint("endpoint.e", "gcp", Action.CREATE, None, attrs(scaling=(1, 4)))
    est = cost.estimate(Plan(Mode.NORMAL, [c], "l", 1))
    [item] = est.items
    assert item.after is not None and item.after.instance_type == "n1-standard-2"  # the provider's default
    assert item.after.count == (1, 4)
    assert render_cost.span(est.monthly_delta, signed=True) == "+$79.94..+$319.74"


def test_a_provider_block_sets_the_default_instance_type() -> None:
    c = endpoint("endpoint.e", "azure.eu", Action.CREATE, None, attrs(azure={"instance_type": "Standard_F2s_v2"}))
    [item] = cost.estimate(Plan(Mode.NORMAL, [c], "l", 1)).items
    assert item.after is not None and item.after.hourly == pytest.approx((0.085, 0.085))


def test_unknown_instance_types_say_no_price_known_and_count_nothing() -> None:
    changes = [
        endpoint("endpoint.a", "aws", Action.CREATE, None, attrs("ml.zz.huge")),
        endpoint("endpoint.b", "aws", Action.CREATE, None, attrs(UNKNOWN)),
        endpoint("endpoint.c", "fake", Action.CREATE, None, attrs("big")),
        endpoint("endpoint.d", "local", Action.CREATE, None, attrs()),
    ]
    est = cost.estimate(Plan(Mode.NORMAL, changes, "l", 1))
    notes = {i.address: i.note for i in est.items}
    assert notes["endpoint.a"] == 'no price known for instance type "ml.zz.huge" in aws 2026.1'
    assert notes["endpoint.b"] == "no price known: the instance type is known only after apply"
    assert notes["endpoint.c"] == 'no price known for provider "fake"'
    assert notes["endpoint.d"] is None
    assert est.monthly_delta == (0.0, 0.0)
    assert "not counting 3 variants with no price known" in render_cost.render_text(est)
    assert len(render_cost.to_json(est)["unpriced"]) == 3


def test_a_destroyed_endpoint_saves_its_whole_cost_and_the_limit_only_counts_rises() -> None:
    c = endpoint("endpoint.e", "aws", Action.DELETE, attrs("ml.m5.xlarge", 3), None)
    est = cost.estimate(Plan(Mode.NORMAL, [c], "l", 1))
    assert est.monthly_delta == pytest.approx((-0.69 * 730,) * 2)
    assert render_cost.limit_error(est, 0) is None
    doc = render_cost.to_json(est)
    assert doc["resources"][0]["after"] is None and doc["monthly_after"] == {"min": 0, "max": 0}


class _PricedFake(FakeProvider):
    name = "aws"


@pytest.fixture
def priced(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    registry.register("aws", _PricedFake)
    yield
    registry.unregister("aws")


CONFIG = """
provider "aws" {}

model "m" { artifact = "s3://bucket/model.tar.gz" }

endpoint "serve" {
  variant "blue" {
    model         = model.m.id
    instance_type = "TYPE"
  }
  autoscaling {
    min = 1
    max = 3
  }
}
"""


def test_plan_shows_cost_in_text_markdown_and_json(tmp_path: Path, capsys, priced) -> None:
    write(tmp_path, CONFIG.replace("TYPE", "ml.g5.xlarge"))
    text = cli(capsys, tmp_path, "plan").out
    assert 'endpoint.serve variant "blue": none -> ml.g5.xlarge x1..3' in text
    assert "Monthly cost change: +$1,027.84..+$3,083.52" in text
    md = cli(capsys, tmp_path, "plan", "--format", "markdown").out
    assert "**Monthly cost change: +$1,027.84..+$3,083.52**" in md
    assert md.index("### Cost") < md.index("<details>")
    doc = json.loads(cli(capsys, tmp_path, "plan", "--json").out)
    assert doc["cost"]["monthly_delta"] == {"min": 1027.84, "max": 3083.52}
    assert doc["cost"]["price_data"][0]["as_of"] == "2026-01-15"


def test_a_plan_over_the_monthly_cost_limit_fails_and_saves_nothing(tmp_path: Path, capsys, priced) -> None:
    write(tmp_path, CONFIG.replace("TYPE", "ml.g5.xlarge"))
    r = cli(capsys, tmp_path, "plan", "--cost-limit-monthly", "3000", "--out", str(tmp_path / "p.plan"))
    assert r.code == 1
    assert "Monthly cost limit exceeded" in r.err and "$3,083.52" in r.err and "$3,000.00" in r.err
    assert not (tmp_path / "p.plan").exists()
    assert cli(capsys, tmp_path, "plan", "--cost-limit-monthly", "3100").code == 0


def test_an_unknown_instance_type_is_not_priced_in_the_plan(tmp_path: Path, capsys, priced) -> None:
    write(tmp_path, CONFIG.replace("TYPE", "ml.made.up"))
    text = cli(capsys, tmp_path, "plan", "--cost-limit-monthly", "0").out
    assert 'no price known for instance type "ml.made.up"' in text
