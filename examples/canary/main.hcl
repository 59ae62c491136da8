# Two models trained with different regularisation, served side by side behind one
# endpoint: the stable one takes most of the traffic, the candidate a canary share.

provider "local" {}

variable "canary_weight" {
  default     = 10
  description = "Share of traffic, in percent, sent to the candidate model."
}

variable "stable_C" {
  default     = 1.0
  description = "Inverse regularisation strength of the stable model."
}

variable "candidate_C" {
  default     = 0.1
  description = "Inverse regularisation strength of the candidate model."
}

dataset "iris" {
  provider = local
  source   = "sklearn:iris"
}

pipeline "stable" {
  provider = local
  inputs   = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { C = var.stable_C, max_iter = 500 }
  }
  metrics = ["accuracy", "f1_macro"]
}

pipeline "candidate" {
  provider = local
  inputs   = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { C = var.candidate_C, max_iter = 500 }
  }
  metrics = ["accuracy", "f1_macro"]
  gates   = { min_accuracy = 0.8 }
}

model "stable" {
  provider  = local
  artifact  = pipeline.stable.artifact
  framework = "sklearn"
}

model "candidate" {
  provider  = local
  artifact  = pipeline.candidate.artifact
  framework = "sklearn"
}

endpoint "iris" {
  provider = local
  variant "stable" {
    model  = model.stable.id
    weight = 100 - var.canary_weight
  }
  variant "canary" {
    model  = model.candidate.id
    weight = var.canary_weight
  }
  data_capture {
    enabled        = true
    sample_percent = 10
  }
}

output "url" { value = endpoint.iris.url }
output "candidate_accuracy" { value = pipeline.candidate.metrics.accuracy }
