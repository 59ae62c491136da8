provider "fake" {}

dataset "a" {
  source = "fake://a"
  fake { image = "v1" }
}

model "m" { artifact = "fake://m/${dataset.a.uri}" }
