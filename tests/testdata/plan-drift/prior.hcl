provider "fake" {}

dataset "edited" { source = "fake://e" }
dataset "deleted" { source = "fake://d" }
dataset "same" { source = "fake://s" }
