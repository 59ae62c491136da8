provider "fake" {}

dataset "a" {
  source = "fake://a"
  fake { image = "v1" }
}
