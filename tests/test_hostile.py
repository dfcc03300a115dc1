"""Hostile input: resource bombs, a time and memory budget per file, odd file names, and a fuzz
slice (fixed seed) over every format. The long fuzz run is ``benchmarks/fuzz.py``."""
from __future__ import annotations

import json
import os
import random
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import hostile
import pytest
from click.testing import CliRunner

import perflint
from perflint.cli import main
from perflint.limits import Limits, inspect

from conftest import SAMPLES

SAMPLE = SAMPLES / "ningxia-jycy-2024.txt"


def _run(folder: Path, *args: str) -> tuple[int, str, dict]:
    """A CLI run in its own process (its peak memory measured); its exit code, output and the
    JSON report."""
    out = folder.parent / f"{folder.name}-report.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([sys.executable, "-m", "perflint", "check", str(folder), "--format", "json",
                           "-o", str(out), *args], capture_output=True, text=True, cwd=folder.parent)
    assert "Traceback" not in done.stderr, done.stderr
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report = json.loads(out.read_text("utf-8")) if out.exists() else {}
    report["peak_kb"] = max(peak, before)
    report["said"] = f"exit {done.returncode}: {done.stdout}{done.stderr}"     # (for a failing assertion)
    return done.returncode, done.stdout + done.stderr, report


def _by_file(report: dict) -> dict[str, list[dict]]:
    assert "findings" in report, report["said"]
    found: dict[str, list[dict]] = {}
    for f in report["findings"]:
        found.setdefault(Path(f["file"]).name, []).append(f)
    return found


def test_each_bomb_is_one_finding_naming_its_limit_and_the_folder_is_still_checked(tmp_path):
    folder = tmp_path / "bombs"
    hostile.bombs(folder)
    shutil.copy(SAMPLE, folder / "good.txt")
    code, _, report = _run(folder)
    assert code == 1
    found = _by_file(report)
    expected = {"far-cell.xlsx": "sheet-cells", "merged-sheet.xlsx": "merged-cells",
                "paragraphs.docx": "part-mb", "shared-strings.xlsx": "part-mb"}
    for name, key in expected.items():
        assert [f["code"] for f in found[name]] == ["PF001"], name
        assert f"[limits] {key}" in found[name][0]["message"]
    assert len(found["good.txt"]) > 10                  # the good file next to them is reported
    assert report["summary"]["files"] == 5
    # the children of this test run are bounded too: none took more than 500 MB
    assert report["peak_kb"] < 500 * 1024


def test_static_limits_of_pdf_and_text(tmp_path):
    pdf = hostile.seeds(tmp_path / "seeds")[".pdf"]
    assert inspect(pdf, ".pdf", Limits()) is None
    few = inspect(pdf, ".pdf", Limits(pdf_pages=0))
    assert few is not None and few.key == "pdf_pages"
    assert inspect(pdf, ".pdf", Limits(pdf_objects=3)).key == "pdf_objects"
    text = ("项目\t" * 10 + "\n").encode() * 3 + ("长" * 120_000).encode() + b"\n"
    long = inspect(text, ".txt", Limits())
    assert long.key == "line_chars" and "第 4 行" in str(long) and "120,000" in str(long)
    # 100,000 characters of Chinese are 300,000 bytes: measured in characters, not bytes
    assert inspect(("长" * 90_000).encode(), ".txt", Limits()) is None
    # a zip too damaged to inspect is left to its reader
    assert inspect(b"PK\x03\x04" + b"\x00" * 100, ".docx", Limits()) is None


def test_a_limit_is_named_with_its_figures_in_english_too(tmp_path):
    folder = tmp_path / "bombs"
    hostile.bombs(folder)
    out = CliRunner().invoke(main, ["check", str(folder / "far-cell.xlsx"), "--lang", "en", "--format", "concise"]).output
    assert "Cells spanned by a sheet: 17,179,869,184, beyond the limit of 2,000,000 ([limits] sheet-cells)" in out


