provider "fake" {}

dataset "src" { source = "fake://src/v1" }

dataset "copy" {
  source = "fake://copy"
  lifecycle { replace_triggered_by = [dataset.src] }
}
