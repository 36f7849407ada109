#!/usr/bin/env python3
"""docs/cli.md is exactly what `cnnplace help-markdown` prints, so the CLI reference cannot
drift from the option tables. To update it: cnnplace help-markdown > docs/cli.md

usage: check_cli_md.py CNNPLACE SOURCE_DIR
"""
import difflib
import subprocess
import sys
from pathlib import Path

binary, source = sys.argv[1], Path(sys.argv[2])
generated = subprocess.run([binary, "help-markdown"], capture_output=True, text=True, check=True).stdout
written = (source / "docs" / "cli.md").read_text()
if generated != written:
    sys.stdout.writelines(difflib.unified_diff(written.splitlines(True), generated.splitlines(True),
                                               "docs/cli.md", "cnnplace help-markdown"))
    print("docs/cli.md is out of date: run  cnnplace help-markdown > docs/cli.md")
    sys.exit(1)
# Every command's --help works and mentions its options (the same table).
for line in written.splitlines():
    if line.startswith("## cnnplace "):
        command = line.split()[2]
        r = subprocess.run([binary, command, "--help"], capture_output=True, text=True)
        if r.returncode != 0 or "--help" not in r.stdout:
            print(f"cnnplace {command} --help failed ({r.returncode})")
            sys.exit(1)
print("docs/cli.md matches cnnplace help-markdown")
