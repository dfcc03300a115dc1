"""Text → the grid of cells every other format gives: how text exports cut a table into lines.

A text file copied from a web page, a PDF or a budget system keeps a table's cells in one of a
few ways, and this module turns each back into rows of cells (one row per line of the file, so
line numbers stay the locations users see):

* tab-separated rows, ``|``-separated rows, and columns aligned with runs of spaces;
* single spaces between cells, on rows that begin with a label or a 一级/二级 word;
* one cell per line, with blank lines between cells: cells are regrouped into rows (a label and
  its values; below the indicator heading, a 一级/二级 word or a full row starts the next row),
  and each row is put on the line of its first cell;
* run-together text ("项目名称农村义务教育…项目主管部门青山区教育局") as best effort: cut before and
  after the labels and headings the vocabulary knows, and a trailing value off an indicator name.

Merged cells and empty cells are lost in all of these, so the grid is *ragged*: the form
interpreter fits each row to its columns by content (see :func:`perflint.layouts.form.fit_row`).
"""
from __future__ import annotations

import re
import statistics

from .. import taxonomy, vocabulary
from ..values import parse_value

_SPACES = re.compile(r"[ \u3000]{2,}")
_SINGLE_CJK = re.compile(r"[\u4e00-\u9fff]")
_RULE = re.compile(r":?-{2,}:?|=+|\++")
_ONE_SPACE = re.compile(r"[ \u3000]+")
_VALUE_TAIL = re.compile(r"^(.*?[^\d≥≤<>=＞＜.,\s%])\s*((?:[≥≤<>=＞＜]|不低于|不少于|不超过|不高于)?\s*\d[\d.,]*\s*"
                         r"(?:%|％|[^\d\s,，。；;]{1,5})?)$")


def segment(lines: list[str]) -> tuple[list[list[str]], str]:
    """Rows of cells, one per line, and how the text was cut (``lines`` or ``cell-per-line``)."""
    content = [line for line in lines if line.strip()]
    if not content:
        return [[] for _ in lines], "lines"
    tabbed = sum(1 for line in content if "\t" in line)
    short = statistics.median(len(line.strip()) for line in content) <= 30
    # one cell per line, with or without blank lines between cells: the headings stand on lines of
    # their own (一级指标 / 二级指标 / …) and most lines are short
    if tabbed * 10 < len(content) and short and _has_heading_cells(content) and not _rows_on_lines(content):
        return _cell_per_line(lines), "cell-per-line"
    rows: list[list[str]] = []
    spaced_table = False        # below a heading row cut at single spaces, every row is cut so
    for line in lines:
        cells = split_line(line)
        if len(cells) > _STREAM_CELLS and _heading_count(cells) >= 2:
            rows.append(cells)            # a whole form run together on one line: see rows_of_streams
            continue
        if "\t" not in line and line.count("|") < 2 and not _SPACES.search(line.strip()):
            if spaced_table and len(cells) == 1 and " " in line.strip():
                cells = [w for w in _ONE_SPACE.split(line.strip()) if w]
            if len(cells) > 1 and _heading_count(cells) >= 2:
                spaced_table = True
            elif cells and is_footer(cells[0]):
                spaced_table = False
        rows.append(cells)
    return rows, "lines"


_STREAM_CELLS = 16


def rows_of_streams(rows: list[list[str]]) -> tuple[list[list[str]], list[int] | None]:
    """Rows with a whole form run together on one line (a document-sharing site's preview text)
    regrouped into table rows; with the line each row is on, when that is no longer its index."""
    if not any(len(r) > _STREAM_CELLS for r in rows):
        return rows, None
    out: list[list[str]] = []
    lines: list[int] = []
    for i, cells in enumerate(rows):
        if len(cells) > _STREAM_CELLS and _heading_count(cells) >= 2:
            # run-together text: a name with its value run on after it is two cells
            stream = [part for c in cells if c.strip()
                      for part in ((split_name_value(c) or (c,)) if not _is_label(c) else (c,))]
            for _, group in group_cells([(i, c) for c in stream]):
                out.append(group)
                lines.append(i)
        else:
            out.append(cells)
            lines.append(i)
    return out, lines


def _rows_on_lines(content: list[str]) -> bool:
    """Whether rows already stand one per line (a heading row cut at spaces or bars)."""
    return any(_heading_count(split_line(line)) >= 2 for line in content if len(line) < 200)


