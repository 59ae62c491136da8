"""examples/github-actions: the PR comment, its marker, labels and the reviewed plan,
run against a fake of GitHub's REST API."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "support"))

from clirun import cli, write  # noqa: E402
from githubfake import TOKEN, FakeGitHub, serve  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "github-actions"
_spec = importlib.util.spec_from_file_location("mlinfra_pr", EXAMPLE / "mlinfra_pr.py")
assert _spec and _spec.loader
pr: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pr)

CONFIG = """
provider "fake" {}

dataset "d" { source = "fake://d" }
"""


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Any:
    gh = FakeGitHub()
    with serve(gh):
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        monkeypatch.setenv("GITHUB_REPOSITORY", gh.repo)
        monkeypatch.setenv("GITHUB_API_URL", gh.url)
        yield gh


def run_comment(tmp_path: Path, markdown: str, plan: dict[str, Any] | None, directory: str = "infra", workspace: str = "default") -> int:
    body = tmp_path / "comment.md"
    body.write_text(markdown)
    args = ["comment", "--pr", "7", "--dir", directory, "--workspace", workspace, "--body", str(body)]
    if plan is not None:
        (tmp_path / "plan.json").write_text(json.dumps(plan))
        args += ["--plan-json", str(tmp_path / "plan.json")]
    code: int = pr.main(args)
    return code


def plan_doc(*actions: list[str]) -> dict[str, Any]:
    return {"resource_changes": [{"change": {"actions": a}} for a in actions], "output_changes": {}}


def test_the_comment_is_created_once_then_updated_in_place(tmp_path: Path, github: FakeGitHub) -> None:
    github.add_comment(7, "LGTM")
    assert run_comment(tmp_path, "**Plan:** 1 to add", plan_doc(["create"])) == 0
    assert run_comment(tmp_path, "**Plan:** 2 to add", plan_doc(["create"], ["create"])) == 0
    bodies = github.issue_comments(7)
    assert len(bodies) == 2 and bodies[0] == "LGTM"
    assert bodies[1].startswith('<!-- mlinfra-plan dir="infra" workspace="default" -->\n')
    assert "**Plan:** 2 to add" in bodies[1]
    assert [m for m, _ in github.requests if m in ("POST", "PATCH") and "comments" in _] == ["POST", "PATCH"]


def test_each_directory_and_workspace_has_its_own_comment(tmp_path: Path, github: FakeGitHub) -> None:
    for d, ws in (("infra", "default"), ("infra", "prod"), ("serving", "default"), ("infra", "prod")):
        assert run_comment(tmp_path, f"plan of {d} {ws}", None, d, ws) == 0
    bodies = github.issue_comments(7)
    assert len(bodies) == 3
    assert sum("plan of infra prod" in b for b in bodies) == 1


def test_the_marker_is_found_past_the_first_page_of_comments(tmp_path: Path, github: FakeGitHub) -> None:
    for i in range(150):
        github.add_comment(7, f"chatter {i}")
    assert run_comment(tmp_path, "first", None) == 0
    for i in range(100):
        github.add_comment(7, f"more chatter {i}")
    assert run_comment(tmp_path, "second", None) == 0
    marked = [b for b in github.issue_comments(7) if b.startswith("<!-- mlinfra-plan")]
    assert len(marked) == 1 and "second" in marked[0]
    assert any("page=3" in path for _, path in github.requests)


def test_one_label_tells_what_the_plan_does(tmp_path: Path, github: FakeGitHub) -> None:
    github.issue_labels[7] = ["needs-review"]
    github.labels["needs-review"] = {"name": "needs-review"}

    def labels() -> list[str]:
        return sorted(github.issue_labels[7])

    run_comment(tmp_path, "x", plan_doc(["no-op"]))
    assert labels() == ["mlinfra:no-changes", "needs-review"]
    run_comment(tmp_path, "x", plan_doc(["update"]))
    assert labels() == ["mlinfra:changes", "needs-review"]
    run_comment(tmp_path, "x", plan_doc(["create"], ["delete", "create"]))
    assert labels() == ["mlinfra:destroy", "needs-review"]
    run_comment(tmp_path, "x", plan_doc(["create"], ["delete", "create"]))
    assert labels() == ["mlinfra:destroy", "needs-review"]
    assert set(pr.LABELS) <= set(github.labels)


def test_a_comment_over_githubs_limit_drops_whole_diffs_and_says_so(tmp_path: Path, github: FakeGitHub) -> None:
    from mlinfra.cli.views.plan_markdown import render_markdown
    from mlinfra.plans.model import Action, Mode, Plan, ResourceChange

    changes = [
        ResourceChange(f"dataset.d{i:04}", "dataset", f"d{i:04}", None, "fake", Action.CREATE, None, {"source": "x" * 200})
        for i in range(600)
    ]
    markdown = render_markdown(Plan(Mode.NORMAL, changes, "l", 1))
    assert 65000 < len(markdown) <= 65536
    body = pr.comment_body(markdown, "infra", "default")
    assert len(body) <= 65536
    assert body.count("<details>") == body.count("</details>") > 100
    assert body.rstrip().endswith("the full plan is in the job log.")
    assert run_comment(tmp_path, markdown, None) == 0
    [posted] = github.issue_comments(7)
    assert posted == body


def test_a_bad_token_is_an_error_message_not_a_traceback(tmp_path: Path, github: FakeGitHub, monkeypatch, capsys) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "wrong")
    assert run_comment(tmp_path, "x", None) == 1
    err = capsys.readouterr().err
    assert "HTTP 401" in err and "Bad credentials" in err and "Traceback" not in err


def test_the_reviewed_plan_is_fetched_and_applied_and_a_stale_one_is_refused(tmp_path: Path, github: FakeGitHub, capsys) -> None:
    work = tmp_path / "infra"
    write(work, CONFIG)
    saved = tmp_path / "reviewed.plan"
    assert cli(capsys, work, "plan", "--out", str(saved)).code == 0
    name = pr.artifact_name(7, "infra", "default")
    github.artifacts.append({"id": 1, "name": name, "expired": True, "created_at": "2026-01-01T00:00:00Z", "files": {}})
    github.artifacts.append({"id": 2, "name": name, "expired": False, "created_at": "2026-01-02T00:00:00Z", "files": {"plan.bin": saved.read_bytes()}})
    github.artifacts.append({"id": 3, "name": pr.artifact_name(8, "infra", "default"), "expired": False, "created_at": "2026-01-03T00:00:00Z", "files": {"plan.bin": b"other"}})
    for a in github.artifacts:
        a["archive_download_url"] = f"{github.url}/repos/{github.repo}/actions/artifacts/{a['id']}/zip"
    github.pulls_by_sha["abc123"] = [{"number": 7, "merged_at": "2026-01-02T01:00:00Z"}]
    fetched = tmp_path / "fetched.plan"
    assert pr.main(["fetch-plan", "--sha", "abc123", "--dir", "infra", "--out", str(fetched)]) == 0
    assert fetched.read_bytes() == saved.read_bytes()
    assert cli(capsys, work, "apply", str(fetched)).code == 0
    r = cli(capsys, work, "apply", str(fetched))
    assert r.code == 1 and "Saved plan is stale" in r.err


def test_a_commit_that_merged_no_pull_request_has_nothing_to_apply(tmp_path: Path, github: FakeGitHub, capsys) -> None:
    assert pr.main(["fetch-plan", "--sha", "def456", "--dir", "infra", "--out", str(tmp_path / "p")]) == 1
    assert "not the merge of a pull request" in capsys.readouterr().err
    github.pulls_by_sha["def456"] = [{"number": 9, "merged_at": "2026-01-02T01:00:00Z"}]
    assert pr.main(["fetch-plan", "--sha", "def456", "--dir", "infra", "--out", str(tmp_path / "p")]) == 1
    assert "plan the pull request again" in capsys.readouterr().err


def test_the_real_markdown_plan_goes_into_the_comment(tmp_path: Path, github: FakeGitHub, capsys) -> None:
    work = tmp_path / "infra"
    write(work, CONFIG)
    md = cli(capsys, work, "plan", "--format", "markdown").out
    doc = json.loads(cli(capsys, work, "plan", "--json").out)
    assert run_comment(tmp_path, md, doc) == 0
    [body] = github.issue_comments(7)
    assert "**Plan:** 1 to add, 0 to change, 0 to destroy" in body
    assert github.issue_labels[7] == ["mlinfra:changes"]


def test_the_workflow_plans_comments_keeps_the_plan_and_applies_it_on_merge() -> None:
    wf = yaml.safe_load((EXAMPLE / "mlinfra.yml").read_text())
    on = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads a bare `on` as true
    assert set(on) == {"pull_request", "push"}
    plan_steps = " ".join(str(s.get("run", "")) + str(s.get("uses", "")) for s in wf["jobs"]["plan"]["steps"])
    assert "plan --out" in plan_steps and "--format markdown" in plan_steps
    assert "mlinfra_pr.py comment" in plan_steps and "upload-artifact" in plan_steps
    assert "mlinfra_pr.py artifact-name" in plan_steps
    apply_steps = " ".join(str(s.get("run", "")) for s in wf["jobs"]["apply"]["steps"])
    assert "mlinfra_pr.py fetch-plan" in apply_steps
    assert 'apply "$RUNNER_TEMP/plan.bin"' in apply_steps
    assert wf["jobs"]["plan"]["if"] == "github.event_name == 'pull_request'"
    assert wf["jobs"]["apply"]["if"] == "github.event_name == 'push'"
    assert wf["permissions"]["pull-requests"] == "write"
