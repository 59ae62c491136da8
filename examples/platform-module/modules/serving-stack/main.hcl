# One team's serving stack: training data, a training pipeline, the model it makes and
# an endpoint serving it, with one variant per entry of var.variants.

locals {
  prefix = "serving-${var.team}"
}

dataset "train" {
  source = var.dataset_source
}

pipeline "train" {
  inputs = { train = dataset.train.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { C = var.C, max_iter = 500 }
  }
  metrics = ["accuracy"]
}

model "this" {
  artifact  = pipeline.train.artifact
  framework = "sklearn"
  tags      = { team = var.team, stack = local.prefix }
}

endpoint "this" {
  dynamic "variant" {
    for_each = var.variants
    labels   = [variant.key]
    content {
      model  = model.this.id
      weight = variant.value
    }
  }
  lifecycle { create_before_destroy = true }
}

check "accuracy" {
  assert {
    condition     = pipeline.train.metrics["accuracy"] >= var.min_accuracy
    error_message = "The ${var.team} model's accuracy is below ${var.min_accuracy}."
  }
}
