# Iris on Azure ML: training data in the workspace's default datastore, a pipeline job
# that trains the challenger (and fails the apply below 90% accuracy), two registered
# models, and a managed online endpoint that splits traffic 90/10 between them,
# with a shadow deployment receiving a copy of 10 percent of requests and canary
# rollouts of new model versions.
#
#   az login                 # or a service principal, or a managed identity
#   mlinfra plan
#   mlinfra apply

provider "azure" {
  subscription_id = var.subscription_id
  resource_group  = var.resource_group
  workspace       = var.workspace
  use_cli         = true
  storage_url     = var.storage_url
  tags = {
    team    = "ml-platform"
    project = "iris"
  }
}

variable "subscription_id" {
  default = "00000000-0000-0000-0000-000000000000"
}

variable "resource_group" {
  default = "rg-ml"
}

variable "workspace" {
  default = "ws-ml"
}

variable "storage_url" {
  description = "Blob endpoint of the default datastore (null: the account's own)."
  default     = null
}

variable "challenger_share" {
  description = "Percent of live traffic sent to the challenger."
  default     = 10
}

dataset "iris" {
  provider = azure
  source   = "azureml://datastores/workspaceblobstore/paths/iris/train.csv"
  format   = "csv"
  target   = "species"
}

model "champion" {
  provider  = azure
  artifact  = "azureml://datastores/workspaceblobstore/paths/models/champion/model"
  framework = "sklearn"
  registry {
    group = "iris"
    stage = "Production"
  }
  azure {
    name = "iris"
    type = "mlflow_model"
  }
}

pipeline "train" {
  provider = azure
  inputs   = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { max_iter = 300 }
  }
  metrics = ["accuracy"]
  gates   = { min_accuracy = 0.9 }
  azure {
    compute = "cpu-cluster"
    target  = "species"
  }
}

model "challenger" {
  provider  = azure
  artifact  = pipeline.train.artifact
  framework = "sklearn"
  registry {
    group = "iris"
    stage = "Staging"
  }
  azure {
    name = "iris-challenger"
  }
}

endpoint "iris" {
  provider = azure

  variant "champion" {
    model          = model.champion.id
    weight         = 100 - var.challenger_share
    instance_type  = "Standard_DS3_v2"
    instance_count = 2
  }

  variant "challenger" {
    model         = model.challenger.id
    weight        = var.challenger_share
    instance_type = "Standard_DS3_v2"
  }

  variant "shadow" {
    model  = model.challenger.id
    weight = 10
    shadow = true
  }

  rollout {
    strategy = "canary"
    steps    = 10
    interval = "5m"
  }
}

output "url" {
  value = endpoint.iris.url
}

output "champion" {
  value = model.champion.id
}

output "accuracy" {
  value = pipeline.train.metrics
}
