"""Sensitive values taken out of the messages providers send back.

Providers see plain values: a secret given to a resource argument can come back inside
an error ("/data/hunter2.csv does not exist", a library's "Got 'hunter2' instead"), a
progress line or a log the provider keeps. A run's ``Secrets`` learns every value that
is marked sensitive while it runs (sensitive variables, ``sensitive()``, values derived
from them, sensitive attributes re-read from state), and ``RedactingProvider``, the
form in which the engine holds every provider, replaces each one by ``(sensitive
value)`` in every diagnostic and progress message before the engine shows or stores it.
Providers that keep their own records of a run (a training log) are handed the same
redaction with each apply request.
"""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from mlinfra import records, values
from mlinfra.diagnostics import Diagnostic, Diagnostics
from mlinfra.providers.protocol import (
    ApplyRequest,
    ApplyResponse,
    ConfigureRequest,
    ConfigureResponse,
    ImportRequest,
    ImportResponse,
    IntentRequest,
    IntentResponse,
    PlanRequest,
    PlanResponse,
    PollRequest,
    Provider,
    ProviderSchema,
    ReadRequest,
    ReadResponse,
    RecoverRequest,
    RecoverResponse,
    UpgradeStateRequest,
    UpgradeStateResponse,
    ValidateRequest,
    ValidateResponse,
)

MARKER = "(sensitive value)"
_R = TypeVar(
    "_R",
    ConfigureResponse,
    ImportResponse,
    IntentResponse,
    RecoverResponse,
    ValidateResponse,
    ReadResponse,
    PlanResponse,
    ApplyResponse,
    UpgradeStateResponse,
)
# Texts this short (and numbers) are only redacted where they stand alone, so that a
# secret "42" does not blank out "line 142".
_SHORT = 4
_WORD = r"[\w.]"


