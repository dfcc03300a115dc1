"""Report formats for tools and auditors (SARIF, JUnit, GitHub annotations) and baselines."""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import perflint
from perflint.cli import main
from perflint.reporters import RenderOptions, render

from conftest import SAMPLES

SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def report():
    return perflint.check([str(SAMPLES)], config={})


def test_sarif_is_valid_against_the_official_schema(report):
    data = json.loads(render(report, "sarif"))
    jsonschema.validate(data, SARIF_SCHEMA)
    results = data["runs"][0]["results"]
    assert len(results) == len(report.findings)
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    first = results[0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    assert first["partialFingerprints"]["perflint/v1"] == report.findings[0].fingerprint
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_sarif_in_english_is_valid_too(report):
    data = json.loads(render(report, "sarif", RenderOptions(lang="en")))
    jsonschema.validate(data, SARIF_SCHEMA)
    assert data["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]["text"].isascii()


def test_junit_has_a_suite_per_file_and_a_case_per_finding(report):
    root = ET.fromstring(render(report, "junit").encode("utf-8"))
    suites = root.findall("testsuite")
    assert {s.get("name") for s in suites} == {f.path for f in report.files}
    failures = root.findall("testsuite/testcase/failure")
    assert len(failures) == len(report.findings)
    assert int(root.get("failures")) == len(report.findings)
    assert {f.get("type") for f in failures} <= {"error", "warning", "info"}


def test_junit_clean_file_is_one_passing_case(tmp_path):
    clean = perflint.check([str(SAMPLES / "ningxia-jycy-2024.txt")], config={"select": ["PF101"]})
    root = ET.fromstring(render(clean, "junit").encode("utf-8"))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 1 and cases[0].find("failure") is None


def test_github_annotations_escape_their_properties(report):
    lines = render(report, "github").splitlines()
    assert len(lines) == len(report.findings)
    assert all(line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in lines)
    # a newline in a message never breaks a command in two, and a comma never splits a property
    assert all("\n" not in line for line in lines)
    title = lines[0].split("title=", 1)[1].split("::", 1)[0]
    assert "," not in title and ":" not in title


def test_baseline_reports_only_new_findings_and_what_went_away(tmp_path):
    doc = tmp_path / "doc.txt"
    shutil.copy(SAMPLES / "yongning-2024-employment.txt", doc)
    base = tmp_path / "base.json"
    code, _ = run("check", str(doc), "--isolated", "--write-baseline", str(base), "--format", "json")
    entries = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert len(entries) > 50 and all(len(e["fingerprint"]) >= 16 for e in entries)

    code, out = run("check", str(doc), "--isolated", "--baseline", str(base), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["findings"] == [] and data["baseline"]["suppressed"] == len(entries)

    text = doc.read_text(encoding="utf-8").replace("≥0.0005万人", "≥5人")       # fix one
    lines = text.split("\n")
    lines.insert(29, "产出指标\t\t质量指标\t指标9: 资金发放准确率\t≥105%")         # add one (rows move)
    doc.write_text("\n".join(lines), encoding="utf-8")
    code, out = run("check", str(doc), "--isolated", "--baseline", str(base), "--format", "json")
    data = json.loads(out)
    assert [f["code"] for f in data["findings"]] == ["PF401"]
    assert [e["code"] for e in data["baseline"]["gone"]] == ["PF411"]
    assert code == 1                                  # the new finding is an error


@pytest.mark.parametrize("written_as", ["bl", "./bl", "absolute", "."])
def test_a_baseline_matches_however_the_folder_is_spelled(tmp_path, monkeypatch, written_as):
    folder = tmp_path / "bl"
    folder.mkdir()
    shutil.copy(SAMPLES / "yongning-2024-employment.txt", folder / "doc.txt")
    base = folder / "baseline.json"
    spellings = {"bl": ("bl", tmp_path), "./bl": ("./bl", tmp_path), "absolute": (str(folder), tmp_path),
                 ".": (".", folder)}
    given, cwd = spellings[written_as]
    monkeypatch.chdir(cwd)
    code, _ = run("check", given, "--isolated", "--write-baseline", str(base), "--format", "json")
    entries = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert {e["file"] for e in entries} == {"doc.txt"}          # relative to the baseline's folder
    for other, other_cwd in spellings.values():
        monkeypatch.chdir(other_cwd)
        code, out = run("check", other, "--isolated", "--baseline", str(base), "--format", "json")
        data = json.loads(out)
        assert (code, len(data["findings"]), data["baseline"]["gone"]) == (0, 0, []), other
    # the tree checked out elsewhere, its baseline with it: still every finding known
    moved = shutil.copytree(folder, tmp_path / "elsewhere" / "bl")
    monkeypatch.chdir(tmp_path)
    code, out = run("check", str(moved), "--isolated", "--baseline", str(moved / "baseline.json"), "--format", "json")
    assert json.loads(out)["baseline"]["suppressed"] == len(entries) and code == 0


def test_a_baseline_written_before_keys_still_matches_by_fingerprint(tmp_path):
    doc = tmp_path / "doc.txt"
    shutil.copy(SAMPLES / "yongning-2024-employment.txt", doc)
    base = tmp_path / "base.json"
    run("check", str(doc), "--isolated", "--write-baseline", str(base), "--format", "json")
    data = json.loads(base.read_text(encoding="utf-8"))
    for e in data["findings"]:
        del e["key"]
        e["file"] = str(doc)
    base.write_text(json.dumps(data), encoding="utf-8")
    code, out = run("check", str(doc), "--isolated", "--baseline", str(base), "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []


def test_a_missing_or_foreign_baseline_is_a_usage_error(tmp_path):
    code, out = run("check", str(SAMPLES / "ningxia-jycy-2024.txt"), "--baseline", str(tmp_path / "none.json"))
    assert code == 2 and "基线文件不存在" in out
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"results": []}', encoding="utf-8")
    code, out = run("check", str(SAMPLES / "ningxia-jycy-2024.txt"), "--baseline", str(foreign))
    assert code == 2 and "不是 perflint 的基线文件" in out


def test_xlsx_issue_list_for_auditors(tmp_path):
    import openpyxl

    doc = tmp_path / "doc.txt"
    text = (SAMPLES / "ningxia-jycy-2024.txt").read_text(encoding="utf-8")
    # document text that a spreadsheet would take for a formula or a link must stay text
    doc.write_text(text.replace("培训合格率", "=SUM(A1)钱下达率", 1), encoding="utf-8")
    out = tmp_path / "report.xlsx"
    code, _ = run("check", str(doc), "--isolated", "--format", "xlsx", "-o", str(out), "--exit-zero")
    assert code == 0
    book = openpyxl.load_workbook(out)
    issues = book.worksheets[0]
    header = [c.value for c in issues[1]]
    assert header[0] == "文件" and header[-1] == "整改情况"
    assert issues.freeze_panes == "A2" and issues.auto_filter.ref
    rows = list(issues.iter_rows(min_row=2, values_only=True))
    report = perflint.check([str(doc)], config={})
    assert len(rows) == len(report.findings)
    assert all(row[-1] in (None, "") for row in rows)          # 整改情况 is left for the auditee
    cells = [c for row in issues.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" and c.hyperlink is None for c in cells)
    assert any(str(c.value).startswith("=SUM(A1)") for c in cells)
    assert book.worksheets[1].title == "汇总"


def test_xlsx_needs_an_output_file():
    code, out = run("check", str(SAMPLES / "ningxia-jycy-2024.txt"), "--format", "xlsx")
    assert code == 2 and "-o" in out


def test_every_report_word_exists_in_both_languages():
    from perflint.i18n import WORDS

    assert set(WORDS["zh"]) == set(WORDS["en"])


HOSTILE_FORM = ("2024年项目支出绩效目标表\n项目名称\t测试\x1b]0;pwned\x07项目\n年度资金总额\t10\n"
                "年度绩效目标\t完成任务\x1b[2J。\n一级指标\t二级指标\t三级指标\t指标值\n"
                "产出指标\t数量指标\t培训\x1b]52;c;aGVsbG8=\x07人数\t100\n")


@pytest.mark.parametrize("fmt", ["full", "concise", "github", "junit"])
def test_terminal_escapes_in_a_document_are_shown_never_acted_on(tmp_path, fmt):
    from perflint.reporters import RenderOptions, render

    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_FORM, encoding="utf-8")
    report = perflint.check([str(path)])
    assert any("\x1b" in (f.indicator or "") + (f.project or "") + f.message for f in report.findings)
    out = render(report, fmt, RenderOptions(color=False))
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out


def test_control_characters_do_not_break_the_workbook(tmp_path):
    import openpyxl

    from perflint.reporters import RenderOptions, write_file

    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE_FORM, encoding="utf-8")
    report = perflint.check([str(path)])
    write_file(report, "xlsx", str(tmp_path / "r.xlsx"), RenderOptions())
    cells = [c.value for row in openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0].iter_rows() for c in row]
    assert any(isinstance(v, str) and "\\x1b" in v for v in cells)


@pytest.mark.parametrize("fmt", ["full", "concise", "github", "junit"])
def test_the_words_of_a_location_are_shown_escaped(fmt):
    """A column heading or sheet name is document text too: a CSI (\\x9b) in it is shown escaped."""
    from perflint.findings import Finding, Location
    from perflint.reporters import RenderOptions, render
    from perflint.run import Report

    at = Location("form.docx", 18, (("kind", "docx"), ("table", 1), ("row", 18), ("column", "指标值\x9b2J")))
    finding = Finding("PF701", "unplaced-row", "template", "info", "这一行无法归入指标表", at)
    out = render(Report(findings=[finding], files=[]), fmt, RenderOptions(color=False))
    assert "\x9b" not in out
    assert "\\x9b2J" in out


def test_a_baseline_matches_in_either_language(tmp_path):
    doc = tmp_path / "doc.txt"
    shutil.copy(SAMPLES / "yongning-2024-employment.txt", doc)
    base = tmp_path / "base.json"
    run("check", str(doc), "--isolated", "--write-baseline", str(base), "--format", "json")
    code, out = run("check", str(doc), "--isolated", "--baseline", str(base), "--format", "json", "--lang", "en")
    assert code == 0 and json.loads(out)["findings"] == []
    english = tmp_path / "english.json"
    run("check", str(doc), "--isolated", "--write-baseline", str(english), "--format", "json", "--lang", "en")
    keys = lambda path: sorted(e["key"] for e in json.loads(path.read_text(encoding="utf-8"))["findings"])  # noqa: E731
    assert keys(english) == keys(base)


def test_the_json_report_writes_each_finding_as_json_dumps_would(report):
    from perflint.findings import make
    from perflint.reporters.json_report import _Shown

    odd = [
        make(code="PF999", name="made-up", category="text", severity="error", file="表 \"1\"\\a\u2028.docx", line=None,
             message="控制字符\x01\t换行\n引号\"反斜杠\\", hint=None, text=None),
        make(code="PF999", name="made-up", category="text", severity="info", file="a.xlsx", line=7,
             coordinates={"kind": "xlsx", "sheet": "表1", "cell": "D12", "row": 12}, message="m", project="项目",
             indicator="指标", hint="h", text="\ud800 lone surrogate", fingerprint="0"),
        make(code="PF999", name="made-up", category="text", severity="info", file="a.txt", line=3,
             coordinates={"kind": "txt", "line": 5}, message="m")._replace(covers=("PF101", "PF102"), count=4),
    ]
    odd[2] = odd[2]._replace(location=odd[2].location._replace(end_line=9))
    # a place (a rule pack's own) holding a list, which cannot be a key: twice, as a kept one would be
    listed = make(code="PF999", name="made-up", category="text", severity="info", file="b.docx", line=4,
                  coordinates={"kind": "docx", "table": 1, "rows": [4, 5]}, message="m")
    odd += [listed, listed, odd[1]]
    findings = [*report.findings, *(f.in_english() for f in report.findings[:200]), *odd]
    assert {bool(f.location.coordinates) for f in findings} == {True, False}
    shown, encode = _Shown(), json.JSONEncoder(ensure_ascii=False).encode
    for f in findings:
        line = shown(f)
        # UTF-8; a lone surrogate, which has none, as JSON's escape for it (read back the same)
        assert line == encode(f.to_json()).encode("utf-8", "backslashreplace"), f
        assert json.loads(line) == f.to_json()


def test_the_json_report_writes_the_same_when_its_encoded_texts_start_again(report, monkeypatch):
    from perflint.findings import make
    from perflint.reporters import json_report

    monkeypatch.setattr(json_report, "_HELD", 3)      # texts let go every few findings
    first_line = make(code="PF999", name="made-up", category="text", severity="info", file="a.txt", line=0,
                      message="m")
    # office places, more than are kept, each again after others
    cells = [make(code="PF999", name="made-up", category="text", severity="info", file="a.xlsx", line=row,
                  coordinates={"kind": "xlsx", "sheet": "表1", "cell": f"D{row}"}, message="m") for row in range(1, 6)]
    findings = [*report.findings, first_line, *cells, *report.findings, *cells]
    shown, encode = json_report._Shown(), json.JSONEncoder(ensure_ascii=False).encode
    assert [shown(f) for f in findings] == [encode(f.to_json()).encode() for f in findings]


def test_the_json_report_reads_the_same_on_every_kind_of_stream(report, tmp_path):
    """Its bytes go straight to a UTF-8 stream's buffer, after what the stream already held; a
    stream of another encoding, or of text only, is given text."""
    import io

    from perflint.reporters import write

    as_text = render(report, "json")
    path = tmp_path / "report.json"
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("before\n")
        write(report, "json", stream)
        stream.write("after\n")
    assert path.read_text(encoding="utf-8") == f"before\n{as_text}\nafter\n"
    other = io.BytesIO()
    wrapped = io.TextIOWrapper(other, encoding="gb18030")
    write(report, "json", wrapped)
    wrapped.flush()
    assert other.getvalue().decode("gb18030") == as_text + "\n"
    assert json.loads(as_text)["summary"]["findings"] == len(report.findings) > 0


@pytest.mark.parametrize("processes", [2, 3])
@pytest.mark.parametrize("on_disk", [False, True])
def test_a_json_report_written_in_parts_by_forked_processes_is_the_same(report, monkeypatch, processes, on_disk):
    """With processes to spare (-j N), a large report's later parts are written by forks of the
    writing process: the same bytes, from findings in memory or waiting on disk."""
    import io

    from perflint.reporters import json_report, write
    from perflint.spool import Allowance, Spool

    if not hasattr(os, "fork") or sys.platform != "linux":
        pytest.skip("reports are written in parts where a fork is safe (Linux)")
    whole = render(report, "json")
    monkeypatch.setattr(json_report, "SPLIT_AT", 20)        # the samples' few hundred findings, in parts
    findings = report.findings
    if on_disk:
        findings = Spool(Allowance(memory_mb=0, batch=50), chunk=40)
        for k in range(0, len(report.findings), 30):
            findings.extend(report.findings[k:k + 30])
        assert findings.finished() is findings and len(findings) == len(report.findings)
    split = dataclasses.replace(report, findings=findings)
    forks = []
    begin = json_report._Apart.begin.__func__
    monkeypatch.setattr(json_report._Apart, "begin", classmethod(
        lambda cls, *args: forks.append(args[1:]) or begin(cls, *args)))
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write(split, "json", stream, RenderOptions(processes=processes))
    assert stream.buffer.getvalue().decode("utf-8") == whole + "\n"
    assert len(forks) == processes - 1 and forks[-1][1] == len(report.findings)


def test_a_json_report_part_whose_process_fails_is_written_by_the_writer_itself(report, monkeypatch):
    import io

    from perflint.reporters import json_report, write

    if not hasattr(os, "fork") or sys.platform != "linux":
        pytest.skip("reports are written in parts where a fork is safe (Linux)")
    whole = render(report, "json")
    monkeypatch.setattr(json_report, "SPLIT_AT", 20)
    writer, real = os.getpid(), json_report._from

    def failing_in_a_fork(findings, start):
        if os.getpid() != writer:
            raise RuntimeError("a forked writer failing")
        return real(findings, start)

    monkeypatch.setattr(json_report, "_from", failing_in_a_fork)
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write(report, "json", stream, RenderOptions(processes=3))
    assert stream.buffer.getvalue().decode("utf-8") == whole + "\n"
    # and where no process can be forked at all
    monkeypatch.setattr(os, "fork", lambda: (_ for _ in ()).throw(OSError("no more processes")))
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write(report, "json", stream, RenderOptions(processes=2))
    assert stream.buffer.getvalue().decode("utf-8") == whole + "\n"


def test_a_json_report_that_cannot_be_written_leaves_no_process_behind(report, monkeypatch):
    import io

    from perflint.reporters import json_report, write

    if not hasattr(os, "fork") or sys.platform != "linux":
        pytest.skip("reports are written in parts where a fork is safe (Linux)")
    monkeypatch.setattr(json_report, "SPLIT_AT", 20)
    forked = []
    begin = json_report._Apart.begin.__func__

    def recorded(cls, *args):
        part = begin(cls, *args)
        forked.append(part.pid)
        return part

    monkeypatch.setattr(json_report._Apart, "begin", classmethod(recorded))

    class Full(io.BytesIO):
        def write(self, data):
            if self.tell() > 2000:
                raise OSError(28, "No space left on device")
            return super().write(data)

    with pytest.raises(OSError, match="No space"):
        write(report, "json", io.TextIOWrapper(Full(), encoding="utf-8"), RenderOptions(processes=3))
    assert len(forked) == 2
    for pid in forked:          # each waited for already: none left to wait for
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize("processes", [1, 3])
def test_json_lines_are_each_findings_json_whole_or_in_parts(report, monkeypatch, processes):
    import io

    from perflint.reporters import json_report, write

    monkeypatch.setattr(json_report, "SPLIT_AT", 20)        # (in parts where a fork is safe)
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write(report, "jsonl", stream, RenderOptions(processes=processes))
    expected = "".join(json.dumps(f.to_json(), ensure_ascii=False) + "\n" for f in report.findings)
    assert stream.buffer.getvalue().decode("utf-8") == expected and len(report.findings) > 100
    assert render(dataclasses.replace(report, findings=[]), "jsonl") == ""
