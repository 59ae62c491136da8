# Churn prediction on SageMaker: training data in S3, a registered champion model and a
# challenger, one endpoint splitting traffic 90/10, canary rollouts guarded by a
# CloudWatch alarm, and autoscaling on invocations.
#
# The plan says how each endpoint change is made: a new split is a "weights shift in
# place"; a new model behind the same variants is a "blue/green canary swap"; adding or
# removing a variant is an "all-at-once swap" (SageMaker's traffic shifting needs the
# same variant names before and after).
#
#   export AWS_PROFILE=ml-prod        # or any credentials boto3 finds
#   mlinfra plan
#   mlinfra apply

provider "aws" {
  region             = var.region
  execution_role_arn = var.execution_role_arn
  artifact_bucket    = var.artifact_bucket
  default_tags = {
    team    = "ml-platform"
    project = "churn"
  }
}

variable "region" {
  default = "us-east-1"
}

variable "execution_role_arn" {
  description = "IAM role SageMaker assumes to pull images and read artifacts."
  default     = "arn:aws:iam::123456789012:role/sagemaker-execution"
}

variable "artifact_bucket" {
  default = "churn-ml-artifacts"
}

variable "challenger_share" {
  description = "Percent of traffic sent to the challenger."
  default     = 10
}

dataset "churn" {
  provider = aws
  source   = "s3://churn-ml-data/churn/train.csv"
  format   = "csv"
  target   = "churned"
}

model "champion" {
  provider          = aws
  artifact          = "s3://churn-ml-data/models/champion/model.tar.gz"
  framework         = "xgboost"
  framework_version = "1.7-1"
  registry {
    group = "churn"
    stage = "Approved"
  }
  # A new artifact is a new SageMaker model: create it before the old one goes.
  lifecycle {
    create_before_destroy = true
  }
}

model "challenger" {
  provider  = aws
  artifact  = "s3://churn-ml-data/models/challenger/model.tar.gz"
  framework = "sklearn"
  # Registry versions outlive the model (approval history is audit data) unless told
  # otherwise: the challenger's experiments are not worth keeping.
  registry {
    group                      = "churn"
    stage                      = "PendingManualApproval"
    delete_versions_on_destroy = true
  }
  lifecycle {
    create_before_destroy = true
  }
}

endpoint "churn" {
  provider = aws

  variant "champion" {
    model          = model.champion.id
    weight         = 100 - var.challenger_share
    instance_type  = "ml.m5.large"
    instance_count = 2
  }

  variant "challenger" {
    model          = model.challenger.id
    weight         = var.challenger_share
    instance_type  = "ml.m5.large"
    instance_count = 1
  }

  rollout {
    strategy = "canary"
    steps    = 10
    interval = "5m"
    gates = {
      alarms = ["churn-endpoint-5xx"]
    }
  }

  autoscaling {
    min        = 1
    max        = 4
    target_rps = 20
  }

  lifecycle {
    create_before_destroy = true
  }
}

output "url" {
  value = endpoint.churn.url
}

output "champion_version" {
  value = model.champion.version
}
