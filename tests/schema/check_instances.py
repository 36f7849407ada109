#!/usr/bin/env python3
"""Checks instance files against docs/instance.schema.json (draft 2020-12).

Usage: check_instances.py SCHEMA CNNPLACE_BINARY FILE...
Each FILE must satisfy the schema, and so must what `cnnplace validate --normalize FILE`
writes (the library's own output). Exits 1 on the first kind of failure, listing them all.
Needs python3-jsonschema (Debian package; scripts/setup.sh installs it).
"""
import json
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("check_instances.py: python3-jsonschema is missing (run scripts/setup.sh)", file=sys.stderr)
    sys.exit(1)


def main():
    schema_path, binary, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(schema_path) as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failures = 0
    for path in files:
        with open(path) as f:
            documents = [("file", json.load(f))]
        written = subprocess.run([binary, "validate", "--normalize", path], capture_output=True, text=True)
        if written.returncode != 0:
            print(f"FAIL {path}: cnnplace validate --normalize exited {written.returncode}: {written.stderr.strip()}")
            failures += 1
            continue
        documents.append(("as written by cnnplace", json.loads(written.stdout)))
        for label, doc in documents:
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
            for e in errors:
                pointer = "/" + "/".join(str(p) for p in e.absolute_path)
                print(f"FAIL {path} ({label}): {pointer}: {e.message[:300]}")
            failures += bool(errors)
        print(f"ok   {path}")
    print(f"{len(files) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
