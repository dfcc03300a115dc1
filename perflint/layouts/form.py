"""The form interpreter: a grid of cells, from any format, → Documents, Projects and Indicators.

Readers (Word, Excel, PDF, HTML, CSV) and the text segmenter hand over the same thing: rows of
cells in reading order. This module alone decides what the cells mean, from the words in
``perflint/vocabulary.toml``:

* a table starts at a name label (项目名称, 项目支出名称, 专项名称… or 部门(单位)名称 for a
  department-level table), at the heading row of a flat multi-project table (单位名称 | 项目名称 |
  预算数 | … | 一级指标 | …), or at an indicator heading row that no name label precedes;
* above the indicator heading row cells are told apart by what they say (field labels, amount
  labels with their numbers beside or below them, goal labels, 资金支出计划 with its quarters);
* below it by the role of their column (一级 | 二级 | 三级 | 指标值 | 指标性质 | 度量单位 | 权重 …),
  with columns of the implementation period (长期/中期/实施期) kept apart from the year's.

Grids from Word and Excel keep every cell in its column, so positions are trusted. Grids cut
from text (``ragged``) lose merged and empty cells, so a row is fitted to the columns: a 一级/二级
word anchors it, cells before the anchor belong to the columns before it (a flat table's
project columns), and the cells after it go left to right into the columns whose kind of content
they fit (a comparator, a unit, a weight), skipping columns they do not fit.

A form is its own template: the header labels printed in a document's tables are the fields the
required-field rule expects to be filled.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from .. import taxonomy, vocab, vocabulary
from ..model import Amount, Document, Goal, Loc, Paragraph, Problem, Project, Schedule, Slot
from ..readers.segment import is_footer, split_name_value
from ..values import parse_value
from .common import (
    AMOUNT_ORDER,
    AmountScanner,
    RawRow,
    TierCursor,
    detect_budget_year,
    detect_unit,
    filled,
    finish_project,
    is_indicator_header,
    is_money_text,
    match_goal,
    match_label,
    ordered_amounts,
    parse_money,
    regroup_centred_cost_label,
    scan_text_fields,
    set_text_field,
    squash,
    strip_slot,
    take_name,
)
from .cost_table import CostTableReader

_QUARTER = re.compile(r"^\d{1,2}月(?:底|末)$")
_FILLER = re.compile(r"^[.．。…·]{3,}$")
_SHARE = re.compile(r"^[≥≤<>=]?\d+(?:\.\d+)?%?$")
_BARE_VALUE = re.compile(r"^[≥≤<>=]?\d[\d.,]*%?$")
_SERIAL = re.compile(r"^\d{2},?\d{3}$")


#: the checks a doubtful reading would mislead: everything that reads the indicators or the table
DOUBTFUL_QUIET = ("tier", "value", "template", "placeholder", "structure", "consistency", "funds", "text")


@dataclass(frozen=True)
class Column:
    """What one column of the indicator table holds, as its heading says."""

    role: str | None
    period: str = "annual"        # annual | long (实施期/中期/长期)
    heading: str = ""


@vocabulary.cached
def column_of(heading: str) -> Column:
    """The role of a column under ``heading``: 二级指标(长期) → tier2 of the long period."""
    key = vocabulary.key(heading)
    period = "annual"
    for word in sorted(vocabulary.words("periods", "long"), key=len, reverse=True):
        if word in key:
            period = "long"
            key = key.replace(word, "", 1) if key.startswith(word) else key
            break
    for word in sorted(vocabulary.words("periods", "annual"), key=len, reverse=True):
        if key.startswith(word) and vocabulary.lookup("columns", key[len(word):]):
            key = key[len(word):]
            break
    hit = vocabulary.lookup("columns", key)
    return Column(hit[0] if hit else None, period, heading)


def is_heading_row(cells: list[str]) -> bool:
    if not any("级" in c or "指标" in c for c in cells):
        return False         # every heading row names 一级/二级 or 指标…: most rows are rejected here
    content = filled(list(enumerate(cells)))
    if len(content) > 16 and sum(1 for _, t in content if column_of(t).role) * 10 < len(content) * 4:
        return False         # a run-together line holding a whole form, not a row of headings
    if any(_tier_level(t) for _, t in content):
        return False         # 产出指标 in a row makes it an indicator row, whatever else it holds
    if is_indicator_header(content):
        return True
    # a table without tiers: 指标名称 | 权重 | 指标值, every cell a heading
    roles = [column_of(t).role for _, t in content]
    return "name" in roles and "value" in roles and len(content) >= 3 and all(roles) \
        and not any(_tier_level(t) for _, t in content)


def _is_flat_heading(columns: list[Column]) -> bool:
    roles = {c.role for c in columns}
    named = [c for c in columns if c.heading.strip()]
    # a heading row is mostly headings (a run-together line holding a whole form is not)
    return "project" in roles and ("tier1" in roles or "tier2" in roles) and \
        sum(1 for c in named if c.role) * 10 >= len(named) * 6


# ---- cell kinds ---------------------------------------------------------------------------------

@vocabulary.cached
def comparator_of(text: str) -> str | None:
    """≥ ≤ = > < when a 指标性质/计算符号 cell holds a comparator (not 定性, 正向…)."""
    s = squash(text)
    if not s:
        return None
    for sign, spellings in vocabulary.current().table("comparators").items():
        if s in {squash(w) for w in spellings}:
            return sign
    return None


_DIRECTION_WORDS = ("正向", "反向", "中性", "定性", "定量", "正向指标", "反向指标", "中性指标")
_UNIT_LIKE = re.compile(r"^[%‰％]$|^[^\d\s，。,;；]{1,6}$|^[^\d\s]{1,4}/[^\d\s]{1,4}$")


def _fits(role: str | None, text: str) -> bool:
    """Whether a cell cut from text can be the content of a column of ``role``."""
    s = squash(text)
    if role in ("comparator",):
        return comparator_of(s) is not None
    if role == "direction":
        return comparator_of(s) is not None or s in _DIRECTION_WORDS
    if role == "value_kind":
        return s in ("定量", "定性")
    if role == "unit":
        return bool(_UNIT_LIKE.match(s)) and comparator_of(s) is None and s not in _DIRECTION_WORDS \
            and taxonomy.tier2_of(s) is None
    if role == "weight":
        return bool(re.fullmatch(r"\d{1,3}(?:\.\d+)?", s)) and Decimal(s) <= 100
    return True


def _tier_level(text: str) -> int:
    """1 for a 一级 word, 2 for a 二级 word, 0 otherwise."""
    if taxonomy.tier1_of(text):
        return 1
    if taxonomy.tier2_of(text):
        return 2
    return 0


def fit_row(cells: list[str], columns: list[Column], seen: dict[str, int] | None = None) -> dict[int, str]:
    """Cells of a row cut from text, placed in the columns they belong to (see module doc).

    ``seen`` remembers the column each text was placed in on earlier rows: a text a form repeats
    down a column (计划标准, 未达指标值酌情扣分) goes back to that column when the cells before it
    are missing."""
    seen = {} if seen is None else seen
    content = [c.strip() for c in cells if c.strip()]
    index = _column_index(tuple(columns)) if not isinstance(columns, _Columns) else columns.index
    tier1_cols, tier2_cols = list(index.get(("all", "tier1"), ())), list(index.get(("all", "tier2"), ()))
    tier_cols = tier1_cols + tier2_cols
    after_tiers = max(tier_cols) + 1 if tier_cols else next(
        (i for i, c in enumerate(columns) if c.role in ("name", "value")), 0)
    placed: dict[int, str] = {}
    anchor = next((k for k, text in enumerate(content) if _tier_level(text)), None)
    if anchor is None or not tier_cols:
        col = after_tiers if tier_cols else 0
        rest = content
    else:
        first = tier1_cols[0] if _tier_level(content[anchor]) == 1 and tier1_cols else \
            (tier2_cols[0] if tier2_cols else tier1_cols[0])
        before = content[:anchor]
        for k, text in enumerate(before):      # right-aligned against the anchor's column
            placed[max(0, first - len(before) + k)] = text
        col, k = first, anchor
        while k < len(content) and col < len(columns) and (
                columns[col].role in ("tier1", "tier2") or _tier_level(content[k]) == 2):
            level = _tier_level(content[k])
            if level == 0:
                break
            if level == 1 and columns[col].role == "tier2":
                break
            if level == 2 and columns[col].role == "tier1":
                col += 1
                continue
            if level == 2 and col > first and columns[col].role != "tier2":
                later = [c for c in tier2_cols if c > col]
                if not later:
                    break
                col = later[0]     # the long side's cells are missing: this is the year's 二级
            placed[col] = content[k]
            col, k = col + 1, k + 1
        while col < len(columns) and columns[col].role in ("tier1", "tier2"):
            col += 1
        rest = content[k:]
    for text in rest:
        if seen.get(text, -1) > col:
            col = seen[text]
        # a column without a heading is the second half of a merged heading: nothing is placed there
        while col < len(columns) and (not _fits(columns[col].role, text) or not columns[col].heading.strip()):
            col += 1
        if col >= len(columns):
            break
        placed[col] = text
        col += 1
    name_col = next(iter(index.get(("all", "name"), ())), None)
    value_col = next(iter(index.get(("all", "value"), ())), None)
    if name_col in placed and value_col is not None and value_col not in placed \
            and _BARE_VALUE.match(squash(placed[name_col])):
        placed[value_col] = placed.pop(name_col)      # "质量指标 | 100": a value with its name lost
    for col, text in placed.items():
        # only boilerplate is remembered (未达指标值酌情扣分), never a number or a unit
        if col < len(columns) and columns[col].role not in ("tier1", "tier2", "name", "value") \
                and len(text) >= 4 and re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"\d", text):
            seen.setdefault(text, col)
    return placed


# ---- documents ----------------------------------------------------------------------------------

def build(source, layout: str) -> Document:
    lines = source.lines
    rows = source.cells if source.cells is not None else [line.split("\t") for line in lines]
    ragged = bool(getattr(source, "ragged", False))
    doc = Document(source.path, layout=layout, budget_year=source.budget_year or detect_budget_year(lines),
                   unit=detect_unit("\n".join(lines)))
    inside: set[int] = set()
    for first, start, end, kind in table_spans(rows):
        title, title_line, unit = _caption(rows, first, start)
        if kind == "flat":
            projects = read_flat(source.path, rows, start, end, doc.budget_year, ragged)
        else:
            projects = [read_table(source.path, rows, start, end, doc.budget_year, ragged, kind)]
        for project in projects:
            project.title = project.title or title
            if not project.name and title:       # a table with no name label: its caption names it
                project.name = _name_from_title(title)
            project.unit = project.unit or unit or doc.unit
            project.title_loc = Loc(source.path, title_line) if title_line else None
            if title and "总表" in title and kind == "project":
                project.kind = "summary"
            project.unit = project.unit or _unit_of_amounts(project)
            _normalise_unit(project)
            doc.projects.append(project)
        inside.update(range(first, end))     # the caption block belongs to its table
    doc.paragraphs = [Paragraph(line.strip(), Loc(source.path, i + 1))
                      for i, line in enumerate(lines) if i not in inside and line.strip()]
    doc.template_fields, doc.required_amounts = _template(doc.projects)
    return doc


_TITLE_WORDS = re.compile(r"(?:[(（]?\s*20\d{2}\s*年度?\s*[)）]?)|(?:部门)?(?:预算)?项目支出|项目|绩效目标(?:申报|审批|批复|总)?表|"
                          r"预算绩效|[(（][^()（）]*[)）]|\[[^\]]*\]|附件\d*")


def _name_from_title(title: str) -> str:
    """"2024年乡村道路养护项目绩效目标表" → 乡村道路养护 (empty when only template words remain)."""
    name = _TITLE_WORDS.sub("", title.replace(" ", "")).strip(" :：-—、")
    if any(w in name for w in ("部门", "市直", "县直", "区直", "预算", "单位", "整体", "汇总")):
        return ""        # a caption for a whole department's tables names no project
    return name if len(name) >= 2 else ""


def _unit_of_amounts(project: Project) -> str | None:
    """A table with no unit caption whose amount cells say it: 10000万元."""
    for amount in project.amounts.values():
        m = re.search(r"\d\s*(万元|万|元)$", amount.text or "")
        if m:
            return "万元" if m.group(1).startswith("万") else "元"
    return None


def _normalise_unit(project: Project) -> None:
    """Amounts of a table kept in 元 are carried in 万元, like every other table (the text as
    written stays in ``Amount.text``)."""
    if project.unit != "元":
        return
    project.amounts = {k: Amount(None if a.value is None else a.value / Decimal(10000), a.text, a.loc, a.derived)
                       for k, a in project.amounts.items()}
    project.unit = "万元"


def _name_start(cells: list[str]) -> str | None:
    first = next((c for c in cells if c.strip()), "")
    if not first:
        return None
    if vocabulary.lookup("department", first, whole=True) and len(filled(list(enumerate(cells)))) >= 1 \
            and not is_heading_row(cells):
        return "department"
    label = match_label(first)
    if label and label[0] == "text" and label[1] == "项目名称" and not is_heading_row(cells):
        return "project"
    return None


def table_spans(rows: list[list[str]]) -> list[tuple[int, int, int, str]]:
    """(caption start, table start, table end, kind) for each table, 0-based, end exclusive."""
    starts: list[tuple[int, str]] = []
    open_header = False          # a name label was seen and its indicator heading not yet
    for i, cells in enumerate(rows):
        kind = _name_start(cells)
        if kind:
            starts.append((i, kind))
            open_header = True
            continue
        if is_heading_row(cells):
            columns = [column_of(c) for c in cells]
            if _is_flat_heading(columns):
                starts.append((i, "flat"))
                open_header = False
            elif not open_header:
                starts.append((_headless_start(rows, i, starts), "project"))
            open_header = False
    spans = []
    for k, (start, kind) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(rows)
        while end > start + 1 and (not any(c.strip() for c in rows[end - 1]) or _is_caption(rows[end - 1])):
            end -= 1
        caption = start
        while caption > (spans[-1][2] if spans else 0) and (
                not any(c.strip() for c in rows[caption - 1]) or _is_caption(rows[caption - 1])):
            caption -= 1
        spans.append((caption, start, end, kind))
    return spans


def _headless_start(rows: list[list[str]], heading: int, starts: list[tuple[int, str]]) -> int:
    """A table with no name label begins after the caption above its heading row: its header
    rows (amounts, goals) are the label rows just above."""
    floor = starts[-1][0] + 1 if starts else 0
    i = heading
    while i > floor and any(c.strip() for c in rows[i - 1]) and not _is_caption(rows[i - 1]) \
            and not any(_tier_level(c) for c in rows[i - 1] if c.strip()) and not is_heading_row(rows[i - 1]):
        i -= 1      # never into the rows of the table above
    return i


_CAPTION = re.compile(r"^(附件\d*|.*绩效目标(?:总|申报|审批|批复)?表.*|[(（]\s*\d{4}\s*年度?\s*[)）]|.*单位\s*[:：].*)$")


def _is_caption(cells: list[str]) -> bool:
    content = [c for c in cells if c.strip()]
    return len(content) <= 2 and bool(_CAPTION.match(squash(" ".join(content)))) and len(squash(" ".join(content))) < 80


def _caption(rows: list[list[str]], first: int, start: int) -> tuple[str | None, int | None, str | None]:
    title = title_line = None
    for i in range(first, start):
        text = squash(" ".join(rows[i]))
        at = text.find("绩效目标")
        if at >= 0 and "表" in text[at:] and len(text) <= 160:
            title, title_line = " ".join(" ".join(rows[i]).split()), i + 1
            break
    unit = detect_unit("\n".join(" ".join(r) for r in rows[first:start + 3]))
    return title, title_line, unit


def _template(projects: list[Project]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The header fields and amounts the document's forms print (every table shares them)."""
    forms = [p for p in projects if p.kind in ("project", "summary") and not p.flat]
    fields = {name for p in forms for name in p.fields}
    amounts = {name for p in forms for name, a in p.amounts.items() if not a.derived}
    required = tuple(n for n in ("项目总额", "年度资金总额") if n in amounts)
    if not required and "本级资金" in amounts:
        required = ("本级资金",)
    return tuple(n for n in vocabulary.current().table("fields") if n in fields), required


