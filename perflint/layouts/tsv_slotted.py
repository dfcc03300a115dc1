"""Layout ``tsv-slotted``: tab-separated rows from a template whose indicator cells are
numbered slots ("指标1: 名称", "指标2:"), groups closed by "....." rows.

Seen in 永宁县 2024 (sample ``yongning-2024-employment.txt``). What the reader survives:

* "指标1:" prefixes are template slot numbers, not part of the name; an empty slot
  ("指标2:") is kept as an unfilled slot, not an indicator;
* columns shift left and right from row to row, so cells are told apart by content;
* 二级 labels broken by spaces ("可持 续影 响指 标") or over two rows ("服务对象" / "满意度指标");
* a group whose 二级 label is missing or replaced by a 一级 name (“产出 指标” where
  “时效指标” belongs): each "指标1:" starts a new group, and a group without its own label
  takes the one 二级 that fits between its neighbours in template order;
* the first table is a 总表 (summary) of the others; its caption says so.
"""
from __future__ import annotations

import re

from .. import taxonomy
from ..model import Document, Goal, Loc, Problem, Project, Slot
from ..readers import Source
from . import Layout
from .captions import caption_of, table_parts, table_spans
from .common import (
    AmountScanner,
    RawRow,
    detect_budget_year,
    detect_unit,
    finish_project,
    is_indicator_header,
    is_tab_name_row,
    line_cells,
    match_goal,
    ordered_amounts,
    scan_text_fields,
    take_name,
)

_SLOT = re.compile(r"^\s*指标\s*(\d+)\s*[:：]\s*")
_FILLER = re.compile(r"^[.．。…·]{3,}$")

TEMPLATE_FIELDS = ("项目名称", "主管部门", "实施单位", "项目属性", "项目期")


def sniff(source: Source) -> float:
    slots = sum(1 for line in source.lines if "指标" in line and "\t" in line and (":" in line or "：" in line)
                and any(_SLOT.match(cell) for cell in line.split("\t")))
    names = sum(1 for line in source.lines if "\t" in line and is_tab_name_row(line))
    if not slots or not names:
        return 0.0
    return min(1.0, 0.5 + slots / (40 * names))


def build(source: Source) -> Document:
    lines = source.lines
    doc = Document(source.path, layout="tsv-slotted", budget_year=source.budget_year or detect_budget_year(lines),
                   unit=detect_unit("\n".join(lines)), template_fields=TEMPLATE_FIELDS,
                   required_amounts=("本级资金",))     # the template's 含本级 column
    for first, start, end in table_spans(lines, is_tab_name_row):
        title, title_line, unit = caption_of(lines, first, start)
        project = read_table(source.path, lines, start, end, doc.budget_year)
        project.title = title
        project.title_loc = Loc(source.path, title_line) if title_line else None
        project.unit = project.unit or unit or doc.unit
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
    tier1_label = tier2_label = None
    group = 0
    for i in range(start, end):
        cells, content = line_cells(lines[i])
        if not content:
            continue
        loc = Loc(path, i + 1)
        if not in_body:
            if is_indicator_header(content):
                in_body = True
                continue
            goals = [(g, (c, t)) for c, t in content if (g := match_goal(t))]
            if goals:
                for (label, text), _ in goals:
                    project.goals.append(Goal(label, text, loc))
                continue
            project.unit = project.unit or detect_unit(" ".join(t for _, t in content))
            scan_text_fields(project, cells, loc)
            scanner.row(cells, i + 1)
            continue
        if _FILLER.match(content[0][1]):
            continue
        t1 = t2 = None
        slot_at = slot_no = None
        for k, (_, text) in enumerate(content):
            if taxonomy.is_header_word(text):
                continue
            m = _SLOT.match(text)
            if m and slot_at is None:
                slot_at, slot_no = k, int(m.group(1))
            elif slot_at is None and t1 is None and taxonomy.tier1_of(text):
                t1 = text
            elif slot_at is None and t2 is None and taxonomy.tier2_of(text):
                t2 = text
        if slot_at is None:
            if t1 or t2:
                continue   # a label on its own row (a label split over two rows)
            project.problems.append(Problem(
                "structure", "unplaced-row",
                f"这一行不属于任何指标栏位，无法归入指标表：“{' '.join(t for _, t in content)}”",
                loc, lines[i].strip(),
                f"This row belongs to no indicator slot and cannot be placed in the indicator table: "
                f"“{' '.join(t for _, t in content)}”"))
            continue
        current_tier1 = (taxonomy.tier1_of(tier1_label)
                         or taxonomy.parent_of(taxonomy.tier2_of(tier2_label)))
        same_tier1 = t1 is not None and taxonomy.tier1_of(t1) == current_tier1
        if t1 and not same_tier1:
            tier1_label, tier2_label = t1, None
        if slot_no == 1:
            group += 1
            # A 一级 name repeated where the 二级 label belongs is kept as that group's label
            # (tier rules report it); the group's real 二级 is then inferred.
            tier2_label = t2 or (t1 if same_tier1 else None)
        elif t2 and taxonomy.tier2_of(t2) != taxonomy.tier2_of(tier2_label):
            group += 1
            tier2_label = t2
        name = _SLOT.sub("", content[slot_at][1]).strip()
        rest = [t for _, t in content[slot_at + 1:] if not taxonomy.is_header_word(t)]
        value = rest[0] if rest else ""
        if not name and not value:
            tier2 = taxonomy.tier2_of(tier2_label)
            slots.append(Slot(taxonomy.parent_of(tier2) or taxonomy.tier1_of(tier1_label), tier2,
                              content[slot_at][1].strip(), loc))
            continue
        rows.append(RawRow(name, value, loc, group, tier1_label, tier2_label))
    take_name(project)
    project.amounts = ordered_amounts(scanner.amounts)
    finish_project(project, rows, year, slots)
    return project


parts = table_parts(is_tab_name_row)


LAYOUT = Layout("tsv-slotted", "制表符分隔；指标以“指标1:”“指标2:”编号栏位填写（永宁县 2024 年样式）",
                ("txt",), sniff, build, parts)
