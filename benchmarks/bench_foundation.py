"""Benchmarks for reading: value parsing, table extraction, cold start.

    python benchmarks/bench_foundation.py            # all three
    python benchmarks/bench_foundation.py values     # one of: values, extract, coldstart

Figures are printed, not asserted: speed goals are checked by reading this output, not by tests.
Targets on a 2-core machine: ≥50,000 uncached value parses/s; ≥1,000 tables/s for extract on one
core; cold start of `perflint value 1` under 0.5 s.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def sample_values() -> list[str]:
    """Every 指标值 and schedule cell in the samples, as written (duplicates kept)."""
    from perflint.documents import extract_file

    texts = []
    for path in SAMPLES:
        for p in extract_file(str(path)).projects:
            texts.extend(i.value_text for i in p.indicators)
            if p.schedule:
                texts.extend(v.text for v in p.schedule.values if v is not None)
    return texts


def bench_values() -> None:
    from perflint.values import parse_value, parse_value_uncached

    texts = sample_values()
    distinct = list(dict.fromkeys(texts))
    parse_value_uncached("1")  # build the parser and the unit registry outside the timing
    for t in distinct:
        parse_value_uncached(t)
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for t in texts:
            parse_value_uncached(t)
        rounds.append(len(texts) / (time.perf_counter() - start))
    print(f"values: {len(texts)} sample strings ({len(distinct)} distinct)")
    print(f"  uncached: {statistics.median(rounds):,.0f} parses/s (median of 5 rounds)")
    parse_value.cache_clear()
    for t in texts:
        parse_value(t)
    start = time.perf_counter()
    for _ in range(20):
        for t in texts:
            parse_value(t)
    print(f"  cached:   {20 * len(texts) / (time.perf_counter() - start):,.0f} parses/s")


def bench_extract(min_tables: int = 5000) -> None:
    from perflint.documents import extract_file

    start = time.perf_counter()
    per_round = sum(len(extract_file(str(p)).projects) for p in SAMPLES)
    first = time.perf_counter() - start
    print(f"extract, first pass (cold caches, includes building the parser): {per_round} tables "
          f"in {first:.2f} s = {per_round / first:,.0f} tables/s")
    copies = -(-min_tables // per_round)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(copies):
            for p in SAMPLES:
                target = Path(tmp) / f"{k:04d}-{p.name}"
                shutil.copyfile(p, target)
                files.append(str(target))
        start = time.perf_counter()
        tables = sum(len(extract_file(f).projects) for f in files)
        elapsed = time.perf_counter() - start
    print(f"extract: {tables} tables in {len(files)} files, one process: {elapsed:.2f} s "
          f"= {tables / elapsed:,.0f} tables/s")


def bench_coldstart(runs: int = 10) -> None:
    exe = shutil.which("perflint") or os.path.join(os.path.dirname(sys.executable), "perflint")
    for args in (["value", "1"], ["value", "≥0.42万人"]):
        times = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            subprocess.run([exe, *args], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        times = times[1:]   # the first run may write the grammar cache
        print(f"cold start `perflint {' '.join(args)}`: median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms ({runs} runs)")


if __name__ == "__main__":
    which = sys.argv[1:] or ["values", "extract", "coldstart"]
    for name in which:
        {"values": bench_values, "extract": bench_extract, "coldstart": bench_coldstart}[name]()
