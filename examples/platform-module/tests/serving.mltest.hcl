# Tests of the serving-stack module, in the syntax of Terraform's `terraform test`:
#
#   mlinfra test
#
# Each run block plans or applies the configuration with its variables and checks the
# result; what an apply creates is destroyed when the file is done. The runs use the
# local teams only (the AWS team needs an account): plan_options targets module.team.

variables {
  teams = {
    fraud = { blue = 100 }
  }
}

run "plans_one_stack_per_team" {
  command = plan

  plan_options {
    target = [module.team]
  }

  variables {
    teams = {
      fraud = { blue = 100 }
      churn = { blue = 80, green = 20 }
    }
  }

  assert {
    condition     = length(module.team) == 2
    error_message = "There should be one serving stack per team."
  }

  assert {
    condition     = module.team["churn"].variants == ["blue", "green"]
    error_message = "The churn endpoint should have a blue and a green variant."
  }
}

run "weights_must_add_up_to_100" {
  command = plan

  plan_options {
    target = [module.team]
  }

  variables {
    teams = {
      fraud = { blue = 60, green = 30 }
    }
  }

  expect_failures = [
    var.teams,
  ]
}

run "team_names_are_validated" {
  command = plan

  plan_options {
    target = [module.team]
  }

  variables {
    teams = {
      "Fraud Team" = { blue = 100 }
    }
  }

  expect_failures = [
    var.teams,
  ]
}

run "serves_a_trained_model" {
  command = apply

  plan_options {
    target = [module.team]
  }

  assert {
    condition     = startswith(module.team["fraud"].endpoint_url, "http://")
    error_message = "The fraud endpoint should serve over HTTP."
  }

  assert {
    condition     = module.team["fraud"].accuracy >= 0.8
    error_message = "The fraud model should be at least 80% accurate."
  }

  assert {
    condition     = output.urls["fraud"] == module.team["fraud"].endpoint_url
    error_message = "The urls output should name the fraud endpoint."
  }
}
