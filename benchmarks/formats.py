"""Speed and memory by input format, and for one very large text file.

    python benchmarks/formats.py office --copies 10 --out /tmp/formats   # .txt/.docx/.xlsx/.pdf
    python benchmarks/formats.py large --mb 75 --out /tmp/large           # one big text export

``office`` renders every sample as a Word, Excel and PDF form (the way the tests do) ``--copies``
times, then times ``perflint check`` on each format's folder: tables per second and the peak
resident memory of the run. PDFs come twice: with their font held in the file (as Word and WPS
print them; read through pdfium, when tests/install-browser.sh's Chinese font is there to embed)
and in a standard font they only name (read through pdfminer, the same on every machine). For
the first, ``pdf_reading`` times reading alone through pdfium against pdfminer.

``large`` concatenates renamed copies of the 宁夏人社厅 sample into one text file of about ``--mb``
megabytes and checks it, once read as a stream in parts (the default above 64 MB) and once read
whole, for comparison.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def _installed() -> None:
    """perflint run as its users run it: installed, so that its rules and readers are found (run
    from a checkout without an install, it found neither and reported zeros)."""
    from importlib import metadata

    try:
        metadata.version("perflint")
    except metadata.PackageNotFoundError:
        sys.exit("perflint is not installed: pip install -e . (in the repository), then run this again")
    if not list(metadata.entry_points(group="perflint.readers")):
        sys.exit("perflint's readers are not registered: pip install -e . again")


def _run(args: list[str], env_code: str = "") -> dict:
    """Run perflint in a child process; its wall time, peak memory and summary."""
    code = ("import atexit, resource, sys, perflint.documents as d\n"
            "atexit.register(lambda: sys.stderr.write(f'PEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
            f"{env_code}\nfrom perflint.cli import main\nsys.argv = ['perflint'] + sys.argv[1:]\nmain()")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args, "--format", "json", "--exit-zero", "--no-cache",
                          "--isolated"], capture_output=True, text=True, check=True, cwd=ROOT.parent)
    seconds = time.perf_counter() - start
    peak = int(out.stderr.rsplit("PEAK ", 1)[1].split()[0])      # kB, the child's own
    summary = json.loads(out.stdout)["summary"]
    return {"seconds": round(seconds, 2), "peak_mb": round(peak / 1024),
            "tables": summary["projects"], "findings": summary["findings"],
            "tables_per_s": round(summary["projects"] / seconds, 1)}


def office(copies: int, out: Path) -> dict:
    import functools
    import os

    from office_forms import EMBEDDABLE_FONT, write_docx, write_pdf, write_xlsx

    from perflint.documents import extract_file

    results = {}
    samples = sorted((ROOT / "samples").glob("*.txt"))
    # "pdf": the font held in the file, as Word and WPS print (read by pdfium); "pdf-standard-font":
    # STSong-Light named but not held, as reportlab and iText write Chinese (read by pdfminer)
    kinds = [("txt", None), ("docx", write_docx), ("xlsx", write_xlsx)]
    if os.path.exists(EMBEDDABLE_FONT):
        kinds.append(("pdf", functools.partial(write_pdf, embed=True)))
    kinds.append(("pdf-standard-font", write_pdf))
    for kind, write in kinds:
        fmt = kind.split("-")[0]
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        for sample in samples:
            first = folder / f"{sample.stem}-0.{fmt}"
            if write is None:
                first.write_bytes(sample.read_bytes())
            else:
                write(extract_file(str(sample)), first)
            for k in range(1, copies):
                (folder / f"{sample.stem}-{k}.{fmt}").write_bytes(first.read_bytes())
        results[kind] = _run(["check", str(folder)])
        if kind == "pdf":
            results["pdf_reading"] = pdf_reading(folder)
    return results


def pdf_reading(folder: Path, rounds: int = 5) -> dict:
    """Reading alone (perflint's PDF reader, in a child process, CPU seconds): each page's objects
    from pdfium, as perflint reads, against pdfminer reading every page, as it reads without
    pdfium. The two alternate ``rounds`` times; the fastest of each is kept (this machine's speed
    drifts)."""
    # (the libraries are imported before the clock starts: a one-off cost, the same either way)
    code = ("import sys, time\nfrom pathlib import Path\nimport pdfplumber, pypdfium2\n"
            "from perflint.readers import pdf, pdfium_objects\n"
            "if sys.argv[2] == 'pdfminer':\n    pdf._pdfium = lambda data: None\n"
            "files = sorted(Path(sys.argv[1]).glob('*.pdf'))\ndata = [f.read_bytes() for f in files]\n"
            "start = time.process_time()\nfor f, d in zip(files, data):\n    pdf.read_pdf(str(f), d)\n"
            "print(time.process_time() - start)")
    best = {"pdfium": float("inf"), "pdfminer": float("inf")}
    for _ in range(rounds):
        for way in best:
            out = subprocess.run([sys.executable, "-c", code, str(folder), way], capture_output=True, text=True,
                                 check=True)
            best[way] = min(best[way], float(out.stdout))
    return {"pdfium_cpu_s": round(best["pdfium"], 2), "pdfminer_cpu_s": round(best["pdfminer"], 2),
            "speedup": round(best["pdfminer"] / best["pdfium"], 2)}


def large(mb: int, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "large.txt"
    text = (ROOT / "samples" / "ningxia-rst-2022.txt").read_text(encoding="utf-8")
    with open(path, "w", encoding="utf-8") as f:
        k = 0
        while f.tell() < mb * 1_000_000:
            f.write(text.replace("就业专项资金", f"就业专项资金{k}"))
            k += 1
    size = round(path.stat().st_size / 1e6, 1)
    return {"file_mb": size,
            "in_parts": _run(["check", str(path)]),
            "whole": _run(["check", str(path)], "d.STREAM_ABOVE_BYTES = 1 << 40")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    o = sub.add_parser("office")
    o.add_argument("--copies", type=int, default=10)
    o.add_argument("--out", type=Path, default=Path("benchmarks/out/formats"))
    g = sub.add_parser("large")
    g.add_argument("--mb", type=int, default=75)
    g.add_argument("--out", type=Path, default=Path("benchmarks/out/large"))
    args = parser.parse_args()
    _installed()
    result = office(args.copies, args.out) if args.command == "office" else large(args.mb, args.out)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
