"""Layout ``office-grid``: the tables of Word, Excel and PDF files, read cell by cell.

The readers give every table row as cells in their real grid columns (a merged cell once, in
its first column and row), so unlike the text layouts this one can trust positions below the
heading row: 一级指标 | 二级指标 | 三级指标 | [绩效指标描述] | 指标值 | [指标值确定依据]; a blank
一级/二级 cell continues the block above (a vertical merge). Above the heading row, cells are
told apart by what they say, with the helpers the text layouts use: 项目名称 | … labels, amount
labels with their numbers beside or below them, goal labels, and a 资金支出计划 row whose
quarter columns (3月底 …) hold the shares on the row below.

A form is its own template: the header labels printed in a document's tables are the fields
the required-field rule expects to be filled.
"""
from __future__ import annotations

import re

from .. import taxonomy
from ..model import Document, Goal, Loc, Paragraph, Problem, Project, Schedule, Slot
from ..readers import Source
from ..values import parse_value
from . import Layout, tsv_coded
from .common import (
    TEXT_FIELDS,
    AmountScanner,
    RawRow,
    TierCursor,
    cells_of,
    detect_budget_year,
    detect_unit,
    filled,
    finish_project,
    is_indicator_header,
    is_tab_name_row,
    match_goal,
    ordered_amounts,
    scan_text_fields,
    squash,
    take_name,
)

FORMATS = ("docx", "xlsx", "pdf")
_QUARTER = re.compile(r"^\d{1,2}月(?:底|末)$")
#: What a column holds, by its heading. A heading may carry a note ("指标值（包含数字及文字描述）"),
#: so headings are matched by prefix, the first that matches deciding: a longer prefix is listed
#: before a shorter one it begins with. The 2021 central template splits the value over
#: 指标性质 (≥/≤/=/定性) | 指标值 | 度量单位.
_ROLES = (("一级", "tier1"), ("二级", "tier2"), ("三级", "name"), ("指标名称", "name"),
          ("绩效指标描述", "description"), ("指标内容", "description"), ("指标解释", "description"),
          ("指标说明", "description"), ("指标值确定依据", "basis"), ("指标值", "value"),
          ("年度指标值", "value"), ("目标值", "value"), ("年度目标值", "value"),
          ("指标性质", "comparator"), ("指标方向", "comparator"), ("度量单位", "unit"), ("计量单位", "unit"))


def _role(heading: str) -> str | None:
    """What a column under this heading holds."""
    return next((role for prefix, role in _ROLES if heading.startswith(prefix)), None)


_COMPARATORS = {"≥": "≥", ">=": "≥", "大于等于": "≥", "不低于": "≥", "≤": "≤", "<=": "≤", "小于等于": "≤",
                "不高于": "≤", "＝": "=", "=": "=", "等于": "=", ">": ">", "大于": ">", "<": "<", "小于": "<"}
_OTHER_GOALS = ("绩效目标", "资金用途")      # goal cells some forms label this way


def sniff(source: Source) -> float:
    names = sum(1 for line in source.lines if is_tab_name_row(line))
    headers = sum(1 for line in source.lines if "一级" in line and is_indicator_header(filled(cells_of(line))))
    if not names or not headers:
        return 0.0
    return min(1.0, 0.7 + headers / 100)


def build(source: Source) -> Document:
    lines = source.lines
    rows = source.cells if source.cells is not None else [line.split("\t") for line in lines]
    doc = Document(source.path, layout="office-grid", budget_year=source.budget_year or detect_budget_year(lines),
                   unit=detect_unit("\n".join(lines)))
    spans = tsv_coded.table_spans(lines, is_tab_name_row)
    inside = set()
    for first, start, end in spans:
        title, title_line, unit = tsv_coded.caption_of(lines, first, start)
        project = read_table(source.path, rows, start, end, doc.budget_year)
        project.title, project.unit = title, unit or doc.unit
        project.title_loc = Loc(source.path, title_line) if title_line else None
        if title and "总表" in title:
            project.kind = "summary"
        doc.projects.append(project)
        inside.update(range(first, end))     # the caption block belongs to its table
    doc.paragraphs = [Paragraph(line.strip(), Loc(source.path, i + 1))
                      for i, line in enumerate(lines) if i not in inside and line.strip()]
    doc.template_fields, doc.required_amounts = _template(doc.projects)
    return doc


