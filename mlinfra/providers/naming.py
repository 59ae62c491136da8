"""Object names from resource addresses: the one rule every provider shares.

``object_name("endpoint.churn")`` is ``churn``; ``module.m.model.x["eu"]`` is ``m-x-eu``.
A provider passes the characters its service allows and its length limit; a name cut
to fit ends in a short hash of the whole address, so two long addresses never share one.
"""

from __future__ import annotations

import hashlib
import re

from mlinfra import addrs

HASH_LENGTH = 8


def object_name(address: str, *, allowed: str = "A-Za-z0-9", limit: int | None = None, fallback: str = "mlinfra") -> str:
    """The service-side name of the object of ``address``: module path, name and key
    joined by ``-``, every run of characters outside ``allowed`` (a regular expression
    character class body) turned into one ``-``."""
    a = addrs.parse(address)
    parts = [*a.module, a.name]
    if a.key is not None:
        parts.append(str(a.key))
    name = re.sub(f"[^{allowed}]+", "-", "-".join(parts)).strip("-") or fallback
    if limit is not None and len(name) > limit:
        digest = hashlib.sha256(str(a).encode()).hexdigest()[:HASH_LENGTH]
        name = f"{name[: limit - HASH_LENGTH - 1].rstrip('-')}-{digest}"
    return name
