# Churn prediction on Vertex AI: training data in Cloud Storage, a champion and a
# challenger model uploaded to the Vertex AI Model Registry, and one endpoint that serves
# both, splitting traffic 90/10. A new champion artifact becomes a new model version,
# deployed beside the old one and shifted onto in canary steps.
#
#   gcloud auth application-default login      # or credentials = "key.json"
#   mlinfra plan
#   mlinfra apply

provider "gcp" {
  project          = var.project
  region           = var.region
  credentials      = var.credentials
  staging_bucket   = "gs://churn-ml-staging"
  api_endpoint     = var.api_endpoint
  storage_endpoint = var.storage_endpoint
  labels = {
    team    = "ml-platform"
    project = "churn"
  }
}

variable "project" {
  default = "churn-ml"
}

variable "region" {
  default = "us-central1"
}

variable "credentials" {
  description = "A service-account key file, or null for Application Default Credentials."
  default     = null
}

variable "api_endpoint" {
  description = "A private or test Vertex AI endpoint; null for the regional one."
  default     = null
}

variable "storage_endpoint" {
  description = "A private or test Cloud Storage endpoint; null for the public one."
  default     = null
}

variable "challenger_share" {
  description = "Percent of traffic sent to the challenger."
  default     = 10
}

dataset "churn" {
  provider = gcp
  source   = "gs://churn-ml-data/churn/train.csv"
  format   = "csv"
  target   = "churned"
}

model "champion" {
  provider  = gcp
  artifact  = "gs://churn-ml-data/models/champion/model.joblib"
  framework = "sklearn"
  tags = {
    role = "champion"
  }
}

model "challenger" {
  provider          = gcp
  artifact          = "gs://churn-ml-data/models/challenger/model.joblib"
  framework         = "sklearn"
  framework_version = "1.3"
}

endpoint "churn" {
  provider = gcp

  variant "champion" {
    model          = model.champion.id
    weight         = 100 - var.challenger_share
    instance_count = 2
  }

  variant "challenger" {
    model  = model.challenger.id
    weight = var.challenger_share
  }

  rollout {
    strategy = "canary"
    steps    = 10
    interval = "5m"
  }

  gcp {
    machine_type = "n1-standard-4"
  }
}

output "url" {
  value = endpoint.churn.url
}

output "champion_version" {
  value = model.champion.version
}
