"""The fast path: ``validate``, ``plan``, ``show`` and ``output`` without typer.

Building the typer app costs more than validating a small configuration, so ``main``
offers the command line here first. ``run`` parses the global options and the command's
options from ``COMMANDS`` (a table the tests check against the typer commands, so the
two accept the same spellings) and calls the command's action in ``actions``. It takes
only command lines it understands completely; for anything else (help, an unknown or
misspelt option, a missing value, a value typer would convert or refuse, another
command) it answers None without side effects, and the typer app runs the line as it
always has: help and usage errors stay typer's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The kinds of option: a flag (True when given; False for ``off`` spellings such as
# --no-refresh), a counted flag (-v, -vv), an option with one value (the last given
# wins), a repeatable option (a list), and a positional argument.
FLAG, COUNT, VALUE, MULTI, ARGUMENT = "flag", "count", "value", "multi", "argument"


class NotMine(Exception):
    """The command line is not one the fast path takes whole; typer runs it."""


def text(value: str) -> str:
    return value


def path(value: str) -> Path:
    """A path as typer takes it: typer refuses one that exists but cannot be read, or
    that holds a NUL."""
    if not value or "\x00" in value or (os.path.exists(value) and not os.access(value, os.R_OK)):
        raise NotMine
    return Path(value)


_COUNT = re.compile(r"[0-9]+")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")


def at_least_one(value: str) -> int:
    """A whole number of 1 or more, in plain digits (typer gets anything else)."""
    if not _COUNT.fullmatch(value) or int(value) < 1:
        raise NotMine
    return int(value)


def number(value: str) -> float:
    """A number in plain decimal notation (typer gets anything else)."""
    if not _NUMBER.fullmatch(value):
        raise NotMine
    return float(value)


class Opt:
    """One option (or positional argument) of a command, as the typer command declares
    it: ``dest`` is the parameter's name, ``names`` its spellings (``off`` the negative
    ones of a flag), ``convert`` makes its value, ``default`` is its value when not given."""

    __slots__ = ("convert", "default", "dest", "kind", "names", "off")

    def __init__(
        self,
        dest: str,
        kind: str,
        names: tuple[str, ...] = (),
        *,
        convert: Callable[[str], Any] = text,
        default: Any = None,
        off: tuple[str, ...] = (),
    ) -> None:
        self.dest, self.kind, self.names, self.convert, self.off = dest, kind, names, convert, off
        self.default = False if kind == FLAG and default is None else 0 if kind == COUNT else default


JSON = Opt("json_out", FLAG, ("--json",))
VAR = Opt("var", MULTI, ("--var", "-var"))
VAR_FILE = Opt("var_file", MULTI, ("--var-file", "-var-file"), convert=path)

# The global options (before the command), then each command's options: the command's
# action in ``mlinfra.cli.actions`` and its options.
GLOBALS = (
    Opt("chdir", VALUE, ("-C", "--chdir"), convert=path, default=Path(".")),
    Opt("no_color", FLAG, ("--no-color",)),
    Opt("verbose", COUNT, ("-v", "--verbose")),
)
COMMANDS: dict[str, tuple[Opt, ...]] = {
    "validate": (JSON,),
    "plan": (
        Opt("out", VALUE, ("--out", "-out"), convert=path),
        Opt("detailed_exitcode", FLAG, ("--detailed-exitcode",)),
        Opt("destroy", FLAG, ("--destroy",)),
        Opt("refresh_only", FLAG, ("--refresh-only",)),
        Opt("refresh", FLAG, ("--refresh",), off=("--no-refresh",), default=True),
        Opt("target", MULTI, ("--target", "-target")),
        Opt("replace", MULTI, ("--replace", "-replace")),
        VAR,
        VAR_FILE,
        JSON,
        Opt("format", VALUE, ("--format",)),
        Opt("no_changes_silent", FLAG, ("--no-changes-silent",)),
        Opt("policy", MULTI, ("--policy",), convert=path),
        Opt("cost_limit_monthly", VALUE, ("--cost-limit-monthly",), convert=number),
        Opt("parallelism", VALUE, ("--parallelism",), convert=at_least_one, default=10),
        Opt("lock_timeout", VALUE, ("--lock-timeout",), convert=number, default=0.0),
    ),
    "show": (Opt("planfile", ARGUMENT, convert=path), JSON),
    "output": (Opt("name", ARGUMENT), JSON, Opt("raw", FLAG, ("--raw",))),
}

# Asking for help, ending the options, or reading stdin: typer's business.
_TYPERS = frozenset({"-h", "--help", "--", "-"})


def parse(args: list[str]) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The command, its global options and its options; NotMine for anything the fast
    path does not take whole. ``--no-color`` is taken anywhere (as ``app`` does)."""
    no_color = "--no-color" in args
    args = [a for a in args if a != "--no-color"]
    given = _Parser(GLOBALS, args, stop_at_argument=True)
    if given.rest >= len(args) or args[given.rest] not in COMMANDS:
        raise NotMine
    command = args[given.rest]
    options = _Parser(COMMANDS[command], args[given.rest + 1 :], stop_at_argument=False)
    return command, {**given.values, "no_color": no_color}, options.values


