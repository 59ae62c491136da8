"""Modules through the command line, on the fake provider: local and git sources, nested
calls with for_each and count, module addresses in plan text, plan JSON and state,
--target of a whole module, state mv/rm, moved blocks into, out of and between modules,
import into a module, and every misuse as a located error without a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "support"))

from clirun import Result, cli, write  # noqa: E402

ROOT = """provider "fake" {}

variable "teams" {
  default = { a = "alpha", b = "beta" }
}

module "stack" {
  source   = "./modules/stack"
  for_each = var.teams
  label    = each.value
}

module "single" {
  source = "./modules/stack"
  label  = "solo"
  size   = 2
}

dataset "root" {
  source = module.single.uri
}

output "uris" {
  value = { for k, m in module.stack : k => m.uri }
}
"""

STACK = """variable "label" {
  type = string
  validation {
    condition     = length(var.label) >= 4
    error_message = "The label needs at least four characters."
  }
}

variable "size" {
  type    = number
  default = 1
}

locals {
  source = "fake://${var.label}"
}

dataset "d" {
  source = local.source
}

module "inner" {
  source = "./inner"
  count  = var.size
  from   = dataset.d.uri
}

output "uri" {
  value = dataset.d.uri
}

output "inner_uris" {
  value = module.inner[*].uri
}
"""

INNER = """variable "from" {
  type = string
}

model "m" {
  artifact = var.from
}

