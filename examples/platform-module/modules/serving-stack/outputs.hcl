output "endpoint_url" {
  value = endpoint.this.url
}

output "model_id" {
  value = model.this.id
}

output "accuracy" {
  value = pipeline.train.metrics["accuracy"]
}

output "variants" {
  description = "The endpoint's variant names, known at plan time."
  value       = sort(keys(var.variants))
}
