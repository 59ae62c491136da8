"""The JSON Schemas of what mlinfra reads and writes, generated into ``schemas/``.

``generate()`` maps file names to JSON Schemas (draft 2020-12): one per resource kind
(from the shapes in ``config.kinds``, with the nested block of each provider shipped in
this repository's ``providers/`` folder, from that provider's schema), the state file,
the saved plan file, the ``plan --json`` document and the ``validate --json`` document.
The file formats are described by pydantic models in ``mlinfra.documents`` that mirror
the writers; a test validates real documents against the generated schemas, so a writer
that drifts from its schema fails it.

``python -m mlinfra.schemas [--check] [DIR]`` writes the files (default: the
repository's ``schemas/`` folder) or, with ``--check``, lists stale ones and exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from mlinfra.config.kinds import KIND_MODELS
from mlinfra.providers import registry
from mlinfra.shapes import ModelClass

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_DIR = Path(__file__).parents[1] / "schemas"
PROVIDERS_DIR = Path(__file__).parents[1] / "providers"


def _schema(model: Any, title: str, description: str | None = None) -> dict[str, Any]:
    """A document's schema: ``model`` is a pydantic model of ``mlinfra.documents``."""
    schema: dict[str, Any] = model.model_json_schema(by_alias=True)
    return _titled(schema, title, description or (model.__doc__ or "").strip())


def _titled(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    schema["title"] = title
    if description:
        schema["description"] = description
    return {"$schema": DRAFT, **schema}


def shipped_providers() -> list[str]:
    """The names of the providers whose packages live in this repository."""
    names: set[str] = set()
    for pyproject in sorted(PROVIDERS_DIR.glob("*/pyproject.toml")):
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        names.update(data.get("project", {}).get("entry-points", {}).get(registry.GROUP, {}))
    return sorted(names)


def _kind_schema(kind: str, model: ModelClass) -> dict[str, Any]:
    """The kind's schema with a property per shipped provider that has a block for it.
    A definition name two providers use (``EndpointBlock``) gets the provider's name in
    front (``AwsEndpointBlock``), as one name used by a single provider stays."""
    schema = model.model_json_schema()
    defs: dict[str, Any] = schema.pop("$defs", {})
    blocks: dict[str, dict[str, Any]] = {}
    for name in shipped_providers():
        ks = registry.load(name).schema().kinds.get(kind)
        if ks is not None and ks.block is not None:
            block = ks.block.model_json_schema()
            blocks[name] = {block["title"]: block, **block.pop("$defs", {})}
    uses = Counter(n for own in blocks.values() for n in own)
    for name, own in blocks.items():
        renames = {n: name.title() + n for n in own if uses[n] > 1 or n in defs}
        for n, s in own.items():
            defs[renames.get(n, n)] = _refs_renamed(s, renames)
        ref = renames.get(next(iter(own)), next(iter(own)))
        schema["properties"][name] = {
            "anyOf": [{"$ref": f"#/$defs/{ref}"}, {"type": "null"}],
            "default": None,
            "description": f"Settings for the {name} provider.",
        }
    if defs:
        schema["$defs"] = defs
    return schema


def _refs_renamed(schema: Any, renames: dict[str, str]) -> Any:
    if isinstance(schema, dict):
        return {
            k: f"#/$defs/{renames.get(v.rpartition('/')[2], v.rpartition('/')[2])}" if k == "$ref" else _refs_renamed(v, renames)
            for k, v in schema.items()
        }
    if isinstance(schema, list):
        return [_refs_renamed(x, renames) for x in schema]
    return schema


def generate() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every schema under ``schemas/``."""
    from mlinfra import documents  # pydantic, only here

    out: dict[str, dict[str, Any]] = {}
    for kind, model in KIND_MODELS.items():
        doc = (model.__doc__ or "").strip()
        out[f"{kind}.schema.json"] = _titled(
            _kind_schema(kind, model), f"mlinfra {kind}", f'The arguments of a {kind} "NAME" block. {doc}'.strip()
        )
    out["state.schema.json"] = _schema(documents.StateFile, "mlinfra state file")
    out["plan.schema.json"] = _schema(documents.SavedPlan, "mlinfra saved plan file")
    out["plan-json.schema.json"] = _schema(documents.PlanJson, "mlinfra plan JSON")
    out["state-json.schema.json"] = _schema(documents.StateValuesDoc, "mlinfra state JSON")
    out["validate-json.schema.json"] = _schema(documents.ValidateJson, "mlinfra validate JSON")
    return dict(sorted(out.items()))


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def stale(directory: Path) -> list[str]:
    """Names of the schema files in ``directory`` that are missing or differ from ``generate()``."""
    names = []
    for name, schema in generate().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != dumps(schema):
            names.append(name)
    return names


def write(directory: Path) -> list[str]:
    """Write every schema into ``directory``; return the names of files that changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = stale(directory)
    for name, schema in generate().items():
        if name in changed:
            (directory / name).write_text(dumps(schema), encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlinfra.schemas", description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="list stale schema files and exit 1 if any"
    )
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    if args.check:
        names = stale(args.dir)
        for name in names:
            print(f"stale: {args.dir / name}")
        if names:
            print("Regenerate with: python -m mlinfra.schemas", file=sys.stderr)
        return 1 if names else 0
    for name in write(args.dir):
        print(f"wrote {args.dir / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
