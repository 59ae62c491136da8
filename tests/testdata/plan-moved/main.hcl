provider "fake" {}

dataset "new" { source = "fake://a" }

moved {
  from = dataset.old
  to   = dataset.new
}
