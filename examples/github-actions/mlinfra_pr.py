#!/usr/bin/env python3
"""Pull-request plumbing for mlinfra in GitHub Actions, using only the standard library.

    mlinfra_pr.py comment --pr N --dir DIR --workspace WS --body comment.md [--plan-json plan.json]
        Create the PR's plan comment for DIR and WS, or update it in place: the comment is
        found by a hidden marker naming the directory and workspace, so each directory
        and workspace has exactly one. Sets one of the labels mlinfra:no-changes,
        mlinfra:changes, mlinfra:destroy (from the plan JSON) and removes the others.
    mlinfra_pr.py fetch-plan --sha SHA --dir DIR --workspace WS --out FILE
        On a merge: find the pull request the commit came from and download the plan
        saved for DIR and WS by its last plan job (the artifact named by artifact_name).

Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_API_URL (optional).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

MAX_COMMENT = 65536
LABELS = {
    "mlinfra:no-changes": ("0e8a16", "mlinfra plan: nothing to change"),
    "mlinfra:changes": ("fbca04", "mlinfra plan: changes to apply"),
    "mlinfra:destroy": ("d93f0b", "mlinfra plan: destroys or replaces resources"),
}
TRUNCATED = (
    "**Truncated:** some diffs are not shown to keep this comment within GitHub's size "
    "limit; the full plan is in the job log."
)


class GitHubError(RuntimeError):
    pass


class GitHub:
    def __init__(self, api: str, repo: str, token: str) -> None:
        self.api, self.repo, self.token = api.rstrip("/"), repo, token

    def request(self, method: str, path: str, body: Any = None, raw: bool = False) -> Any:
        url = path if path.startswith("http") else f"{self.api}/repos/{self.repo}{path}"
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header("Authorization", f"Bearer {self.token}")
        req.add_header("Accept", "application/vnd.github+json")
        req.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                payload = resp.read()
                link = resp.headers.get("Link", "")
        except urllib.error.HTTPError as e:
            raise GitHubError(f"{method} {url}: HTTP {e.code}: {e.read().decode(errors='replace')[:500]}") from None
        if raw:
            return payload
        value = json.loads(payload) if payload else None
        return (value, link) if method == "GET" else value

    def pages(self, path: str) -> list[Any]:
        """Every item of a paginated list, following the Link header."""
        out: list[Any] = []
        url: str | None = path + ("&" if "?" in path else "?") + "per_page=100"
        while url:
            items, link = self.request("GET", url)
            out.extend(items)
            m = re.search(r'<([^>]+)>;\s*rel="next"', link)
            url = m.group(1) if m else None
        return out


def marker(directory: str, workspace: str) -> str:
    return f"<!-- mlinfra-plan dir={json.dumps(directory)} workspace={json.dumps(workspace)} -->"


def comment_body(markdown: str, directory: str, workspace: str, limit: int = MAX_COMMENT) -> str:
    """The marker, a heading, the plan markdown; whole diffs dropped from the end to fit."""
    head = f"{marker(directory, workspace)}\n#### mlinfra plan: `{directory}` (workspace `{workspace}`)\n\n"
    body = markdown.rstrip("\n")
    if len(head) + len(body) + 1 <= limit:
        return f"{head}{body}\n"
    parts = body.split("\n\n<details>")
    while len(parts) > 1 and len(head) + len("\n\n<details>".join(parts)) + len(TRUNCATED) + 3 > limit:
        parts.pop()
    body = "\n\n<details>".join(parts)
    text = f"{head}{body}\n\n{TRUNCATED}\n"
    return text if len(text) <= limit else f"{head}{TRUNCATED}\n"


def label_for(plan: dict[str, Any] | None) -> str:
    """mlinfra:destroy when anything is deleted, mlinfra:changes when anything changes."""
    if plan is None:
        return "mlinfra:changes"
    actions = [a for r in plan.get("resource_changes", []) for a in r["change"]["actions"]]
    if "delete" in actions:
        return "mlinfra:destroy"
    outputs = [a for o in plan.get("output_changes", {}).values() for a in o["actions"]]
    importing = any(r["change"].get("importing") for r in plan.get("resource_changes", []))
    if any(a != "no-op" for a in actions + outputs) or importing:
        return "mlinfra:changes"
    return "mlinfra:no-changes"


def upsert_comment(gh: GitHub, pr: int, body: str, directory: str, workspace: str) -> tuple[str, int]:
    """("created" | "updated", comment id)."""
    mark = marker(directory, workspace)
    for c in gh.pages(f"/issues/{pr}/comments"):
        if c.get("body", "").startswith(mark):
            gh.request("PATCH", f"/issues/comments/{c['id']}", {"body": body})
            return "updated", int(c["id"])
    made = gh.request("POST", f"/issues/{pr}/comments", {"body": body})
    return "created", int(made["id"])


def set_label(gh: GitHub, pr: int, label: str) -> None:
    existing = {x["name"] for x in gh.pages("/labels")}
    if label not in existing:
        color, description = LABELS[label]
        gh.request("POST", "/labels", {"name": label, "color": color, "description": description})
    current = {x["name"] for x in gh.pages(f"/issues/{pr}/labels")}
    for other in sorted(set(LABELS) & current - {label}):
        gh.request("DELETE", f"/issues/{pr}/labels/{urllib.parse.quote(other, safe='')}")
    if label not in current:
        gh.request("POST", f"/issues/{pr}/labels", {"labels": [label]})


def artifact_name(pr: int, directory: str, workspace: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", directory.strip("/")) or "root"
    return f"mlinfra-plan-pr{pr}-{slug}-{workspace}"


def fetch_plan(gh: GitHub, sha: str, directory: str, workspace: str, out: Path) -> int:
    """Download the plan reviewed on the PR that ``sha`` merged; returns the PR number."""
    pulls, _ = gh.request("GET", f"/commits/{sha}/pulls")
    merged = [p for p in pulls if p.get("merged_at")]
    if not merged:
        raise GitHubError(f"commit {sha} is not the merge of a pull request; nothing reviewed to apply")
    pr = int(merged[0]["number"])
    name = artifact_name(pr, directory, workspace)
    found, _ = gh.request("GET", f"/actions/artifacts?name={urllib.parse.quote(name)}")
    live = [a for a in found.get("artifacts", []) if not a.get("expired")]
    if not live:
        raise GitHubError(f"no saved plan {name} for pull request #{pr}: plan the pull request again")
    newest = max(live, key=lambda a: a["created_at"])
    data = gh.request("GET", newest["archive_download_url"], raw=True)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if not n.endswith("/")]
        if len(names) != 1:
            raise GitHubError(f"artifact {name} holds {len(names)} files, not one saved plan")
        out.write_bytes(z.read(names[0]))
    return pr


def _client() -> GitHub:
    token, repo = os.environ.get("GITHUB_TOKEN"), os.environ.get("GITHUB_REPOSITORY")
    if not token or not repo:
        raise GitHubError("GITHUB_TOKEN and GITHUB_REPOSITORY must be set")
    return GitHub(os.environ.get("GITHUB_API_URL", "https://api.github.com"), repo, token)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("comment")
    c.add_argument("--pr", type=int, required=True)
    c.add_argument("--body", type=Path, required=True)
    c.add_argument("--plan-json", type=Path)
    f = sub.add_parser("fetch-plan")
    f.add_argument("--sha", required=True)
    f.add_argument("--out", type=Path, required=True)
    for p in (c, f):
        p.add_argument("--dir", required=True)
        p.add_argument("--workspace", default="default")
    n = sub.add_parser("artifact-name")
    n.add_argument("--pr", type=int, required=True)
    n.add_argument("--dir", required=True)
    n.add_argument("--workspace", default="default")
    args = ap.parse_args(argv)
    try:
        if args.cmd == "artifact-name":
            print(artifact_name(args.pr, args.dir, args.workspace))
            return 0
        gh = _client()
        if args.cmd == "comment":
            markdown = args.body.read_text(encoding="utf-8")
            plan = None
            if args.plan_json and args.plan_json.is_file() and args.plan_json.stat().st_size:
                plan = json.loads(args.plan_json.read_text(encoding="utf-8"))
            how, cid = upsert_comment(gh, args.pr, comment_body(markdown, args.dir, args.workspace), args.dir, args.workspace)
            label = label_for(plan)
            set_label(gh, args.pr, label)
            print(f"{how} comment {cid}; label {label}")
        else:
            pr = fetch_plan(gh, args.sha, args.dir, args.workspace, args.out)
            print(f"fetched the plan reviewed on #{pr} to {args.out}")
    except GitHubError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