output "uri" {
  value = model.m.uri
}
"""


def layout(root: Path, main: str = ROOT, stack: str = STACK, inner: str = INNER) -> Path:
    write(root, main)
    write(root / "modules" / "stack", stack)
    write(root / "modules" / "stack" / "inner", inner)
    return root


def ok(r: Result) -> str:
    text = r.out + r.err
    assert r.code == 0, text
    assert "Traceback" not in text
    return text


def failed(r: Result) -> str:
    text = r.out + r.err
    assert r.code != 0, text
    assert "Traceback" not in text
    return text


ALL = [
    'module.stack["a"].dataset.d',
    'module.stack["a"].module.inner[0].model.m',
    'module.stack["b"].dataset.d',
    'module.stack["b"].module.inner[0].model.m',
    "module.single.dataset.d",
    "module.single.module.inner[0].model.m",
    "module.single.module.inner[1].model.m",
    "dataset.root",
]


def test_nested_local_modules_plan_apply_and_address_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout(tmp_path)
    plan = ok(cli(capsys, tmp_path, "plan"))
    for a in ALL:
        assert f"# {a} will be created" in plan
    assert "Plan: 8 to add" in plan

    shown = json.loads(ok(cli(capsys, tmp_path, "plan", "--json")))
    changes = {c["address"]: c for c in shown["resource_changes"]}
    assert sorted(changes) == sorted(ALL)
    m = changes['module.stack["a"].module.inner[0].model.m']
    assert m["module_address"] == 'module.stack["a"].module.inner[0]'
    assert (m["type"], m["name"]) == ("model", "m")
    assert "module_address" not in changes["dataset.root"]
    children = {m["address"]: m for m in shown["planned_values"]["root_module"]["child_modules"]}
    assert [m["address"] for m in children['module.stack["a"]']["child_modules"]] == ['module.stack["a"].module.inner[0]']
    stack = shown["configuration"]["root_module"]["module_calls"]["stack"]
    assert stack["source"] == "./modules/stack" and stack["for_each_expression"] == {"references": ["var.teams"]}
    assert stack["module"]["module_calls"]["inner"]["count_expression"] == {"references": ["var.size"]}

    dot = ok(cli(capsys, tmp_path, "graph"))
    assert '"module.stack[\\"a\\"].dataset.d" -> "module.stack[\\"a\\"].module.inner[0].model.m";' in dot

    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    listed = ok(cli(capsys, tmp_path, "state", "list")).split()
    assert sorted(listed) == sorted(ALL)
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    recs = {r["address"]: r for r in state["resources"]}
    # values cross the module boundaries both ways
    assert recs['module.stack["b"].dataset.d']["attributes"]["source"] == "fake://beta"
    assert recs['module.stack["b"].module.inner[0].model.m']["attributes"]["artifact"] == recs['module.stack["b"].dataset.d']["attributes"]["uri"]
    assert recs["dataset.root"]["attributes"]["source"] == recs["module.single.dataset.d"]["attributes"]["uri"]
    # dependencies are recorded across modules: the inner model after its caller's dataset
    assert 'module.stack["b"].dataset.d' in recs['module.stack["b"].module.inner[0].model.m']["dependencies"]
    assert "module.single.dataset.d" in recs["dataset.root"]["dependencies"]
    outputs = json.loads(ok(cli(capsys, tmp_path, "output", "--json")))
    assert outputs["uris"]["value"] == {"a": recs['module.stack["a"].dataset.d']["attributes"]["uri"],
                                        "b": recs['module.stack["b"].dataset.d']["attributes"]["uri"]}  # fmt: skip
    assert "No changes." in ok(cli(capsys, tmp_path, "plan"))

    # a key gone from for_each: that instance's resources go, nothing else changes
    layout(tmp_path, ROOT.replace('b = "beta" ', ""))
    plan = ok(cli(capsys, tmp_path, "plan"))
    assert '# module.stack["b"].dataset.d will be destroyed' in plan
    assert '(because module.stack["b"] is not in the configuration)' in plan
    shown = json.loads(ok(cli(capsys, tmp_path, "plan", "--json")))
    gone = {c["address"]: c for c in shown["resource_changes"]}['module.stack["b"].module.inner[0].model.m']
    assert gone["action_reason"] == "delete_because_no_module"
    assert "Plan: 0 to add, 0 to change, 2 to destroy." in plan


def test_target_a_whole_module_instance_or_a_resource_inside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout(tmp_path)
    plan = ok(cli(capsys, tmp_path, "plan", "--target", 'module.stack["a"]'))
    assert "Plan: 2 to add" in plan
    assert '# module.stack["a"].module.inner[0].model.m will be created' in plan
    assert "module.stack[\"b\"]" not in plan.split("Plan:")[0]

    plan = ok(cli(capsys, tmp_path, "plan", "--target", "module.stack"))
    assert "Plan: 4 to add" in plan

    plan = ok(cli(capsys, tmp_path, "plan", "--target", "module.single.module.inner[1].model.m"))
    # the target and what it depends on
    assert "Plan: 2 to add" in plan and "# module.single.dataset.d will be created" in plan

    bad = failed(cli(capsys, tmp_path, "plan", "--target", "module.nothere"))
    assert "Invalid target" in bad and "module.nothere" in bad


def test_state_mv_and_rm_with_module_addresses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout(tmp_path)
    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    ok(cli(capsys, tmp_path, "state", "mv", 'module.stack["a"]', 'module.stack["c"]'))
    listed = ok(cli(capsys, tmp_path, "state", "list")).split()
    assert 'module.stack["c"].module.inner[0].model.m' in listed
    assert not any(a.startswith('module.stack["a"]') for a in listed)
    ok(cli(capsys, tmp_path, "state", "mv", "module.single.dataset.d", "dataset.moved_out"))
    assert "dataset.moved_out" in ok(cli(capsys, tmp_path, "state", "list"))
    out = ok(cli(capsys, tmp_path, "state", "rm", 'module.stack["c"]'))
    assert "Successfully removed 2 resource instance(s)." in out
    assert 'module.stack["c"]' not in ok(cli(capsys, tmp_path, "state", "list"))
    bad = failed(cli(capsys, tmp_path, "state", "mv", "module.single", "dataset.x"))
    assert "Invalid state move" in bad


SIMPLE_MODULE = """variable "src" {
  type = string
}

