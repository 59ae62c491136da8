"""The configuration a plan was made from, parsed again from the source files the plan
carries, so a saved plan can be read (by policies, by the plan JSON) without the directory."""

from __future__ import annotations

from pathlib import Path

from mlinfra.config.loader import load_sources
from mlinfra.config.model import Config
from mlinfra.plans.model import Plan


def load_config(plan: Plan) -> Config | None:
    """The plan's configuration, parsed again from its sources; None without any."""
    if not plan.sources:
        return None
    config, diags = load_sources(Path("."), plan.sources)
    return None if diags.has_errors else config
