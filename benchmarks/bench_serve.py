"""Benchmark: perflint serve, from upload to the rendered page, for one Word table and for a PDF
of about 50 pages (the samples printed to PDF with ruled cells), each checked three times.

    python benchmarks/bench_serve.py

Starts its own server (tests/test_serve.py's), times POST /check (the page's request: upload,
check, drawing the tables, the reports and the annotated copy), and prints the figures.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from office_forms import write_pdf  # noqa: E402
from test_serve import WORD, Server  # noqa: E402

from perflint.documents import extract_file  # noqa: E402


def timed(server: Server, name: str, body: bytes, runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        answer = httpx.post(server.url + "/check", files=[("file", (name, body))], timeout=600)
        assert answer.status_code == 200 and 'class="verdict' in answer.text
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = folder / "宁夏.pdf"
        write_pdf(extract_file(str(ROOT / "samples" / "ningxia-rst-2022.txt")), pdf)
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(pdf)))
        server = Server(folder / "server")
        try:
            word = timed(server, WORD.name, WORD.read_bytes())
            printed = timed(server, pdf.name, pdf.read_bytes())
        finally:
            server.stop()
    print(f"one Word table ({WORD.name}): median {statistics.median(word):.2f} s of {len(word)} "
          f"({', '.join(f'{t:.2f}' for t in word)})")
    print(f"a {pages}-page PDF (37 tables): median {statistics.median(printed):.2f} s of {len(printed)} "
          f"({', '.join(f'{t:.2f}' for t in printed)})")


if __name__ == "__main__":
    main()
