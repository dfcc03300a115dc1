"""The batch view by department (not a format of its own): per 主管部门 or 实施单位, how many
tables and findings, by severity and by category, so a finance bureau sees whose tables need
the most work. The terminal and concise reports print it as a table after their summary, the
HTML report as a section and the workbook as a sheet (``--group-by department|unit``)."""
from __future__ import annotations

from ..cells import cells as cell_len
from ..engine import CATEGORIES
from ..i18n import words

LEVELS = ("department", "unit")


def rows(report, level: str, lang: str) -> tuple[list[str], list[list]]:
    """The view's headings and rows: name, tables, findings, error, warning, info, the main
    categories (the three with the most findings)."""
    w = words(lang)
    headings = [w[f"group-{level}"], w["xlsx-tables"], w["xlsx-findings"], w["error"], w["warning"], w["info"],
                w["group-categories"]]
    out = []
    for r in report.by_unit(level):
        top = [c for c in sorted(CATEGORIES, key=lambda c: -r["by_category"].get(c, 0)) if r["by_category"].get(c)][:3]
        out.append([r["name"] or w["group-none"], r["tables"], r["findings"], *r["by_severity"].values(),
                    w["comma"].join(f"{w['category-' + c]} {r['by_category'][c]}" for c in top)])
    return headings, out


def lines(report, level: str, lang: str) -> list[str]:
    """The view as aligned text (CJK characters are two cells wide)."""
    headings, body = rows(report, level, lang)
    table = [headings] + [[str(c) for c in r] for r in body]
    widths = [max(cell_len(r[k]) for r in table) for k in range(len(headings) - 1)]

    def line(r: list[str]) -> str:
        cells = [r[0] + " " * (widths[0] - cell_len(r[0]))]
        cells += [" " * (widths[k] - cell_len(r[k])) + r[k] for k in range(1, len(widths))]
        return "  ".join(cells + [r[-1]]).rstrip()

    return [words(lang)["group-title"].format(level=headings[0]), *map(line, table)]