class _Parser:
    """Options as typer's parser reads them, for the spellings it takes: ``--name VALUE``,
    ``--name=VALUE`` (and ``-name=VALUE`` for long names with one dash), a flag alone,
    a counted short flag repeated (``-vv``)."""

    def __init__(self, table: tuple[Opt, ...], args: list[str], *, stop_at_argument: bool) -> None:
        self.named = {name: opt for opt in table for name in (*opt.names, *opt.off)}
        self.arguments = [opt for opt in table if opt.kind == ARGUMENT]
        self.values: dict[str, Any] = {opt.dest: opt.default for opt in table}
        self.rest = len(args)
        i = 0
        while i < len(args):
            arg = args[i]
            if arg in _TYPERS:
                raise NotMine
            if not arg.startswith("-"):
                if stop_at_argument:
                    self.rest = i
                    return
                self._argument(arg)
                i += 1
                continue
            i = self._option(args, i)

    def _argument(self, arg: str) -> None:
        if not self.arguments:
            raise NotMine  # an extra argument: typer says so
        opt = self.arguments.pop(0)
        self.values[opt.dest] = opt.convert(arg)

    def _option(self, args: list[str], i: int) -> int:
        """Take the option at ``args[i]``; the index after it (and its value)."""
        arg = args[i]
        name, eq, attached = arg.partition("=")
        if eq and len(name) <= 2:  # "-C=DIR" is -C with the value "=DIR" to typer
            raise NotMine
        opt = self.named.get(name)
        if opt is None:
            return self._counted(arg, i)
        if opt.kind in (FLAG, COUNT):
            if eq:
                raise NotMine  # a flag takes no value: typer says so
            self.values[opt.dest] = (self.values[opt.dest] + 1) if opt.kind == COUNT else name not in opt.off
            return i + 1
        if eq:
            value, after = attached, i + 1
        elif i + 1 < len(args) and not args[i + 1].startswith("-"):
            value, after = args[i + 1], i + 2
        else:
            raise NotMine  # no value, or one that looks like an option
        converted = opt.convert(value)
        if opt.kind == MULTI:
            self.values[opt.dest] = [*(self.values[opt.dest] or ()), converted]
        else:
            self.values[opt.dest] = converted
        return after

    def _counted(self, arg: str, i: int) -> int:
        """``-vv``: a short counted flag repeated in one word."""
        short = self.named.get(arg[:2])
        if short is None or short.kind != COUNT or arg.strip(arg[1]) != "-":
            raise NotMine
        self.values[short.dest] += len(arg) - 1
        return i + 1


def run(args: list[str], debug: bool = False) -> int | None:
    """Run the command line when the fast path takes it whole: the exit code; None when
    typer must run it (nothing has been done or printed then)."""
    try:
        command, given, values = parse(args)
    except NotMine:
        return None
    from mlinfra.cli import actions
    from mlinfra.cli.common import scoped_options, use_globals
    from mlinfra.cli.guard import guarded

    action: Callable[..., int] = getattr(actions, command)

    def body() -> int:
        use_globals(given["chdir"], given["no_color"], given["verbose"])
        return action(**values)

    with scoped_options():
        return guarded(body, debug)
