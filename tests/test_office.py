"""Word and Excel forms: the same tables give the same findings as their text exports, and every
finding points at the real cell."""
from __future__ import annotations

import collections
import io
import json

import docx
import openpyxl
import pytest
from office_forms import write_docx, write_xlsx

import perflint
from perflint.documents import extract_file

from conftest import SAMPLES

NAMES = sorted(p.stem for p in SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    """Each sample rendered as a .docx and an .xlsx form, and its text run to compare with."""
    out = tmp_path_factory.mktemp("forms")
    made = {}
    for name in NAMES:
        doc = extract_file(str(SAMPLES / f"{name}.txt"))
        write_docx(doc, out / f"{name}.docx")
        write_xlsx(doc, out / f"{name}.xlsx")
        made[name] = (perflint.check([str(SAMPLES / f"{name}.txt")]), out / f"{name}.docx", out / f"{name}.xlsx")
    return made


def _codes(report) -> collections.Counter:
    return collections.Counter((f.project, f.code) for f in report.findings)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_forms_give_the_same_findings_as_text(forms, name, suffix):
    text_run, docx_path, xlsx_path = forms[name]
    path = docx_path if suffix == "docx" else xlsx_path
    office_run = perflint.check([str(path)])
    assert office_run.files[0].layout == "office-grid"
    assert office_run.files[0].projects == text_run.files[0].projects
    assert _codes(office_run) == _codes(text_run)


@pytest.mark.parametrize("name", NAMES)
def test_docx_locators_name_the_table_row_and_column(forms, name):
    _, path, _ = forms[name]
    tables = docx.Document(str(path)).tables
    checked = 0
    for f in perflint.check([str(path)]).findings:
        where = f.locator
        assert where["kind"] == "docx"
        if f.indicator and f.text and where.get("column") == "指标值":
            row = tables[where["table"] - 1].rows[where["row"] - 1]
            headings = [c.text for c in tables[where["table"] - 1].rows[_heading_row(tables[where["table"] - 1])].cells]
            assert row.cells[headings.index("指标值")].text == f.text
            checked += 1
    assert checked > 0


def _heading_row(table) -> int:
    return next(i for i, row in enumerate(table.rows) if "一级指标" in [c.text for c in row.cells])


@pytest.mark.parametrize("name", NAMES)
def test_xlsx_locators_name_the_sheet_and_cell(forms, name):
    _, _, path = forms[name]
    book = openpyxl.load_workbook(str(path))
    checked = 0
    for f in perflint.check([str(path)]).findings:
        where = f.locator
        assert where["kind"] == "xlsx" and where["sheet"] in book.sheetnames
        if f.indicator and f.text:
            sheet = book[where["sheet"]]
            value = sheet[where["cell"]].value
            if f.text == value:
                checked += 1
            else:     # text made of several cells ("0 0"): all on the finding's row
                row = {str(c.value) for c in sheet[sheet[where["cell"]].row] if c.value is not None}
                assert f.text in row or set(f.text.split()) <= row, (f.text, row)
    assert checked > 0


def test_merged_cells_are_one_logical_cell(forms):
    """A 一级 merged down over its rows is read once, at the top; the rows below continue it."""
    _, path, _ = forms["ningxia-rst-2022"]
    doc = extract_file(str(path))
    first = doc.projects[0]
    tiers = [(i.tier1, i.tier2) for i in first.indicators]
    text = extract_file(str(SAMPLES / "ningxia-rst-2022.txt")).projects[0]
    assert tiers == [(i.tier1, i.tier2) for i in text.indicators]
    assert [i.value_text for i in first.indicators] == [i.value_text for i in text.indicators]
    # the merged block really is merged in the file: python-docx sees the same cell object
    table = docx.Document(str(path)).tables[0]
    heading = _heading_row(table)
    assert table.cell(heading + 1, 1)._tc is table.cell(heading + 2, 1)._tc


def test_fingerprints_do_not_depend_on_coordinates(tmp_path, monkeypatch):
    """Moving every form down (a table of notes put in front) changes locators, not fingerprints."""
    doc = extract_file(str(SAMPLES / "yongning-2024-employment.txt"))
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    write_docx(doc, tmp_path / "before" / "form.docx")
    moved = docx.Document(str(tmp_path / "before" / "form.docx"))
    note = moved.add_table(rows=1, cols=2)      # a table of notes put in front of every form
    note.cell(0, 0).text, note.cell(0, 1).text = "填报说明", "本表按要求编制。"
    moved.paragraphs[0]._p.addprevious(note._tbl)
    moved.save(str(tmp_path / "after" / "form.docx"))
    runs = {}
    for version in ("before", "after"):
        monkeypatch.chdir(tmp_path / version)
        runs[version] = perflint.check(["form.docx"]).findings
    assert len(runs["before"]) > 0
    assert [f.fingerprint for f in runs["before"]] == [f.fingerprint for f in runs["after"]]
    tables = [(a.locator.get("table"), b.locator.get("table")) for a, b in zip(runs["before"], runs["after"], strict=True)]
    assert all(after == before + 1 for before, after in tables if before is not None)
    assert any(before is not None for before, _ in tables)


def test_extract_output_has_locators(forms):
    _, path, _ = forms["weixian-rsj-2021"]
    data = json.loads(json.dumps(extract_file(str(path)).to_json(), ensure_ascii=False))
    project = data["projects"][0]
    assert project["locator"]["kind"] == "docx" and project["locator"]["column"] == "项目名称"
    indicator = project["indicators"][0]
    assert indicator["value_locator"]["column"] == "指标值"
    assert indicator["locator"]["column"] == "三级指标"


def test_xlsx_numbers_keep_the_sheets_precision(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    rows = [["项目名称", "培训项目"], ["年度资金总额", 120], ["财政拨款", 120.5],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["", "产出指标", "质量指标", "合格率", 0.9], ["", "", "数量指标", "培训人数", 60]]
    for row in rows:
        sheet.append(row)
    sheet["B2"].number_format = "0.00"
    sheet["E5"].number_format = "0%"
    book.save(str(tmp_path / "t.xlsx"))
    doc = extract_file(str(tmp_path / "t.xlsx"))
    project = doc.projects[0]
    assert project.amounts["年度资金总额"].text == "120.00"
    assert project.amounts["财政拨款"].text == "120.5"
    assert [(i.tier2, i.value_text) for i in project.indicators] == [("质量指标", "90%"), ("数量指标", "60")]
    assert doc.locate(project.indicators[0].value_loc) == {"kind": "xlsx", "sheet": "Sheet", "cell": "E5"}


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_corrupt_and_encrypted_office_files_are_input_findings(tmp_path, suffix):
    corrupt = tmp_path / f"broken.{suffix}"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    locked = tmp_path / f"locked.{suffix}"
    # an OOXML file with an open password is an OLE container holding an EncryptedPackage stream
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le"))
    report = perflint.check([str(corrupt), str(locked)])
    by_file = {f.file.rsplit("/", 1)[-1]: f for f in report.findings}
    assert by_file[f"broken.{suffix}"].category == "input" and "损坏" in by_file[f"broken.{suffix}"].message
    assert by_file[f"locked.{suffix}"].category == "input" and "密码" in by_file[f"locked.{suffix}"].message
    assert by_file[f"locked.{suffix}"].locator == {"kind": suffix}


def test_docx_text_around_tables_is_read(tmp_path):
    out = docx.Document()
    out.add_paragraph("附件1")
    out.add_paragraph("2024年项目支出绩效目标表")
    out.add_paragraph("单位：万元")
    table = out.add_table(rows=5, cols=5)
    for r, cells in enumerate([["项目名称", "培训项目", "", "", ""], ["年度资金总额", "50", "", "", ""],
                               ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
                               ["", "产出指标", "数量指标", "培训人数", "60人"],
                               ["", "", "", "培训天数", "3天"]]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 4))
    table.cell(3, 1).merge(table.cell(4, 1))
    table.cell(3, 2).merge(table.cell(4, 2))
    buffer = io.BytesIO()
    out.save(buffer)
    (tmp_path / "one.docx").write_bytes(buffer.getvalue())
    doc = extract_file(str(tmp_path / "one.docx"))
    project = doc.projects[0]
    assert (project.name, project.title, project.unit, doc.budget_year) == \
        ("培训项目", "2024年项目支出绩效目标表", "万元", 2024)
    assert [(i.tier1, i.tier2, i.name, i.value_text) for i in project.indicators] == \
        [("产出指标", "数量指标", "培训人数", "60人"), ("产出指标", "数量指标", "培训天数", "3天")]
    assert doc.locate(project.indicators[1].value_loc) == \
        {"kind": "docx", "table": 1, "row": 5, "column": "指标值"}


def test_text_reports_name_the_cell(forms):
    from click.testing import CliRunner

    from perflint.cli import main

    _, docx_path, xlsx_path = forms["yongning-2024-employment"]
    out = CliRunner().invoke(main, ["check", str(docx_path), str(xlsx_path), "--format", "concise"]).output
    assert f"{docx_path}:[表1 第15行 指标值]: PF402" in out
    assert f"{xlsx_path}:[工作表“表1” E" in out
    english = CliRunner().invoke(main, ["check", str(docx_path), "--format", "concise", "--lang", "en"]).output
    assert f"{docx_path}:[table 1, row 15, 指标值]: PF402" in english


def test_sarif_for_office_files_is_valid_and_names_the_cell(forms):
    import jsonschema
    from test_reports import SARIF_SCHEMA

    from perflint.reporters import render

    _, docx_path, xlsx_path = forms["ningxia-rst-2022"]
    data = json.loads(render(perflint.check([str(docx_path), str(xlsx_path)]), "sarif"))
    jsonschema.validate(data, SARIF_SCHEMA)
    results = data["runs"][0]["results"]
    kinds = {r["properties"]["locator"]["kind"] for r in results}
    assert kinds == {"docx", "xlsx"}
    assert any(r["locations"][0]["message"]["text"].startswith("表") for r in results)


def test_parallel_jobs_give_the_same_report(forms):
    from click.testing import CliRunner

    from perflint.cli import main

    _, docx_path, xlsx_path = forms["weixian-rsj-2021"]
    paths = [str(SAMPLES), str(docx_path), str(xlsx_path)]
    one = perflint.check(paths).to_json()
    two = perflint.check(paths, jobs=2).to_json()
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert one["summary"]["files"] == 6
    out = CliRunner().invoke(main, ["check", *paths, "-j", "2", "--format", "json", "--exit-zero"])
    assert json.loads(out.output)["summary"] == one["summary"]


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "jsonl", "html", "sarif", "junit", "github"])
def test_every_report_format_names_office_cells(forms, fmt):
    from perflint.reporters import RenderOptions, render

    _, docx_path, _ = forms["yongning-2024-employment"]
    text = render(perflint.check([str(docx_path)]), fmt, RenderOptions())
    assert "表1 第15行" in text or '"table": 1, "row": 15' in text or '"row":15' in text.replace(" ", "")


