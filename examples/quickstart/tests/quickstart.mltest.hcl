# mlinfra test: plans and applies main.hcl against a throwaway state, checks it, and
# destroys everything it made (the endpoint's server too).

run "plans_a_model_per_version" {
  command = plan

  assert {
    condition     = dataset.iris.source == "sklearn:iris"
    error_message = "The quickstart trains on the iris data set."
  }
}

run "trains_and_serves" {
  assert {
    condition     = pipeline.train.metrics.accuracy >= 0.9
    error_message = "Accuracy is ${pipeline.train.metrics.accuracy}, below 0.9."
  }

  assert {
    condition     = startswith(output.url, "http://127.0.0.1:")
    error_message = "The endpoint serves at ${output.url}, not on this machine."
  }
}

run "a_smaller_c_is_a_new_version" {
  variables {
    C = 0.5
  }

  assert {
    condition     = model.iris.version == 2
    error_message = "Changing C registers version 2, not ${model.iris.version}."
  }

  assert {
    condition     = output.url == run.trains_and_serves.url
    error_message = "The endpoint is updated in place: its url stays."
  }
}
