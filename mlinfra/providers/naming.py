"""Object names from resource addresses: the one rule every provider shares.

``object_name("endpoint.churn")`` is ``churn``; ``model.x["eu"]`` is ``x-eu``. A name
in a module joins the module path in front and ends in a short hash of the whole
address (``module.team["fraud"].model.this`` is ``team-fraud-this-1a2b3c4d``): without
it ``module.a.model.b`` and a root ``model.a-b`` would share one object. A provider
passes the characters its service allows and its length limit; a name cut to fit ends
in the hash too, so two long addresses never share one.
"""

from __future__ import annotations

import re

from mlinfra import addrs

HASH_LENGTH = 8


def object_name(address: str | addrs.Address, *, allowed: str = "A-Za-z0-9", limit: int | None = None, fallback: str = "mlinfra") -> str:
    """The service-side name of the object of ``address``: module path, name and key
    joined by ``-``, every run of characters outside ``allowed`` (a regular expression
    character class body) turned into one ``-``."""
    a = address if isinstance(address, addrs.Address) else addrs.of(address)
    parts = [*a.module, a.name]
    if a.key is not None:
        parts.append(str(a.key))
    name = re.sub(f"[^{allowed}]+", "-", "-".join(parts)).strip("-") or fallback
    cut = limit is not None and len(name) > limit - (HASH_LENGTH + 1 if a.module else 0)
    if cut or a.module:
        from mlinfra import sha256  # most names need no hash: a root address that fits

        digest = sha256.hexdigest(str(a).encode())[:HASH_LENGTH]
        name = f"{name[: limit - HASH_LENGTH - 1].rstrip('-')}-{digest}" if cut and limit is not None else f"{name}-{digest}"
    return name
