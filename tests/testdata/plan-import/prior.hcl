provider "fake" {}

dataset "imp" { source = "fake://imp" }
