provider "fake" {}

dataset "src" { source = "fake://src/v2" }

dataset "copy" {
  source = "fake://copy"
  lifecycle { replace_triggered_by = [dataset.src] }
}