# ---- one form -----------------------------------------------------------------------------------

def read_table(path: str, rows: list[list[str]], start: int, end: int, year: int | None,
               ragged: bool = False, kind: str = "project") -> Project:
    heading = next((i for i in range(start, end) if is_heading_row(rows[i])), None)
    project = Project(name="", loc=Loc(path, start + 1), end_line=end)
    if kind == "department":
        project.kind = "department"
    _read_header(project, path, rows, start, heading if heading is not None else end, ragged)
    take_name(project)
    if heading is None:
        project.problems.append(Problem(
            "input", "no-indicator-heading",
            f"找到了“{_start_label(rows[start])}”，但没有找到指标表头（一级指标 | 二级指标 | 三级指标 | 指标值），"
            "这张表的指标未读取，未做检查", Loc(path, start + 1),
            message_en=f"Found “{_start_label(rows[start])}”, but no indicator heading (一级指标 | 二级指标 | "
                       "三级指标 | 指标值); this table's indicators were not read or checked"))
        project.doubtful = DOUBTFUL_QUIET
        return project
    columns = [column_of(c) for c in rows[heading]]
    heading, columns = _sub_heading(rows, heading, end, columns, year, ragged)
    written = columns
    columns = _two_level(columns, rows, heading + 1, end, ragged)
    roles = {c.role for c in columns}
    project.tiers_inferred = not roles & {"tier1", "tier2"}
    project.family = "two-level" if columns != written else _family(project, columns)
    project.columns = _describe(columns)
    indicator_rows, slots, period_rows = _read_indicators(project, path, rows, heading + 1, end, columns, ragged)
    if ragged:     # a text export prints a merged 成本指标 label mid-block: its first rows come before it
        regroup_centred_cost_label(indicator_rows)
    finish_project(project, indicator_rows, year, slots)
    if not project.indicators and not project.empty_slots and not period_rows:
        project.problems.append(Problem(
            "input", "no-indicator-heading",
            f"找到了指标表头（第 {heading + 1} 行），但表中一行指标也没有读到，未做检查", Loc(path, heading + 1),
            message_en=f"Found the indicator heading (line {heading + 1}), but not one indicator row under it; "
                       "nothing was checked"))
    if period_rows:
        holder = Project(name=project.name, loc=project.loc)
        finish_project(holder, period_rows, year)
        project.period_indicators = holder.indicators
    _judge_reading(project, columns, period_rows, heading, path)
    if project.tiers_inferred and project.indicators and not project.doubtful:
        project.problems.append(Problem(
            "input", "tiers-inferred",
            f"表中没有一级/二级指标栏，{len(project.indicators)} 项指标的层级是按名称和取值推断的（见 perflint extract），"
            "不按缺少层级处理", Loc(path, heading + 1),
            message_en=f"The table has no tier columns; the tiers of its {len(project.indicators)} indicators were "
                       "inferred from their names and values (see perflint extract), not reported as missing"))
    return project


