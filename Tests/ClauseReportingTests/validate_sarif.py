#!/usr/bin/env python3
"""Validate a SARIF log against the official SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py SCHEMA.json LOG.sarif
Exit 0 when valid; 1 with one line per schema violation when not; 3 when jsonschema is missing
(the Swift test then skips instead of failing).
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python module jsonschema is not installed", file=sys.stderr)
    sys.exit(3)


def main() -> int:
    schema_path, log_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(log_path, encoding="utf-8") as f:
        log = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "<root>"
        print(f"{where}: {error.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
