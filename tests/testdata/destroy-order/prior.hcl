provider "fake" {}

dataset "d" { source = "fake://d" }

pipeline "p" {
  inputs = { train = dataset.d.uri }
  step "fit" {
    estimator = "sklearn.linear_model.Ridge"
  }
}

model "m" { artifact = "fake://m/${pipeline.p.id}" }

endpoint "e" {
  variant "main" { model = model.m.uri }
}