def test_value_split_over_nature_value_and_unit_columns(tmp_path):
    """The 2021 central template: 指标性质 | 指标值 | 度量单位 read as one 指标值."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["项目名称", "培训项目"], ["年度资金总额", "120"],
                ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
                ["产出指标", "数量指标", "培训人数", "≥", "60", "人"],
                ["", "质量指标", "合格率", "≥", "95", "%"],
                ["", "成本指标", "人均成本", "≤", "2000", "元"],
                ["满意度指标", "服务对象满意度指标", "学员满意度", "定性", "满意", ""]):
        sheet.append(row)
    book.save(str(tmp_path / "central.xlsx"))
    doc = extract_file(str(tmp_path / "central.xlsx"))
    values = [(i.name, i.value_text, i.value.comparator) for i in doc.projects[0].indicators]
    assert values == [("培训人数", "≥60人", ">="), ("合格率", "≥95%", ">="), ("人均成本", "≤2000元", "<="),
                      ("学员满意度", "满意", None)]
    assert doc.locate(doc.projects[0].indicators[1].value_loc) == {"kind": "xlsx", "sheet": "Sheet", "cell": "E5"}


def test_headings_with_notes_and_short_headings(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["项目名称", "培训项目"], ["年度资金总额", "120"],
                ["一级", "二级", "三级指标名称", "指标值（包含数字及文字描述）", "指标值确定依据"],
                ["产出指标", "数量指标", "培训人数", "≥60人", "年度计划"]):
        sheet.append(row)
    book.save(str(tmp_path / "notes.xlsx"))
    indicator = extract_file(str(tmp_path / "notes.xlsx")).projects[0].indicators[0]
    assert (indicator.tier2, indicator.name, indicator.value_text, indicator.basis) == \
        ("数量指标", "培训人数", "≥60人", "年度计划")


def test_reading_a_word_file_leaves_nothing_of_it_behind(forms):
    """python-docx links a package and its parts both ways; the reader undoes the loops, so the
    file's XML goes when it is read, not at the next full garbage collection (which perflint
    makes rare: a sweep of Word files grew by megabytes a file)."""
    import gc

    import docx.document
    import docx.opc.part

    gc.collect()
    gc.disable()
    try:
        extract_file(str(forms[NAMES[0]][1]))
        holding = [o for o in gc.get_objects()
                   if isinstance(o, (docx.opc.part.Part, docx.document.Document)) and o.__dict__]
    finally:
        gc.enable()
    assert holding == []