def _has_heading_cells(content: list[str]) -> bool:
    keys = {vocabulary.key(line) for line in content}
    if any(k.startswith("一级") for k in keys) and any(k.startswith(("二级", "三级")) for k in keys):
        return True
    roles = {hit[0] for line in content if (hit := vocabulary.lookup("columns", line, whole=True))}
    return {"name", "value"} <= roles


# ---- one line → cells -----------------------------------------------------------------------------

def split_line(line: str) -> list[str]:
    text = line.strip("\r\n")
    if not text.strip():
        return []
    if "\t" in text:
        return [c.strip() for c in text.split("\t")]
    if text.count("|") >= 2:
        cells = [c.strip() for c in text.split("|")]
        if cells and not cells[0]:
            cells = cells[1:]
        if cells and not cells[-1]:
            cells = cells[:-1]
        if cells and all(_RULE.fullmatch(c) for c in cells):
            return []            # |---|---| under a Markdown heading row
        return cells
    stripped = text.strip()
    if _SPACES.search(stripped):
        return [c for c in _SPACES.split(stripped) if c]
    if " " in stripped or "\u3000" in stripped:
        return _split_spaced(stripped)
    return _split_glued(stripped)


def _split_spaced(text: str) -> list[str]:
    words = [w for w in _ONE_SPACE.split(text) if w]
    first = words[0]
    if _is_goal(first):
        return [first, " ".join(words[1:])]
    lead_only = not vocabulary.key(first) and len(words) > 1       # "其中: 财政拨款数 3"
    if _tier_word(first) or _is_label(first) or (lead_only and _is_label(words[1])) or _heading_count(words) >= 2:
        # a long word is a stretch of run-together text
        return [cell for word in words for cell in (_split_glued(word) if len(word) > 30 else [word])]
    glued = [cell for word in words for cell in _split_glued(word)]
    if len(glued) > len(words) or (len(words) > 1 and (_is_label(first) or lead_only)):
        return glued
    return [text]


def _split_glued(text: str) -> list[str]:
    """Cut run-together text at the labels, headings and tier words the vocabulary knows.

    Only a line that begins with such a word is cut (a form run together: 项目名称农村…项目主管部门…);
    a caption or a sentence that merely mentions 绩效目标 stays whole."""
    if not _glue_pattern().match(text) and len(_glue_pattern().findall(text)) < 6:
        return [text]
    cells: list[str] = []
    at = 0
    in_row = False            # past a 一级/二级 word only tier words cut: 预算资金当年下达率 is a name
    for m in _glue_pattern().finditer(text):
        if in_row and not _tier_word(m.group()):
            continue
        if text[at:m.start()].strip(" :："):
            cells.append(text[at:m.start()].strip(" :："))
        cells.append(m.group())
        at = m.end()
        in_row = in_row or _tier_word(m.group())
    if text[at:].strip(" :："):
        cells.append(text[at:].strip(" :："))
    if len(cells) <= 1:
        return [text]
    # an indicator row: the last cell is "name + value" run together
    if any(_tier_word(c) for c in cells) and not any(_is_heading(c) for c in cells):
        m = _VALUE_TAIL.match(cells[-1])
        if m and not _tier_word(cells[-1]):
            cells[-1:] = [m.group(1).strip(), m.group(2).strip()]
    return cells


def split_name_value(text: str) -> tuple[str, str] | None:
    """"学校满意度≥90%" → ("学校满意度", "≥90%"): a name with its value run on after it."""
    m = _VALUE_TAIL.match(text.strip())
    return (m.group(1).strip(), m.group(2).strip()) if m and not _tier_word(text) else None


@vocabulary.cached
def _glue_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in _glue_words()))


@vocabulary.cached
def _glue_words() -> tuple[str, ...]:
    """Words long and specific enough to cut run-together text at, longest first."""
    vocab = vocabulary.current()
    found: set[str] = set()
    for section in ("fields", "amounts", "goals", "department"):
        for spellings in vocab.table(section).values():
            found.update(s for s in spellings if len(s) >= 4)
    for role, spellings in vocab.table("columns").items():
        if role not in ("unit", "note", "weight", "comparator"):
            found.update(s for s in spellings if len(s) >= 3)
    found.update(taxonomy.TIER1_ORDER)
    found.update(taxonomy.TIER2_ORDER)
    found.update(("社会公众或服务对象满意度指标", "服务对象满意度指标", "绩效指标"))
    return tuple(sorted(found, key=len, reverse=True))


def _tier_word(cell: str) -> bool:
    return bool(taxonomy.tier1_of(cell) or taxonomy.tier2_of(cell))


def _is_label(cell: str) -> bool:
    return any(vocabulary.lookup(section, cell) for section in ("fields", "amounts", "department"))


