provider "fake" {}

dataset "a" { source = "fake://a-v2" }
dataset "b" { source = "fake://b" }
