mlinfra {
  backend "local" { path = "mlinfra.state.json" }
}

provider "local" {}

variable "C" { default = 1.0 }

dataset "iris" {
  provider = local
  source   = "sklearn:iris"
}

pipeline "train" {
  provider = local
  inputs   = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { C = var.C, max_iter = 500 }
  }
  metrics = ["accuracy", "f1_macro"]
}

model "iris" {
  provider  = local
  artifact  = pipeline.train.artifact
  framework = "sklearn"
}

endpoint "iris" {
  provider = local
  variant "blue" {
    model  = model.iris.id
    weight = 100
  }
  lifecycle { create_before_destroy = true }
}

output "url" { value = endpoint.iris.url }
