"""The long fuzz run: thousands of hostile and malformed inputs in every format, and the
gigabyte bombs, each checked as a user would (see tests/hostile.py for what is made and what is
verified). Figures are printed, not asserted; CI runs a fixed-seed slice (tests/test_hostile.py).

    python benchmarks/fuzz.py                       # 10,000 inputs in batches of 100, then the bombs
    python benchmarks/fuzz.py --inputs 500 --no-bombs
"""
from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402


def fuzz(work: Path, inputs: int, batch: int, seed: int) -> None:
    seeds = hostile.seeds(work / "seeds")
    broken: Counter[str] = Counter()
    examples: dict[str, str] = {}
    slowest = 0.0
    done = 0
    started = time.process_time()
    for k in range(-(-inputs // batch)):
        count = min(batch, inputs - done)
        folder = work / f"batch{k}"
        rng = random.Random(seed * 1_000_003 + k)
        paths = hostile.make_batch(folder, seeds, rng, count)
        t = time.process_time()
        for problem in hostile.verify(folder, work / f"out{k}", paths):
            kind = problem.split(":")[0]
            broken[kind] += 1
            examples.setdefault(kind, f"batch {k}: {problem[:200]}")
        slowest = max(slowest, (time.process_time() - t) / count)
        done += count
        shutil.rmtree(folder)
        shutil.rmtree(work / f"out{k}")
        print(f"\r{done}/{inputs} inputs, {sum(broken.values())} broken promises", end="", flush=True)
    print()
    print(f"inputs: {done} ({', '.join(hostile._SUFFIXES)}; about 30% with odd names)")
    print(f"CPU: {time.process_time() - started:.0f} s in all; slowest batch {slowest * 1000:.0f} ms per input "
          "(checked once in the terminal format, once more for the other eight formats)")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    print(f"broken promises: {sum(broken.values())}")
    for kind, n in broken.most_common():
        print(f"  {n:6d}  {kind}    e.g. {examples[kind]}")


def bombs(work: Path, scale: int) -> None:
    folder = work / "bombs"
    made = hostile.bombs(folder, scale=scale)
    shutil.copy(ROOT / "samples" / "ningxia-jycy-2024.txt", folder / "good.txt")
    print(f"bombs (scale {scale}):")
    for name, path in made.items():
        alone = work / f"alone-{name}"
        alone.mkdir()
        shutil.copy(path, alone)
        shutil.copy(folder / "good.txt", alone)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "perflint", "check", str(alone), "--format", "concise"],
                             capture_output=True, text=True, cwd=work)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        finding = next((line for line in run.stdout.splitlines() if "PF001" in line), "no PF001")
        good = sum(1 for line in run.stdout.splitlines() if "good.txt" in line)
        print(f"  {name:15s} {path.stat().st_size / 1e6:6.2f} MB on disk: {wall:5.2f} s, "
              f"peak {after.ru_maxrss // 1024} MB, exit {run.returncode}, good.txt findings {good}\n"
              f"      {finding.split(': ', 1)[-1][:120]}")
        del before


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=int, default=16, help="bomb size: 16 makes the gigabyte parts")
    ap.add_argument("--no-bombs", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.no_bombs:
            bombs(work, args.scale)
        if args.inputs:
            fuzz(work, args.inputs, args.batch, args.seed)


if __name__ == "__main__":
    main()
