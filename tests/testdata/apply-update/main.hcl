provider "fake" {}

dataset "a" {
  source = "fake://a"
  tags   = { team = "ml" }
}

model "m" { artifact = "fake://m/${dataset.a.uri}" }
