#!/usr/bin/env python3
"""The conventions docs/cli.md promises, checked on every command: --help, --version,
-o - for standard output, -q/-v before or after the command, no progress line when standard
error is not a terminal, and output files written whole (no temporary file left behind, no
file at all when writing fails).

usage: check_conventions.py CNNPLACE SOURCE_DIR
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

binary, source = sys.argv[1], Path(sys.argv[2])
sample = str(source / "instances" / "samples" / "figure1.json")
placement = str(source / "instances" / "samples" / "placements" / "figure1-paper.json")
failures = 0


def run(*args, cwd=None):
    return subprocess.run([binary, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def expect(condition, what):
    global failures
    if not condition:
        failures += 1
        print("FAIL:", what)


r = run("--version")
expect(r.returncode == 0 and r.stdout.startswith("cnnplace "), "--version prints 'cnnplace VERSION'")
r = run("--help")
listing = r.stdout.split("Subcommands:")[1].strip("\n").split("\n\n")[0]
commands = [l.split()[0] for l in listing.splitlines() if l.strip()]
expect(len(commands) >= 6, f"--help lists the commands ({commands})")
for command in commands:
    r = run(command, "--help")
    expect(r.returncode == 0 and "Usage:" in r.stdout, f"cnnplace {command} --help")

# What each command writes with -o: (arguments, text that starts the output).
writers = {
    "solve": ([sample, "--json"], "{"),
    "generate": (["--units", "8", "--seed", "3"], "{"),
    "export": ([sample], "\\"),
    "render": ([sample], "<?xml"),
    "evaluate": ([sample, placement], "instance figure1"),
    "validate": ([sample], sample),
}
with tempfile.TemporaryDirectory() as tmp:
    for command, (args, start) in writers.items():
        r = run(command, *args, "-o", "-")
        expect(r.returncode == 0 and r.stdout.lstrip().startswith(start), f"cnnplace {command} -o - writes to standard output")
        out = Path(tmp) / command / "out.file"
        out.parent.mkdir()
        r = run(command, *args, "-o", str(out))
        expect(r.returncode == 0 and out.exists(), f"cnnplace {command} -o FILE writes FILE")
        expect(sorted(p.name for p in out.parent.iterdir()) == ["out.file"],
               f"cnnplace {command} -o FILE leaves nothing else behind")
        written, printed = out.read_text(), run(command, *args, "-o", "-").stdout
        if command == "solve":  # timings differ from run to run
            written, printed = (json.dumps({k: v for k, v in json.loads(t).items() if k != "stats"}) for t in (written, printed))
        expect(written == printed, f"cnnplace {command}: -o FILE and -o - agree")
        missing = Path(tmp) / "no-such-folder" / "out.file"
        r = run(command, *args, "-o", str(missing))
        expect(r.returncode == 2 and "error:" in r.stderr and not missing.exists(),
               f"cnnplace {command} -o into a missing folder fails with exit 2 and writes nothing")
    lp = str(Path(tmp) / "m.lp")
    expect(run("export", sample, "-o", lp).stderr != "", "export notes what it wrote")
    expect(run("-q", "export", sample, "-o", lp).stderr == "", "-q before the command silences notes")
    expect(run("export", sample, "-o", lp, "--quiet").stderr == "", "--quiet after the command silences notes")
    expect("exit 0 after" in run("solve", sample, "-v").stderr, "-v reports the command's time")
    expect(run("-q", "-v", "solve", sample).returncode == 2, "-q with -v is a usage error")
    r = run("solve", sample, "--progress-interval", "0.000001")
    expect("\r" not in r.stderr and r.stderr == "", "no progress line when standard error is not a terminal")
print(f"conventions checked on {len(commands)} commands; {failures} failures")
sys.exit(1 if failures else 0)
