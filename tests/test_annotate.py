"""perflint annotate: the user's own Word or Excel file handed back with a comment on each cell
that has findings (read back with python-docx and openpyxl), never changed in place; PDF and
text files get the HTML report."""
from __future__ import annotations

import hashlib
import shutil

import docx
import openpyxl
import pytest
from click.testing import CliRunner

import perflint
from perflint.cli import main

from conftest import SAMPLES

REALWORLD = SAMPLES.parent / "tests" / "data" / "realworld"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def annotate(*args):
    return CliRunner().invoke(main, ["annotate", *map(str, args), "--isolated"])


def test_a_word_table_gets_a_comment_on_each_cell_with_findings(tmp_path):
    source = tmp_path / "水源.docx"
    shutil.copy(REALWORLD / "yuanzhou" / "yuanzhou_2022_shuiyuan.docx", source)
    before = digest(source)
    result = annotate(source, "-o", tmp_path / "out")
    assert result.exit_code in (0, 1), result.output
    copy = tmp_path / "out" / "水源.perflint.docx"
    assert "水源.perflint.docx" in result.output and digest(source) == before
    findings = perflint.check([str(source)], config={}).findings
    document = docx.Document(str(copy))
    comments = {c.comment_id: c for c in document.comments}
    assert comments and all(c.author == "perflint" for c in comments.values())
    assert sum(c.text.count("] PF") for c in comments.values()) == len(findings)   # every finding, once
    # each comment sits in the cell its finding names: the cell holds the offending value
    anchored = {}
    for tc in document.element.body.iter(f"{W_NS}tc"):
        for start in tc.iter(f"{W_NS}commentRangeStart"):
            anchored[int(start.get(f"{W_NS}id"))] = "".join(t.text or "" for t in tc.iter(f"{W_NS}t"))
    checked = 0
    for f in findings:
        if f.locator.get("column") == "指标值" and f.text:
            ids = [i for i, c in comments.items() if f.message in c.text]
            assert ids and any(f.text in anchored.get(i, "") for i in ids), f.message
            checked += 1
    assert checked >= 3


def test_an_excel_table_gets_cell_comments_and_a_fill_by_severity(tmp_path):
    source = tmp_path / "wuhai.xlsx"
    shutil.copy(REALWORLD / "wuhai" / "wuhai_2021_zaisheng.xlsx", source)
    before = digest(source)
    assert annotate(source, "-o", tmp_path / "out").exit_code in (0, 1)
    assert digest(source) == before
    findings = perflint.check([str(source)], config={}).findings
    book = openpyxl.load_workbook(tmp_path / "out" / "wuhai.perflint.xlsx")
    fills = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
    for f in findings:
        cell = book[f.locator["sheet"]][f.locator["cell"]]
        assert cell.comment is not None and cell.comment.author == "perflint" and f.code in cell.comment.text
        worst = max((g.severity for g in findings if g.locator == f.locator),
                    key=["info", "warning", "error"].index)
        assert cell.fill.start_color.rgb.endswith(fills[worst])


@pytest.mark.parametrize("name", ["ningxia-jycy-2024.txt"])
def test_text_and_pdf_files_get_the_html_report(tmp_path, name):
    result = annotate(SAMPLES / name, "-o", tmp_path)
    page = (tmp_path / name.replace(".txt", ".perflint.html")).read_text(encoding="utf-8")
    assert "<html" in page and "PF416" in page and result.exit_code in (0, 1)


def test_a_damaged_word_file_gets_the_html_report_and_the_output_is_never_the_input(tmp_path):
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    result = annotate(broken, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "PF001" in (tmp_path / "out" / "坏.perflint.html").read_text(encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    refused = annotate(broken, "-o", blocker)            # the output folder is a file
    assert refused.exit_code == 2 and "是一个文件" in refused.output


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not installed")
def test_the_copies_open_in_libreoffice(tmp_path):
    import subprocess

    office = shutil.which("soffice") or shutil.which("libreoffice")
    for source in (REALWORLD / "yuanzhou" / "yuanzhou_2022_shuiyuan.docx", REALWORLD / "wuhai" / "wuhai_2021_zaisheng.xlsx"):
        annotate(source, "-o", tmp_path)
        copy = tmp_path / (source.stem + ".perflint" + source.suffix)
        done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(copy)],
                              capture_output=True, timeout=180)
        assert done.returncode == 0 and (tmp_path / (copy.stem + ".pdf")).stat().st_size > 1000
