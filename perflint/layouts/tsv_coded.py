"""Layout ``tsv-coded``: tab-separated rows; every indicator row starts with a coded 一级
("1-产出指标", "2-效益指标", "3-满意度指标").

Seen in 宁夏人社厅 2022 (sample ``ningxia-rst-2022.txt``). What the reader survives:

* cells drift between columns: a 二级 label in the 三级 column ("⇥⇥12-质量指标⇥零就业家庭帮扶率"),
  a name in the 二级 column — so cells are told apart by what they say, not where they stand;
* the header holds two amount blocks side by side (本级 | 转移), values sometimes under their
  labels on the next line;
* page breaks repeat the 一级 code, and a merged 成本指标 cell may print its label mid-group;
* ``<p>`` markup in goal texts (kept as written; text rules report it);
* tables with the same 项目名称 more than once (each read as its own project).

The generic text reading (``text-grid``: the text cut into a grid and read by the form
interpreter) reads this sample exactly the same way (``tests/test_samples.py`` holds it to that);
this layout stays as the fast path for the export, three times quicker on it.
"""
from __future__ import annotations

import functools
import re

from .. import taxonomy
from ..model import Document, Goal, Loc, Problem, Project, Slot
from ..readers import Source
from . import Layout
from .captions import caption_of, table_parts, table_spans
from .common import (
    AmountScanner,
    RawRow,
    TierCursor,
    detect_budget_year,
    detect_unit,
    finish_project,
    is_indicator_header,
    is_tab_name_row,
    line_cells,
    match_goal,
    ordered_amounts,
    regroup_centred_cost_label,
    scan_text_fields,
    take_name,
)

_CODED_TIER1 = re.compile(r"^\s*[1-4]\s*[-－]\s*(?:产出|效益|满意度|成本)指标\s*\t")

TEMPLATE_FIELDS = ("项目名称", "主管部门", "实施单位", "项目属性", "项目期")
REQUIRED_AMOUNTS = ("项目总额", "年度资金总额")


def sniff(source: Source) -> float:
    coded = sum(1 for line in source.lines if _CODED_TIER1.match(line))
    names = sum(1 for line in source.lines if "\t" in line and is_tab_name_row(line))
    if not coded or not names:
        return 0.0
    return min(1.0, 0.6 + coded / (40 * names))


def build(source: Source) -> Document:
    lines = source.lines
    doc = Document(source.path, layout="tsv-coded", budget_year=source.budget_year or detect_budget_year(lines),
                   unit=detect_unit("\n".join(lines)), template_fields=TEMPLATE_FIELDS,
                   required_amounts=REQUIRED_AMOUNTS)
    for first, start, end in table_spans(lines, is_tab_name_row):
        title, title_line, unit = caption_of(lines, first, start)
        project = read_table(source.path, lines, start, end, doc.budget_year)
        project.title, project.unit = title, unit or doc.unit
        project.title_loc = Loc(source.path, title_line) if title_line else None
        if title and "总表" in title:
            project.kind = "summary"
        doc.projects.append(project)
    return doc



def read_table(path: str, lines: list[str], start: int, end: int, year: int | None) -> Project:
    project = Project(name="", loc=Loc(path, start + 1), end_line=end)
    scanner = AmountScanner(path)
    rows: list[RawRow] = []
    slots: list[Slot] = []
    in_body = False
    goal_waiting: tuple[str, Loc] | None = None
    cursor = TierCursor()
    for i in range(start, end):
        cells, content = line_cells(lines[i])
        if not content:
            continue
        loc = Loc(path, i + 1)
        if not in_body:
            if is_indicator_header(content):
                in_body = True
                continue
            if not any(taxonomy.tier1_of(t) for _, t in content):
                goal = match_goal(content[0][1])
                if goal:
                    text = goal[1] or " ".join(t for _, t in content[1:])
                    if text:
                        project.goals.append(Goal(goal[0], text, loc))
                    else:
                        goal_waiting = (goal[0], loc)
                elif goal_waiting and len(content) == 1:
                    project.goals.append(Goal(goal_waiting[0], content[0][1], loc))
                    goal_waiting = None
                else:
                    scan_text_fields(project, cells, loc)
                    scanner.row(cells, i + 1)
                continue
            in_body = True
        t1, t2, others = _placed(lines[i])
        if t1 is None and t2 is None:
            project.problems.append(Problem(
                "structure", "unplaced-row",
                f"这一行不在任何一级指标之下，无法归入指标表：“{' '.join(t for _, t in content)}”",
                loc, lines[i].strip(),
                f"This row is under no first-level tier and cannot be placed in the indicator table: "
                f"“{' '.join(t for _, t in content)}”"))
            continue
        cursor.see(t1, t2)
        if not others:
            if t2:
                slots.append(Slot(taxonomy.parent_of(taxonomy.tier2_of(t2)), taxonomy.tier2_of(t2),
                                  t2, loc))
            continue
        name, value = others[0], others[-1] if len(others) > 1 else ""
        description = " ".join(others[1:-1]) or None
        rows.append(cursor.row(name, value, loc, description=description))
    take_name(project)
    project.amounts = ordered_amounts(scanner.amounts)
    regroup_centred_cost_label(rows)
    finish_project(project, rows, year, slots)
    return project


@functools.lru_cache(maxsize=4096)
def _placed(line: str) -> tuple[str | None, str | None, tuple[str, ...]]:
    """A body row's cells told apart by what they say: its 一级 label, its 二级 label, the rest
    (headings that leaked into the row left out). Rows copied from a template recur: each is
    told apart once."""
    t1 = t2 = None
    others: list[str] = []
    for _, text in line_cells(line)[1]:
        if taxonomy.is_header_word(text):
            continue
        if t1 is None and taxonomy.tier1_of(text):
            t1 = text
        elif t2 is None and taxonomy.tier2_of(text):
            t2 = text
        else:
            others.append(text)
    return t1, t2, tuple(others)


parts = table_parts(is_tab_name_row)


LAYOUT = Layout("tsv-coded", "制表符分隔；指标行以“1-产出指标”等带编码的一级指标开头（宁夏人社厅 2022 年样式）",
                ("txt",), sniff, build, parts)
