#!/usr/bin/env python3
"""Every documented command runs (doc examples must not rot).

Finds the ```sh (or bash, shell, console) blocks of README.md and docs/*.md and runs, in
order, every command in them that starts with `cnnplace ` (after an optional `$ ` prompt;
in a block without a language, only the lines with a `$ ` prompt;
lines ending in a backslash continue on the next line). Other commands (set-up scripts,
other solvers) are skipped. Each Markdown file runs in a fresh temporary folder of its own
that holds copies of the repository's instances/ and docs/ (so a command that writes
docs/figure1.svg changes the copy, never the tree), plus the placeholder files the docs use
as examples: sys.json (instances/samples/figure1.json) and placement.json (its paper
placement); a command that writes sys.json replaces it for the commands after it.
`cnnplace` is the built binary (first on PATH). A command must exit 0, unless a comment on
its line says otherwise: `cnnplace solve instances/infeasible/x.json   # exit 3`. In a block
with `$ ` prompts only the prompted lines run (the others are the transcript's output); a
transcript may show any answer (exit 0, 2, 3 or 4, not a crash), and the first line of
output it shows must still be what the program prints.

usage: run_doc_commands.py CNNPLACE SOURCE_DIR [FILE.md ...]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SHELLS = {"sh", "bash", "shell", "console", ""}
EXPECT = re.compile(r"#.*\bexit(?:\s+status)?\s*[:=]?\s*(\d+)")


def blocks(markdown):
    """(first line number, language, lines) for every fenced code block."""
    found, lines, k = [], markdown.splitlines(), 0
    while k < len(lines):
        m = re.match(r"^\s*(```+)\s*([\w+-]*)", lines[k])
        if not m:
            k += 1
            continue
        end = k + 1
        while end < len(lines) and not lines[end].strip().startswith(m.group(1)):
            end += 1
        found.append((k + 2, m.group(2), lines[k + 1:end]))
        k = end + 1
    return found


def commands(markdown):
    """(line number, command, transcript) for every cnnplace command in the shell blocks. In
    a block with `$ ` prompts (a console transcript), or without a language, only the prompted
    lines are commands and the lines after one are its output: `transcript` is then the first
    of them (or "" when none is shown), else None."""
    found = []
    for first, language, lines in blocks(markdown):
        if language not in SHELLS:
            continue
        prompted = language == "" or any(l.strip().startswith("$ ") for l in lines)
        pending, start = "", first
        for index, line in enumerate(lines):
            text = line.strip()
            if text.startswith("$ "):
                text = text[2:]
            elif prompted and not pending:
                continue
            if not pending:
                start = first + index
            if text.endswith("\\"):
                pending += text[:-1] + " "
                continue
            text, pending = pending + text, ""
            if not text.startswith("cnnplace "):
                continue
            shown = None
            if prompted:
                after = lines[index + 1] if index + 1 < len(lines) else ""
                shown = "" if after.strip().startswith("$ ") else after.strip()
            found.append((start, text, shown))
    return found


def prepare(folder, source):
    shutil.copytree(source / "instances", folder / "instances")
    shutil.copytree(source / "docs", folder / "docs")
    shutil.copy(source / "instances" / "samples" / "figure1.json", folder / "sys.json")
    shutil.copy(source / "instances" / "samples" / "placements" / "figure1-paper.json", folder / "placement.json")


def main():
    binary, source = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    files = [Path(f) for f in sys.argv[3:]] or [source / "README.md"] + sorted((source / "docs").glob("*.md"))
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="cnnplace-docs-") as tmp:
        bin_dir = Path(tmp) / "bin"
        bin_dir.mkdir()
        (bin_dir / "cnnplace").symlink_to(binary)
        env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
        for md in files:
            if not md.exists():
                continue
            found = commands(md.read_text())
            if not found:
                continue
            folder = Path(tmp) / md.stem
            prepare(folder, source)
            for number, command, shown in found:
                match = EXPECT.search(command)
                # A transcript may show a refusal (2), an infeasible answer (3) or a limit (4);
                # it must not show a crash, and its first line of output must still be printed.
                expected = {int(match.group(1))} if match else {0, 2, 3, 4} if shown is not None else {0}
                r = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=folder, env=env,
                                   capture_output=True, text=True, timeout=600)
                where = f"{md.relative_to(source) if md.is_relative_to(source) else md}:{number}"
                printed = r.stdout + r.stderr
                if shown and shown not in ("...", "…") and shown not in printed:
                    failed += 1
                    print(f"FAIL  {where}: {command}\n      the docs show '{shown}', the program prints:\n"
                          + "".join(f"      | {l}\n" for l in printed.splitlines()[:10]))
                elif r.returncode in expected:
                    passed += 1
                    print(f"ok    {where}: {command}")
                else:
                    failed += 1
                    print(f"FAIL  {where}: {command}\n      exit {r.returncode}, expected {sorted(expected)}\n"
                          + "".join(f"      | {l}\n" for l in printed.splitlines()[-15:]))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