def infer_tier2(name: str, value_text: str) -> str | None:
    """The 二级 an indicator of a table without tiers most likely belongs to, from what its name
    and value say (None when nothing says it)."""
    value = parse_value(value_text)
    if vocab.is_satisfaction(name):
        return "服务对象满意度指标"
    if value.is_money or (vocab.is_cost_name(name) and value.kind in ("quantity", "placeholder")):
        return "成本指标"
    if value.kind == "date" or any(w in name for w in ("及时", "时限", "时间", "期限", "进度", "周期")):
        return "时效指标"
    if value.kind == "percent" or vocab.is_rate(name):
        return "质量指标"
    if value.kind in ("quantity", "duration") or vocab.is_count_name(name):
        return "数量指标"
    if value.kind in ("qualitative", "text"):
        return "社会效益指标"
    return None


def _family(project: Project, columns: list[Column]) -> str:
    roles = [c.role for c in columns]
    if project.kind == "department":
        return "department"
    if project.tiers_inferred:
        return "no-tiers"
    if any(c.period == "long" and c.role in ("name", "value", "tier2") for c in columns):
        return "long-and-annual"
    if "comparator" in roles or ("unit" in roles and "value" in roles):
        return "split-values"
    if "weight" in roles or "scoring" in roles:
        return "scored-form"
    return "single-form"


