"""An Excel workbook for auditors: an issue list (one row per finding, autofilter, frozen header,
an empty 整改情况 column for the auditee to fill in) and a summary sheet. Every piece of document
text is written as a string — never turned into a formula, a number or a link."""
from __future__ import annotations

from ..i18n import words

FORMATS = ("xlsx",)
MACHINE_READABLE = True
BINARY = True          # written to a file (-o), not to a terminal

COLUMNS = (("文件", 28), ("项目", 30), ("位置", 10), ("规则", 8), ("名称", 26), ("类别", 12), ("级别", 6),
           ("问题", 60), ("原文", 40), ("修改建议", 40), ("整改情况", 30))
COLUMNS_EN = ("File", "Project", "Location", "Rule", "Name", "Category", "Severity", "Finding", "Text", "Fix",
              "Remediation")


def write_file(report, options, path: str) -> None:
    import xlsxwriter

    w = words(options.lang)
    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False,
                                      "strings_to_numbers": False})
    head = book.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    issues = book.add_worksheet("问题清单" if options.lang != "en" else "Findings")
    titles = COLUMNS_EN if options.lang == "en" else [c for c, _ in COLUMNS]
    for col, ((_, width), title) in enumerate(zip(COLUMNS, titles, strict=True)):
        issues.set_column(col, col, width)
        issues.write_string(0, col, title, head)
    for row, f in enumerate(report.findings, 1):
        cells = (f.file, f.project or "", f"第{f.line}行" if f.line and options.lang != "en" else str(f.line or ""),
                 f.code, f.name, f.category, w[f.severity], f.message, f.text or "", f.hint or "", "")
        for col, value in enumerate(cells):
            issues.write_string(row, col, value, wrap)
    issues.freeze_panes(1, 0)
    issues.autofilter(0, 0, max(len(report.findings), 1), len(COLUMNS) - 1)

    summary = book.add_worksheet("汇总" if options.lang != "en" else "Summary")
    summary.set_column(0, 0, 24)
    summary.set_column(1, 4, 12)
    s = report.summary
    summary.write_string(0, 0, w["summary"].format(**s), head)
    summary.write_row(2, 0, ["类别" if options.lang != "en" else "Category", w["error"], w["warning"], w["info"],
                             "合计" if options.lang != "en" else "Total"], head)
    counts: dict[str, dict[str, int]] = {}
    for f in report.findings:
        counts.setdefault(f.category, {}).setdefault(f.severity, 0)
        counts[f.category][f.severity] += 1
    for row, (category, by) in enumerate(sorted(counts.items()), 3):
        summary.write_string(row, 0, category)
        for col, level in enumerate(("error", "warning", "info"), 1):
            summary.write_number(row, col, by.get(level, 0))
        summary.write_number(row, 4, sum(by.values()))
    start = len(counts) + 5
    summary.write_row(start, 0, ["文件" if options.lang != "en" else "File", "表格数" if options.lang != "en" else "Tables",
                                 "问题数" if options.lang != "en" else "Findings"], head)
    per_file: dict[str, int] = {}
    for f in report.findings:
        per_file[f.file] = per_file.get(f.file, 0) + 1
    for row, fr in enumerate(report.files, start + 1):
        summary.write_string(row, 0, fr.path)
        summary.write_number(row, 1, fr.projects)
        summary.write_number(row, 2, per_file.get(fr.path, 0))
    book.close()


def render(report, options) -> str:
    raise ValueError("xlsx 格式需要用 -o 指定输出文件")
