variable "team" {
  type        = string
  description = "The team that owns the stack; part of every object's name."
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.team))
    error_message = "The team name must be lower case letters, digits and dashes, starting with a letter."
  }
}

variable "dataset_source" {
  type    = string
  default = "sklearn:iris"
}

variable "C" {
  type    = number
  default = 1.0
}

variable "variants" {
  description = "Traffic weight of each variant, by variant name; the weights add up to 100."
  type        = map(number)
  default     = { blue = 100 }
  validation {
    condition     = sum(values(var.variants)) == 100
    error_message = "The variant weights must add up to 100."
  }
}

variable "min_accuracy" {
  type    = number
  default = 0.8
}
