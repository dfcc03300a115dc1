"""Scale, in one run: for synthetic corpora of each size (benchmarks/corpus.py), the figures a
province-wide sweep depends on. Printed, not asserted.

    python benchmarks/bench_scale.py                     # 1,000 and 10,000 tables
    python benchmarks/bench_scale.py --sizes 1000 10000 50000
    python benchmarks/bench_scale.py --sizes 10000 --pairs 5     # each ratio over five pairs

For each size:
- a full check (`--format json -o`, no cache): CPU seconds, tables per CPU-second, peak memory,
  and the ratio to a floor that only reads every file's bytes;
- `-j 2` against one job (wall time, this machine has 2 cores), beside what this machine gives
  any two processes: the one-job check run twice at once, against once alone (twice the ratio
  is the most `-j 2` could reach here);
- the default terminal report (to a pipe) and the concise one, against the JSON run's CPU;
- the result cache: a cold run filling it, then a re-check of the unchanged corpus;
- `--executor dask -j 2` (a local cluster) against one process, when dask is installed;
and once: a one-file check's latency (benchmarks/bench_startup.py measures it in detail).

A virtual machine's speed drifts, by half from one minute to the next on the one these figures
were taken on, and two runs minutes apart compare that drift as much as perflint. So each ratio
is taken from runs made in turn (one pair per round; ``--pairs N`` makes N rounds and gives
every round's ratio and their median), the throughput from the round whose one-job run used the
least CPU (drift only ever adds), and each size is bracketed by ``machine_speed_s``: the CPU
seconds a fixed loop of plain Python takes in a fresh process, before and after — the reading to
compare when two runs of this script disagree.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import generate  # noqa: E402


def twice_at_once(args: list[str], env: dict, alone: float) -> dict:
    """The same one-job check run twice at once: two processes that share nothing but the
    machine. Against the check alone (``alone``, wall seconds), this machine's own ceiling for
    two processes (two busy cores of a virtual machine may share caches and memory bandwidth),
    the most `-j 2` could reach here."""
    from concurrent.futures import ThreadPoolExecutor

    start = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: run(args, env), range(2)))
    together = time.perf_counter() - start
    return {"both_wall": round(together, 2), "ceiling": round(2 * alone / together, 2)}


def run(args: list[str], env: dict | None = None) -> dict:
    """One `perflint` process: wall and CPU seconds (its own and its children's), peak memory."""
    exe = Path(sys.executable).with_name("perflint")
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", str(exe), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    wall = time.perf_counter() - start
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", done.stderr).group(1))
              for kind in ("User", "System"))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return {"wall": round(wall, 2), "cpu": round(cpu, 2), "peak_mb": round(peak / 1024)}


def floor(corpus: Path) -> float:
    """CPU seconds a process needs only to read every file's bytes."""
    code = ("import os,sys\nfor r,_,fs in os.walk(sys.argv[1]):\n for f in fs:\n"
            "  open(os.path.join(r,f),'rb').read()")
    start = os.times()
    subprocess.run([sys.executable, "-c", code, str(corpus)], check=True)
    end = os.times()
    return (end.children_user - start.children_user) + (end.children_system - start.children_system)


def machine_speed() -> float:
    """CPU seconds a fresh process takes for a fixed loop of plain Python: this machine's speed
    at the moment, for reading the figures measured beside it."""
    code = "import time\nt = time.process_time()\ns = 0\nfor i in range(10**7):\n    s += i\nprint(time.process_time() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return round(float(done.stdout), 2)


def paired(ratios: list[float]) -> dict:
    """Each round's ratio and their median."""
    return {"each": [round(r, 2) for r in ratios], "median": round(statistics.median(ratios), 2)}