dataset "d" {
  source = var.src
}
"""


def test_moved_blocks_into_a_module_back_out_and_between_modules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "modules" / "one", SIMPLE_MODULE)
    write(tmp_path, 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://x"\n}\n')
    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))

    into = """provider "fake" {}

module "a" {
  source = "./modules/one"
  src    = "fake://x"
}

moved {
  from = dataset.d
  to   = module.a.dataset.d
}
"""
    write(tmp_path, into)
    plan = ok(cli(capsys, tmp_path, "plan"))
    assert "# dataset.d has moved to module.a.dataset.d" in plan
    assert "0 to add" in plan and "0 to destroy" in plan
    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    assert ok(cli(capsys, tmp_path, "state", "list")).split() == ["module.a.dataset.d"]

    rename = into.replace('module "a"', 'module "b"').replace("from = dataset.d\n  to   = module.a.dataset.d", "from = module.a\n  to   = module.b")
    write(tmp_path, rename)
    plan = ok(cli(capsys, tmp_path, "plan"))
    assert "0 to add" in plan and "0 to destroy" in plan
    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    assert ok(cli(capsys, tmp_path, "state", "list")).split() == ["module.b.dataset.d"]

    out_again = 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://x"\n}\n\nmoved {\n  from = module.b.dataset.d\n  to   = dataset.d\n}\n'
    write(tmp_path, out_again)
    plan = ok(cli(capsys, tmp_path, "plan"))
    assert "0 to add" in plan and "0 to destroy" in plan
    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    assert ok(cli(capsys, tmp_path, "state", "list")).split() == ["dataset.d"]


def test_import_block_into_a_module(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "modules" / "one", SIMPLE_MODULE)
    write(tmp_path, 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://x"\n}\n')
    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    object_id = json.loads((tmp_path / "mlinfra.state.json").read_text())["resources"][0]["attributes"]["id"]
    ok(cli(capsys, tmp_path, "state", "rm", "dataset.d"))
    write(tmp_path, f"""provider "fake" {{}}

module "a" {{
  source = "./modules/one"
  src    = "fake://x"
}}

