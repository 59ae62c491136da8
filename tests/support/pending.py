"""An operation a provider answered as pending, polled to its end as the engine's walk
polls it: each poll after the wait the provider asked for."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from mlinfra.providers.protocol import ApplyResponse, PollRequest


def poll_to_end(
    provider: Any,
    kind: str,
    address: str,
    resp: ApplyResponse,
    progress: Callable[[str], None],
    record: Callable[[dict[str, Any]], None],
    limit: int = 3000,
) -> ApplyResponse:
    """Poll ``resp`` until it is no longer pending (at most ``limit`` polls)."""
    polls = 0
    while resp.pending is not None:
        polls += 1
        assert polls < limit, f"{address}: the operation never ended"
        time.sleep(resp.pending.after)  # as the engine's timer heap would
        resp = provider.poll(PollRequest(kind, address, resp.pending.continuation, progress, record))
    return resp