def test_a_streamed_text_file_keeps_the_line_limit(tmp_path, monkeypatch):
    from perflint import documents
    monkeypatch.setattr(documents, "STREAM_ABOVE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_bytes(SAMPLE.read_bytes() + ("长" * 150_000).encode() + b"\n")
    report = perflint.check([str(path)])
    assert [f.code for f in report.findings if "line-chars" in f.message] == ["PF001"]


# the budget's clock raises where the process happens to be; when that is inside a garbage
# collector callback (hypothesis installs one), Python reports the exception as unraisable and the
# next tick stops the file instead — what is asserted below either way
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_time_and_memory_budgets_stop_one_file_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "budget"
    folder.mkdir()
    # big enough to run past the first look at the clock (TICK) however warm the caches are
    (folder / "big.txt").write_bytes(SAMPLE.read_bytes() * 120)
    shutil.copy(SAMPLE, folder / "small.txt")
    slow = perflint.check([str(folder)], {"limits": {"seconds": 0.05}})
    stopped = [f for f in slow.findings if f.code == "PF001"]
    assert [Path(f.file).name for f in stopped] == ["big.txt"]
    assert "[limits] seconds" in stopped[0].message and "此文件未检查" in stopped[0].message
    assert any(Path(f.file).name == "small.txt" for f in slow.findings if f.code != "PF001")
    assert slow.files[0].error is not None            # the stopped file is not a clean file
    english = perflint.check([str(folder / "big.txt")], {"limits": {"seconds": 0.05}, "lang": "en"})
    assert [(f.code, "[limits] seconds" in f.message, "not checked" in f.message) for f in english.findings] \
        == [("PF001", True, True)]
    # memory is measured as growth, so in a process of its own (this one has memory to reuse)
    # (the big file grows memory by tens of MB, the small one by under 3: a limit between them, with margin)
    (tmp_path / "perflint.toml").write_text("[limits]\nmemory-mb = 8\n", encoding="utf-8")
    code, _, hungry = _run(folder)
    found = _by_file(hungry)
    assert code == 1 and [f["code"] for f in found["big.txt"]] == ["PF001"]
    assert "memory-mb" in found["big.txt"][0]["message"]
    assert len(found["small.txt"]) > 10
    # the budget is lifted afterwards: a normal run in the same process is complete (with the
    # default limits, not the 8 MB of the perflint.toml written above)
    assert len(perflint.check([str(folder / "big.txt")], {}).findings) > 100


@pytest.mark.parametrize("limits, message", [
    ({"seconds": 0}, "seconds 应为正数"),
    ({"memory-mb": "lots"}, "memory-mb 应为正数"),
    ({"pages": 3}, "未知的限制 pages"),
])
def test_bad_limits_are_configuration_errors(tmp_path, limits, message):
    config = tmp_path / "perflint.toml"
    config.write_text("[limits]\n" + "\n".join(f"{k} = {json.dumps(v)}" for k, v in limits.items()),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(SAMPLE), "--config", str(config)])
    assert result.exit_code == 2
    assert message in result.output


def test_limits_are_shown_with_the_configuration(tmp_path):
    config = tmp_path / "perflint.toml"
    config.write_text("[limits]\npart-mb = 16\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["config", "--show", "--config", str(config)])
    assert "part-mb = 16" in result.output and "seconds = 120" in result.output


GBK_NAME = "报表".encode("gbk") + b".txt"


@pytest.fixture
def odd_folder(tmp_path):
    folder = os.fsencode(tmp_path / "odd")
    os.mkdir(folder)
    for name in (GBK_NAME, b"bad\xff\xfe.txt", "\x1b[2J清屏.txt".encode(), b"\xb1\xa8.docx"):
        shutil.copy(SAMPLE, folder + b"/" + name) if name.endswith(b".txt") else \
            open(folder + b"/" + name, "wb").write(b"not a word file")
    return Path(os.fsdecode(folder))


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "jsonl", "sarif", "html", "xlsx", "junit", "github"])
def test_file_names_that_are_not_utf8_are_reported_readably_in_every_format(odd_folder, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    done = subprocess.run([sys.executable, "-m", "perflint", "check", str(odd_folder), "--format", fmt,
                           "-o", str(out)], capture_output=True, cwd=tmp_path)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    if fmt == "xlsx":
        import openpyxl
        shown = " ".join(str(c.value) for row in openpyxl.load_workbook(out)["问题清单"].iter_rows() for c in row)
    else:
        shown = out.read_text("utf-8")
    assert "报表.txt" in shown                      # the GBK name, decoded
    assert "bad\\xff\\xfe.txt" in shown or "bad\\\\xff\\\\xfe.txt" in shown   # undecodable bytes, escaped
    assert "\x1b" not in shown                      # a name can no more clear a screen than a cell can
    assert "报.docx" in shown


def test_fuzz_slice(tmp_path):
    """A fixed-seed slice of the fuzz run: every format mutated, odd names, hostile strings."""
    seeds = hostile.seeds(tmp_path / "seeds")
    for seed in range(3):
        folder = tmp_path / f"batch{seed}"
        paths = hostile.make_batch(folder, seeds, random.Random(seed), 20)
        assert hostile.verify(folder, tmp_path / f"out{seed}", paths) == []
