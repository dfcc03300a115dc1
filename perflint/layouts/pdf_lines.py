"""Layout ``pdf-lines``: text extracted from a PDF, one cell (or a few) per line, no tabs.

Seen in 宁夏就业与创业服务局 2024 (sample ``ningxia-jycy-2024.txt``). What the reader survives:

* labels broken over lines ("1-产\\n出指\\n标", "其\\n中：\\n本级\\n资金", "年度\\n总体\\n绩效\\n目标");
* a name and its value on one line separated by spaces ("全区就业信息化培训班人数，天数 60 人，3 天");
* several indicator lines under one 二级 label;
* names and values continued on the next line ("…推动劳" / "务品牌…" / "长期";
  "培训费定额 450 元/人/天，课" / "酬 4000 元/天").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import taxonomy
from ..model import Document, Goal, Loc, Paragraph, Problem, Project
from ..readers import Source
from ..values import STRUCTURED_KINDS, parse_value
from . import Layout
from .captions import caption_of, table_parts, table_spans
from .common import (
    RawRow,
    TierCursor,
    detect_budget_year,
    detect_unit,
    finish_project,
    join_broken,
    ordered_amounts,
    scan_stream_header,
    squash,
    take_name,
)

TEMPLATE_FIELDS = ("项目名称", "主管部门", "实施单位", "项目属性", "项目期")

_TIER1_FULL = ("1-产出指标", "2-效益指标", "3-满意度指标", "4-成本指标")
_TIER1 = re.compile(r"^\s*[1-4]\s*[-－]\s*(?:产出|效益|满意度|成本)\s*指\s*标")
_TIER2 = re.compile(r"^\s*\d{2}\s*[-－]\s*(\S+?)(?=\s|$)")
_GOAL_WORDS = "年度总体绩效目标"
_DANGLING = re.compile(r"\d[^，,、；;]*[，,、；;]\s*([\u4e00-\u9fff]{1,2})\s*$")
#: Longest word-only cell taken as a value on its own line (持续提高, 验收合格, 提升创业氛围).
MAX_WORD_VALUE = 6


def sniff(source: Source) -> float:
    tabbed = sum(1 for line in source.lines if "\t" in line)
    coded = sum(1 for line in source.lines if _TIER2.match(line) and taxonomy.tier2_of(
        _TIER2.match(line).group(0)))
    names = sum(1 for line in source.lines if _is_name_row(line))
    if tabbed > len(source.lines) / 10 or not coded or not names:
        return 0.0
    return min(1.0, 0.5 + coded / (40 * names))


def _is_name_row(line: str) -> bool:
    return "称" in line and "\t" not in line and squash(line).startswith("项目名称")


def build(source: Source) -> Document:
    lines = source.lines
    doc = Document(source.path, layout="pdf-lines", budget_year=source.budget_year or detect_budget_year(lines),
                   unit=detect_unit("\n".join(lines)), template_fields=TEMPLATE_FIELDS,
                   required_amounts=("项目总额", "年度资金总额"))
    spans = table_spans(lines, _is_name_row)
    first_caption = spans[0][0] if spans else len(lines)
    doc.paragraphs = [Paragraph(line.strip(), Loc(source.path, i + 1))
                      for i, line in enumerate(lines[:first_caption]) if line.strip()]
    for first, start, end in spans:
        title, title_line, unit = caption_of(lines, first, start)
        project = read_table(source.path, lines, start, end, doc.budget_year)
        project.title, project.unit = title, unit or doc.unit
        project.title_loc = Loc(source.path, title_line) if title_line else None
        doc.projects.append(project)
    return doc


def read_table(path: str, lines: list[str], start: int, end: int, year: int | None) -> Project:
    project = Project(name="", loc=Loc(path, start + 1), end_line=end)
    numbered = [(i + 1, lines[i].strip()) for i in range(start, end) if lines[i].strip()]
    goal_at = _find_goal_label(numbered)
    header_at = next((k for k, (_, t) in enumerate(numbered)
                      if "三级指标" in squash(t) and ("绩效值" in t or "指标值" in t)), len(numbered))
    goal_end = header_at
    while goal_end > 0 and squash(numbered[goal_end - 1][1]) in ("一级", "指标", "一级指标"):
        goal_end -= 1
    head_end = goal_at[0] if goal_at else goal_end
    scan_stream_header(project, numbered[:head_end], path)
    if goal_at:
        text_lines = numbered[goal_at[1]:goal_end]
        if text_lines:
            project.goals.append(Goal("年度总体绩效目标", join_broken([t for _, t in text_lines]),
                                      Loc(path, text_lines[0][0])))
    take_name(project)
    project.amounts = ordered_amounts(project.amounts)
    rows = _IndicatorReader(path, project).read(numbered[header_at + 1:])
    finish_project(project, rows, year)
    return project


def _find_goal_label(numbered: list[tuple[int, str]]) -> tuple[int, int] | None:
    """(index of the first line of the goal label, index just after it); the label may be broken."""
    for k in range(len(numbered)):
        joined = ""
        for j in range(k, min(k + 6, len(numbered))):
            joined += squash(numbered[j][1])
            if joined == _GOAL_WORDS:
                return k, j + 1
            if not _GOAL_WORDS.startswith(joined):
                break
    return None


@dataclass
class _Pending:
    row: RawRow
    state: str      # "name": may still receive its value; "value": value may continue; "closed"


class _IndicatorReader:
    """Reads indicator lines into rows, one line at a time."""

    def __init__(self, path: str, project: Project):
        self.path, self.project = path, project
        self.rows: list[RawRow] = []
        self.cursor = TierCursor()
        self.pending: _Pending | None = None

    def read(self, numbered: list[tuple[int, str]]) -> list[RawRow]:
        k = 0
        while k < len(numbered):
            line, text = numbered[k]
            k, text = self._tier1(numbered, k, text)
            m = _TIER2.match(text)
            if m and taxonomy.tier2_of(m.group(0)):
                self.cursor.see(tier2=m.group(0).strip())
                self.pending = None
                text = text[m.end():].strip()
            if text:
                self._content(line, text)
            k += 1
        return self.rows

    def _tier1(self, numbered: list[tuple[int, str]], k: int, text: str) -> tuple[int, str]:
        """Consume a 一级 label, possibly broken over lines; return the index reached and the rest."""
        m = _TIER1.match(text)
        if m:
            self._set_tier1(m.group(0))
            return k, text[m.end():].strip()
        joined, j = squash(text), k
        if not re.match(r"^[1-4]-", joined) or not any(f.startswith(joined) for f in _TIER1_FULL):
            return k, text
        while joined not in _TIER1_FULL and j + 1 < len(numbered):
            candidate = joined + squash(numbered[j + 1][1])
            if not any(f.startswith(candidate) or candidate.startswith(f) for f in _TIER1_FULL):
                break
            j += 1
            joined = candidate
            if any(candidate.startswith(f) for f in _TIER1_FULL):
                break
        label = next((f for f in _TIER1_FULL if joined.startswith(f)), None)
        if label is None:
            return k, text
        self._set_tier1(label)
        rest = numbered[j][1]
        m = re.search(r"标", rest)
        return j, rest[m.end():].strip() if m and joined == label else joined[len(label):]

    def _set_tier1(self, label: str) -> None:
        self.cursor.see(tier1=label)
        self.pending = None

    def _content(self, line: int, text: str) -> None:
        loc = Loc(self.path, line)
        p = self.pending
        if p and p.state == "value":
            p.row.value_text = join_broken([p.row.value_text, text])
            p.state = "value" if _dangling(p.row.value_text) else "closed"
            return
        if p and p.state == "name":
            if _standalone_value(text) or _has_measure(text):
                p.row.value_text = text
                p.row.value_loc = loc
                p.state = "value" if _dangling(text) else "closed"
            else:
                p.row.name = join_broken([p.row.name, text])
            return
        pair = _split_pair(text)
        if self.cursor.tier1_label is None and self.cursor.tier2_label is None:
            self.project.problems.append(Problem(
                "structure", "unplaced-row", f"这一行不在任何指标之下，无法归入指标表：“{text}”",
                loc, text, f"This row is under no indicator and cannot be placed in the indicator table: “{text}”"))
            return
        if pair:
            row = self.cursor.row(pair[0], pair[1], loc)
            state = "value" if _dangling(pair[1]) else "closed"
        else:
            row = self.cursor.row(text, "", loc)
            state = "name"
        self.rows.append(row)
        self.pending = _Pending(row, state)


def _standalone_value(text: str) -> bool:
    """A cell that is a value on its own: a measure, a filler, yes/no, or a short graded word."""
    v = parse_value(text)
    if v.kind in STRUCTURED_KINDS:
        return not v.label and (not v.note or len(v.note) <= 4)
    if v.kind in ("placeholder", "boolean"):
        return True
    return v.kind == "qualitative" and len(squash(text)) <= MAX_WORD_VALUE


def _has_measure(text: str) -> bool:
    return any(c.isdigit() for c in text) and parse_value(text).kind in STRUCTURED_KINDS


def _dangling(text: str) -> bool:
    """A list of measures cut off by the line break: one or two characters after the last
    separator that are no value themselves (…450 元/人/天，课 → 课酬 on the next line)."""
    m = _DANGLING.search(text)
    return bool(m) and parse_value(m.group(1)).kind not in STRUCTURED_KINDS


def _split_pair(text: str) -> tuple[str, str] | None:
    """"name value" on one line: the leftmost split whose right side is a measure or filler,
    else the last split whose right side is a short word value."""
    spaces = [m.start() for m in re.finditer(r"\s+", text)]
    for p in spaces:
        left, right = text[:p].strip(), text[p:].strip()
        v = parse_value(right)
        if left and (v.kind in ("placeholder", "boolean") or (
                v.kind in STRUCTURED_KINDS and _standalone_value(right))):
            return left, right
    if spaces:
        left, right = text[:spaces[-1]].strip(), text[spaces[-1]:].strip()
        if left and _standalone_value(right):
            return left, right
    return None


parts = table_parts(_is_name_row)


LAYOUT = Layout("pdf-lines", "由 PDF 导出的文本：每行一个或几个单元格，名称与指标值以空格分隔（宁夏就业与创业服务局 2024 年样式）",
                ("txt",), sniff, build, parts)
