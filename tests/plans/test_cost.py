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


def test_each_price_table_says_where_its_figures_come_from_and_what_no_check_confirmed() -> None:
    for cloud in ("aws", "gcp", "azure"):
        t = cost.price_table(cloud)
        assert t is not None and t.source and t.checked and len(t.checked) == 10
        # nothing confirmed is listed that the table does not price
        assert t.verified <= set(t.prices) and t.unverified == sorted(set(t.prices) - t.verified)
    est = cost.estimate(Plan(Mode.NORMAL, [endpoint("endpoint.e", "aws", Action.CREATE, None, attrs("ml.m5.large"))], "l", 1))
    table = cost.price_table("aws")
    assert table is not None and table.unverified
    assert "not checked against the published prices" in render_cost.render_text(est)
    assert render_cost.to_json(est)["price_data"][0]["unverified"] == table.unverified


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


def pipeline(action: Action, before: Any, after: Any, provider: str = "aws") -> ResourceChange:
    return ResourceChange("pipeline.train", "pipeline", "train", None, provider, action, before, after)


def steps(*specs: tuple[str, str | None, int], **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"step": {}, "run": "on_change", **extra}
    for name, itype, n in specs:
        out["step"][name] = {"instance_count": n, **({"instance_type": itype} if itype else {})}
    return out


def test_a_pipeline_run_costs_each_steps_instances_for_the_step_time_bound() -> None:
    before = steps(("fit", "ml.m5.large", 1), aws={"max_runtime": 3600})
    after = steps(("prep", None, 1), ("fit", "ml.g5.xlarge", 2), aws={"max_runtime": 1800})
    est = cost.estimate(Plan(Mode.NORMAL, [pipeline(Action.UPDATE, before, after)], "l", 1))
    [run] = est.runs
    assert run.before is not None and run.before.per_run == pytest.approx(0.115)
    # prep takes the block's default type (ml.m5.large); each step at most half an hour
    assert run.after is not None and run.after.per_run == pytest.approx((0.115 + 2 * 1.408) / 2)
    assert run.runs == 1 and run.duration_source == "aws.max_runtime"
    assert est.run_cost == pytest.approx((0.115 + 2 * 1.408) / 2)
    text = render_cost.render_text(est)
    assert "pipeline.train run: fit: ml.m5.large x1 -> fit: ml.g5.xlarge x2, prep: ml.m5.large x1" in text
    assert "up to $0.12 -> up to $1.47 per run (each step at most 0.5 h, from aws.max_runtime)" in text
    assert "Pipeline runs this plan starts: 1, costing up to $1.47 once; not in the monthly cost" in text
    assert "Monthly cost change" not in text  # no endpoint changes
    assert est.monthly_delta == (0.0, 0.0) and render_cost.limit_error(est, 0) is None


def test_run_costs_default_the_duration_and_price_nothing_they_cannot_know() -> None:
    est = cost.estimate(Plan(Mode.NORMAL, [pipeline(Action.CREATE, None, steps(("fit", None, 1)))], "l", 1))
    [run] = est.runs
    assert run.after is not None and run.after.per_run == pytest.approx(0.115 * 24)
    assert run.duration_source == "aws.max_runtime (default)"
    gcp = cost.estimate(Plan(Mode.NORMAL, [pipeline(Action.CREATE, None, steps(("fit", "n1-standard-4", 1)), "gcp")], "l", 1))
    assert gcp.runs[0].note == "no price known: gcp pipelines have no expected run duration"
    assert gcp.run_cost == 0
    odd = cost.estimate(Plan(Mode.NORMAL, [pipeline(Action.CREATE, None, steps(("fit", "ml.made.up", 1)))], "l", 1))
    assert odd.runs[0].note == 'no price known for instance type "ml.made.up" in aws 2026.1'
    local = cost.estimate(Plan(Mode.NORMAL, [pipeline(Action.CREATE, None, steps(("fit", None, 1)), "local")], "l", 1))
    assert local.runs[0].after is not None and local.runs[0].after.per_run == 0.0
    never = cost.estimate(Plan(Mode.NORMAL, [pipeline(Action.CREATE, None, steps(("fit", None, 1), run="never"))], "l", 1))
    assert never.runs[0].runs == 0 and never.run_cost == 0
    gone = cost.estimate(Plan(Mode.NORMAL, [pipeline(Action.DELETE, steps(("fit", None, 1)), None)], "l", 1))
    assert gone.runs[0].runs == 0 and gone.runs[0].after is None
    doc = render_cost.to_json(est)
    [j] = doc["pipeline_runs"]
    assert j["after"]["per_run"] == pytest.approx(2.76) and j["upper_bound"] is True and j["runs_started"] == 1
    assert doc["runs_cost"] == pytest.approx(2.76) and doc["monthly_delta"] == {"min": 0, "max": 0}


