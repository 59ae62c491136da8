provider "fake" {}

dataset "a" {
  source = "fake://a"
  fake { image = "v1" }
  lifecycle { create_before_destroy = true }
}
