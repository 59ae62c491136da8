"""The mlinfra command line with the fake provider registered (for subprocess tests)."""

import sys

from fakeprovider import FakeProvider

from mlinfra.cli import main
from mlinfra.providers import registry

registry.register("fake", FakeProvider)
main(sys.argv[1:])
