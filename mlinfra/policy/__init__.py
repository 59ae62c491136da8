"""Policy over plans: ``policy`` blocks (HCL) checked against a plan and its ML metadata.

A policy file lives in the configuration's ``policies/`` folder or a folder given with
``plan --policy DIR``. Each ``policy "NAME"`` block names one ``check`` and its settings,
and an ``enforcement``: a ``mandatory`` violation fails the plan with an error at the
resource; an ``advisory`` one is a warning in every output. ``load`` parses the files;
``evaluate`` runs them over a plan.
"""

from mlinfra.policy.loader import Policy, load_dir
from mlinfra.policy.rules import CHECKS, Violation, evaluate

__all__ = ["CHECKS", "Policy", "Violation", "evaluate", "load_dir"]
