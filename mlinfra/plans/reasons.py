"""Terraform's ``action_reason`` enum for a planned change.

The planner explains every change in English (``ResourceChange.reason``); plan JSON also
carries the machine-readable reason Terraform puts in ``resource_changes[].action_reason``,
so policies written against ``terraform show -json`` read ours unchanged.
"""

from __future__ import annotations

from mlinfra.addrs import Address
from mlinfra.config.model import Config
from mlinfra.plans.model import Action

REPLACE_BECAUSE_TAINTED = "replace_because_tainted"
REPLACE_BY_REQUEST = "replace_by_request"
REPLACE_BY_TRIGGERS = "replace_by_triggers"
REPLACE_BECAUSE_CANNOT_UPDATE = "replace_because_cannot_update"
DELETE_BECAUSE_NO_MODULE = "delete_because_no_module"
DELETE_BECAUSE_NO_RESOURCE_CONFIG = "delete_because_no_resource_config"
DELETE_BECAUSE_WRONG_REPETITION = "delete_because_wrong_repetition"
DELETE_BECAUSE_COUNT_INDEX = "delete_because_count_index"
DELETE_BECAUSE_EACH_KEY = "delete_because_each_key"

# Every value Terraform documents, including those mlinfra never produces (modules,
# moved blocks and data sources work differently here).
TERRAFORM_ENUM = frozenset(
    {
        REPLACE_BECAUSE_TAINTED,
        REPLACE_BY_REQUEST,
        REPLACE_BY_TRIGGERS,
        REPLACE_BECAUSE_CANNOT_UPDATE,
        DELETE_BECAUSE_NO_RESOURCE_CONFIG,
        DELETE_BECAUSE_WRONG_REPETITION,
        DELETE_BECAUSE_COUNT_INDEX,
        DELETE_BECAUSE_EACH_KEY,
        "delete_because_no_module",
        "delete_because_no_move_target",
        "read_because_config_unknown",
        "read_because_dependency_pending",
        "read_because_check_nested",
    }
)


def for_instance(action: Action, *, tainted: bool, by_request: bool, by_trigger: bool) -> str | None:
    """The reason of a configured instance's change; None where Terraform gives none."""
    if not action.is_replace:
        return None
    if tainted:
        return REPLACE_BECAUSE_TAINTED
    if by_request:
        return REPLACE_BY_REQUEST
    if by_trigger:
        return REPLACE_BY_TRIGGERS
    return REPLACE_BECAUSE_CANNOT_UPDATE


def for_orphan(config: Config, address: Address) -> str:
    """Why an object in state with no instance in the configuration is deleted."""
    block = config.resources.get(str(address.resource))
    if block is None and address.module and address.module not in config.modules:
        return DELETE_BECAUSE_NO_MODULE
    if block is None:
        return DELETE_BECAUSE_NO_RESOURCE_CONFIG
    key = address.key
    if isinstance(key, int) and block.count is not None:
        return DELETE_BECAUSE_COUNT_INDEX
    if isinstance(key, str) and block.for_each is not None:
        return DELETE_BECAUSE_EACH_KEY
    return DELETE_BECAUSE_WRONG_REPETITION
