"""The batch view by department: per 主管部门 or 实施单位, tables and findings by severity and
category, in the terminal, HTML and workbook reports; the workbook's columns and print setup."""
from __future__ import annotations

import openpyxl
from click.testing import CliRunner

import perflint
from perflint.cli import main

from conftest import SAMPLES

REALWORLD = SAMPLES.parent / "tests" / "data" / "realworld"


def test_each_table_and_finding_is_counted_once_under_its_department():
    report = perflint.check([str(SAMPLES), str(REALWORLD)], config={})
    for level in ("department", "unit"):
        rows = report.by_unit(level)
        assert sum(r["tables"] for r in rows) == report.summary["projects"]
        assert sum(r["findings"] for r in rows) == len(report.findings)
        assert all(sum(r["by_severity"].values()) == r["findings"] for r in rows)
    names = [r["name"] for r in report.by_unit("department")]
    # unit codes are taken off the names: “316001…”, “(433)…”, “… 308001”
    assert "乌海市供销合作社联合社(部门)" in names and "湘潭市城市管理和综合执法局" in names
    assert not any(n and n[:1].isdigit() for n in names)
    errors_first = [r["by_severity"]["error"] for r in report.by_unit("department")]
    assert errors_first == sorted(errors_first, reverse=True)


def test_the_terminal_and_html_reports_show_the_view_when_asked(tmp_path):
    out = CliRunner().invoke(main, ["check", str(SAMPLES), "--isolated", "--format", "concise",
                                    "--group-by", "unit"]).output
    assert "按实施单位统计：" in out and "永宁县就业创业和人才服务中心" in out
    assert "按实施单位统计" not in CliRunner().invoke(main, ["check", str(SAMPLES), "--isolated",
                                                        "--format", "concise"]).output
    CliRunner().invoke(main, ["check", str(SAMPLES), "--isolated", "--format", "html", "-o",
                              str(tmp_path / "r.html"), "--group-by", "department"])
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'id="batch"' in page and "自治区人力资源和社会保障厅" in page


def test_the_workbook_has_department_columns_batch_sheets_and_prints_landscape(tmp_path):
    target = tmp_path / "issues.xlsx"
    CliRunner().invoke(main, ["check", str(SAMPLES), "--isolated", "--format", "xlsx", "-o", str(target)])
    book = openpyxl.load_workbook(target)
    issues = book.worksheets[0]
    headings = [c.value for c in issues[1]]
    assert headings[:4] == ["文件", "主管部门", "实施单位", "项目"] and "类别" in headings
    departments = {row[1] for row in issues.iter_rows(min_row=2, values_only=True)}
    assert "自治区人力资源和社会保障厅" in departments
    categories = {row[headings.index("类别")] for row in issues.iter_rows(min_row=2, values_only=True)}
    assert "资金对不上" in categories and "funds" not in categories            # Chinese, not codes
    assert {"按主管部门统计", "按实施单位统计"} <= set(book.sheetnames)
    for sheet in (issues, book["按主管部门统计"]):
        assert sheet.page_setup.orientation == "landscape"
        # fit to one page wide (1 is OOXML's default width, left out), as many pages tall as it takes
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1)
        assert int(sheet.page_setup.fitToHeight) == 0
        assert sheet.print_title_rows == "$1:$1"