PIPELINE = """
pipeline "train" {
  inputs = { train = "s3://bucket/train.csv" }
  step "fit" {
    estimator      = "sklearn.linear_model.Ridge"
    instance_type  = "ml.m5.xlarge"
    instance_count = 2
  }
}
"""


def test_plan_shows_pipeline_run_cost_in_text_markdown_and_json_outside_the_monthly_limit(tmp_path: Path, capsys, priced) -> None:
    write(tmp_path, CONFIG.replace("TYPE", "ml.m5.large") + PIPELINE)
    r = cli(capsys, tmp_path, "plan", "--cost-limit-monthly", "252")  # runs are not monthly
    assert r.code == 0, r.err
    assert "pipeline.train run: none -> fit: ml.m5.xlarge x2" in r.out
    assert "$0.00 -> up to $11.04 per run (each step at most 24 h, from aws.max_runtime (default))" in r.out
    md = cli(capsys, tmp_path, "plan", "--format", "markdown").out
    assert "| `pipeline.train` | none | fit: ml.m5.xlarge x2 | $0.00 → up to $11.04" in md
    assert "Pipeline runs this plan starts: 1, costing up to $11.04 once; not in the monthly cost." in md
    doc = json.loads(cli(capsys, tmp_path, "plan", "--json").out)
    assert doc["cost"]["runs_cost"] == 11.04
    assert doc["cost"]["pipeline_runs"][0]["after"]["steps"] == [{"step": "fit", "instance_type": "ml.m5.xlarge", "instance_count": 2}]
    assert doc["cost"]["monthly_delta"] == {"min": 83.95, "max": 251.85}


def test_the_plan_view_skips_the_estimate_exactly_when_it_would_be_empty() -> None:
    """``views.plan`` reads no price table when no endpoint or pipeline changes: its
    shortcut gives what the estimate's own sections give, for every kind and action."""
    from mlinfra.cli.views import plan as plan_view

    pipeline_attrs = {"step": {"fit": {"instance_type": "ml.m5.large"}}, "aws": {"max_runtime": 3600}}
    for kind in ("dataset", "pipeline", "model", "endpoint", "monitor"):
        for action in Action:
            for provider in ("aws", "local"):
                shape = pipeline_attrs if kind == "pipeline" else attrs("ml.m5.large")
                before = None if action is Action.CREATE else shape
                after = None if action is Action.DELETE else shape
                change = ResourceChange(f"{kind}.x", kind, "x", None, provider, action, before, after)
                plan = Plan(Mode.NORMAL, [change], "l", 1)
                est = cost.estimate(plan)
                assert plan_view._costs(plan, "text") == render_cost.render_text(est), (kind, action, provider)
                assert plan_view._costs(plan, "markdown") == render_cost.render_markdown(est), (kind, action, provider)


def test_the_price_tables_are_read_from_the_package() -> None:
    assert cost.PRICES.is_dir() and {p.stem for p in cost.PRICES.glob("*.json")} == {"aws", "gcp", "azure"}