_YEAR_HEADING = re.compile(r"(20\d{2})\s*年")


def _sub_heading(rows: list[list[str]], heading: int, end: int, columns: list[Column],
                 year: int | None, ragged: bool) -> tuple[int, list[Column]]:
    """Two years of values (2021年实际值 | 2022年预期值): the budget year's column is the target,
    the other is kept as the actual. The years may stand in the heading or on a row under it."""
    below_at = next((i for i in range(heading + 1, end) if any(c.strip() for c in rows[i])), end)
    below = rows[below_at] if below_at < end else []
    years_below = [c for c in below if _YEAR_HEADING.search(c)]
    value_col = next((i for i, c in enumerate(columns) if c.role == "value"), None)
    if ragged and len(years_below) >= 2 and value_col is not None and \
            len([c for c in below if c.strip()]) == len(years_below):
        # cut from text: the year cells stand alone on their row; they split the 指标值 column
        subs = [Column(column_of(c).role or "value", columns[value_col].period, f"{columns[value_col].heading} {c}")
                for c in years_below]
        columns = columns[:value_col] + subs + columns[value_col + 1:]
        heading = below_at
    elif below and not any(_tier_level(c) for c in below) and len(years_below) >= 2:
        # the years stand under a heading merged over them (指标值 → 2021年实际值 | 2022年预期值)
        columns = list(columns) + [Column(None)] * (len(below) - len(columns))
        parent = ""
        for i, sub in enumerate(below):
            parent = columns[i].heading.strip() or parent
            if _YEAR_HEADING.search(sub):
                columns[i] = column_of(f"{parent} {sub}")
        heading = below_at
    elif below and _is_sub_heading(below):
        # a heading merged over sub-columns named on the row below (指标值 → 指标性质 | 指标值 | 度量单位)
        if ragged:     # cut from text: the sub-headings alone on their row replace the column they split
            subs = [column_of(c) for c in below if c.strip()]
            parent = next((i for i, c in enumerate(columns) if c.role in {x.role for x in subs}), None)
            if parent is not None:
                columns = columns[:parent] + subs + columns[parent + 1:]
        else:
            width = max(len(columns), len(below))
            padded = columns + [Column(None)] * (width - len(columns))
            columns = [column_of(below[i]) if i < len(below) and below[i].strip() else padded[i]
                       for i in range(width)]
        heading = below_at
    dated = [(i, int(m.group(1))) for i, c in enumerate(columns)
             if (m := _YEAR_HEADING.search(c.heading)) and c.role in ("value", "actual", None)]
    if len(dated) >= 2 and ragged:
        first = dated[0][0]
        if first > 0 and columns[first - 1].role == "value" and not _YEAR_HEADING.search(columns[first - 1].heading):
            # 指标值 | 2023年实际值 | 2024年预期值 on one row cut from text: 指标值 heads the year columns
            columns = columns[:first - 1] + columns[first:]
            dated = [(i - 1, y) for i, y in dated]
    if len(dated) >= 2:
        target = next((i for i, y in dated if y == year), max(dated, key=lambda d: d[1])[0])
        columns = [Column("value" if i == target else "actual", c.period, c.heading)
                   if i in dict(dated) else c for i, c in enumerate(columns)]
    return heading, columns