import {{
  to = module.a.dataset.d
  id = "{object_id}"
}}
""")
    plan = ok(cli(capsys, tmp_path, "plan"))
    assert "module.a.dataset.d will be imported" in plan
    assert "1 to import, 0 to add" in plan
    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    assert [r["address"] for r in state["resources"]] == ["module.a.dataset.d"]
    assert state["resources"][0]["attributes"]["id"] == object_id


# -- git sources ---------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    write(r / "stacks" / "one", SIMPLE_MODULE)
    git(r, "init", "-q", "-b", "main")
    git(r, "-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".")
    git(r, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "v1")
    git(r, "tag", "v1")
    write(r / "stacks" / "one", SIMPLE_MODULE.replace('source = var.src', 'source = "${var.src}-v2"'))
    git(r, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qam", "v2")
    git(r, "tag", "v2")
    return r


def test_git_source_is_fetched_by_init_locked_and_a_new_ref_needs_init(tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "work"
    main = 'provider "fake" {}\n\nmodule "g" {\n  source = "git::file://%s//stacks/one?ref=%s"\n  src    = "fake://g"\n}\n'
    write(work, main % (repo, "v1"))
    bad = failed(cli(capsys, work, "plan"))
    assert "Module not installed" in bad and "mlinfra init" in bad and "main.hcl" in bad

    out = ok(cli(capsys, work, "init"))
    assert "- g: git::file://" in out
    lock = json.loads((work / ".mlinfra" / "modules" / "modules.json").read_text())
    (entry,) = lock["modules"]
    assert entry["key"] == "g" and entry["ref"] == "v1"
    assert entry["commit"] == git(repo, "rev-parse", "v1^{commit}")
    assert entry["dir"] == ".mlinfra/modules/g/stacks/one"
    plan = ok(cli(capsys, work, "plan"))
    assert '"fake://g"' in plan

    write(work, main % (repo, "v2"))
    bad = failed(cli(capsys, work, "plan"))
    assert "Module not installed" in bad and "ref=v1" in bad
    ok(cli(capsys, work, "init"))
    lock = json.loads((work / ".mlinfra" / "modules" / "modules.json").read_text())
    assert lock["modules"][0]["commit"] == git(repo, "rev-parse", "v2^{commit}")
    assert '"fake://g-v2"' in ok(cli(capsys, work, "plan"))

    write(work, main % (repo, "no-such-tag"))
    bad = failed(cli(capsys, work, "init"))
    assert "Failed to download module" in bad and "no-such-tag" in bad


# -- misuse ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("main", "stack", "wanted"),
    [
        (ROOT.replace("./modules/stack", "./modules/nothere"), STACK,
         ["Module not found", "modules/nothere", 'module "stack"', "main.hcl"]),
        (ROOT.replace("size   = 2", 'size   = "lots"'), STACK,
         ["Invalid value for input variable", 'variable "size"', "modules/stack/main.hcl line 9", "a number is required", 'in module "single"']),
        (ROOT.replace("size   = 2", "sise   = 2"), STACK,
         ['An argument named "sise" is not expected here', 'Did you mean "size"?', "main.hcl"]),
        (ROOT, STACK.replace("source = local.source", "source = local.sauce"),
         ["Reference to undeclared local value", "on modules/stack/main.hcl line 19", "19:   source = local.sauce",
          'in module.stack["a"]', 'Did you mean "source"?']),
        (ROOT, STACK.replace('dataset "d" {', 'dataset "d" {\n  colour = 1'),
         ["colour", "modules/stack/main.hcl"]),
        (ROOT, STACK + 'provider "fake" {}\n', ["Provider block in a module", "modules/stack/main.hcl", 'module "stack"']),
        (ROOT.replace('label  = "solo"', 'label  = "so"'), STACK,
         ["Invalid value for variable", "at least four characters"]),
        (ROOT.replace('  label  = "solo"\n', ""), STACK, ["Missing required argument", '"label"']),
        (ROOT, STACK.replace('source = "./inner"', 'source = "../stack"'), ["Module cycle"]),
        (ROOT, STACK.replace('source = "./inner"', 'source = "inner"'), ["Invalid module source", "./ or ../"]),
        (ROOT.replace('source = module.single.uri', 'source = module.single.uri\n}\n\ndataset "loop" {\n  source = module.singel.uri'), STACK,
         ["Reference to undeclared module", 'Did you mean "single"?']),
        (ROOT.replace('  label  = "solo"\n', '  label  = "solo"\n  depends_on = [module.stak, dataset.rot]\n'), STACK,
         ["Reference to undeclared module", 'Did you mean "stack"?', 'Did you mean "dataset.root"?', 'in module "single"']),
    ],
    ids=["missing-source", "type-mismatch", "unknown-argument", "error-inside-module", "bad-argument-inside-module",
         "provider-in-module", "validation", "missing-variable", "source-cycle", "bad-source", "undeclared-module",
         "undeclared-depends-on"],
)
def test_misuse_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], main: str, stack: str, wanted: list[str]) -> None:
    layout(tmp_path, main, stack)
    text = failed(cli(capsys, tmp_path, "plan"))
    for w in wanted:
        assert w in text, f"{w!r} not in:\n{text}"


def test_a_dependency_cycle_through_modules_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "modules" / "one", SIMPLE_MODULE + 'output "uri" {\n  value = dataset.d.uri\n}\n')
    write(tmp_path, """provider "fake" {}

module "a" {
  source = "./modules/one"
  src    = dataset.x.uri
}

