"""What the command line prints, kept apart from what it does.

Each module turns one kind of result into text: ``plan_text`` (the human plan, in
Terraform's conventions), ``plan_markdown`` (a pull-request comment), ``plan_json`` and
``config_json`` (Terraform-shaped plan and state JSON), ``plan`` (the three formats with
cost and policy results), ``cost``, ``policy``, ``state``, ``outputs``, ``diagnostics``
(errors and warnings on stderr) and ``progress`` (apply progress: plain lines or a live
rich table). A view reads results; it never calls the engine. Modules that need ``rich``
import it inside the function that draws, so commands that print no progress never load it.
"""