def _is_goal(cell: str) -> bool:
    return vocabulary.lookup("goals", cell, whole=True) is not None


def _is_heading(cell: str) -> bool:
    hit = vocabulary.lookup("columns", cell, whole=True)
    return hit is not None and hit[0] in ("tier1", "tier2", "name", "value")


def _heading_count(words: list[str]) -> int:
    return sum(1 for w in words if _is_heading(w))


@vocabulary.cached
def is_footer(cell: str) -> bool:
    key = vocabulary.key(cell)
    return any(key == w or (len(w) >= 4 and key.startswith(w)) for w in vocabulary.words("footers", "labels"))


# ---- one cell per line → rows ---------------------------------------------------------------------

def _cell_per_line(lines: list[str]) -> list[list[str]]:
    rows: list[list[str]] = [[] for _ in lines]
    for line, group in group_cells([(i, line.strip()) for i, line in enumerate(lines) if line.strip()]):
        rows[line] = group
    return rows


def group_cells(cells: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """A stream of (line, cell) regrouped into table rows, each with the line of its first cell."""
    cells = _join_broken(cells)
    groups: list[tuple[int, list[str]]] = []
    k = 0
    while k < len(cells) and not _is_heading(cells[k][1]):
        line, text = cells[k]
        goal_labels = bool(groups) and all(_is_goal(c) for c in groups[-1][1])
        if goal_labels and _is_goal(text):
            groups[-1][1].append(text)          # 长期目标 | 年度目标: their texts follow as a row
        elif not groups or _starts_header_row(text) or (goal_labels and len(groups[-1][1]) >= 2):
            groups.append((line, [text]))
        else:
            groups[-1][1].append(text)
        k += 1
    heading_start = k
    # a flat table's project columns (单位名称 | 项目名称 | 预算数 | 年度目标) come before 一级指标
    while heading_start > 0 and groups and len(groups[-1][1]) == 1 \
            and groups[-1][0] == cells[heading_start - 1][0] \
            and vocabulary.lookup("columns", cells[heading_start - 1][1], whole=True):
        heading_start -= 1
        groups.pop()
    while k < len(cells) and (_is_heading(cells[k][1]) or vocabulary.lookup("columns", cells[k][1], whole=True)
                              or _heading_like(cells[k][1])):
        k += 1
    if k > heading_start:
        split = _sub_heading_at(cells[heading_start:k])
        if split:            # 指标值 | 备注 then 指标性质 | 指标值 | 度量单位: a second heading row
            groups.append((cells[heading_start][0], [t for _, t in cells[heading_start:heading_start + split]]))
            groups.append((cells[heading_start + split][0], [t for _, t in cells[heading_start + split:k]]))
        else:
            groups.append((cells[heading_start][0], [t for _, t in cells[heading_start:k]]))
    width = k - heading_start
    tiered = any((hit := vocabulary.lookup("columns", t)) and hit[0] in ("tier1", "tier2")
                 for _, t in cells[heading_start:k])
    flat = any((hit := vocabulary.lookup("columns", t, whole=True)) and hit[0] == "project"
               for _, t in cells[heading_start:k])
    if flat:     # a row's own cells run from 一级指标 on; the project's cells come before its first row
        width = k - next((j for j in range(heading_start, k)
                          if (hit := vocabulary.lookup("columns", cells[j][1])) and hit[0] == "tier1"), heading_start)
    tier2_columns = sum(1 for _, t in cells[heading_start:k]
                        if (hit := vocabulary.lookup("columns", t)) and hit[0] == "tier2")
    row: tuple[int, list[str]] | None = None
    for line, text in cells[k:]:
        if is_footer(text):
            if row:
                groups.append(row)
                row = None
            groups.append((line, [text]))
            width = 0            # past the table: one cell per row
            continue
        if width == 0:
            groups.append((line, [text]))
            continue
        if row is not None and _starts_row(row[1], text, tiered, tier2_columns, width):
            groups.append(row)
            row = None
        if row is None:
            row = (line, [text])
        else:
            row[1].append(text)
    if row:
        groups.append(row)
    if flat:
        groups = _project_cells_forward(groups)
    return groups


_HEADING_WORDS = ("指标", "说明", "依据", "标准", "备注", "单位", "权重", "分值")


def _heading_like(text: str) -> bool:
    """An unlisted column heading in a run of headings (指标值设定说明, 评价标准…)."""
    key = vocabulary.key(text)
    if re.fullmatch(r"20\d{2}年(?:度)?(?:实际|预期|目标|计划)?(?:值|数|完成值)?", key):
        return True         # 2023年实际值 | 2024年预期值: the year columns of a 批复表
    return len(key) <= 8 and any(w in key for w in _HEADING_WORDS) and not _tier_word(text)


def _sub_heading_at(run: list[tuple[int, str]]) -> int | None:
    """Where a run of heading cells holds a second row of sub-headings: the 指标值 role comes
    twice, the second time after a 指标性质/计算符号 cell that starts the sub-row."""
    roles = [(hit[0] if (hit := vocabulary.lookup("columns", t)) else None) for _, t in run]
    values = [i for i, r in enumerate(roles) if r == "value"]
    if len(values) < 2:
        return None
    starts = [i for i in range(values[0] + 1, values[1]) if roles[i] in ("comparator", "direction", "value_kind")]
    return starts[-1] if starts else None


def _number_like(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d+)?", text.strip()))


def _value_like(text: str) -> bool:
    return parse_value(text).is_structured and not _number_like(text)


def _first_tier(cells: list[str]) -> int:
    return next((j for j, c in enumerate(cells) if _tier_word(c)), 0)


def _starts_row(cells_in: list[str], text: str, tiered: bool, tier2_columns: int, width: int) -> bool:
    """Whether ``text`` begins the next indicator row rather than continuing ``cells_in``."""
    if not tiered:
        # no tier columns: a row is a name, then numbers (权重) and its value; a word after the
        # value starts the next row
        return any(_value_like(c) for c in cells_in[1:]) and not _number_like(text)
    level = 1 if taxonomy.tier1_of(text) else 2 if taxonomy.tier2_of(text) else 0
    if level == 1 and not vocabulary.key(text).endswith("指标") and cells_in and taxonomy.tier2_of(cells_in[-1]):
        level = 0        # "满意度" after 服务对象满意度指标 is the indicator's name
    tier2_seen = sum(1 for c in cells_in if taxonomy.tier2_of(c) and not taxonomy.tier1_of(c))
    other = any(not _tier_word(c) for c in cells_in)
    # a second 二级 column (长期 | 年度) takes a second 二级 word on the same row
    return level == 1 or (level == 2 and (tier2_seen >= max(tier2_columns, 1) or (other and tier2_columns <= 1))) \
        or len(cells_in) - _first_tier(cells_in) >= width


def _project_cells_forward(groups: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """In a flat table the project's cells (名称, 预算数, 年度目标) stand before its first
    indicator row: join a group without 一级/二级 words to the row that follows it."""
    out: list[tuple[int, list[str]]] = []
    k = 0
    while k < len(groups):
        line, cells = groups[k]
        if k + 1 < len(groups) and not any(_tier_word(c) for c in cells) and not is_footer(cells[0]) \
                and groups[k + 1][1] and _tier_word(groups[k + 1][1][0]):
            out.append((line, cells + groups[k + 1][1]))
            k += 2
            continue
        out.append((line, cells))
        k += 1
    return out


def _starts_header_row(text: str) -> bool:
    key = vocabulary.key(text)
    if any(key.startswith(w) for w in vocabulary.words("totals", "labels")):
        return True
    return _is_label(text) or _is_goal(text) or vocabulary.lookup("goals", text) is not None \
        or vocabulary.key(text).startswith(("资金支出计划", "项目资金", "绩效指标", "项目绩效目标", "项目概况"))


def _join_broken(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A label a narrow cell broke over two lines ("可持续影响" / "指标", "项目起" / "止时间")."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(cells):
        line, text = cells[k]
        run = k
        while run < len(cells) and _SINGLE_CJK.fullmatch(cells[run][1]):
            run += 1
        if run - k >= 2:            # 绩 / 效 / 指 / 标: a side label printed one character a line
            out.append((line, "".join(t for _, t in cells[k:run])))
            k = run
            continue
        if k + 1 < len(cells):
            after = cells[k + 1][1]
            joined = text + after
            if not _known(after) and (not _known(text) or _is_label(text)) and _known(joined, whole=True) \
                    or (after == "指标" and _tier_word(joined)):
                out.append((line, joined))
                k += 2
                continue
            if _tier_word(joined) and not _tier_word(text) and len(cells[k + 1][1]) <= 4:
                out.append((line, joined))
                k += 2
                continue
        out.append((line, text))
        k += 1
    return out


def _known(text: str, whole: bool = False) -> bool:
    if _tier_word(text):
        return True
    return any(vocabulary.lookup(s, text, whole=whole) for s in ("fields", "amounts", "goals", "columns"))
