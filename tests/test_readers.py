"""Reading text files: encodings, odd input, and never crashing the batch."""
from __future__ import annotations

import codecs

import pytest

from perflint.documents import extract_file

from conftest import SAMPLES

SAMPLE = SAMPLES / "ningxia-jycy-2024.txt"


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""),
])
def test_encodings_read_the_same_model(tmp_path, encoding, bom):
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "table.txt"
    path.write_bytes(bom + text.encode(encoding))
    original, copy = extract_file(str(SAMPLE)), extract_file(str(path))
    assert copy.layout == "pdf-lines"
    assert [(p.name, p.amount("年度资金总额"), len(p.indicators)) for p in copy.projects] == \
        [(p.name, p.amount("年度资金总额"), len(p.indicators)) for p in original.projects]
    assert [i.loc.line for p in copy.projects for i in p.indicators] == \
        [i.loc.line for p in original.projects for i in p.indicators]


def test_windows_line_endings_keep_line_numbers(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    original, copy = extract_file(str(SAMPLE)), extract_file(str(path))
    assert [i.loc.line for p in copy.projects for i in p.indicators] == \
        [i.loc.line for p in original.projects for i in p.indicators]


@pytest.mark.parametrize("content, code", [
    (b"", "empty-file"),
    (b"   \n\n  ", "empty-file"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8, "undecodable"),
    ("这是一份普通的工作总结，不含任何表格。\n第二行。\n".encode(), "unrecognised-layout"),
])
def test_unusable_files_become_input_problems(tmp_path, content, code):
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    doc = extract_file(str(path))
    assert [(p.category, p.code) for p in doc.problems] == [("input", code)]
    assert doc.problems[0].message  # a Chinese sentence for the user
    assert doc.projects == []


def test_unsupported_suffix_and_missing_file(tmp_path):
    path = tmp_path / "table.pdfx"
    path.write_bytes(b"%PDF")
    assert [p.code for p in extract_file(str(path)).problems] == ["unsupported-format"]
    assert [p.code for p in extract_file(str(tmp_path / "gone.txt")).problems] == ["unreadable"]


def test_reading_never_writes_the_input(tmp_path):
    path = tmp_path / "table.txt"
    path.write_bytes(SAMPLE.read_bytes())
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    extract_file(str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
