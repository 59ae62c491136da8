provider "fake" {}

dataset "a" { source = "fake://a" }
dataset "b" { source = "fake://b/${dataset.a.uri}" }
dataset "c" { source = "fake://c" }
