provider "fake" {}

dataset "imp" { source = "fake://imp" }

import {
  to = dataset.imp
  id = "dataset.imp-78c04897"
}
