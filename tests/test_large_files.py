"""Very large text files: read as a stream, a part at a time, with the whole file's line numbers."""
from __future__ import annotations

import collections
import gc
import tracemalloc

import pytest

import perflint
import perflint.documents as documents
import perflint.readers.text as text_reader
from perflint.documents import extract_parts

from conftest import SAMPLES

#: Checks that compare a table with the other tables of its file (or count over the file) see
#: one part at a time in a streamed file; every other finding must be the same.
ACROSS_TABLES = {"PF107", "PF501", "PF507", "PF709", "PF503", "PF504", "PF505", "PF506", "PF801", "PF802"}


@pytest.fixture
def streamed(monkeypatch):
    def use(part_lines: int):
        monkeypatch.setattr(documents, "STREAM_ABOVE_BYTES", 0)
        monkeypatch.setattr(documents, "PART_LINES", part_lines)
    return use


def _keys(report) -> collections.Counter:
    return collections.Counter((f.project, f.code, f.line, f.message) for f in report.findings
                               if f.code not in ACROSS_TABLES)


@pytest.mark.parametrize("name", sorted(p.stem for p in SAMPLES.glob("*.txt")))
def test_parts_give_the_findings_of_the_whole_file(name, streamed):
    path = str(SAMPLES / f"{name}.txt")
    whole = perflint.check([path])
    streamed(300)
    parts = list(extract_parts(path))
    assert len(parts) > 1
    in_parts = perflint.check([path])
    assert in_parts.files[0].projects == whole.files[0].projects
    assert _keys(in_parts) == _keys(whole)


def test_streamed_encodings(tmp_path, streamed):
    text = (SAMPLES / "ningxia-rst-2022.txt").read_text(encoding="utf-8")
    whole = [(p.name, p.loc.line) for p in perflint.extract(str(SAMPLES / "ningxia-rst-2022.txt")).projects]
    streamed(500)
    for encoding, bom in (("gb18030", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(bom + text.replace("\n", "\r\n").encode(encoding))
        parts = list(extract_parts(str(path)))
        assert [(p.name, p.loc.line) for part in parts for p in part.projects] == whole, encoding
        assert parts[0].encoding.startswith(encoding.split("-")[0])


def test_a_large_binary_file_is_one_input_finding(tmp_path, streamed):
    streamed(500)
    path = tmp_path / "export.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00\xff\x00" * 300_000)     # a zip renamed to .txt
    findings = perflint.check([str(path)]).findings
    assert [(f.code, f.category) for f in findings] == [("PF001", "input")]
    assert "二进制" in findings[0].message


def _peak_while_reading(path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        for part in extract_parts(str(path)):
            del part
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_is_bounded_by_the_part_not_the_file(tmp_path, streamed, monkeypatch):
    text = (SAMPLES / "ningxia-rst-2022.txt").read_text(encoding="utf-8")
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(text * 2, encoding="utf-8")
    large.write_text(text * 16, encoding="utf-8")
    streamed(1000)
    monkeypatch.setattr(text_reader, "SAMPLE_BYTES", 1 << 16)    # the encoding sample is bounded too
    _peak_while_reading(large)          # fill the bounded caches (labels, values) first
    peak_small, peak_large = _peak_while_reading(small), _peak_while_reading(large)
    # eight times the file, about the same memory (read whole, it would need eight times as much);
    # the margin is for the bounded caches, whose entries churn with what other tests read
    assert peak_large < 2 * peak_small, (peak_small, peak_large)


def test_a_file_read_in_parts_takes_part_in_cross_document_checks(streamed):
    # each part gives the cross-document rules what it holds, so they compare the whole file
    across = {"PF501", "PF502"}

    def copies(report):
        return sorted((f.code, f.line, f.end_line, f.count, f.message) for f in report.findings if f.code in across)

    paths = [str(SAMPLES / "weixian-rsj-2021.txt"), str(SAMPLES / "yongning-2024-employment.txt")]
    whole = perflint.check(paths)
    streamed(300)
    assert all(len(list(extract_parts(path))) > 1 for path in paths)
    in_parts = perflint.check(paths)
    assert {f.code for f in whole.findings} >= across
    assert copies(in_parts) == copies(whole)
    assert not any("分部分读取" in w for w in in_parts.warnings)