def _is_sub_heading(cells: list[str]) -> bool:
    """A row of column headings under the heading row (every filled cell a heading, no tiers)."""
    content = [c for c in cells if c.strip()]
    return len(content) >= 2 and all(column_of(c).role for c in content) \
        and not any(_tier_level(c) for c in content)


def _describe(columns: list[Column]) -> list[dict]:
    """How each column was understood, for ``perflint extract``."""
    return [{"heading": " ".join(c.heading.split()), "role": c.role, "period": c.period}
            for c in columns if c.heading.strip()]


def _start_label(cells: list[str]) -> str:
    return next((c.strip() for c in cells if c.strip()), "")[:12]


def _two_level(columns: list[Column], rows: list[list[str]], start: int, end: int,
               ragged: bool) -> list[Column]:
    """A form whose 一级 column holds 数量/质量/时效/成本 and whose 二级 column holds the
    indicator (no 三级 column): read it as 二级 | 三级."""
    roles = [c.role for c in columns]
    if "name" in roles or "tier1" not in roles or "tier2" not in roles:
        return columns
    col = roles.index("tier1")
    words = [squash(r[col]) for r in rows[start:end] if col < len(r) and r[col].strip()]
    if not words or sum(1 for w in words if taxonomy.tier2_of(w) and not taxonomy.tier1_of(w)) * 2 < len(words):
        return columns
    out = list(columns)
    out[col] = Column("tier2", columns[col].period, columns[col].heading)
    out[roles.index("tier2")] = Column("name", columns[roles.index("tier2")].period,
                                       columns[roles.index("tier2")].heading)
    return out


def _judge_reading(project: Project, columns: list[Column], period_rows: list[RawRow], heading: int,
                   path: str) -> None:
    """Say once when the reading of this table is doubtful, and which checks it keeps quiet."""
    inds = project.indicators
    if not inds:
        return
    unnamed = sum(1 for i in inds if not i.name.strip())
    untiered = sum(1 for i in inds if i.tier2 is None and i.tier1 is None)
    run_on = sum(1 for i in inds if len(i.name) > 40 and not i.value_text)
    tier_named = sum(1 for i in inds if _tier_level(i.name))
    reasons, reasons_en = [], []
    if unnamed * 2 > len(inds):
        reasons.append(f"{unnamed} 行没有指标名称")
        reasons_en.append(f"{unnamed} have no name")
    if untiered * 2 > len(inds):
        reasons.append(f"{untiered} 行没有一级/二级指标")
        reasons_en.append(f"{untiered} have no tier")
    if tier_named * 2 > len(inds):
        example = next(i.name for i in inds if _tier_level(i.name))
        reasons.append(f"{tier_named} 行的指标名称是层级名称（如“{example}”）")
        reasons_en.append(f"{tier_named} are named after a tier (such as “{example}”)")
    if run_on * 2 > len(inds):
        reasons.append(f"{run_on} 行的名称与指标值连在一起、分不开")
        reasons_en.append(f"{run_on} run their name and value together")
    if reasons:
        project.doubtful = DOUBTFUL_QUIET
        project.problems.append(Problem(
            "input", "doubtful-reading",
            f"这张表读得不可靠（共 {len(inds)} 行指标，其中 {'，'.join(reasons)}），依赖指标的检查已跳过，请人工审核",
            Loc(path, heading + 1),
            message_en=f"This table could not be read reliably ({len(inds)} indicator rows, of which "
                       f"{'; '.join(reasons_en)}); checks that depend on its indicators were skipped: review it by hand"))
    has_long = any(c.period == "long" and c.role in ("name", "value") for c in columns)
    if has_long and not period_rows:
        project.problems.append(Problem(
            "structure", "period-side-empty",
            "表中有长期（实施期）指标栏，但长期指标一项也没有填写", Loc(path, heading + 1), "长期"))


def _read_header(project: Project, path: str, rows: list[list[str]], start: int, end: int,
                 ragged: bool = False) -> None:
    scanner = AmountScanner(path)
    pending_goals: list[tuple[int, str]] = []     # goal labels on a row, their texts on the next
    cost_total: tuple[Decimal, Loc, str] | None = None
    costs = CostTableReader()
    i = start
    while i < end:
        cells = list(enumerate(c.strip() for c in rows[i]))
        content = filled(cells)
        loc = Loc(path, i + 1)
        i += 1
        if not content:
            continue
        col, label = content[0]
        key = squash(label)
        is_total = key in vocabulary.words("totals", "labels") or key.startswith("合计")
        costs.row(content, loc, is_total)
        if pending_goals and not any(_goal_of(t) for _, t in content) and not match_label(label):
            if ragged:       # columns lost: the texts stand under the last labels (总体目标 heads the group)
                pending_goals = pending_goals[-len(content):]
            for k, (c, text) in enumerate(content):
                name = pending_goals[min(k, len(pending_goals) - 1)][1] if ragged else \
                    next((g for gc, g in reversed(pending_goals) if gc <= c), pending_goals[0][1])
                project.goals.append(Goal(name, text, Loc(path, loc.line, c)))
            pending_goals = []
            continue
        pending_goals = []
        if key.startswith("资金支出计划"):
            quarters = [(c, squash(t)) for c, t in content[1:] if _QUARTER.match(squash(t))]
            below = dict(enumerate(c.strip() for c in rows[i])) if i < end and quarters and _is_share_row(rows[i]) else {}
            if ragged and quarters:
                # cut from text the label's merged cell is gone: the k-th share is the k-th quarter's
                nxt = next((j for j in range(i, end) if any(c.strip() for c in rows[j])), end)
                shares = [c.strip() for c in rows[nxt]] if nxt < end else []
                below = {}
                if shares and all(not t or _SHARE.match(squash(t)) for t in shares):
                    below = {c: shares[k] if k < len(shares) else "" for k, (c, _) in enumerate(quarters)}
                    i = nxt
            if below:
                i += 1
            values = tuple(parse_value(below.get(c, "")) if below else None for c, _ in quarters)
            locs = tuple(Loc(path, i, c) for c, _ in quarters)
            project.schedule = Schedule(tuple(q for _, q in quarters), values, locs, loc)
            continue
        if kind := vocabulary.lookup("department", label):
            set_text_field(project, "项目名称", kind[1] or (content[1][1] if len(content) > 1 else ""),
                           Loc(path, loc.line, content[1][0] if len(content) > 1 and not kind[1] else col))
            continue
        goals = [(c, g) for c, t in content if (g := _goal_of(t)) and not g[1]]
        if len(goals) >= 2 and len(goals) == len(content):
            pending_goals = [(c, g[0]) for c, g in goals]
            continue
        goal = _goal_of(label)
        if goal:
            name, text = goal
            rest = [(c, t) for c, t in content[1:] if not _goal_of(t)]
            text = text or "\n".join(t for _, t in rest)
            if not text:
                pending_goals = [(col, name)]
                continue
            at = Loc(path, loc.line, rest[0][0] if rest and not goal[1] else col)
            project.goals.append(Goal(name, text, at))
            continue
        if is_total:
            number = next((parse_money(t) for _, t in content[1:] if parse_money(t) is not None), None)
            if number is not None and cost_total is None:
                cost_total = (number, loc, next(t for _, t in content[1:] if parse_money(t) is not None))
            continue
        if project.kind == "department":
            _department_amounts(scanner, content, loc, rows[i] if i < end else [])
        scan_text_fields(project, cells, loc)
        scanner.row(cells, i)
    project.amounts = ordered_amounts(scanner.amounts)
    project.cost_table = costs.table
    annual = project.amounts.get("年度资金总额")
    if (annual is None or annual.value is None) and cost_total is not None:
        # no annual total in the header: a 预算成本构成 table's 合计 stands for it
        project.amounts["年度资金总额"] = Amount(cost_total[0], cost_total[2], cost_total[1], derived=True)
        project.amounts = {k: project.amounts[k] for k in AMOUNT_ORDER if k in project.amounts}


