"""Where a module's files come from, and ``mlinfra init``'s installing of git sources.

A source is either a local path, starting with ``./`` or ``../`` and relative to the
calling module's directory, read in place (no ``init`` needed: an edit to the module
takes effect at the next plan), or a git source, cloned by ``mlinfra init``:

- ``git::URL`` with any URL or path git can clone (``git::file:///srv/modules.git``,
  ``git::https://example.com/modules.git``, ``git::/srv/modules``), or a URL ending in
  ``.git``;
- ``?ref=`` picks a tag, branch or commit (the default branch without it);
- ``//subdir`` after the repository picks a directory in it, as in Terraform
  (``git::file:///srv/modules.git//serving?ref=v1``).

``init`` clones each git source into ``.mlinfra/modules/KEY`` (KEY is the call path,
``a`` or ``a.b`` for a call inside module ``a``) and records what it resolved in the
lock, ``.mlinfra/modules/modules.json``::

    {"format_version": "1",
     "modules": [{"key": "a", "source": "git::file:///srv/modules.git//serving?ref=v1",
                  "ref": "v1", "commit": "<40 hex digits>", "dir": ".mlinfra/modules/a/serving"}]}

A plan reads a git module only from there: a call whose source is not in the lock, or
differs from the source recorded (a changed ``ref``), asks for ``mlinfra init``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.diagnostics import Diagnostics
from mlinfra.records import frozen

MODULES_DIR = Path(".mlinfra") / "modules"
LOCK_NAME = "modules.json"
LOCK_FORMAT = "1"
GIT_TIMEOUT = 300.0


@frozen
class GitSource:
    url: str
    ref: str | None
    subdir: str


def parse_source(source: str) -> Path | GitSource:
    """A local source's relative path, or a git source's parts; ValueError with a
    readable message for anything else."""
    if source.startswith(("./", "../")) or source in (".", ".."):
        return Path(source)
    if source.startswith("git::") or re.match(r"^[a-z+]+://.*\.git(//|\?|$)", source):
        rest = source[len("git::") :] if source.startswith("git::") else source
        rest, _, query = rest.partition("?")
        ref = None
        for part in filter(None, query.split("&")):
            k, _, v = part.partition("=")
            if k != "ref" or not v:
                raise ValueError(f'The git source {source} has an unsupported query "{part}": only ?ref=TAG, BRANCH or COMMIT is read.')
            ref = v
        scheme, sep, after = rest.partition("://")
        base = after if sep else rest
        repo, _, subdir = base.partition("//")
        url = f"{scheme}{sep}{repo}" if sep else repo
        if not repo or any(p == ".." for p in subdir.split("/")):
            raise ValueError(f"The git source {source} names no repository, or a subdirectory outside it.")
        if ref is not None and (ref.startswith("-") or not re.fullmatch(r"[A-Za-z0-9._/+-]+", ref)):
            raise ValueError(f'The git source {source} has an invalid ref "{ref}".')
        return GitSource(url, ref, subdir.strip("/"))
    raise ValueError(
        f'"{source}" is not a module source mlinfra reads: use a local path starting with ./ or ../ '
        '(e.g. "./modules/serving"), or a git source (e.g. "git::file:///srv/modules.git?ref=v1").'
    )


def lock_path(root: Path) -> Path:
    return root / MODULES_DIR / LOCK_NAME


def read_lock(root: Path) -> dict[str, dict[str, Any]]:
    """The installed git modules by key; empty when ``init`` has installed none (or the
    lock is unreadable: the calls then ask for ``init``)."""
    try:
        doc = json.loads(lock_path(root).read_text())
        return {str(m["key"]): m for m in doc.get("modules", []) if isinstance(m, dict) and "key" in m}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def write_lock(root: Path, entries: list[dict[str, Any]]) -> None:
    path = lock_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"format_version": LOCK_FORMAT, "modules": sorted(entries, key=lambda e: e["key"])}, indent=2) + "\n")
    os.replace(tmp, path)


def _git(args: list[str], cwd: Path | None = None) -> str:
    import subprocess  # git runs for ``mlinfra init`` only: other commands never import it

    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=GIT_TIMEOUT, env=env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError((done.stderr or done.stdout).strip().splitlines()[-1] if (done.stderr or done.stdout).strip() else f"git {args[0]} failed")
    return done.stdout.strip()


def fetch(src: GitSource, dest: Path) -> str:
    """Clone ``src`` into ``dest`` at its ref; the commit checked out. RuntimeError with
    git's message on failure."""
    import shutil

    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    # No transport that runs a command (ext::) whatever the user's git configuration says:
    # a source comes from the configuration, which may be someone else's checkout.
    _git(["-c", "protocol.ext.allow=never", "clone", "--quiet", "--no-checkout", "--", src.url, str(dest)])
    target = src.ref or "HEAD"
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{target}^{{commit}}"], dest)
    except RuntimeError:
        commit = _git(["rev-parse", "--verify", f"origin/{target}^{{commit}}"], dest)
    _git(["-c", "advice.detachedHead=false", "checkout", "--quiet", commit], dest)
    shutil.rmtree(dest / ".git", ignore_errors=True)
    return commit


def install(root: Path, calls: list[tuple[str, str, d.SourceRange, Path]], diags: Diagnostics) -> tuple[list[dict[str, Any]], list[str]]:
    """Fetch every git source among ``calls`` ((key, source, where, calling dir)) not
    already installed at the same source; returns the lock entries and what was done."""
    import subprocess

    lock = read_lock(root)
    entries: list[dict[str, Any]] = []
    said: list[str] = []
    for key, source, rng, _here in calls:
        try:
            src = parse_source(source)
        except ValueError as e:
            diags.add(d.error("Invalid module source", str(e), rng, context=f'module "{key}"'))
            continue
        if not isinstance(src, GitSource):
            said.append(f"- {key} in {source}")
            continue
        old = lock.get(key)
        if old is not None and old.get("source") == source and (root / str(old.get("dir", ""))).is_dir():
            entries.append(old)
            said.append(f"- {key}: {source} (commit {str(old.get('commit', ''))[:12]}, already installed)")
            continue
        dest = root / MODULES_DIR / key
        try:
            commit = fetch(src, dest)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            diags.add(d.error(
                "Failed to download module",
                f'Could not download module "{key}" from {src.url}'
                + (f" at ref {src.ref}" if src.ref else "") + f": {e}",
                rng, context=f'module "{key}"',
            ))  # fmt: skip
            continue
        directory = dest / src.subdir if src.subdir else dest
        if not directory.is_dir():
            diags.add(d.error("Failed to download module", f'The repository {src.url} has no directory "{src.subdir}".', rng, context=f'module "{key}"'))
            continue
        rel = directory.relative_to(root).as_posix()
        entries.append({"key": key, "source": source, "ref": src.ref, "commit": commit, "dir": rel})
        said.append(f"- {key}: {source} (commit {commit[:12]})")
    return entries, said
