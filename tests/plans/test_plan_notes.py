"""A plan's notes (a monitor that detects drift) appear in the text plan, the
pull-request markdown and the plan JSON, and survive a saved plan file."""

from __future__ import annotations

from pathlib import Path

from mlinfra.cli.views import plan_json, plan_markdown, plan_text
from mlinfra.plans import planfile
from mlinfra.plans.model import Mode, Plan

NOTE = "monitor.iris: drift detected on 2 features (petal length, petal width) since 2026-01-01T00:00:00Z"


def _plan() -> Plan:
    return Plan(mode=Mode.NORMAL, changes=[], lineage="l", serial=1, notes=[NOTE])


def test_notes_are_in_the_text_markdown_and_json_plans() -> None:
    plan = _plan()
    assert f"Note: {NOTE}" in plan_text.render_plan(plan)
    assert f"> [!NOTE]\n> - {NOTE}" in plan_markdown.render_markdown(plan)
    assert plan_json.plan_to_json(plan, "0")["notes"] == [NOTE]
    quiet = Plan(mode=Mode.NORMAL, changes=[], lineage="l", serial=1)
    assert "Note:" not in plan_text.render_plan(quiet) and "notes" not in plan_json.plan_to_json(quiet, "0")


def test_notes_survive_a_saved_plan(tmp_path: Path) -> None:
    planfile.save_plan(_plan(), tmp_path / "p.plan")
    assert planfile.load_plan(tmp_path / "p.plan").notes == [NOTE]


def test_a_monitor_note_names_the_drifted_features_and_since_when() -> None:
    from mlinfra.plans import monitors
    from mlinfra.states.model import ResourceState

    def rec(address: str, **attrs: object) -> ResourceState:
        return ResourceState(address=address, kind="monitor", provider="local", attributes=dict(attrs))

    state = {
        "monitor.a": rec("monitor.a", status="drift", drifted_features=["x"], drift_since="T1"),
        "monitor.b": rec("monitor.b", status="ok", drifted_features=[]),
        "monitor.c": rec("monitor.c", status="drift", drifted_features=[], drift_since="T2"),
        "monitor.d": rec("monitor.d", status="no_data"),
    }
    assert monitors.notes(state) == [
        "monitor.a: drift detected on 1 feature (x) since T1",
        "monitor.c: drift detected (quality check failed) since T2",
    ]
