"""State and plan encryption at rest: AES-GCM with a key from a passphrase or the environment.

A ``Codec`` seals a JSON document (a state, a journal entry, a saved plan) into an
envelope and opens it again::

    {"encryption": "mlinfra-aes-gcm-v1", "key_provider": "pbkdf2", "salt": "...",
     "iterations": 600000, "nonce": "...", "ciphertext": "...",
     "lineage": "...", "serial": 7}

``lineage`` and ``serial`` stay readable (a backend compares them without the key) and are
bound to the ciphertext as associated data, so changing them breaks decryption. Key
providers: ``pbkdf2`` (a passphrase stretched with PBKDF2-HMAC-SHA256, a random salt per
process, the derived key cached per salt) and ``env`` (a base64 32-byte key in an
environment variable). ``PLAIN`` writes plain documents and refuses sealed ones with the
fix. Migration is explicit: ``migrate = "from_unencrypted"`` reads plain documents and
writes sealed ones, ``"to_unencrypted"`` reads sealed ones and writes plain. The library
(``cryptography``) is imported only when a key is used.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from mlinfra.records import field, mutable
from mlinfra.states.errors import state_error

FORMAT = "mlinfra-aes-gcm-v1"
MIGRATIONS = ("from_unencrypted", "to_unencrypted")
DEFAULT_ITERATIONS = 600_000
_CONFIGURE = (
    'Configure its key in the mlinfra block: encryption { key_provider "pbkdf2" '
    '{ passphrase = var.state_passphrase } } (or key_provider "env" { name = "VAR" }).'
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    return base64.b64decode(str(text), validate=True)


def is_sealed(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("encryption") == FORMAT


def _aad(doc: dict[str, Any]) -> bytes:
    return json.dumps(
        {k: doc.get(k) for k in ("lineage", "serial", "format_version")}, sort_keys=True
    ).encode("utf-8")


@mutable
class Codec:
    """Seals and opens documents; the default instance (``PLAIN``) does no encryption."""

    provider: str = ""  # "" (none), "pbkdf2" or "env"
    passphrase: str = ""
    env_name: str = ""
    iterations: int = DEFAULT_ITERATIONS
    migrate: str = ""
    _salt: bytes = field(default_factory=lambda: os.urandom(16), repr=False)
    _keys: dict[bytes, bytes] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:  # never show the passphrase
        return f"Codec(provider={self.provider!r}, migrate={self.migrate!r})"

    @property
    def encrypts(self) -> bool:
        return bool(self.provider) and self.migrate != "to_unencrypted"

    def _key(self, salt: bytes, iterations: int, where: str) -> bytes:
        if self.provider == "env":
            raw = os.environ.get(self.env_name, "")
            try:
                key = _unb64(raw)
            except ValueError:
                key = b""
            if len(key) != 32:
                raise state_error(
                    "Invalid state encryption key",
                    f"The environment variable {self.env_name} must hold a base64-encoded "
                    "32-byte key (make one with: openssl rand -base64 32); it is "
                    + ("not set." if not raw else "not such a key."),
                )
            return key
        if not self.passphrase or len(self.passphrase) < 16:
            raise state_error(
                "Invalid state encryption passphrase",
                "The pbkdf2 key provider needs a passphrase of at least 16 characters "
                f"to encrypt or decrypt {where}.",
            )
        cached = self._keys.get(salt + iterations.to_bytes(8, "big"))
        if cached is not None:
            return cached
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

        kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
        key = kdf.derive(self.passphrase.encode("utf-8"))
        self._keys[salt + iterations.to_bytes(8, "big")] = key
        return key

    def seal(self, doc: dict[str, Any], where: str = "the state") -> dict[str, Any]:
        """``doc`` as written: sealed when this codec encrypts, else unchanged."""
        if not self.encrypts:
            return doc
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        out: dict[str, Any] = {"encryption": FORMAT, "key_provider": self.provider}
        if "lineage" in doc:
            out["lineage"] = doc["lineage"]
        for name in ("serial", "format_version"):
            if name in doc:
                out[name] = doc[name]
        if self.provider == "pbkdf2":
            out["salt"], out["iterations"] = _b64(self._salt), self.iterations
        key = self._key(self._salt, self.iterations, where)
        nonce = os.urandom(12)
        plain = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        out["nonce"] = _b64(nonce)
        out["ciphertext"] = _b64(AESGCM(key).encrypt(nonce, plain.encode("utf-8"), _aad(out)))
        return out

    def open(self, doc: dict[str, Any], where: str = "the state") -> dict[str, Any]:
        """The plain document of ``doc`` as read; refuses what this codec may not read."""
        if not is_sealed(doc):
            if self.encrypts and self.migrate != "from_unencrypted":
                raise state_error(
                    "State is not encrypted",
                    f"{where} is stored unencrypted, but this configuration encrypts states. "
                    'To encrypt it, add migrate = "from_unencrypted" to the encryption block '
                    "and run mlinfra init -migrate-state, then remove the setting.",
                )
            return doc
        if not self.provider:
            raise state_error(
                "State is encrypted",
                f"{where} is encrypted and no key is configured, so it cannot be read. "
                + _CONFIGURE,
            )
        if doc.get("key_provider") != self.provider:
            raise state_error(
                "State is encrypted with another key provider",
                f'{where} was encrypted with the "{doc.get("key_provider")}" key provider; '
                f'this configuration uses "{self.provider}". Configure the provider it was '
                "written with to read it.",
            )
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            salt = _unb64(doc.get("salt", ""))
            iterations = int(doc.get("iterations") or self.iterations)
            nonce, data = _unb64(doc["nonce"]), _unb64(doc["ciphertext"])
        except (KeyError, ValueError, TypeError):
            raise state_error(
                "Failed to decrypt the state", f"{where} has a damaged encryption envelope."
            ) from None
        key = self._key(salt, iterations, where)
        try:
            plain = AESGCM(key).decrypt(nonce, data, _aad(doc))
        except (InvalidTag, ValueError):
            raise state_error(
                "Failed to decrypt the state",
                f"{where} cannot be decrypted with the configured key: the passphrase or key "
                "is wrong, or the data was altered. Check the key provider's settings.",
            ) from None
        opened = json.loads(plain.decode("utf-8"))
        if not isinstance(opened, dict):
            raise state_error("Failed to decrypt the state", f"{where} holds no JSON object.")
        return opened


PLAIN = Codec()


def codec_from_settings(settings: dict[str, Any] | None) -> Codec:
    """A codec from the evaluated ``encryption`` block (None or empty: ``PLAIN``)."""
    if not settings:
        return PLAIN
    providers = settings.get("key_provider") or {}
    migrate = str(settings.get("migrate") or "")
    if migrate and migrate not in MIGRATIONS:
        raise state_error(
            "Invalid encryption setting",
            f'migrate must be one of {", ".join(MIGRATIONS)}, not "{migrate}".',
        )
    if len(providers) != 1:
        raise state_error(
            "Invalid encryption block",
            "The encryption block needs exactly one key_provider block. " + _CONFIGURE,
        )
    (kind, body), = providers.items()
    if kind == "pbkdf2":
        passphrase = body.get("passphrase")
        if not isinstance(passphrase, str):
            raise state_error(
                "Invalid encryption block", 'key_provider "pbkdf2" needs a passphrase string.'
            )
        iterations = int(body.get("iterations") or DEFAULT_ITERATIONS)
        return Codec("pbkdf2", passphrase=passphrase, iterations=iterations, migrate=migrate)
    if kind == "env":
        name = body.get("name")
        if not isinstance(name, str) or not name:
            raise state_error(
                "Invalid encryption block",
                'key_provider "env" needs the name of the environment variable holding the key.',
            )
        return Codec("env", env_name=name, migrate=migrate)
    raise state_error(
        "Unsupported key provider",
        f'There is no key provider "{kind}"; use "pbkdf2" (a passphrase) or "env" (a key in '
        "an environment variable).",
    )