class Secrets:
    """The sensitive texts of one run; thread-safe, and only ever growing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._texts: set[str] = set()
        self._bounded: set[str] = set()
        self._pattern: re.Pattern[str] | None = None

    def __len__(self) -> int:
        return len(self._texts) + len(self._bounded)

    # -- learning ------------------------------------------------------------------------
    def add(self, value: Any) -> None:
        """Learn every leaf of ``value`` (a value known to be sensitive as a whole)."""
        new = [(t, b) for leaf in _leaves(value) for t, b in _forms(leaf)]
        if not new:
            return
        with self._lock:
            for text, bounded in new:
                target = self._bounded if bounded else self._texts
                if text not in target:
                    target.add(text)
                    self._pattern = None

    def add_marked(self, value: Any) -> None:
        """Learn the parts of ``value`` that carry a ``Sensitive`` mark."""
        if isinstance(value, values.Sensitive):
            self.add(value.value)
        elif isinstance(value, dict):
            for v in value.values():
                self.add_marked(v)
        elif isinstance(value, list | tuple):
            for v in value:
                self.add_marked(v)

    def add_at(self, value: Any, paths: Any) -> None:
        """Learn the parts of a plain ``value`` at the given attribute paths."""
        self.add_marked(values.mark(value, [tuple(p) for p in paths or ()]))

    def watch(self) -> Secrets:
        """Learn every value marked sensitive from now on (until ``unwatch`` or until
        this object is gone)."""
        _watching.add(self)
        values.on_sensitive = _notify
        return self

    def unwatch(self) -> None:
        _watching.discard(self)

    # -- redacting -----------------------------------------------------------------------
    def redact(self, text: str) -> str:
        if not text or not (self._texts or self._bounded):
            return text
        pattern = self._compiled()
        return pattern.sub(MARKER, text) if pattern is not None else text

    def diagnostic(self, diag: Diagnostic) -> Diagnostic:
        summary, detail = self.redact(diag.summary), self.redact(diag.detail)
        if summary == diag.summary and detail == diag.detail:
            return diag
        return records.replace(diag, summary=summary, detail=detail)

    def diagnostics(self, diags: Diagnostics) -> Diagnostics:
        if not (self._texts or self._bounded):
            return diags
        return Diagnostics([self.diagnostic(x) for x in diags])

    def _compiled(self) -> re.Pattern[str] | None:
        with self._lock:
            if self._pattern is None:
                # Longest first, so a secret that contains another is replaced whole.
                plain = [re.escape(t) for t in sorted(self._texts, key=len, reverse=True)]
                bounded = [
                    rf"(?<!{_WORD}){re.escape(t)}(?!{_WORD})"
                    for t in sorted(self._bounded, key=len, reverse=True)
                ]
                alternatives = plain + bounded
                self._pattern = re.compile("|".join(alternatives)) if alternatives else None
            return self._pattern


_watching: weakref.WeakSet[Secrets] = weakref.WeakSet()


def _notify(value: Any) -> None:
    for secrets in list(_watching):
        secrets.add(value)


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, values.Sensitive):
        yield from _leaves(value.value)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _leaves(v)
    elif value is not None and not values.is_unknown(value) and not isinstance(value, bool):
        yield value


def _forms(leaf: Any) -> list[tuple[str, bool]]:
    """The ways ``leaf`` can appear in a message, each with whether it must stand alone."""
    if isinstance(leaf, str):
        texts = {leaf, json.dumps(leaf)[1:-1], repr(leaf)[1:-1]}
        texts.update(line.strip() for line in leaf.splitlines())
        return [(t, len(t) < _SHORT) for t in texts if t.strip()]
    if isinstance(leaf, int):
        return [(str(leaf), True)]
    if isinstance(leaf, float):
        texts = {repr(leaf), str(leaf), f"{leaf:g}"}
        if leaf.is_integer() and abs(leaf) < 1e16:
            texts.add(str(int(leaf)))
        return [(t, True) for t in texts]
    return [(str(leaf), True)] if str(leaf).strip() else []


class RedactingProvider:
    """A provider whose every message passes through a run's ``Secrets``."""

    def __init__(self, inner: Provider, secrets: Secrets) -> None:
        self.inner = inner
        self.secrets = secrets

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def schema(self) -> ProviderSchema:
        return self.inner.schema()

    def _clean(self, resp: _R) -> _R:
        resp.diagnostics = self.secrets.diagnostics(resp.diagnostics)
        return resp

    def configure(self, req: ConfigureRequest) -> ConfigureResponse:
        return self._clean(self.inner.configure(req))

    def validate(self, req: ValidateRequest) -> ValidateResponse:
        return self._clean(self.inner.validate(req))

    def read(self, req: ReadRequest) -> ReadResponse:
        return self._clean(self.inner.read(req))

    def plan(self, req: PlanRequest) -> PlanResponse:
        resp = self._clean(self.inner.plan(req))
        if resp.reason:
            resp.reason = self.secrets.redact(resp.reason)
        return resp

    def import_resource(self, req: ImportRequest) -> ImportResponse:
        return self._clean(self.inner.import_resource(req))

    def intent(self, req: IntentRequest) -> IntentResponse:
        return self._clean(self.inner.intent(req))

    def recover(self, req: RecoverRequest) -> RecoverResponse:
        return self._clean(self.inner.recover(req))

    def _shown(self, progress: Callable[[str], None] | None) -> Callable[[str], None] | None:
        """``progress`` with the run's sensitive values taken out of each message."""
        if progress is None:
            return None
        redact = self.secrets.redact

        def shown(message: str) -> None:
            progress(redact(message))

        return shown

    def _cleaned(self, resp: ApplyResponse) -> ApplyResponse:
        """An apply's or a poll's answer, its diagnostics and waiting status redacted."""
        if resp.pending is not None and resp.pending.status:
            resp.pending = records.replace(resp.pending, status=self.secrets.redact(resp.pending.status))
        return self._clean(resp)

    def apply(self, req: ApplyRequest) -> ApplyResponse:
        return self._cleaned(
            self.inner.apply(records.replace(req, progress=self._shown(req.progress), redact=self.secrets.redact))
        )

    def poll(self, req: PollRequest) -> ApplyResponse:
        poll = self.inner.poll  # type: ignore[attr-defined]  # only a provider that answered pending
        return self._cleaned(poll(records.replace(req, progress=self._shown(req.progress), redact=self.secrets.redact)))

    def upgrade_state(self, req: UpgradeStateRequest) -> UpgradeStateResponse:
        return self._clean(self.inner.upgrade_state(req))

    def close(self) -> None:
        self.inner.close()