def _template(projects: list[Project]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The header fields and amounts the document's forms print (every table shares them)."""
    fields = {name for p in projects for name in p.fields}
    amounts = {name for p in projects for name, a in p.amounts.items() if not a.derived}
    required = tuple(n for n in ("项目总额", "年度资金总额") if n in amounts)
    if not required and "本级资金" in amounts:
        required = ("本级资金",)
    return tuple(n for n in TEXT_FIELDS if n in fields), required


def read_table(path: str, rows: list[list[str]], start: int, end: int, year: int | None) -> Project:
    heading = next((i for i in range(start, end) if is_indicator_header(_clean_pairs(rows[i]))), None)
    if heading is None:      # no column headings: read it like a text export, by what cells say
        return tsv_coded.read_table(path, ["\t".join(" ".join(c.split()) for c in r) for r in rows],
                                    start, end, year)
    project = Project(name="", loc=Loc(path, start + 1), end_line=end)
    _read_header(project, path, rows, start, heading)
    take_name(project)
    roles: dict[str, int] = {}
    for col, text in enumerate(_clean(rows[heading])):
        role = _role(squash(text))
        if role and role not in roles:
            roles[role] = col
    indicator_rows, slots = _read_indicators(project, path, rows, heading + 1, end, roles)
    finish_project(project, indicator_rows, year, slots)
    return project


def _clean(cells: list[str]) -> list[str]:
    return [c.strip() for c in cells]


def _read_header(project: Project, path: str, rows: list[list[str]], start: int, end: int) -> None:
    scanner = AmountScanner(path)
    i = start
    while i < end:
        cells = list(enumerate(_clean(rows[i])))
        content = filled(cells)
        loc = Loc(path, i + 1)
        i += 1
        if not content:
            continue
        col, label = content[0]
        key = squash(label)
        if key.startswith("资金支出计划"):
            quarters = [(c, squash(t)) for c, t in content[1:] if _QUARTER.match(squash(t))]
            below = dict(enumerate(_clean(rows[i]))) if i < end and quarters and _is_share_row(rows[i]) else {}
            if below:
                i += 1
            # with a row of shares under the quarters, a blank cell is a blank share; without
            # one the shares are missing altogether
            values = tuple(parse_value(below.get(c, "")) if below else None for c, _ in quarters)
            locs = tuple(Loc(path, i, c) for c, _ in quarters)   # the value row, or the label row
            project.schedule = Schedule(tuple(q for _, q in quarters), values, locs, loc)
            continue
        goal = match_goal(label) or ((key, "") if key in _OTHER_GOALS else None)
        if goal:
            name, text = goal
            text = text or "\n".join(t for _, t in content[1:])
            at = Loc(path, loc.line, content[1][0] if len(content) > 1 else col)
            project.goals.append(Goal(name, text, at))
            continue
        scan_text_fields(project, cells, loc)
        scanner.row(cells, i)
    project.amounts = ordered_amounts(scanner.amounts)


def _is_share_row(cells: list[str]) -> bool:
    """The row under a 资金支出计划 row: its label cell merged (blank), shares or blanks after."""
    content = _clean_pairs(cells)
    return not content or (content[0][0] > 0 and not match_goal(content[0][1]))


def _clean_pairs(cells: list[str]) -> list[tuple[int, str]]:
    return filled(list(enumerate(_clean(cells))))


def _read_indicators(project: Project, path: str, rows: list[list[str]], start: int, end: int,
                     roles: dict[str, int]) -> tuple[list[RawRow], list[Slot]]:
    out: list[RawRow] = []
    slots: list[Slot] = []
    cursor = TierCursor()

    def cell(cells: list[str], role: str) -> str:
        col = roles.get(role)
        return cells[col].strip() if col is not None and col < len(cells) else ""

    for i in range(start, end):
        cells = rows[i]
        content = _clean_pairs(cells)
        if not content:
            continue
        if is_indicator_header(content):      # the heading repeated on a new page
            continue
        t1, t2, name, value = (cell(cells, r) for r in ("tier1", "tier2", "name", "value"))
        if t1 and not taxonomy.tier1_of(t1) and not (t2 or name or value):
            project.problems.append(Problem(
                "structure", "unplaced-row",
                f"这一行不在任何一级指标之下，无法归入指标表：“{' '.join(t for _, t in content)}”",
                Loc(path, i + 1, content[0][0]), " ".join(t for _, t in content)))
            continue
        if not (t1 or t2 or name or value):
            continue        # only cells outside the indicator columns (a merged side label)
        # a 二级 cell is taken as written, even a wrong word there: the tier rules report it
        cursor.see(t1 if taxonomy.tier1_of(t1) else None, t2 or None)
        if cursor.tier1_label is None and cursor.tier2_label is None:
            project.problems.append(Problem(
                "structure", "unplaced-row",
                f"这一行不在任何一级指标之下，无法归入指标表：“{' '.join(t for _, t in content)}”",
                Loc(path, i + 1, content[0][0]), " ".join(t for _, t in content)))
            continue
        if not name and not value:
            if t2 and taxonomy.tier2_of(t2):
                slots.append(Slot(taxonomy.parent_of(taxonomy.tier2_of(t2)), taxonomy.tier2_of(t2), t2,
                                  Loc(path, i + 1, roles.get("tier2"))))
            continue
        value = _whole_value(value, cell(cells, "comparator"), cell(cells, "unit"))
        out.append(cursor.row(name, value, Loc(path, i + 1, roles.get("name")),
                              description=cell(cells, "description") or None,
                              basis=cell(cells, "basis") or None,
                              value_loc=Loc(path, i + 1, roles.get("value"))))
    return out, slots


parts = tsv_coded.table_parts(is_tab_name_row)


def _whole_value(value: str, comparator: str, unit: str) -> str:
    """The 指标值 as one text when the form splits it over 指标性质 | 指标值 | 度量单位 columns:
    ≥ | 95 | % → ≥95%. 定性 and other words in the 指标性质 column add nothing."""
    if not value:
        return value
    sign = _COMPARATORS.get(squash(comparator), "")
    if sign and value[0] in "≥≤><=＝":
        sign = ""
    if unit and not value.endswith(unit):
        value += unit
    return sign + value


LAYOUT = Layout("office-grid", "Word、Excel、PDF 中的表格：按单元格所在列读取指标表（标准绩效目标表样式）",
                FORMATS, sniff, build, parts)