dataset "x" {
  source = module.a.uri
}
""")
    text = failed(cli(capsys, tmp_path, "validate"))
    assert "Cycle" in text and "module.a.dataset.d" in text and "dataset.x" in text


def test_a_saved_plan_holds_the_modules_and_applies_as_planned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout(tmp_path)
    ok(cli(capsys, tmp_path, "plan", "--out", "p.plan"))
    # an edit after the plan does not change what the saved plan applies
    write(tmp_path / "modules" / "stack" / "inner", INNER.replace("artifact = var.from", "artifact = \"fake://other\""))
    out = ok(cli(capsys, tmp_path, "apply", "p.plan"))
    assert "8 added" in out
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    recs = {r["address"]: r for r in state["resources"]}
    assert recs["module.single.module.inner[1].model.m"]["attributes"]["artifact"] == recs["module.single.dataset.d"]["attributes"]["uri"]


def test_providers_map_depends_on_a_module_and_checks_inside_modules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "modules" / "one", SIMPLE_MODULE + """
check "source" {
  assert {
    condition     = dataset.d.source == "fake://expected"
    error_message = "The source is ${dataset.d.source}."
  }
}
""")
    write(tmp_path, """provider "fake" {}

provider "fake" {
  alias = "eu"
}

module "a" {
  source    = "./modules/one"
  src       = "fake://a"
  providers = { fake = fake.eu }
}

module "b" {
  source     = "./modules/one"
  src        = "fake://expected"
  depends_on = [module.a]
}

dataset "after" {
  source     = "fake://after"
  depends_on = [module.b]
}
""")
    text = ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    assert "Check block assertion failed" in text and "The source is fake://a." in text
    assert 'check "source" in module.a' in text and "module.b" not in text.split("Check block assertion failed")[1].split("╵")[0]
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    recs = {r["address"]: r for r in state["resources"]}
    assert recs["module.a.dataset.d"]["provider"] == "fake.eu"
    assert recs["module.b.dataset.d"]["provider"] == "fake"
    assert "module.a.dataset.d" in recs["module.b.dataset.d"]["dependencies"]
    assert "module.b.dataset.d" in recs["dataset.after"]["dependencies"]


def test_an_aliased_provider_the_call_does_not_pass_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "modules" / "one", SIMPLE_MODULE.replace('dataset "d" {', 'dataset "d" {\n  provider = fake.eu'))
    write(tmp_path, 'provider "fake" {}\n\nmodule "a" {\n  source = "./modules/one"\n  src    = "fake://a"\n}\n')
    text = failed(cli(capsys, tmp_path, "plan"))
    assert "Provider configuration not present" in text and "providers = { fake.eu = ... }" in text
    assert "modules/one/main.hcl" in text


def test_validate_needs_no_values_for_a_for_each_over_variables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout(tmp_path, ROOT.replace('default = { a = "alpha", b = "beta" }', "type = map(string)"))
    assert "valid" in ok(cli(capsys, tmp_path, "validate"))
    text = failed(cli(capsys, tmp_path, "plan"))
    assert "teams" in text and "Invalid for_each" not in text
    assert "module.stack" in ok(cli(capsys, tmp_path, "plan", "--var", 'teams={x = "xray"}'))


def test_a_for_each_over_resource_attributes_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "modules" / "one", SIMPLE_MODULE)
    write(tmp_path, """provider "fake" {}

dataset "x" {
  source = "fake://x"
}

