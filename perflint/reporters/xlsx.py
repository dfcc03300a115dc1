"""An Excel workbook for auditors: an issue list (one row per finding, autofilter, frozen header,
an empty 整改情况 column for the auditee to fill in) and a summary sheet. Every piece of document
text is written as a string — never turned into a formula, a number or a link."""
from __future__ import annotations

from ..i18n import where, words

ESCAPES_CONTROLS = True      # document text may carry terminal escapes: shown, never acted on
FORMATS = ("xlsx",)
MACHINE_READABLE = True
BINARY = True          # written to a file (-o), not to a terminal

#: column → width; the headings come from the report's words (i18n), 整改情况 left for the auditee.
COLUMNS = (("file", 28), ("department", 22), ("unit", 22), ("project", 30), ("location", 22), ("rule", 8),
           ("name", 26), ("category", 12), ("severity", 6), ("finding", 60), ("text-col", 40), ("fix", 40),
           ("remediation", 30))


def write_file(report, options, path: str) -> None:
    import xlsxwriter

    w = words(options.lang)
    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False,
                                      "strings_to_numbers": False})
    head = book.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    issues = book.add_worksheet(w["xlsx-issues"])
    for col, (key, width) in enumerate(COLUMNS):
        issues.set_column(col, col, width)
        issues.write_string(0, col, w["xlsx-" + key], head)
    for row, f in enumerate(report.findings, 1):
        department, unit = report.units_of(f)
        cells = (f.file, department or "", unit or "", f.project or "", where(f, w),
                 f.code, f.name, w["category-" + f.category], w[f.severity], f.message, f.text or "",
                 f.hint or "", "")
        for col, value in enumerate(cells):
            issues.write_string(row, col, value, wrap)
    issues.freeze_panes(1, 0)
    issues.autofilter(0, 0, max(len(report.findings), 1), len(COLUMNS) - 1)
    _print_setup(issues)

    summary = book.add_worksheet(w["xlsx-summary"])
    summary.set_column(0, 0, 24)
    summary.set_column(1, 4, 12)
    summary.write_string(0, 0, w["summary"].format(**report.summary), head)
    summary.write_row(2, 0, [w["xlsx-category"], w["error"], w["warning"], w["info"], w["xlsx-total"]], head)
    counts: dict[str, dict[str, int]] = {}
    for f in report.findings:
        by = counts.setdefault(f.category, {})
        by[f.severity] = by.get(f.severity, 0) + 1
    for row, (category, by) in enumerate(sorted(counts.items()), 3):
        summary.write_string(row, 0, w["category-" + category])
        for col, level in enumerate(("error", "warning", "info"), 1):
            summary.write_number(row, col, by.get(level, 0))
        summary.write_number(row, 4, sum(by.values()))
    start = len(counts) + 5
    summary.write_row(start, 0, [w["xlsx-file"], w["xlsx-tables"], w["xlsx-findings"]], head)
    per_file: dict[str, int] = {}
    for f in report.findings:
        per_file[f.file] = per_file.get(f.file, 0) + 1
    for row, fr in enumerate(report.files, start + 1):
        summary.write_string(row, 0, fr.path)
        summary.write_number(row, 1, fr.projects)
        summary.write_number(row, 2, per_file.get(fr.path, 0))
    _print_setup(summary, repeat=False)
    # the batch view by department and by unit: a sheet each, whose tables need the most work first
    from .batch import LEVELS, rows

    for level in LEVELS:
        headings, body = rows(report, level, options.lang)
        sheet = book.add_worksheet(w["group-title"].format(level=headings[0]).rstrip("：:"))
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, len(headings) - 2, 9)
        sheet.set_column(len(headings) - 1, len(headings) - 1, 40)
        sheet.write_row(0, 0, headings, head)
        for r, values in enumerate(body, 1):
            for c, value in enumerate(values):
                if isinstance(value, int):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, value)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(body), 1), len(headings) - 1)
        _print_setup(sheet)
    book.close()


def _print_setup(sheet, repeat: bool = True) -> None:
    """Printable as auditors print: landscape A4, fit to the page width, the heading row on
    every page."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    if repeat:
        sheet.repeat_rows(0)


def render(report, options) -> str:
    raise ValueError(words(options.lang)["xlsx-needs-output"])
