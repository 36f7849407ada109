#!/usr/bin/env python3
"""cnnplace render, checked as a reader would: every picture is well-formed XML (SVG) and
shows every unit, a path for every CNN, and on every unit the labels of exactly the layers
placed there; early exits are dashed with their probability, shared layers say so; the same
input gives the same bytes; -o - writes the same picture to standard output.

usage: check_svg.py CNNPLACE SOURCE_DIR WORK_DIR
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def run(*args, ok=(0,)):
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600)
    if r.returncode not in ok:
        fail(f"{' '.join(map(str, args))}: exit {r.returncode}\n{r.stderr}")
    return r


def layers_of(label):
    """'L1 L3', 'L2-L4 shared' -> {1, 3} / {2, 3, 4}."""
    found = set()
    for a, b in re.findall(r"L(\d+)(?:-L(\d+))?", label):
        found.update(range(int(a), int(b or a) + 1))
    return found


def check_picture(svg_path, instance, result):
    name = svg_path.name
    try:
        root = ET.parse(svg_path).getroot()
    except ET.ParseError as e:
        fail(f"{name}: not well-formed XML: {e}")
        return
    if root.tag != SVG + "svg":
        fail(f"{name}: the root element is {root.tag}, not svg")
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    texts = lambda e: ["".join(t.itertext()) for t in e.iter(SVG + "text")]
    for unit in instance["units"]:
        group = by_id.get("unit-" + unit)
        if group is None or unit not in texts(group):
            fail(f"{name}: unit {unit} is not drawn with its name")
    if result is None:
        return
    placement = result["placement"]
    expected = {}  # unit -> layer numbers placed there
    for cnn, units in placement.items():
        group = by_id.get("cnn-" + cnn)
        moves = any(t["cnn"] == cnn and t["hops"] > 0 for t in result["transfers"])
        if group is None or (moves and not list(group.iter(SVG + "path"))):
            fail(f"{name}: no path for {cnn}")
        for j, unit in enumerate(units, start=1):
            expected.setdefault(unit, set()).add(j)
    for unit, layers in expected.items():
        group = by_id.get("labels-" + unit)
        shown = set().union(*(layers_of(t) for t in texts(group))) if group is not None else set()
        if shown != layers:
            fail(f"{name}: unit {unit} is labelled {sorted(shown)}, but runs layers {sorted(layers)}")


def main():
    binary, source, work = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    work.mkdir(parents=True, exist_ok=True)
    samples = sorted((source / "instances" / "samples").glob("*.json"))
    for sample in samples:
        stem = sample.stem
        normal = json.loads(run(binary, "validate", "--normalize", sample).stdout)
        instance = {"units": [entry["name"] for entry in normal["units"]]}
        result_path = work / f"{stem}.result.json"
        run(binary, "solve", sample, "--json", "-q", "-o", result_path, ok=(0, 3))
        result = json.loads(result_path.read_text())
        has_placement = "placement" in result
        svg_path = work / f"{stem}.svg"
        args = [binary, "render", sample] + ([result_path] if has_placement else ["--network-only"])
        run(*args, "-o", svg_path)
        check_picture(svg_path, instance, result if has_placement else None)
        # Deterministic, and -o - is the same picture on standard output.
        again = run(*args, "-o", "-").stdout
        if again != svg_path.read_text():
            fail(f"{stem}: a second rendering differs from the first (or -o - differs from -o FILE)")
    # Without RESULT the instance is solved first.
    figure1 = source / "instances" / "samples" / "figure1.json"
    solved = run(binary, "render", figure1, "-o", "-").stdout
    if "optimal placement: t = " not in solved:
        fail("render without RESULT did not solve first")
    gc6 = (work / "gc6.svg").read_text()
    if 'stroke-dasharray' not in gc6 or ">0.99<" not in gc6:
        fail("gc6.svg: the early exit is not dashed with its probability 0.99")
    if " shared<" not in (work / "shared2.svg").read_text():
        fail("shared2.svg: the shared layers are not labelled as shared")
    network = run(binary, "render", source / "instances" / "samples" / "edges-asymmetric.json", "--network-only", "-o", "-").stdout
    if "layout computed" not in network:
        fail("edges-asymmetric: a network without positions is not laid out")
    print(f"{len(samples)} samples rendered; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
