provider "fake" {}

dataset "a" {
  source = "fake://a"
  fake { image = "v2" }
  lifecycle { create_before_destroy = true }
}
