output "endpoint_url" {
  value = endpoint.this.url
}

output "model_id" {
  value = model.this.id
}

output "accuracy" {
  value = pipeline.train.metrics["accuracy"]
}
