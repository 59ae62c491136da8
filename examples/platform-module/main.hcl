# A platform team's serving stack, written once (modules/serving-stack) and used three
# times: once per team on the local provider (for_each over var.teams), and once on AWS
# SageMaker.
#
#   mlinfra plan                          # the local stacks and the AWS one
#   mlinfra apply --target module.team    # just the local ones

mlinfra {
  backend "local" { path = "mlinfra.state.json" }
}

provider "local" {}

provider "aws" {
  region             = "us-east-1"
  execution_role_arn = "arn:aws:iam::123456789012:role/sagemaker-execution"
  artifact_bucket    = "platform-ml-artifacts"
}

variable "teams" {
  description = "Each team's variant weights (they add up to 100)."
  type        = map(map(number))
  default = {
    fraud = { blue = 100 }
    churn = { blue = 80, green = 20 }
  }
  validation {
    condition     = alltrue([for name, weights in var.teams : can(regex("^[a-z][a-z0-9-]*$", name)) && sum(values(weights)) == 100])
    error_message = "Team names are lower case letters, digits and dashes, and each team's weights add up to 100."
  }
}

module "team" {
  source   = "./modules/serving-stack"
  for_each = var.teams

  team     = each.key
  variants = each.value
  C        = 0.5

  providers = { local = local }
}

module "aws_team" {
  source = "./modules/serving-stack"

  team           = "recs"
  dataset_source = "s3://platform-ml-data/recs/train.csv"
  variants       = { champion = 90, challenger = 10 }
  min_accuracy   = 0.7

  providers = { aws = aws }
}

output "urls" {
  value = { for team, stack in module.team : team => stack.endpoint_url }
}

output "aws_url" {
  value = module.aws_team.endpoint_url
}
