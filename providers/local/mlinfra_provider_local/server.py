"""The endpoint server: ``python -m mlinfra_provider_local.server --config C --fd N``.

A starlette app run by uvicorn on the listening socket the provider bound (file
descriptor N), answering:

- ``POST /predict`` ``{"instances": [[...] or {"feature": value, ...}]}`` ->
  ``{"predictions", "probabilities", "classes", "variant", "model", "model_version"}``
  (probabilities and classes when the model has ``predict_proba``); a malformed body,
  a wrong feature count or names, or more rows than the batch size gets 400.
- ``GET /health`` -> ``{"status": "ok", "variants": {...}}``.
- ``GET /metrics`` -> Prometheus text.
- ``GET /schema`` -> JSON Schemas of a request and an answer, and each variant's features.
- ``POST /-/reload`` (loopback, with the token from the config file): re-read the config,
  load every model, then swap; an update is applied without dropping a request.

Every answer is JSON, errors included (``{"error": ...}``): an unknown path is a 404, a
wrong method a 405, a body over the endpoint's ``max_request_bytes`` a 413, and a body the
server cannot read (invalid, nested too deeply, numbers out of range) a 400.
"""

from __future__ import annotations

import argparse
import hmac
import json
import socket
import sys
import time
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from mlinfra_provider_local import _sdk, instances
from mlinfra_provider_local.serving import (
    BadRequest,
    Capture,
    Serving,
    Stats,
    TooLarge,
    parse_instances,
)

TOKEN_HEADER = "x-mlinfra-token"


class EndpointApp:
    def __init__(self, config_path: Path, serving: Serving, token: str) -> None:
        self.config_path = config_path
        self.serving = serving
        self.token = token
        self.stats = Stats()
        self.capture = Capture()
        self.app = Starlette(
            routes=[
                Route("/predict", self.predict, methods=["POST"]),
                Route("/health", self.health, methods=["GET"]),
                Route("/metrics", self.metrics, methods=["GET"]),
                Route("/schema", self.schema, methods=["GET"]),
                Route("/-/reload", self.reload, methods=["POST"]),
            ],
            exception_handlers={HTTPException: _http_error, Exception: _server_error},
        )

    async def predict(self, request: Request) -> JSONResponse:
        serving = self.serving
        variant = serving.choose()
        if variant is None:
            return JSONResponse(
                {"error": "no variant takes traffic (every weight is 0)"}, status_code=503
            )
        started = time.perf_counter()
        error = True
        try:
            body = decode_json(await read_body(request, serving.max_request_bytes))
            rows = parse_instances(
                body,
                variant.n_features,
                variant.features,
                serving.max_batch_size,
                variant.categorical,
            )
            answer = await run_in_threadpool(self._predict, variant.estimator, rows)
            result = {
                **answer,
                "variant": variant.name,
                "model": variant.model,
                "model_version": variant.model_version,
            }
            error = False
        except TooLarge as e:
            return JSONResponse({"error": str(e), "variant": variant.name}, status_code=413)
        except BadRequest as e:
            return JSONResponse({"error": str(e), "variant": variant.name}, status_code=400)
        except ValueError as e:
            # The estimator's own input check (for models that do not declare their
            # feature count).
            message = f"the model rejected the instances: {e}"
            return JSONResponse({"error": message, "variant": variant.name}, status_code=400)
        except Exception as e:  # noqa: BLE001 - the server keeps serving
            return JSONResponse(
                {"error": f"prediction failed: {type(e).__name__}: {e}"}, status_code=500
            )
        finally:
            self.stats.observe(variant.name, time.perf_counter() - started, error)
        self.capture.maybe_write(
            serving.capture,
            {
                "variant": variant.name,
                "model_id": variant.model_id,
                "request": body,
                "response": result,
            },
        )
        return JSONResponse(result)

    @staticmethod
    def _predict(estimator: Any, rows: list[list[Any]]) -> dict[str, Any]:
        return instances.predict(estimator, rows, _sdk.numpy())

    async def health(self, request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "variants": self.serving.describe()})

    async def schema(self, request: Request) -> JSONResponse:
        serving = self.serving
        return JSONResponse(instances.schema(serving.variants, serving.max_batch_size))

    async def metrics(self, request: Request) -> PlainTextResponse:
        return PlainTextResponse(self.stats.render(), media_type="text/plain; version=0.0.4")

    async def reload(self, request: Request) -> JSONResponse:
        client = request.client.host if request.client else ""
        given = request.headers.get(TOKEN_HEADER, "")
        if client != "127.0.0.1" or not hmac.compare_digest(given, self.token):
            return JSONResponse({"error": "forbidden"}, status_code=403)
        try:
            config = json.loads(self.config_path.read_text())
            serving = await run_in_threadpool(Serving.load, config)
        except Exception as e:  # noqa: BLE001 - the old configuration keeps serving
            return JSONResponse({"error": str(e)}, status_code=422)
        self.serving = serving
        return JSONResponse({"status": "ok", "variants": serving.describe()})


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (TooLarge) as soon as it is known to exceed ``limit``
    bytes: by its Content-Length, or while it streams in when it has none."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(
            f"the request body is {int(declared)} bytes; this endpoint takes at most {limit}"
        )
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise TooLarge(
                    f"the request body exceeds {limit} bytes, the most this endpoint takes"
                )
            chunks.append(chunk)
    except ClientDisconnect:
        raise BadRequest("the client closed the connection before sending the whole body") from None
    return b"".join(chunks)


def decode_json(raw: bytes) -> Any:
    """The JSON document in ``raw``; BadRequest when it cannot be read."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise BadRequest("the body is nested too deeply to be read") from None
    except ValueError as e:  # also integers too long to convert
        raise BadRequest(f"the body is not valid JSON: {e}") from None


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = (
            f"no such path: {request.url.path} (the endpoint serves /predict, /health and /metrics)"
        )
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    return JSONResponse({"error": message}, status_code=exc.status_code, headers=exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": f"internal error: {type(exc).__name__}"}, status_code=500)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mlinfra_provider_local.server")
    parser.add_argument("--config", required=True, type=Path)
    parser.add_argument("--fd", required=True, type=int)
    args = parser.parse_args(argv)
    config = json.loads(args.config.read_text())
    try:
        serving = Serving.load(config)
    except Exception as e:  # noqa: BLE001 - reported through the log to the provider
        print(f"cannot load the models: {e}", file=sys.stderr)
        return 3
    endpoint = EndpointApp(args.config, serving, config["token"])
    sock = socket.socket(fileno=args.fd)
    uvicorn = _sdk.uvicorn()
    server = uvicorn.Server(
        uvicorn.Config(
            endpoint.app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=3,
        )
    )
    print(f"serving {config.get('address')} on {sock.getsockname()}", flush=True)
    server.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
