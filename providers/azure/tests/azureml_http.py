"""Two ways to reach the Azure ML fake: a requests adapter for an azure-core
``RequestsTransport`` injected into ``MLClient`` (in-process tests), and an HTTPS server
with a self-signed certificate for a CLI subprocess (``AZUREML_DEV_URL_MFE`` plus
``REQUESTS_CA_BUNDLE``: the SDK refuses a bearer token over plain http), signed in
through an ``az`` on PATH that hands out tokens as the Azure CLI does."""

from __future__ import annotations

import datetime as dt
import io
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import urllib3
from azureml_fake import AzureMLFake
from requests.adapters import BaseAdapter, HTTPAdapter

FAKE_AZ = """#!{python}
import base64, json, sys, time
# `az account get-access-token --output json --resource R` as the Azure CLI answers it,
# with a token shaped like Entra's (audience R; the SDK reads the caller's ids from it).
args = sys.argv[1:]
resource = args[args.index("--resource") + 1] if "--resource" in args else args[args.index("--scope") + 1].removesuffix("/.default")
expires = int(time.time()) + 3600
part = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")
token = part({{"alg": "none"}}) + "." + part({{"aud": resource.rstrip("/"), "oid": "o", "tid": "t", "exp": expires}}) + ".sig"
print(json.dumps({{"accessToken": token, "expiresOn": time.strftime("%Y-%m-%d %H:%M:%S.000000", time.localtime(expires)),
                  "expires_on": expires, "subscription": "sub", "tenant": "tenant", "tokenType": "Bearer"}}))
"""


def az_cli(bindir: Path) -> Path:
    """``bindir`` holding an ``az`` that signs in as the Azure CLI does (put it on PATH)."""
    bindir.mkdir(exist_ok=True)
    az = bindir / "az"
    az.write_text(FAKE_AZ.format(python=sys.executable))
    az.chmod(0o755)
    return bindir


class FakeAdapter(BaseAdapter):
    """Answers every request of a requests session from the fake."""

    def __init__(self, fake: AzureMLFake) -> None:
        super().__init__()
        self.fake = fake

    def send(self, request: Any, **kwargs: Any) -> Any:
        body = request.body.encode() if isinstance(request.body, str) else request.body
        status, headers, data = self.fake.handle(request.method, request.url, body)
        raw = urllib3.HTTPResponse(body=io.BytesIO(data), headers=headers, status=status, preload_content=False)
        return HTTPAdapter().build_response(request, raw)

    def close(self) -> None:
        return None


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, written under ``directory``."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fake-azureml.pem", directory / "fake-azureml.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


class HttpsFake:
    """The fake served over HTTPS on 127.0.0.1 and a free port."""

    def __init__(self, fake: AzureMLFake, directory: Path) -> None:
        self.cert, key = self_signed(directory)
        handler = _handler(fake)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.cert, key)
        self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.server.server_address[1]}"
        fake.base_url = self.url
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _handler(fake: AzureMLFake) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            status, headers, data = fake.handle(self.command, self.path, body)
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler
