"""Validates a Storyline JSON report against docs/storyline.schema.json (JSON Schema 2020-12)."""
import json
import sys

import jsonschema

schema_path, report_path = sys.argv[1], sys.argv[2]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
with open(report_path, encoding="utf-8") as f:
    report = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(report), key=lambda e: list(e.path))
for e in errors:
    print(f"{report_path}: error: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
if errors:
    sys.exit(1)
for s in report["sources"]:
    if s["records"] != s["events"] + s["merged"] + s["rejected"]:
        print(f"{report_path}: error: {s['path']}: records != events + merged + rejected", file=sys.stderr)
        sys.exit(1)
print(f"{report_path}: valid against {schema_path} ({len(report['events'])} events)")