def size(tables: int, work: Path, pairs: int = 1) -> dict:
    corpus = work / f"corpus-{tables}"
    generate(tables, corpus)
    (corpus / "expected.jsonl").unlink(missing_ok=True)
    speed_before = machine_speed()
    out = str(work / "report.json")
    base = ["check", str(corpus), "--format", "json", "-o", out, "--exit-zero", "--isolated"]
    no_cache = {"PERFLINT_NO_CACHE": "1"}
    cache_dir = work / "cache"
    rounds = []
    for _ in range(pairs):
        # each ratio's two sides run one after the other, so that both see the machine at much
        # the same speed
        one = run(base, no_cache)
        two = run([*base, "-j", "2"], no_cache)
        ceiling = twice_at_once(["check", str(corpus), "--format", "json", "-o", os.devnull, "--exit-zero",
                                 "--isolated"], no_cache, one["wall"])
        # the report a reviewer reads in a terminal (the default format), and the concise one
        terminal = run(["check", str(corpus), "--exit-zero", "--isolated"], no_cache)
        concise = run(["check", str(corpus), "--exit-zero", "--isolated", "--format", "concise"], no_cache)
        json_again = run(base, no_cache)        # the JSON side of the report formats' ratios
        cold = run(base, {"PERFLINT_CACHE_DIR": str(cache_dir)})
        warm = run(base, {"PERFLINT_CACHE_DIR": str(cache_dir)})
        shutil.rmtree(cache_dir, ignore_errors=True)
        rounds.append(dict(one=one, two=two, ceiling=ceiling, terminal=terminal, concise=concise,
                           json=json_again, cold=cold, warm=warm))
    count = json.loads(Path(out).read_text(encoding="utf-8"))["summary"]["projects"]
    best = min(rounds, key=lambda r: r["one"]["cpu"])
    figures = {
        "tables": count,
        "check": {**best["one"], "tables_per_cpu_second": round(count / best["one"]["cpu"]),
                  "tables_per_cpu_second_median": round(statistics.median(count / r["one"]["cpu"]
                                                                          for r in rounds))},
        "read_only_floor_cpu": round(floor(corpus), 2),
        "j2": {"speed_up": paired([r["one"]["wall"] / r["two"]["wall"] for r in rounds]),
               "two_processes_ceiling": paired([r["ceiling"]["ceiling"] for r in rounds]),
               "peak_mb": max(r["two"]["peak_mb"] for r in rounds)},
        "terminal": {"over_json_cpu": paired([r["terminal"]["cpu"] / r["json"]["cpu"] for r in rounds]),
                     "concise_over_json_cpu": paired([r["concise"]["cpu"] / r["json"]["cpu"] for r in rounds]),
                     "peak_mb": max(r["terminal"]["peak_mb"] for r in rounds)},
        "cache": {"cold": best["cold"], "warm": best["warm"],
                  "warm_over_cold": paired([r["warm"]["wall"] / r["cold"]["wall"] for r in rounds])},
    }
    figures["ratio_to_floor"] = round(best["one"]["cpu"] / max(figures["read_only_floor_cpu"], 0.01), 1)
    try:
        import dask.distributed  # noqa: F401
        dask = run([*base, "--executor", "dask", "-j", "2"], no_cache)
        alone = run(base, no_cache)
        figures["dask_local_j2"] = {**dask, "over_one_process": round(dask["wall"] / alone["wall"], 2)}
    except ImportError:
        figures["dask_local_j2"] = "dask not installed"
    figures["machine_speed_s"] = {"before": speed_before, "after": machine_speed()}
    shutil.rmtree(corpus, ignore_errors=True)
    return figures


def one_file() -> dict:
    sample = ROOT / "samples" / "ningxia-jycy-2024.txt"
    times = [run(["check", str(sample), "--isolated", "--no-cache", "--format", "json", "-o", os.devnull])["wall"]
             for _ in range(5)]
    return {"one_file_wall_median": sorted(times)[2]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--pairs", type=int, default=1, help="rounds of runs in turn, each giving every ratio once (default 1)")
    args = parser.parse_args()
    if args.pairs < 1:
        parser.error("--pairs is at least 1")
    with tempfile.TemporaryDirectory(prefix="perflint-scale-") as tmp:
        result = {str(n): size(n, Path(tmp), args.pairs) for n in args.sizes}
    result["latency"] = one_file()
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
