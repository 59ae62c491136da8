"""Which workspace is selected in a working directory: the ``MLINFRA_WORKSPACE``
environment variable, the name stored in ``<workdir>/.mlinfra/environment``, or
``default``. Kept apart from the backends so that a command which needs only the name
(``validate`` evaluates ``workspace``) reads no state machinery."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT = "default"
ENV_VAR = "MLINFRA_WORKSPACE"


def environment_file(workdir: Path) -> Path:
    return workdir / ".mlinfra" / "environment"


def current(workdir: Path) -> str:
    """The selected workspace's name."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    try:
        stored = environment_file(workdir).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return DEFAULT
    return stored or DEFAULT
