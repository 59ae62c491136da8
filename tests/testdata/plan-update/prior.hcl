provider "fake" {}

dataset "a" { source = "fake://a" }
dataset "b" { source = "fake://b" }
