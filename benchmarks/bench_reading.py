"""Benchmark: `perflint check` over the samples copied to about 10,000 tables, in tables per CPU-second.

    python benchmarks/bench_reading.py                       # this checkout
    python benchmarks/bench_reading.py --baseline 65341de    # and an older revision, side by side
    python benchmarks/bench_reading.py --tables 2000 --runs 1

The samples (79 tables in four files) are copied into a temporary folder until it holds the wanted
number of tables, then checked with `--format json` (the report written to a file) in one
process, so the figure is reading + rules + report. A baseline revision is installed from a
`git worktree` into a temporary virtual environment that borrows this one's dependencies.
Figures are printed, not asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
TABLES_PER_COPY = 79


def build_corpus(folder: Path, tables: int) -> int:
    copies = max(1, -(-tables // TABLES_PER_COPY))
    for k in range(copies):
        for path in SAMPLES:
            shutil.copy(path, folder / f"{k:05d}-{path.name}")
    return copies * TABLES_PER_COPY


def run(command: list[str], folder: Path, env: dict | None = None) -> tuple[float, int]:
    """CPU seconds (user + system) the check took, and the tables it read: CPU time, not wall
    time, so that other work on the machine does not count."""
    out = folder.parent / "report.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # every run reads every file: the result cache would turn the second run into a re-check
    env = {**(env or os.environ), "PERFLINT_NO_CACHE": "1"}
    subprocess.run(command + ["check", str(folder), "--format", "json", "-o", str(out), "--exit-zero"],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   cwd=folder.parent)   # not this checkout's perflint/
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    projects = json.loads(out.read_text("utf-8"))["summary"]["projects"]
    return elapsed, projects


def baseline_command(revision: str, work: Path) -> tuple[list[str], dict]:
    tree = work / "baseline-tree"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), revision], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    venv = work / "baseline-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    wheels = work / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(tree)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", *map(str, wheels.glob("*.whl"))],
                   check=True)
    import site
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(site.getsitepackages()))
    return [str(python), "-m", "perflint"], env


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tables", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline", help="a git revision to measure too")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        tables = build_corpus(corpus, args.tables)
        commands = {"this checkout": ([sys.executable, "-m", "perflint"], None)}
        if args.baseline:
            commands[f"baseline {args.baseline}"] = baseline_command(args.baseline, work)
        try:
            times: dict[str, list[float]] = {label: [] for label in commands}
            counted: dict[str, int] = {}
            for _ in range(args.runs):      # interleaved, so a busy moment of the machine hits both
                for label, (command, env) in commands.items():
                    elapsed, counted[label] = run(command, corpus, env)
                    times[label].append(elapsed)
            for label, runs in times.items():
                best = min(runs)
                print(f"{label:24s} {counted[label]} tables in {best:6.2f} CPU-s (best of {args.runs}; median "
                      f"{statistics.median(runs):.2f}) = {counted[label] / best:7.0f} tables per CPU-second")
        finally:
            if args.baseline:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(work / "baseline-tree")], check=False)
    print(f"corpus: {tables} tables ({len(SAMPLES)} sample files copied)")


if __name__ == "__main__":
    main()
