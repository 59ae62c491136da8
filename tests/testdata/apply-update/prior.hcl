provider "fake" {}

dataset "a" { source = "fake://a" }

model "m" { artifact = "fake://m/${dataset.a.uri}" }
