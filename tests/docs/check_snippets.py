#!/usr/bin/env python3
"""Code shown in the docs is code that compiles: every ```cpp block that follows a line
`<!-- snippet: PATH -->` in docs/*.md must appear, line for line, in PATH (a file the build
compiles and the tests run, such as examples/place_in_code.cpp).

usage: check_snippets.py SOURCE_DIR
"""
import re
import sys
from pathlib import Path

source = Path(sys.argv[1])
MARK = re.compile(r"<!--\s*snippet:\s*(\S+)\s*-->")
checked = failed = 0
for md in sorted((source / "docs").glob("*.md")):
    lines = md.read_text().splitlines()
    for k, line in enumerate(lines):
        m = MARK.search(line)
        if not m:
            continue
        if k + 1 >= len(lines) or not lines[k + 1].startswith("```"):
            print(f"FAIL {md.name}:{k + 1}: the snippet mark is not followed by a code block")
            failed += 1
            continue
        end = next(e for e in range(k + 2, len(lines)) if lines[e].startswith("```"))
        block = "\n".join(lines[k + 2:end])
        code = (source / m.group(1)).read_text()
        checked += 1
        if block not in code:
            print(f"FAIL {md.name}:{k + 1}: the block is not in {m.group(1)} (copy it again from there)")
            failed += 1
print(f"{checked} snippets checked; {failed} failures")
sys.exit(1 if failed or not checked else 0)
