# Churn prediction on Vertex AI: training data in Cloud Storage, a challenger trained by
# a Vertex AI pipeline job (and gated on its accuracy), a champion model from an earlier
# training, both in the Vertex AI Model Registry, and one endpoint that serves both,
# splitting traffic 90/10. New data retrains the challenger; a new artifact becomes a new
# model version, deployed beside the old one and shifted onto in canary steps.
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

pipeline "challenger" {
  provider = gcp
  inputs   = { train = dataset.churn.uri }
  step "fit" {
    estimator = "sklearn.ensemble.RandomForestClassifier"
    params    = { n_estimators = 50, max_depth = 5 }
  }
  metrics = ["accuracy", "f1_macro"]
  gates   = { min_accuracy = 0.7 }
  gcp {
    target = "churned"
  }
}

model "challenger" {
  provider  = gcp
  artifact  = pipeline.challenger.artifact
  framework = "sklearn"
  registry {
    group = "churn-challenger"
    stage = "Staging"
  }
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

output "challenger_accuracy" {
  value = pipeline.challenger.metrics.accuracy
}
