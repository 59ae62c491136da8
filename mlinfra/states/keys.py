"""The configuration's ``encryption`` block, evaluated into a state ``Codec``.

Written inside the ``mlinfra`` block::

    encryption {
      key_provider "pbkdf2" {
        passphrase = var.state_passphrase   # at least 16 characters
        iterations = 600000                  # optional
      }
      # or: key_provider "env" { name = "MLINFRA_STATE_KEY" }  (base64, 32 bytes)
      # migrate = "from_unencrypted"  or  "to_unencrypted", for one init -migrate-state
    }

Values may refer to variables only (``var.NAME``), which come from ``-var``, variable
files or ``MLINFRA_VAR_NAME``; they are read for the key and never written anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.config import expressions
from mlinfra.config.references import references
from mlinfra.config.syntax import Block, Body
from mlinfra.config.traversals import Scope
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.states.crypto import PLAIN, Codec, codec_from_settings
from mlinfra.states.errors import StateError
from mlinfra.values import UNKNOWN, unmark

_ATTRIBUTES = {"encryption": ("migrate",), "pbkdf2": ("passphrase", "iterations"), "env": ("name",)}


def _attributes(body: Body) -> list[Any]:
    out: list[Any] = list(body.attributes.values())
    for blk in body.blocks:
        out.extend(_attributes(blk.body))
    return out


def variables_used(block: Block | None) -> set[str]:
    """The names of the variables the encryption block refers to (``var.NAME``)."""
    if block is None:
        return set()
    names = set()
    for attr in _attributes(block.body):
        for ref in references(attr.expr):
            if len(ref.parts) >= 2 and ref.parts[0] == "var":
                names.add(str(ref.parts[1]))
    return names


def _eval_body(body: Body, allowed: tuple[str, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, attr in body.attributes.items():
        if name not in allowed:
            raise DiagnosticsError(
                d.error(
                    "Unsupported argument",
                    f'An argument named "{name}" is not expected here; the arguments are: '
                    f"{', '.join(allowed)}.{d.suggestion(name, allowed)}",
                    attr.range,
                )
            )
        for ref in references(attr.expr):
            if ref.parts[:1] != ("var",):
                raise DiagnosticsError(
                    d.error(
                        "Invalid encryption setting",
                        "Encryption settings may refer to variables only (var.NAME): the state "
                        "is opened before anything else is evaluated.",
                        attr.range,
                    )
                )
        value, _ = unmark(expressions.evaluate(attr.expr, Scope(variables=values)))
        out[name] = value
    return out


def codec_of(block: Block | None, values: Mapping[str, Any]) -> Codec:
    """The codec the encryption block asks for (``PLAIN`` when there is none)."""
    if block is None:
        return PLAIN
    for name in sorted(variables_used(block)):
        if name not in values or values[name] is UNKNOWN:
            raise DiagnosticsError(
                d.error(
                    "No value for the encryption key",
                    f'The encryption block uses var.{name}, which has no value. Set it with '
                    f'-var "{name}=..." or a variable file, or the MLINFRA_VAR_{name} '
                    "environment variable.",
                    block.range,
                )
            )
    settings = _eval_body(block.body, _ATTRIBUTES["encryption"], values)
    providers: dict[str, Any] = {}
    for nb in block.body.blocks:
        if nb.type != "key_provider" or len(nb.labels) != 1 or nb.labels[0] not in ("pbkdf2", "env"):
            raise DiagnosticsError(
                d.error(
                    "Unsupported encryption block",
                    'The encryption block holds one key_provider "pbkdf2" { passphrase = ... } '
                    'or key_provider "env" { name = "VAR" } block.',
                    nb.range,
                )
            )
        providers[nb.labels[0]] = _eval_body(nb.body, _ATTRIBUTES[nb.labels[0]], values)
    settings["key_provider"] = providers
    try:
        return codec_from_settings(settings)
    except StateError as e:
        raise DiagnosticsError([x.with_defaults(block.range) for x in e.diagnostics]) from None
