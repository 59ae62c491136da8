"""``Resource``: the handler of one kind that provider authors write, and ``ResourceError``.

A handler writes ``create``/``read``/``update``/``delete`` and, where the kind can be
imported, ``import_object``; it reaches settings, clients, the store and progress
through ``self.ctx`` (a ``Context``), never through the provider object.

Contract for handler authors:

- ``create(address, config, planned)`` returns the full attribute map (arguments plus
  outputs, including ``id``). Create is transactional: raise ``ResourceError`` (or any
  exception) and nothing must be left behind, or return partial attributes through
  ``ResourceError(partial=...)`` so the engine records what exists. Before each step
  that makes something a later run could not find from the locator alone (a process,
  a generated name), call ``self.ctx.record(key=value)``.
- ``read(address, state)`` returns the current attributes, or None when the object is
  gone. ``state`` is what the last apply or read returned. It must not report fields
  that the service owns (autoscaled instance counts).
- ``update(address, prior, config, planned)`` returns the new attributes.
- ``delete(address, state)``: a failed delete means the object still exists.
- ``create``, ``update`` and ``delete`` may be generators that ``yield Wait(seconds,
  status)`` while the service completes what they started (an endpoint becoming
  ready) and ``return`` what the plain method returns. The engine then polls: no
  worker is held between steps, so many objects wait at once. Run outside such an
  engine, ``run_inline`` sleeps between the steps instead. A ``ctx.record`` made
  before the first ``yield`` is in state before the wait begins.
- ``import_object(address, object_id)``: the attributes of the existing object the
  user named, or None when there is none.
- ``intent(address, planned)``: the locator stored before create; by default the
  object's ``name``. ``recover(address, locator)`` adopts what an interrupted create
  left (attributes) or removes it (None); by default it asks ``find``.
- The attributes every provider reports for a kind (``portable_outputs``) come from the
  core; a handler lists only its own additions in ``extra_outputs``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import Any, ClassVar, TypeVar, cast

from mlinfra import diagnostics as d
from mlinfra.providers.context import Context
from mlinfra.providers.protocol import Locator, PlanResponse, portable_outputs
from mlinfra.records import frozen
from mlinfra.shapes import ModelClass
from mlinfra.values import UNKNOWN, changed_paths, values_equal

T = TypeVar("T")


@frozen
class Wait:
    """Yielded by a handler written as a generator: the service is working on what the
    handler started; resume it in ``seconds``. ``status`` is shown beside the resource."""

    seconds: float
    status: str = ""


# What a handler written as a generator returns.
Steps = Generator[Wait, None, T]


def step(steps: Steps[T]) -> tuple[Wait | None, T | None]:
    """Run a handler's steps up to their next ``Wait``: (the wait, None), or (None, what
    they returned) once they are done."""
    try:
        wait = steps.send(None)
    except StopIteration as stop:
        return None, cast(T, stop.value)
    if not isinstance(wait, Wait):
        raise TypeError(f"a handler step yielded {type(wait).__name__}, not Wait")
    return wait, None


def run_inline(steps: Steps[T], progress: Callable[[str], None] | None = None) -> T:
    """Run a handler's steps to the end, sleeping through each ``Wait`` and telling
    ``progress`` its status (for callers that cannot be resumed later)."""
    while True:
        wait, out = step(steps)
        if wait is None:
            return cast(T, out)
        if wait.status and progress is not None:
            progress(wait.status)
        time.sleep(wait.seconds)


class ResourceError(Exception):
    """A failure a handler reports: a summary, a detail (the service's own words) and,
    when something was created before the failure, the partial attributes."""

    def __init__(
        self,
        summary: str,
        detail: str = "",
        partial: dict[str, Any] | None = None,
        attribute: tuple[str | int, ...] = (),
    ) -> None:
        super().__init__(summary)
        self.summary = summary
        self.detail = detail
        self.partial = partial
        self.attribute = attribute  # the argument at fault, e.g. ("source",), placed at its line


class Resource:
    """A handler for one kind. Subclasses set the class variables and write CRUD."""

    kind: ClassVar[str]
    block: ClassVar[ModelClass | None] = None
    # Computed attributes: the kind's portable outputs, then ``extra_outputs``.
    outputs: ClassVar[tuple[str, ...]] = ("id",)
    extra_outputs: ClassVar[tuple[str, ...]] = ()
    # Outputs that stay the same through an in-place update.
    stable_outputs: ClassVar[tuple[str, ...]] = ("id",)
    force_new: ClassVar[frozenset[str]] = frozenset()
    version: ClassVar[int] = 0

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        kind = cls.__dict__.get("kind")
        if isinstance(kind, str):
            portable = portable_outputs(kind)
            cls.outputs = portable + tuple(o for o in cls.extra_outputs if o not in portable)

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- to write ----------------------------------------------------------------------
    def create(
        self, address: str, config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any] | Steps[dict[str, Any]]:
        raise NotImplementedError

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        raise NotImplementedError

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any] | Steps[dict[str, Any]]:
        raise NotImplementedError

    def delete(self, address: str, state: dict[str, Any]) -> None | Steps[None]:
        raise NotImplementedError

    # -- optional ----------------------------------------------------------------------
    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        raise ResourceError(
            f"Cannot import {address}",
            f"This provider cannot import {self.kind} objects; create it from the configuration instead.",
        )

    def find(self, address: str) -> dict[str, Any] | None:
        """The object tagged with ``address``, or None."""
        return None

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        v = planned.get("id")
        return v if isinstance(v, str) else None

    def intent(self, address: str, planned: dict[str, Any]) -> Locator:
        name = self.name(address, planned)
        return {} if name is None else {"name": name}

    def recover(self, address: str, locator: Locator) -> dict[str, Any] | None:
        return self.find(address)

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        return []

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        """Default plan: arguments from config; outputs kept when nothing changed,
        UNKNOWN otherwise (the stable ones kept through an in-place update)."""
        return self.default_plan(prior, config)

    def upgrade(self, version: int, attributes: dict[str, Any]) -> dict[str, Any]:
        return attributes

    # -- helpers -----------------------------------------------------------------------
    def default_plan(
        self,
        prior: dict[str, Any] | None,
        config: dict[str, Any],
        *,
        changed: bool = False,
        reason: str | None = None,
        known: dict[str, Any] | None = None,
    ) -> PlanResponse:
        """Plan from a diff of the arguments. ``changed`` forces an update even when
        the arguments are equal (content changed behind the same URI); ``known``
        supplies outputs computable at plan time (a digest)."""
        planned = {k: v for k, v in config.items() if k not in self.outputs}
        known = known or {}
        if prior is None:
            # An output may share an argument's name (a pipeline's ``metrics`` to record
            # and the metrics measured): what apply reports is not the argument.
            for o in self.outputs:
                planned[o] = known.get(o, UNKNOWN)
            return PlanResponse(planned=planned, reason=reason)
        prior_args = {k: v for k, v in prior.items() if k not in self.outputs}
        arg_diff = [p for p in changed_paths(prior_args, planned)]
        replace = sorted({p[:1] for p in arg_diff if p and p[0] in self.force_new})
        replace_list = [tuple(p) for p in replace]
        for o, v in known.items():
            if not values_equal(prior.get(o), v):
                changed = True
        if not arg_diff and not changed:
            for o in self.outputs:
                planned[o] = prior.get(o)
            return PlanResponse(planned=planned)
        keep = () if replace_list else self.stable_outputs
        for o in self.outputs:
            planned[o] = known.get(o, prior.get(o) if o in keep else UNKNOWN)
        return PlanResponse(planned=planned, requires_replace=replace_list, reason=reason)


def unsupported_shadow_variants(address: str, config: dict[str, Any], provider: str) -> list[d.Diagnostic]:
    """An error for each ``shadow = true`` variant, from a provider that cannot mirror
    traffic: ignoring the flag would send live requests to a model meant only to watch."""
    variants = config.get("variant")
    if not isinstance(variants, dict):
        return []
    return [
        d.error(
            "Shadow variants are not supported",
            f'variant "{name}": the {provider} provider cannot mirror traffic to a shadow variant. Remove '
            "shadow = true (the variant then takes live traffic by its weight), or serve it with a provider "
            "that mirrors traffic (azure).",
            address=address,
            attribute=("variant", name, "shadow"),
        )
        for name, v in sorted(variants.items())
        if isinstance(v, dict) and v.get("shadow") is True
    ]