def _department_amounts(scanner: AmountScanner, content: list[tuple[int, str]], loc: Loc,
                        below: list[str]) -> None:
    """基本支出 | 项目支出 (and 人员经费 | 公用经费) of a department-level table: the number beside
    the label on its row, or under it on the next row."""
    for k, (col, text) in enumerate(content):
        hit = vocabulary.lookup("department_amounts", text, whole=True)
        if not hit or hit[0] in scanner.amounts:
            continue
        beside = next(((c, t) for c, t in content[k + 1:k + 2] if is_money_text(t)), None)
        under = (col, below[col]) if not beside and col < len(below) and is_money_text(below[col]) else None
        found = beside or under
        if found:
            line = loc.line + (1 if under else 0)
            scanner.amounts[hit[0]] = Amount(parse_money(found[1]), found[1], Loc(loc.path, line, found[0]))


def _goal_of(cell: str) -> tuple[str, str] | None:
    """(label, rest) when a cell starts with a goal label."""
    goal = match_goal(cell)
    if goal:
        return goal
    hit = vocabulary.lookup("goals", cell)
    if hit is None:
        return None
    original = cell.strip()
    text = hit[1]
    if text:
        m = re.search(r"\s*".join(re.escape(ch) for ch in hit[2]), original)
        text = vocabulary.strip_notes(original[m.end():].strip() if m else text).strip()
    return hit[0], text


def _is_share_row(cells: list[str]) -> bool:
    """The row under a 资金支出计划 row: its label cell merged (blank), shares or blanks after."""
    content = filled(list(enumerate(c.strip() for c in cells)))
    return not content or (content[0][0] > 0 and not match_goal(content[0][1]))


def _read_indicators(project: Project, path: str, rows: list[list[str]], start: int, end: int,
                     columns: list[Column], ragged: bool) -> tuple[list[RawRow], list[Slot], list[RawRow]]:
    columns = _Columns(columns)
    out: list[RawRow] = []
    slots: list[Slot] = []
    period: list[RawRow] = []
    cursor, long_cursor = TierCursor(), TierCursor()
    seen: dict[str, int] = {}
    for i in range(start, end):
        cells = rows[i]
        content = filled(list(enumerate(c.strip() for c in cells)))
        if not content or is_heading_row(cells):      # a heading repeated on a new page
            continue
        if all(_FILLER.match(t) for _, t in content):
            continue                                  # "....." rows that close a template's slot group
        if is_footer(content[0][1]):
            break                                     # 审核意见, 填表人…: the table is over
        if ragged and len(content) == 1 and not _tier_level(content[0][1]):
            pair = split_name_value(content[0][1])
            if pair is None:
                # one cell alone cut from text: a name without its value, or a stray word
                _unplaced(project, path, i, content)
                continue
            cells, content = list(pair), [(0, pair[0]), (1, pair[1])]     # 学校满意度≥90%
        placed = fit_row(cells, columns, seen) if ragged else {c: t for c, t in content}
        row = _Row(placed, columns)
        t1 = row.get("tier1")
        if not row.has_content():
            continue        # only cells outside the indicator columns (a merged side label)
        t2, name, value = row.get("tier2"), row.get("name"), row.get("value")
        loc = Loc(path, i + 1)
        name, numbered = strip_slot(name)        # "指标1: 培训人数" → 培训人数
        if numbered and not name and not value:
            cursor.see(t1 if taxonomy.tier1_of(t1) else None, t2 or None)
            tier2 = taxonomy.tier2_of(cursor.tier2_label)
            slots.append(Slot(taxonomy.parent_of(tier2) or taxonomy.tier1_of(cursor.tier1_label), tier2,
                              row.get("name"), Loc(path, i + 1, row.col("name"))))
            continue                             # an unused numbered slot ("指标2:")
        if t1 and not taxonomy.tier1_of(t1) and not (t2 or name or value):
            _unplaced(project, path, i, content)
            continue
        inferred = None
        if project.tiers_inferred:
            inferred = infer_tier2(name, _whole_value(value, row, "annual"))
            t2 = inferred or ""
        cursor.see(t1 if taxonomy.tier1_of(t1) else None, t2 or None)
        if cursor.tier1_label is None and cursor.tier2_label is None and not project.tiers_inferred:
            _unplaced(project, path, i, content)
            continue
        long_t2, long_name, long_value = row.get("tier2", "long"), row.get("name", "long"), row.get("value", "long")
        if long_value and not long_name and row.col("name", "long") is None:
            long_name, long_t2 = name, long_t2 or t2     # 三级指标 | 实施期指标值 | 年度指标值: one name
        if long_name or long_value:
            long_cursor.see(t1 if taxonomy.tier1_of(t1) else cursor.tier1_label, long_t2 or None)
            period.append(long_cursor.row(long_name, _whole_value(long_value, row, "long"),
                                          Loc(path, i + 1, row.col("name", "long")),
                                          value_loc=Loc(path, i + 1, row.col("value", "long"))))
        if not name and not value:
            if t2 and taxonomy.tier2_of(t2):
                slots.append(Slot(taxonomy.parent_of(taxonomy.tier2_of(t2)), taxonomy.tier2_of(t2), t2,
                                  Loc(path, i + 1, row.col("tier2"))))
            continue
        out.append(_raw_row(cursor, row, name, _whole_value(value, row, "annual", project, loc), loc,
                            inferred=project.tiers_inferred))
    return out, slots, period


