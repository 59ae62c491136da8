provider "fake" {}

variable "n" { type = number }
variable "keys" { type = set(string) }

dataset "cnt" {
  count  = var.n
  source = "fake://c/${count.index}"
}

dataset "each" {
  for_each = var.keys
  source   = "fake://e/${each.key}"
}
