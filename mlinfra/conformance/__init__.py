"""The conformance suite every provider's tests run: ``check_provider`` and the cases a
provider supplies per kind (``KindSuite``). It drives providers through the protocol
and validates through the engine, so nothing in the core imports it."""

from mlinfra.conformance.suite import (
    CASES,
    DataCase,
    DriftCase,
    ImportCase,
    InterruptedCase,
    Invalid,
    KindSuite,
    check_provider,
)

__all__ = ["CASES", "DataCase", "DriftCase", "ImportCase", "InterruptedCase", "Invalid", "KindSuite", "check_provider"]