module "a" {
  source   = "./modules/one"
  for_each = toset([dataset.x.uri])
  src      = each.key
}
""")
    text = failed(cli(capsys, tmp_path, "plan"))
    assert "Invalid for_each argument" in text and "main.hcl line 9" in text and "variables and local values" in text


def test_a_moved_block_inside_a_module_renames_in_every_instance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "modules" / "one", SIMPLE_MODULE)
    write(tmp_path, 'provider "fake" {}\n\nmodule "a" {\n  source   = "./modules/one"\n  for_each = toset(["x", "y"])\n  src      = "fake://${each.key}"\n}\n')
    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    write(tmp_path / "modules" / "one", SIMPLE_MODULE.replace('dataset "d"', 'dataset "renamed"') + "\nmoved {\n  from = dataset.d\n  to   = dataset.renamed\n}\n")
    plan = ok(cli(capsys, tmp_path, "plan"))
    assert '# module.a["x"].dataset.d has moved to module.a["x"].dataset.renamed' in plan
    assert "0 to add, 0 to change, 0 to destroy" in plan


@pytest.mark.parametrize(
    ("source", "url", "ref", "subdir"),
    [
        ("git::file:///srv/m.git?ref=v1", "file:///srv/m.git", "v1", ""),
        ("git::file:///srv/m.git//serving/stack?ref=main", "file:///srv/m.git", "main", "serving/stack"),
        ("git::/srv/modules//serving", "/srv/modules", None, "serving"),
        ("https://example.com/org/m.git//x?ref=0123abc", "https://example.com/org/m.git", "0123abc", "x"),
    ],
)
def test_git_sources_are_read_as_terraform_reads_them(source: str, url: str, ref: str | None, subdir: str) -> None:
    from mlinfra.config.module_sources import GitSource, parse_source

    assert parse_source(source) == GitSource(url, ref, subdir)


@pytest.mark.parametrize(
    "source",
    ["modules/x", "hashicorp/consul/aws", "git::file:///srv/m.git?depth=1", "git::file:///srv/m.git//../up", "git::file:///srv/m.git?ref=--upload-pack=x"],
)
def test_sources_mlinfra_does_not_read_are_refused(source: str) -> None:
    from mlinfra.config.module_sources import parse_source

    with pytest.raises(ValueError):
        parse_source(source)


def test_a_git_ref_may_be_a_branch_or_a_commit(tmp_path: Path, repo: Path) -> None:
    from mlinfra.config.module_sources import GitSource, fetch

    v1 = git(repo, "rev-parse", "v1^{commit}")
    assert fetch(GitSource(str(repo), v1, ""), tmp_path / "a") == v1
    assert 'source = var.src\n' in (tmp_path / "a" / "stacks" / "one" / "main.hcl").read_text()
    assert fetch(GitSource(str(repo), "main", ""), tmp_path / "b") == git(repo, "rev-parse", "main")
    assert not (tmp_path / "b" / ".git").exists()


def test_init_never_runs_a_command_named_by_a_git_source(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # even where the user's git configuration allows the ext transport
    (tmp_path / "gitconfig").write_text("[protocol \"ext\"]\n\tallow = always\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    marker = tmp_path / "ran"
    write(tmp_path / "work", 'module "x" {\n  source = "git::ext::sh -c touch% ' + str(marker) + '"\n}\n')
    text = failed(cli(capsys, tmp_path / "work", "init"))
    assert "Failed to download module" in text
    assert not marker.exists()


def test_a_refused_variable_a_call_iterates_over_is_reported_as_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main = ROOT.replace('default = { a = "alpha", b = "beta" }', 'default = { a = "alpha" }\n  validation {\n    condition     = length(var.teams) < 3\n    error_message = "Three teams at most."\n  }')
    layout(tmp_path, main)
    text = failed(cli(capsys, tmp_path, "plan", "--var", 'teams={a="alpha", b="beta", c="gamma"}'))
    assert "Three teams at most." in text
    assert "undeclared" not in text


def test_files_are_read_relative_to_the_module_and_path_names_its_directories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "modules" / "one", """dataset "d" {
  source = "fake://${trimspace(file("${path.module}/name.txt"))}/${trimspace(file("${path.root}/top.txt"))}"
  tags   = { here = path.module, root = path.root }
}
""")
    (tmp_path / "modules" / "one" / "name.txt").write_text("inner\n")
    (tmp_path / "top.txt").write_text("outer\n")
    write(tmp_path, 'provider "fake" {}\n\nmodule "a" {\n  source = "./modules/one"\n}\n')
    ok(cli(capsys, tmp_path, "apply", "--auto-approve"))
    attrs = json.loads((tmp_path / "mlinfra.state.json").read_text())["resources"][0]["attributes"]
    assert attrs["source"] == "fake://inner/outer"
    assert attrs["tags"] == {"here": ".", "root": "../.."}
