"""Layout ``tab-cells``: one cell per line, each cell prefixed by a tab; rows separated by blank
lines; tables titled "N.XXX绩效目标表".

Seen in 魏县 2021 (sample ``weixian-rsj-2021.txt``). What the reader survives:

* six indicator columns (一级, 二级, 三级, 绩效指标描述, 指标值, 指标值确定依据); the 一级 cell
  is empty on continuation rows; a blank line may fall inside a row, so cells are counted,
  not rows;
* a cell continued on lines without the leading tab (numbered goal paragraphs);
* a 预算数 / 财政资金 / 其他资金 header, an unlabelled 资金用途 cell, and a 资金支出计划 with
  blank quarters;
* a narrative part (部门整体绩效目标) before the tables, with Word field codes
  ("TC … \\f A \\l 1") leaked into headings — kept as paragraphs for the text rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import taxonomy
from ..model import Amount, Document, Goal, Loc, Paragraph, Problem, Project, Schedule
from ..values import parse_value
from . import Layout
from .common import (
    RawRow,
    TierCursor,
    detect_budget_year,
    detect_unit,
    finish_project,
    ordered_amounts,
    parse_money,
    set_text_field,
    squash,
    take_name,
)

_TITLE = re.compile(r"^\s*\d+\s*[.．、]\s*\S.*绩效目标表")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_QUARTER = re.compile(r"^\d{1,2}\s*月\s*(?:底|末)$")
_COLUMNS = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")

TEMPLATE_FIELDS = ("项目名称", "项目编码")


@dataclass
class _Cell:
    text: str
    line: int


def sniff(source) -> float:
    tab_led = sum(1 for line in source.lines if line.startswith("\t"))
    headers = sum(1 for line in source.lines if "依据" in line and squash(line) == "指标值确定依据")
    if tab_led < len(source.lines) / 5 or not headers:
        return 0.0
    return min(1.0, 0.6 + headers / 100)


def build(source) -> Document:
    lines = source.lines
    doc = Document(source.path, layout="tab-cells", budget_year=source.budget_year or detect_budget_year(lines),
                   unit=detect_unit("\n".join(lines)), template_fields=TEMPLATE_FIELDS,
                   required_amounts=("年度资金总额",))      # 预算数
    titles = [i for i, line in enumerate(lines) if not line.startswith("\t") and _TITLE.match(line)]
    first = titles[0] if titles else len(lines)
    doc.paragraphs = [Paragraph(line.strip(), Loc(source.path, i + 1))
                      for i, line in enumerate(lines[:first]) if line.strip()]
    for k, start in enumerate(titles):
        end = titles[k + 1] if k + 1 < len(titles) else len(lines)
        doc.projects.append(read_table(source.path, lines, start, end, doc))
    return doc


def _cells(lines: list[str], start: int, end: int) -> list[_Cell]:
    """Cells of one table: a tab starts a cell; an untabbed line continues the last one."""
    cells: list[_Cell] = []
    for i in range(start + 1, end):
        line = lines[i]
        if line.startswith("\t"):
            cells.append(_Cell(line[1:].strip(), i + 1))
        elif line.strip() and cells and not (_PAGE_NUMBER.match(line) and i >= end - 3):
            cells[-1].text = (cells[-1].text + "\n" + line.strip()).strip()
    return cells


def read_table(path: str, lines: list[str], start: int, end: int, doc: Document) -> Project:
    title = lines[start].strip()
    project = Project(name="", loc=Loc(path, start + 1), title=title, title_loc=Loc(path, start + 1),
                      end_line=end)
    cells = _cells(lines, start, end)
    k = 0

    def take() -> _Cell | None:
        nonlocal k
        if k < len(cells):
            k += 1
            return cells[k - 1]
        return None

    header_at = next((j for j in range(len(cells) - 5) if "一级" in cells[j].text
                      and tuple(squash(c.text) for c in cells[j:j + 6]) == _COLUMNS), None)
    limit = header_at if header_at is not None else len(cells)
    while k < limit:
        cell = take()
        key = squash(cell.text)
        loc = Loc(path, cell.line)
        if key.startswith("单位") and detect_unit(cell.text):
            project.unit = detect_unit(cell.text)
        elif key in ("项目编码", "项目名称"):
            value = take()
            set_text_field(project, key, value.text if value else "", loc)
        elif key in ("预算数", "其中:财政资金", "财政资金", "其他资金"):
            name = {"预算数": "年度资金总额", "其他资金": "其他资金"}.get(key, "财政拨款")
            value = take()
            project.amounts[name] = Amount(parse_money(value.text) if value else None,
                                           value.text if value else "", Loc(path, value.line) if value else loc)
        elif key.startswith("资金支出计划"):
            project.schedule, k = _schedule(path, cells, k, limit, loc)
        elif key == "绩效目标":
            texts = []
            while k < limit:
                texts.append(take())
            if texts:
                project.goals.append(Goal("绩效目标", "\n".join(c.text for c in texts if c.text),
                                          Loc(path, texts[0].line)))
        elif key == "" and k < limit and cells[k].text and not _is_label(cells[k].text):
            purpose = take()
            project.goals.append(Goal("资金用途", purpose.text, Loc(path, purpose.line)))
        elif cell.text and k == 1 and not _is_label(cell.text):
            set_text_field(project, "预算单位", cell.text, loc)
    take_name(project)
    project.unit = project.unit or doc.unit
    project.amounts = ordered_amounts(project.amounts)
    rows = _indicator_rows(path, project, cells[header_at + 6:] if header_at is not None else [])
    finish_project(project, rows, doc.budget_year)
    return project


def _is_label(text: str) -> bool:
    key = squash(text)
    return key in ("项目编码", "项目名称", "预算数", "绩效目标", "一级指标") or key.startswith("资金支出计划")


def _schedule(path: str, cells: list[_Cell], k: int, limit: int, loc: Loc) -> tuple[Schedule, int]:
    """The spending plan starting at cell ``k``, and the index of the cell after it."""
    columns = []
    while k < limit and _QUARTER.match(squash(cells[k].text)):
        columns.append(squash(cells[k].text))
        k += 1
    if k < limit and not cells[k].text:   # the row's empty label cell
        k += 1
    values, locs = [], []
    while k < limit and squash(cells[k].text) != "绩效目标" and len(values) < len(columns):
        values.append(parse_value(cells[k].text))
        locs.append(Loc(path, cells[k].line))
        k += 1
    missing = len(columns) - len(values)
    schedule = Schedule(tuple(columns), tuple(values) + (None,) * missing,
                        tuple(locs) + (loc,) * missing, loc)
    return schedule, k


def _indicator_rows(path: str, project: Project, cells: list[_Cell]) -> list[RawRow]:
    rows: list[RawRow] = []
    cursor = TierCursor()
    k = 0
    while k < len(cells):
        first = cells[k]
        if first.text and not taxonomy.tier1_of(first.text):
            project.problems.append(Problem(
                "structure", "unplaced-row",
                f"指标表第一列应为一级指标或空白，这里是“{first.text}”，该单元格无法归位",
                Loc(path, first.line), first.text,
                f"The indicator table's first column should hold a first-level tier or nothing; here it holds "
                f"“{first.text}”, a cell that cannot be placed"))
            k += 1
            continue
        row = cells[k:k + 6]
        if len(row) < 6:
            project.problems.append(Problem(
                "structure", "unplaced-row",
                f"指标表末尾的单元格不足一行（{len(row)}/6）：“{' '.join(c.text for c in row)}”",
                Loc(path, first.line), " ".join(c.text for c in row),
                f"The cells at the end of the indicator table fall short of a row ({len(row)}/6): "
                f"“{' '.join(c.text for c in row)}”"))
            break
        t1, t2, name, description, value, basis = (c.text for c in row)
        cursor.see(t1, t2)
        rows.append(cursor.row(name, value, Loc(path, row[2].line), description=description or None,
                               basis=basis or None, value_loc=Loc(path, row[4].line)))
        k += 6
    return rows


def parts(lines: list[str]) -> list[int]:
    """Each table, from its "N.XXX绩效目标表" title on, is a part of its own."""
    return [i for i, line in enumerate(lines) if not line.startswith("\t") and _TITLE.match(line)]


LAYOUT = Layout("tab-cells", "每行一个单元格、以制表符开头；六列指标表与资金支出计划（魏县 2021 年样式）",
                ("txt",), sniff, build, parts)
