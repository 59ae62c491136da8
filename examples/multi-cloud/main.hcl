# One model, trained once on this machine, served from four places: a local HTTP
# server, a SageMaker endpoint, a Vertex AI endpoint and an Azure ML managed online
# endpoint. The model and endpoint blocks are the same portable blocks on every cloud;
# only `provider` changes, and the settings that exist on one cloud alone live in its own
# nested block (aws { }, gcp { }, azure { }).
#
#   az login                                 # the azure provider signs in as the Azure CLI
#   mlinfra plan
#   mlinfra apply -target=endpoint.local     # try it here first
#   mlinfra apply

provider "local" {}

provider "aws" {
  region             = var.aws_region
  execution_role_arn = var.execution_role_arn
  artifact_bucket    = "iris-ml-artifacts"
}

provider "gcp" {
  project          = var.gcp_project
  region           = var.gcp_region
  credentials      = var.gcp_credentials
  staging_bucket   = "gs://iris-ml-staging"
  api_endpoint     = var.gcp_api_endpoint
  storage_endpoint = var.gcp_storage_endpoint
}

provider "azure" {
  subscription_id = var.azure_subscription_id
  resource_group  = var.azure_resource_group
  workspace       = var.azure_workspace
  use_cli         = true
  storage_url     = var.azure_storage_url
}

variable "aws_region" {
  default = "us-east-1"
}

variable "execution_role_arn" {
  default = "arn:aws:iam::123456789012:role/sagemaker-execution"
}

variable "gcp_project" {
  default = "iris-ml"
}

variable "gcp_region" {
  default = "europe-west4"
}

variable "gcp_credentials" {
  description = "A service-account key file, or null for Application Default Credentials."
  default     = null
}

variable "gcp_api_endpoint" {
  default = null
}

variable "gcp_storage_endpoint" {
  default = null
}

variable "azure_subscription_id" {
  default = "00000000-0000-0000-0000-000000000000"
}

variable "azure_resource_group" {
  default = "rg-ml"
}

variable "azure_workspace" {
  default = "ws-ml"
}

variable "azure_storage_url" {
  description = "Blob endpoint of the workspace's default datastore (null: the account's own)."
  default     = null
}

variable "azure_scoring_code" {
  description = "Code asset holding score.py: this folder's score/, registered once in the workspace."
  default     = "azureml:iris-score:1"
}

variable "canary_share" {
  description = "Percent of traffic the newest model version gets on every cloud."
  default     = 10
}

dataset "iris" {
  provider = local
  source   = "sklearn:iris"
}

pipeline "train" {
  provider = local
  inputs   = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { max_iter = 500 }
  }
  metrics = ["accuracy"]
  gates   = { min_accuracy = 0.9 }
}

# The same artifact registered on each platform: a local registry version, a SageMaker
# model (the file is uploaded to the artifact bucket), a Vertex AI model (uploaded to
# the staging bucket, served by the prebuilt scikit-learn container of the region) and
# an Azure ML custom model (uploaded to the workspace's default datastore; Azure ML
# serves it with the curated scikit-learn environment and score/score.py).

model "local" {
  provider  = local
  artifact  = pipeline.train.artifact
  framework = "sklearn"
}

model "aws" {
  provider  = aws
  artifact  = pipeline.train.artifact
  framework = "sklearn"
  aws {
    name = "iris"
  }
  lifecycle {
    create_before_destroy = true
  }
}

model "gcp" {
  provider  = gcp
  artifact  = pipeline.train.artifact
  framework = "sklearn"
  gcp {
    name = "iris"
  }
}

model "azure" {
  provider  = azure
  artifact  = pipeline.train.artifact
  framework = "sklearn"
  azure {
    name = "iris"
  }
}

endpoint "local" {
  provider = local
  variant "main" {
    model = model.local.id
  }
}

endpoint "aws" {
  provider = aws
  variant "main" {
    model = model.aws.id
  }
  rollout {
    strategy = "canary"
    steps    = 100 / var.canary_share
    interval = "5m"
  }
  aws {
    name          = "iris"
    instance_type = "ml.m5.large"
  }
}

endpoint "gcp" {
  provider = gcp
  variant "main" {
    model = model.gcp.id
  }
  rollout {
    strategy = "canary"
    steps    = 100 / var.canary_share
    interval = "5m"
  }
  gcp {
    name         = "iris"
    machine_type = "n1-standard-2"
  }
}

endpoint "azure" {
  provider = azure
  variant "main" {
    model = model.azure.id
  }
  rollout {
    strategy = "canary"
    steps    = 100 / var.canary_share
    interval = "5m"
  }
  azure {
    name           = "iris"
    instance_type  = "Standard_DS3_v2"
    environment    = "azureml://registries/azureml/environments/sklearn-1.5/labels/latest"
    code           = var.azure_scoring_code
    scoring_script = "score.py"
  }
}

output "urls" {
  value = {
    local = endpoint.local.url
    aws   = endpoint.aws.url
    gcp   = endpoint.gcp.url
    azure = endpoint.azure.url
  }
}