def _raw_row(cursor: TierCursor, row: _Row, name: str, value: str, loc: Loc, inferred: bool = False) -> RawRow:
    """One indicator row as read, located at its name and value cells."""
    return cursor.row(name, value, Loc(loc.path, loc.line, row.col("name")),
                      description=row.get("description") or None, basis=row.get("basis") or None,
                      value_loc=Loc(loc.path, loc.line, row.col("value")), inferred=inferred,
                      weight=row.get("weight") or None)


def _unplaced(project: Project, path: str, i: int, content: list[tuple[int, str]]) -> None:
    text = " ".join(t for _, t in content)
    project.problems.append(Problem(
        "structure", "unplaced-row", f"这一行不在任何一级指标之下，无法归入指标表：“{text}”",
        Loc(path, i + 1, content[0][0]), text,
        f"This row is under no first-level tier and cannot be placed in the indicator table: “{text}”"))


class _Columns(list):
    """The columns of one indicator table, with where each role is worked out once."""

    def __init__(self, columns: list[Column]):
        super().__init__(columns)
        self.index = _column_index(tuple(columns))


class _Row:
    """The cells of one indicator row by column role and period."""

    def __init__(self, placed: dict[int, str], columns: list[Column]):
        self.placed, self.columns = placed, columns
        self.index = columns.index if isinstance(columns, _Columns) else _column_index(tuple(columns))

    def col(self, role: str, period: str = "annual") -> int | None:
        return self.index.get((role, period))

    def get(self, role: str, period: str = "annual") -> str:
        if period == "long":
            return next((self.placed[i].strip() for i in self.index.get(("all-long", role), ())
                         if self.placed.get(i, "").strip()), "")
        col = self.index.get((role, "annual"))
        return self.placed.get(col, "").strip() if col is not None else ""

    def all(self, role: str) -> list[str]:
        return [t for i in self.index.get(("all", role), ()) if (t := self.placed.get(i, "").strip())]

    def has_content(self) -> bool:
        return any(self.placed.get(i, "").strip() for i in self.index[("all", "content")])


@functools.lru_cache(maxsize=256)
def _column_index(columns: tuple[Column, ...]) -> dict:
    """Where each role is, once per table: (role, period) → column, ("all", role) → every column
    of the role, ("all-long", role) → its long-period columns."""
    index: dict = {}
    long_side = any(c.period == "long" for c in columns)
    for role in {c.role for c in columns if c.role}:
        every = [i for i, c in enumerate(columns) if c.role == role]
        index[("all", role)] = tuple(every)
        long = [i for i in every if columns[i].period == "long"]
        index[("all-long", role)] = tuple(long)
        if long:
            index[(role, "long")] = long[0]
        annual = [i for i in every if columns[i].period == "annual"]
        if not annual:
            annual = every
            if role in ("tier2", "name", "value") and long_side:
                annual = [i for i in every if columns[i].period != "long"] or every[-1:]
        if annual:
            index[(role, "annual")] = annual[0]
    index[("all", "content")] = tuple(i for i, c in enumerate(columns) if c.role in ("tier1", "tier2", "name", "value"))
    return index


def _whole_value(value: str, row: _Row, period: str, project: Project | None = None,
                 loc: Loc | None = None) -> str:
    """The 指标值 as one text when the form splits it over 指标性质 | 指标值 | 度量单位 columns:
    ≥ | 95 | % → ≥95%. 定性, 正向 and other words in those columns add nothing. When the parts
    contradict each other (≤ beside ≥95, 28.8万元 with the unit %), the problem is recorded."""
    if not value or period == "long":
        return value
    signs = [s for t in row.all("comparator") + row.all("direction") if (s := comparator_of(t))]
    unit = row.get("unit")
    unit = "%" if squash(unit) in ("百分比", "百分率", "%") else unit
    if comparator_of(unit) or squash(unit) in _DIRECTION_WORDS:
        unit = ""
    sign = signs[0] if signs else ""
    written = value.lstrip()[:1].replace("＝", "=")
    if sign and written in "≥≤><=":
        if project is not None and written != sign:
            _disagree(project, loc, f"指标值“{value}”与指标性质栏的“{sign}”相互矛盾", value,
                      f"The value “{value}” contradicts “{sign}” in the comparator column")
        sign = ""
    stripped = value.strip()
    if unit and not stripped.endswith(unit):
        if re.search(r"\d$", stripped):
            stripped += unit            # 95 | % → 95%
        elif project is not None and re.search(r"\d", stripped):
            tail = re.sub(r"^[^\d]*[\d.,]+", "", stripped)
            if tail and unit not in tail and tail not in unit:
                _disagree(project, loc, f"指标值“{value}”与计量单位栏的“{unit}”不一致", value,
                          f"The value “{value}” does not agree with “{unit}” in the unit column")
    if _SERIAL.match(stripped) and project is not None:
        date = _excel_date(stripped, row)
        if date:
            # read as the date it stands for, and kept as a problem: the form shows a number
            project.problems.append(Problem(
                "value", "date-serial", f"“{row.get('name')}”的目标值“{stripped}”是 Excel 的日期序号（即 {date}），"
                f"不是日期", loc, stripped))
            stripped = date
    return sign + stripped


