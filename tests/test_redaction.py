"""Sensitive values are taken out of what providers say: diagnostics, plan reasons and
progress lines, whichever provider says it, and handed to providers as a redaction for
what they write down themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.providers import PROTOCOL_VERSION, CrudProvider, Resource, Steps, Wait
from mlinfra.providers.protocol import (
    ApplyRequest,
    ConfigureRequest,
    PlanRequest,
    PlanResponse,
    PollRequest,
    ReadRequest,
    ValidateRequest,
)
from mlinfra.redaction import MARKER, RedactingProvider, Secrets
from mlinfra.values import Sensitive


class Echo(Resource):
    """Repeats its arguments back in every message, as careless services do."""

    kind = "dataset"

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        return [d.warning("Odd source", f"source {config['source']} looks odd")]

    def plan(
        self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]
    ) -> PlanResponse:
        resp = self.default_plan(prior, config)
        resp.reason = f"source is now {config['source']}"
        return resp

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        raise ValueError(f"cannot open {state['source']}")

    def create(
        self, address: str, config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        self.ctx.progress(f"fetching {config['source']}")
        self.ctx.progress("log: " + self.ctx.redactor()(f"fetched {config['source']}"))
        raise ValueError(f"{config['source']}: permission denied")


class EchoSteps(Resource):
    """The same, in a create written as steps the engine polls."""

    kind = "model"

    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> Steps[dict[str, Any]]:
        yield Wait(0, f"copying {config['artifact']}")
        self.ctx.progress(f"copied {config['artifact']}")
        raise ValueError(f"{config['artifact']}: not a model")


class EchoProvider(CrudProvider):
    name = "echo"
    protocol_version = PROTOCOL_VERSION
    resources = (Echo, EchoSteps)


SECRET = "s3cr3t-token-9f2"


def wrapped() -> tuple[RedactingProvider, Secrets]:
    secrets = Secrets()
    secrets.add(SECRET)
    provider = RedactingProvider(EchoProvider(), secrets)
    provider.configure(ConfigureRequest({}, Path(".")))
    return provider, secrets


def shown(diags: d.Diagnostics) -> str:
    return "\n".join(f"{x.summary}: {x.detail}" for x in diags)


def test_a_value_marked_sensitive_while_a_run_watches_is_redacted_and_none_after() -> None:
    secrets = Secrets().watch()
    Sensitive({"key": "hunter2-password", "n": [Sensitive("nested-secret")]})
    secrets.unwatch()
    Sensitive("marked-after-the-run")
    text = "hunter2-password, nested-secret, marked-after-the-run"
    assert secrets.redact(text) == f"{MARKER}, {MARKER}, marked-after-the-run"


def test_short_secrets_and_numbers_are_redacted_only_where_they_stand_alone() -> None:
    secrets = Secrets()
    for v in ("ab", 42, 0.5, True, None):
        secrets.add(v)
    assert secrets.redact("line 142 took 10.5 s") == "line 142 took 10.5 s"
    assert secrets.redact("C=42, alpha=0.5, key ab") == f"C={MARKER}, alpha={MARKER}, key {MARKER}"
    assert secrets.redact("True and None stay") == "True and None stay"


def test_a_secret_is_found_in_its_quoted_and_escaped_forms_and_line_by_line() -> None:
    secrets = Secrets()
    secrets.add('pa"ss\\word')
    secrets.add("-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END KEY-----")
    assert MARKER in secrets.redact(r'got "pa\"ss\\word"') and "ss" not in secrets.redact(
        r'got "pa\"ss\\word"'
    )
    assert secrets.redact("bad line: MIIEvQIBADANBgkqhkiG9w0B") == f"bad line: {MARKER}"


def test_every_message_a_provider_sends_back_is_redacted() -> None:
    provider, _ = wrapped()
    config = {"source": f"file://data/{SECRET}.csv"}
    validated = provider.validate(ValidateRequest("dataset", "dataset.d", config)).diagnostics
    planned = provider.plan(PlanRequest("dataset", "dataset.d", None, config))
    read = provider.read(ReadRequest("dataset", "dataset.d", "d", {"id": "d", **config}))
    progress: list[str] = []
    applied = provider.apply(
        ApplyRequest("dataset", "dataset.d", "create", None, {}, config, progress=progress.append)
    )
    everything = "\n".join(
        [
            shown(validated),
            planned.reason or "",
            shown(read.diagnostics),
            shown(applied.diagnostics),
            *progress,
        ]
    )
    assert SECRET not in everything
    assert everything.count(MARKER) == 6
    assert progress == [
        f"fetching file://data/{MARKER}.csv",
        f"log: fetched file://data/{MARKER}.csv",
    ]


def test_what_a_polled_operation_says_while_waiting_is_redacted() -> None:
    provider, _ = wrapped()
    config = {"artifact": f"file://models/{SECRET}.pkl"}
    progress: list[str] = []
    started = provider.apply(
        ApplyRequest("model", "model.m", "create", None, {}, config, progress=progress.append, deferrable=True)
    )
    assert started.pending is not None
    assert started.pending.status == f"copying file://models/{MARKER}.pkl"
    done = provider.poll(PollRequest("model", "model.m", started.pending.continuation, progress=progress.append))
    assert done.pending is None
    assert progress == [f"copied file://models/{MARKER}.pkl"]
    assert shown(done.diagnostics) == f"Cannot create model.m: file://models/{MARKER}.pkl: not a model"


def test_a_provider_outside_an_apply_redacts_nothing_it_writes_itself() -> None:
    assert EchoProvider().ctx.redactor()(f"x {SECRET}") == f"x {SECRET}"
