provider "fake" {}

dataset "edited" { source = "fake://e-v2" }
dataset "deleted" { source = "fake://d" }
dataset "same" { source = "fake://s" }
