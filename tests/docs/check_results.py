#!/usr/bin/env python3
"""`cnnplace solve --json` results follow docs/result.schema.json, and their explanations
add up: per CNN the transfers' expected times sum to t_t, the shares to 1, and each unit's
load stays within its capacities when the status says the placement is feasible.

usage: check_results.py SCHEMA CNNPLACE INSTANCE...
"""
import json
import math
import subprocess
import sys

import jsonschema

schema_path, binary, instances = sys.argv[1], sys.argv[2], sys.argv[3:]
schema = json.load(open(schema_path))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = 0


def fail(where, message):
    global failures
    failures += 1
    print(f"FAIL {where}: {message}")


for path in instances:
    r = subprocess.run([binary, "solve", path, "--json", "--time-limit", "60"], capture_output=True, text=True)
    if r.returncode not in (0, 3, 4):
        fail(path, f"exit {r.returncode}: {r.stderr}")
        continue
    result = json.loads(r.stdout)
    for error in validator.iter_errors(result):
        fail(path, f"{'/'.join(map(str, error.absolute_path))}: {error.message}")
    if "placement" not in result:
        continue
    for cnn, b in result["breakdown"]["per_cnn"].items():
        t_t = sum(t["time_s"] for t in result["transfers"] if t["cnn"] == cnn)
        if not math.isclose(t_t, b["t_t_s"], rel_tol=1e-9, abs_tol=1e-15):
            fail(path, f"{cnn}: transfers sum to {t_t} s, t_t is {b['t_t_s']} s")
        if not math.isclose(b["transfer_share"] + b["processing_share"], 1, rel_tol=1e-9):
            fail(path, f"{cnn}: shares do not add up to 1")
        routes = [t for t in result["transfers"] if t["cnn"] == cnn]
        for t in routes:
            if len(t["route"]) != t["hops"] + 1 or t["route"][0] != t["from"] or t["route"][-1] != t["to"]:
                fail(path, f"{cnn}: route {t['route']} does not go from {t['from']} to {t['to']} in {t['hops']} hops")
    for load in result["unit_loads"]:
        limit = load["layer_limit"]
        if limit is not None and load["layer_count"] > limit:
            fail(path, f"unit {load['unit']} runs {load['layer_count']} layers, more than L = {limit}")
print(f"{len(instances)} results checked; {failures} failures")
sys.exit(1 if failures else 0)
