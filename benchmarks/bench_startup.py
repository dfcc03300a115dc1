"""Benchmark: a one-file check, as office staff run it — wall time from the command to its exit,
median of 10 runs, for a text table and a Word table, and which heavy modules it imported.

    python benchmarks/bench_startup.py
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "samples" / "ningxia-jycy-2024.txt",
         ROOT / "tests" / "data" / "realworld" / "yuanzhou" / "yuanzhou_2022_shuiyuan.docx"]


def main() -> None:
    for path in FILES:
        command = [sys.executable, "-m", "perflint", "check", str(path), "--isolated", "--no-cache", "--format", "json",
                   "-o", "/dev/null"]
        times = []
        for _ in range(10):
            t = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            times.append(time.perf_counter() - t)
        heavy = subprocess.run([sys.executable, "-X", "importtime", *command[1:]], capture_output=True, text=True).stderr
        loaded = sorted({m for m in ("numpy", "pint", "pdfplumber", "openpyxl", "docx", "rich")
                         if f"| {m}\n" in heavy or f"|   {m}\n" in heavy or f" {m}\n" in heavy})
        print(f"{path.name}: median {statistics.median(times):.3f} s wall (best {min(times):.3f}); "
              f"heavy modules imported: {', '.join(loaded) or 'none'}")


if __name__ == "__main__":
    main()
