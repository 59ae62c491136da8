"""The backend fixtures (``tests/support/backend_targets.py``) for these tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from backend_targets import (  # noqa: E402,F401
    azurite_server,
    gcs_fake,
    make_target,
    moto_url,
    postgres_server,
    target,
    worker,
)
