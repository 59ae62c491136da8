"""Configurations the command-line tests share, for the fake provider."""

# A dataset, a model trained on it and an endpoint serving the model, with the
# endpoint's url as an output.
CHAIN = """
provider "fake" {}

variable "weight" { default = 90 }

dataset "d" {
  source = "fake://data"
}

model "m" {
  artifact  = dataset.d.uri
  framework = "sklearn"
}

endpoint "e" {
  variant "blue" {
    model  = model.m.id
    weight = var.weight
  }
}

output "url" { value = endpoint.e.url }
"""
