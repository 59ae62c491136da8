"""A project-owned, in-memory fake of the Vertex AI v1 REST API, for tests.

There is no Vertex AI emulator. This fake speaks the service's JSON (the proto3 JSON
mapping, camelCase), answers long-running operations where the service does (polled at
``/ui/.../operations/N``), enforces the rules the provider's logic depends on, and logs
every request. The real ``google.cloud.aiplatform_v1`` clients talk to it over REST.
"""

from vertexfake.core import ApiError
from vertexfake.server import Request, VertexFake

__all__ = ["ApiError", "Request", "VertexFake"]
