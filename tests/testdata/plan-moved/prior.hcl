provider "fake" {}

dataset "old" { source = "fake://a" }
