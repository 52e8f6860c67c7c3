"""Validates x17fit JSON outputs against the schemas in this folder: python3 schemas/validate.py KIND FILE...

KIND is fit, reproduce, compare, profile, toys, toys-compare or neyman (the file name before .schema.json). Needs the `jsonschema` package (pip install jsonschema).
Exit 0 when every file is valid; otherwise prints each error with its JSON path and exits 1.
"""
import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource

HERE = pathlib.Path(__file__).resolve().parent


def main(kind, files):
    schemas = {p.name: json.loads(p.read_text()) for p in HERE.glob("*.schema.json")}
    registry = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in schemas.values()]
        + [(name, Resource.from_contents(s)) for name, s in schemas.items()])
    schema = schemas[f"{kind}.schema.json"]
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    bad = 0
    for f in files:
        for error in validator.iter_errors(json.loads(pathlib.Path(f).read_text())):
            bad += 1
            print(f"{f}: {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message[:300]}")
    print(f"{len(files)} {kind} file(s), {bad} error(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
