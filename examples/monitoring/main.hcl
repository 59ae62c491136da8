# Train, serve with data capture, and watch the captured traffic for drift from the
# training data. See README.md: send_traffic.py sends traffic, `mlinfra plan` shows drift
# and `mlinfra apply` retrains.

mlinfra {
  backend "local" { path = "mlinfra.state.json" }
}

provider "local" {}

dataset "iris" {
  source = "sklearn:iris"
}

pipeline "train" {
  inputs = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { max_iter = 500 }
  }
  metrics = ["accuracy"]

  # Train again when the monitor sees the live traffic drift from the training data.
  retrain_on = [monitor.iris]
}

model "iris" {
  artifact  = pipeline.train.artifact
  framework = "sklearn"
}

endpoint "iris" {
  variant "blue" {
    model = model.iris.id
  }
  data_capture {
    enabled = true
  }
}

monitor "iris" {
  endpoint = endpoint.iris.id
  baseline = dataset.iris.uri
  schedule = "every 5m"

  drift {
    statistic = "psi"
    threshold = 0.2
  }
  feature "sepal width (cm)" {
    statistic = "ks"
    threshold = 0.3
  }

  local {
    min_samples = 20
  }
}

output "url" { value = endpoint.iris.url }
output "report" { value = monitor.iris.report_path }
output "baseline" { value = dataset.iris.uri }