def _disagree(project: Project, loc: Loc | None, message: str, text: str, message_en: str) -> None:
    project.problems.append(Problem("value", "value-parts-disagree", message, loc, text, message_en))


def _excel_date(text: str, row: _Row) -> str | None:
    """An Excel date serial (44561) in a row about a time: 2021年12月31日."""
    number = int(text.replace(",", ""))
    if not 36526 <= number <= 54789:       # 2000-01-01 … 2049-12-31
        return None
    words = row.get("tier2") + row.get("name")
    if not any(w in words for w in ("时效", "时间", "日期", "期限", "完成时", "到位时")):
        return None
    day = datetime.date(1899, 12, 30) + datetime.timedelta(days=number)
    return f"{day.year}年{day.month}月{day.day}日"


# ---- flat multi-project tables --------------------------------------------------------------------

def read_flat(path: str, rows: list[list[str]], heading: int, end: int, year: int | None,
              ragged: bool) -> list[Project]:
    """One row per indicator; the project's name, amount and goal merged, repeated or left blank
    down its rows; rows without indicator cells are a department's subtotal."""
    columns = _Columns([column_of(c) for c in rows[heading]])
    projects: list[Project] = []
    current: tuple[Project, list[RawRow], list[Slot], TierCursor] | None = None
    unit_name = ""
    seen: dict[str, int] = {}

    def close() -> None:
        if current is not None:
            project, raw, slots, _ = current
            project.family = "flat-table"
            project.columns = _describe(columns)
            finish_project(project, raw, year, slots)
            _judge_reading(project, columns, [], heading, path)
            projects.append(project)

    for i in range(heading + 1, end):
        cells = rows[i]
        content = filled(list(enumerate(c.strip() for c in cells)))
        if not content or is_heading_row(cells):
            continue
        placed = fit_row(cells, columns, seen) if ragged else {c: t for c, t in content}
        row = _Row(placed, columns)
        name_cell = row.get("project")
        loc = Loc(path, i + 1)
        if row.get("unit_name"):
            unit_name = row.get("unit_name")
        if not row.has_content():
            continue            # a department or subtotal row
        if name_cell and parse_money(name_cell) is None and (current is None or current[0].name != name_cell):
            close()
            project = Project(name=name_cell, loc=Loc(path, i + 1, row.col("project")), end_line=end)
            project.flat = True
            set_text_field(project, "项目名称", name_cell, project.loc)
            if unit_name:
                set_text_field(project, "实施单位", unit_name, loc)
            money = row.get("amount")
            heading_unit = re.search(r"[(（]\s*(万元|元)\s*[)）]", columns[row.col("amount")].heading) \
                if row.col("amount") is not None else None
            if heading_unit:
                project.unit = heading_unit.group(1)
            if money:
                project.amounts["年度资金总额"] = Amount(parse_money(money), money, Loc(path, i + 1, row.col("amount")))
            if row.get("goal"):
                project.goals.append(Goal("年度目标", row.get("goal"), Loc(path, i + 1, row.col("goal"))))
            current = (project, [], [], TierCursor())
        if current is None:
            continue
        project, raw, slots, cursor = current
        t1, t2, name, value = row.get("tier1"), row.get("tier2"), row.get("name"), row.get("value")
        cursor.see(t1 if taxonomy.tier1_of(t1) else None, t2 or None)
        if not name and not value:
            continue
        raw.append(_raw_row(cursor, row, name, _whole_value(value, row, "annual", project, loc), loc))
    close()
    return projects


def starts_table(cells: list[str]) -> bool:
    """Whether a table begins at this row (for reading a very large file a part at a time)."""
    if _name_start(cells):
        return True
    return is_heading_row(cells) and _is_flat_heading([column_of(c) for c in cells])


def what_is_missing(rows: list[list[str]]) -> tuple[str, str]:
    """Why no table could be read from these rows: what was found, and what was not (in Chinese
    and in English)."""
    name = next((_start_label(cells) for cells in rows if _name_start(cells)), None)
    if name is None:
        name = next((c.strip()[:12] for cells in rows for c in cells
                     if c.strip() and (match_label(c) or vocabulary.lookup("department", c))), None)
    heading = any(is_heading_row(cells) for cells in rows)
    tiers = sum(1 for cells in rows for c in cells if c.strip() and (taxonomy.tier1_of(c) or taxonomy.tier2_of(c)))
    if name and heading:
        return (f"找到了“{name}”和指标表头，但单元格连写在一起，分不出表格的行（连写文字），"
                "未能读取表格，未做检查；请用原表（Word/Excel/PDF）检查",
                f"Found “{name}” and an indicator heading, but the cells run together and the rows cannot "
                "be told apart; the table was not read or checked: check the original Word/Excel/PDF file")
    if name and not heading:
        return (f"找到了“{name}”，但没有找到指标表头（一级指标 | 二级指标 | 三级指标 | 指标值），"
                "未能读取表格，未做检查",
                f"Found “{name}”, but no indicator heading (一级指标 | 二级指标 | 三级指标 | 指标值); "
                "the table was not read or checked")
    if tiers:
        return (f"找到了 {tiers} 处“产出指标”“数量指标”等指标层级，但没有找到“项目名称”等表头和指标表头，"
                "未能读取表格，未做检查",
                f"Found {tiers} tier labels such as “产出指标”“数量指标”, but no header such as “项目名称” and "
                "no indicator heading; the table was not read or checked")
    return ("未识别出绩效目标表：文件中没有找到“项目名称”“一级指标”等表格结构，未做检查",
            "No performance target table was recognised: the file has no table structure such as "
            "“项目名称”“一级指标”; nothing was checked")
