"""The state, rules and long-running operations shared by the fake's services.

Errors are the service's JSON error shape (``{"error": {"code", "message", "status"}}``).
Names are returned the way Vertex AI returns them: with the project *number*, not the ID
the caller used, so a client that compares names as strings finds out here. Operations
finish after ``polls_to_finish`` polls and only then change state, so a client that does
not wait sees the old state. A test may ``hold`` operations (a service that takes its
time: a held operation makes no progress however often it is polled); the fake counts
the operations under way at once.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

TYPE = "type.googleapis.com/google.cloud.aiplatform.v1."
LABEL_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
LABEL_VALUE = re.compile(r"^[a-z0-9_-]{0,63}$")
REGION = re.compile(r"^[a-z]+-[a-z]+[0-9]+$")
STATUS = {400: "INVALID_ARGUMENT", 404: "NOT_FOUND", 409: "ALREADY_EXISTS", 429: "RESOURCE_EXHAUSTED", 503: "UNAVAILABLE"}


class ApiError(Exception):
    def __init__(self, code: int, message: str, status: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or STATUS.get(code, "FAILED_PRECONDITION" if code == 400 else "UNKNOWN")

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "status": self.status}}


def precondition(message: str) -> ApiError:
    return ApiError(400, message, "FAILED_PRECONDITION")


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def check_labels(labels: Any) -> dict[str, str]:
    if labels is None:
        return {}
    if not isinstance(labels, dict) or len(labels) > 64:
        raise ApiError(400, "labels: at most 64 labels are allowed.")
    for k, v in labels.items():
        if not LABEL_KEY.match(k):
            raise ApiError(400, f"Label key '{k}' is invalid: it must start with a lowercase letter and contain only lowercase letters, numbers, underscores and dashes (at most 63 characters).")
        if not isinstance(v, str) or not LABEL_VALUE.match(v):
            raise ApiError(400, f"Label value '{v}' of key '{k}' is invalid: it may contain only lowercase letters, numbers, underscores and dashes (at most 63 characters).")
    return dict(labels)


def check_display_name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value or len(value) > 128:
        raise ApiError(400, f"{what}.displayName is required and must be at most 128 characters.")
    return value


@dataclass
class Operation:
    name: str
    metadata_type: str
    # Applied when the operation finishes; returns the response (or raises ApiError).
    finish: Callable[[], dict[str, Any] | None]
    response_type: str
    polls_left: int
    done: bool = False
    response: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    created: str = field(default_factory=now)

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "metadata": {"@type": self.metadata_type, "genericMetadata": {"createTime": self.created, "updateTime": now()}},
        }
        if self.done:
            out["done"] = True
            if self.error is not None:
                out["error"] = self.error
            else:
                out["response"] = {"@type": self.response_type, **(self.response or {})}
        return out


class State:
    """Everything the fake holds, under one lock."""

    def __init__(self, project_numbers: dict[str, str]) -> None:
        self.lock = threading.RLock()
        self.project_numbers = project_numbers
        self.operations: dict[str, Operation] = {}
        self.ids = itertools.count(1000)
        self.polls_to_finish = 1
        # Operations started and not done yet, and the most there were at once.
        self.unfinished: set[str] = set()
        self.most_unfinished = 0
        # While ``hold(operation name)`` is true, polls of that operation leave it running.
        self.hold: Callable[[str], bool] | None = None

    def next_id(self) -> str:
        return str(next(self.ids))

    def location(self, project: str, region: str) -> str:
        """``projects/NUMBER/locations/REGION``; 404 for an unknown project."""
        number = self.project_numbers.get(project, project if project in self.project_numbers.values() else None)
        if number is None:
            raise ApiError(404, f"Project '{project}' not found or permission denied.", "NOT_FOUND")
        if not REGION.match(region):
            raise ApiError(400, f"Invalid location '{region}'.")
        return f"projects/{number}/locations/{region}"

    def start(
        self,
        parent: str,
        metadata: str,
        response_type: str,
        finish: Callable[[], dict[str, Any] | None],
    ) -> dict[str, Any]:
        name = f"{parent}/operations/{self.next_id()}"
        op = Operation(name, TYPE + metadata, finish, response_type, self.polls_to_finish)
        self.operations[name] = op
        self.unfinished.add(name)
        self.most_unfinished = max(self.most_unfinished, len(self.unfinished))
        if op.polls_left <= 0 and not self._held(name):
            self._finish(op)
        return op.json()

    def _held(self, name: str) -> bool:
        return self.hold is not None and self.hold(name)

    def poll(self, name: str) -> dict[str, Any]:
        op = self.operations.get(name)
        if op is None:
            raise ApiError(404, f"Operation {name} not found.")
        if not op.done and not self._held(name):
            op.polls_left -= 1
            if op.polls_left < 0:
                self._finish(op)
        return op.json()

    def _finish(self, op: Operation) -> None:
        op.done = True
        self.unfinished.discard(op.name)
        try:
            op.response = op.finish()
        except ApiError as e:
            op.error = {"code": _grpc_code(e.status), "message": e.message}


def _grpc_code(status: str) -> int:
    return {
        "INVALID_ARGUMENT": 3,
        "NOT_FOUND": 5,
        "ALREADY_EXISTS": 6,
        "RESOURCE_EXHAUSTED": 8,
        "FAILED_PRECONDITION": 9,
        "INTERNAL": 13,
        "UNAVAILABLE": 14,
    }.get(status, 2)
