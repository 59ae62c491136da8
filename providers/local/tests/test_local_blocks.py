"""The local provider's blocks (``provider "local" {}`` and the ``local {}`` block of an
endpoint, a pipeline and a monitor): bad values are located errors worded as before, and
the values a handler reads back from a block are the ones given or the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from mlinfra_provider_local.blocks import EndpointBlock, LocalConfig, MonitorBlock, PipelineBlock

from mlinfra.diagnostics import DiagnosticsError
from mlinfra.engine import Engine

PROVIDER = 'provider "local" {\n  allowed_estimator_prefixes = "xgboost."\n  colour = "red"\n}\n'
DATASET = 'dataset "d" {\n  provider = local\n  source   = "sklearn:iris"\n}\n'
NESTED = """
pipeline "p" {
  provider = local
  inputs   = { train = dataset.d.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
  }
  local {
    timeout = -1
  }
}

endpoint "e" {
  provider = local
  variant "blue" {
    model = "m/v1"
  }
  local {
    port            = 0
    startup_timeout = "soon"
    max_batch_size  = 1.5
  }
}

monitor "m" {
  provider = local
  endpoint = "e"
  baseline = "file://base.csv"
  local {
    min_samples = 0
  }
}
"""


def test_bad_values_in_the_nested_blocks_are_located_errors(tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text('provider "local" {}\n' + DATASET + NESTED)
    found = {
        (x.range.start_line if x.range else None, x.detail)
        for x in Engine(tmp_path).validate().errors
    }
    assert found == {
        (14, 'Inappropriate value for "local.timeout": Input should be greater than 0.'),
        (24, 'Inappropriate value for "local.port": Input should be greater than or equal to 1.'),
        (
            25,
            'Inappropriate value for "local.startup_timeout": Input should be a valid number, '
            "unable to parse string as a number.",
        ),
        (
            26,
            'Inappropriate value for "local.max_batch_size": Input should be a valid integer, '
            "got a number with a fractional part.",
        ),
        (35, 'Inappropriate value for "local.min_samples": Input should be greater than or equal to 1.'),
    }


def test_a_bad_provider_block_is_an_error_on_the_block(tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text(PROVIDER + DATASET)
    with pytest.raises(DiagnosticsError) as e:
        Engine(tmp_path).plan()
    found = {(x.summary, x.detail, x.range.start_line if x.range else None) for x in e.value.diagnostics.errors}
    assert found == {
        ('Invalid provider "local" configuration', "allowed_estimator_prefixes: Input should be a valid list", 1),
        ('Invalid provider "local" configuration', "colour: An argument by this name is not expected here.", 1),
    }


def test_what_the_handlers_read_back_from_the_blocks() -> None:
    assert EndpointBlock.model_validate({}).port is None
    block = EndpointBlock.model_validate({"port": 8080.0, "startup_timeout": "2.5"})
    assert (block.port, block.startup_timeout, block.max_request_bytes, block.max_batch_size) == (
        8080,
        2.5,
        6 * 1024 * 1024,
        1000,
    )
    assert PipelineBlock.model_validate({}).timeout == 3600
    assert MonitorBlock.model_validate({"min_samples": "5"}).min_samples == 5
    config = LocalConfig.model_validate({"allowed_estimator_prefixes": ["xgboost."]})
    assert (config.allowed_estimator_prefixes, config.state_dir) == (["xgboost."], ".mlinfra/local")
    assert LocalConfig().allowed_estimator_prefixes == []
