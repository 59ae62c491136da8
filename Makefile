# The two quick-start commands: `make quickstart` and `make test`.
# Both create .venv on first use. The quick start installs only the core and the local
# provider; the tests (and `make install`) add the cloud providers and their SDKs.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCAL  := $(VENV)/.installed-local

.PHONY: install quickstart test lint schemas clean

$(LOCAL): pyproject.toml providers/local/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e . -e providers/local
	touch $(LOCAL)

$(STAMP): pyproject.toml providers/local/pyproject.toml providers/aws/pyproject.toml providers/gcp/pyproject.toml providers/azure/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]' -e 'providers/local[test]' -e 'providers/aws[test]' -e 'providers/gcp[test]' -e 'providers/azure[test]'
	touch $(STAMP) $(LOCAL)

install: $(STAMP)

# Plan and apply examples/quickstart (iris -> pipeline -> model -> endpoint) on this
# machine, then ask the endpoint for a prediction. The plan is saved and applied as it
# was shown (printed once, not planned twice).
quickstart: $(LOCAL)
	cd examples/quickstart && mkdir -p .mlinfra && ../../$(BIN)/mlinfra plan --out .mlinfra/quickstart.plan \
		&& ../../$(BIN)/mlinfra apply .mlinfra/quickstart.plan
	$(BIN)/python examples/quickstart/predict.py examples/quickstart

test: install
	OMP_NUM_THREADS=1 $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check mlinfra providers tests bench
	$(BIN)/mypy

schemas: install
	$(BIN)/python -m mlinfra.schemas

clean:
	cd examples/quickstart && ../../$(BIN)/mlinfra destroy --auto-approve || true
