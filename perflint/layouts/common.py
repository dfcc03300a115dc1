"""Pieces every layout shares: header labels and amounts, captions, and turning rows into Indicators.

A layout's job is to find tables and say, for each indicator row, which 一级/二级 labels are in
force and what the name and value cells hold (:class:`RawRow`). :func:`finish_project` does the
rest the same way for every layout: canonical tiers, a 二级 inferred where the source lost its
label, values parsed and dated in the budget year.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .. import taxonomy, vocabulary
from ..model import Amount, Indicator, Loc, Problem, Project, Slot, TextField
from ..values import parse_value, plausible

# ---- text helpers -----------------------------------------------------------------------------

_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


@functools.lru_cache(maxsize=16384)
def squash(text: str) -> str:
    """NFKC and no whitespace at all: for matching labels that PDF export broke apart."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def join_broken(pieces: list[str]) -> str:
    """Join text a PDF export broke over lines: no space between Chinese characters,
    one space between other words."""
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and not (re.match(f"[{_CJK}]", piece[0]) or re.search(f"[{_CJK}]$", out)):
            out += " "
        out += piece
    return out


def ws_tolerant(word: str) -> str:
    """A regex for ``word`` that also matches it with whitespace or line breaks inside."""
    return r"\s*".join(re.escape(c) for c in word)


# ---- header fields and amounts ----------------------------------------------------------------

# Header text fields and amounts are named in the vocabulary data file (perflint/vocabulary.toml,
# extendable by configuration and packages), read through vocabulary.lookup.
#: Order in which extract output lists amounts.
AMOUNT_ORDER = ("项目总额", "年度资金总额", "本级资金", "财政拨款", "政府性基金", "其他资金", "结余结转资金",
                "转移市县资金", "上级资金", "中央资金", "省级资金", "市级资金", "县级资金",
                "基本支出", "人员经费", "公用经费", "项目支出")
#: The parts that make up the annual total when the table leaves it blank.
ANNUAL_PARTS = ("本级资金", "转移市县资金", "上级资金")

_NUMBER = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?")


@vocabulary.cached
def match_label(cell: str) -> tuple[str, str, str] | None:
    """``("amount"|"text", canonical, rest)`` when the cell starts with a header label.

    ``rest`` is whatever follows the label in the same cell ("年度资金总额(含本级) 986.12" → "986.12").
    """
    hit = vocabulary.lookup("amounts", cell)
    if hit:
        return "amount", hit[0], hit[1]
    hit = vocabulary.lookup("fields", cell)
    if hit:
        rest = unicodedata.normalize("NFKC", cell).strip()
        # keep the original spacing of the rest (names may contain spaces)
        rest = rest[_label_end(rest, hit[2]):]
        return "text", hit[0], vocabulary.strip_notes(rest.strip(" :：\t")).strip()
    return None


def _label_end(text: str, spelling: str) -> int:
    """Index in ``text`` just after ``spelling`` written with arbitrary whitespace inside."""
    m = re.search(ws_tolerant(spelling), text)
    return m.end() if m else 0


@functools.lru_cache(maxsize=4096)
def parse_money(text: str) -> Decimal | None:
    """A header amount: "73398.00" → Decimal("73398.00"); blank or not a number → None.
    (Tables copied from a template repeat their amounts: each text is read once.)"""
    m = _NUMBER.match(squash(text))
    if not m:
        return None
    try:
        number = Decimal(m.group().replace(",", ""))
    except InvalidOperation:
        return None
    return number if plausible(number) else None


_MONEY_UNIT = re.compile(r"(?:万元|万|元)$")


@functools.lru_cache(maxsize=4096)
def is_money_text(text: str) -> bool:
    """A header number, possibly with its unit written after it (10000万元, 250万)."""
    s = squash(text)
    return bool(s) and bool(_NUMBER.fullmatch(_MONEY_UNIT.sub("", s)))


_THIS_YEAR_KEYS = ("其中:当年", "当年", "本年度", "本年")    # squashed (NFKC: ：→:)


@dataclass
class AmountScanner:
    """Assigns header numbers to labels, in reading order, for grid-like headers.

    Handles the three arrangements the samples use: the number after its label in the same cell
    or the next one; the number under its label on the next line; and 资金总额, which belongs to
    the 本级 or 转移 block whose label stands at or left of its column.
    """

    path: str
    amounts: dict[str, Amount] = field(default_factory=dict)
    pending: dict[int, tuple[str, Loc, bool]] = field(default_factory=dict)   # column → label awaiting a number
    blocks: list[tuple[int, str]] = field(default_factory=list)        # (column, 本级资金|转移市县资金)
    this_year: set[str] = field(default_factory=set)    # amounts set from a 当年… label

    def row(self, cells: list[tuple[int, str]], line: int) -> None:
        waiting: tuple[str, int, Loc, bool] | None = None     # label on this row still without a number
        above = dict(self.pending)
        self.pending = {}
        for col, text in cells:
            if not text:
                continue
            label = match_label(text)
            if label and label[0] == "amount":
                loc = Loc(self.path, line, col)
                _, name, rest = label
                name = self._resolve(name, col)
                # 当年财政拨款 beside 财政拨款: the 当年 (this year's) figure is the one checked
                this_year = squash(text).startswith(_THIS_YEAR_KEYS) and name != "年度资金总额"
                if name in ("本级资金", "转移市县资金"):
                    self.blocks.append((col, name))
                if rest and parse_money(rest) is not None:
                    self._set(name, parse_money(rest), rest, loc, this_year)
                    waiting = None
                else:
                    self._touch(name, loc)
                    waiting = (name, col, loc, this_year)
                    self.pending[col] = (name, loc, this_year)
                continue
            if label or not is_money_text(text):
                waiting = None
                continue
            number = parse_money(text)
            loc = Loc(self.path, line, col)
            if waiting is not None:
                self._set(waiting[0], number, text, loc, waiting[3])
                self.pending.pop(waiting[1], None)
                waiting = None
            elif col in above:
                self._set(above[col][0], number, text, loc, above[col][2])

    def _resolve(self, name: str, col: int) -> str:
        if name != "资金总额":
            return name
        left = [b for b in self.blocks if b[0] <= col]
        # outside any block it stays 资金总额 until the whole header is read (ordered_amounts)
        return (left[-1] if left else self.blocks[-1])[1] if self.blocks else "资金总额"

    def _touch(self, name: str, loc: Loc) -> None:
        if name not in self.amounts:
            self.amounts[name] = Amount(None, "", loc)

    def _set(self, name: str, value: Decimal | None, text: str, loc: Loc, this_year: bool = False) -> None:
        current = self.amounts.get(name)
        if current is None or current.value is None or (this_year and name not in self.this_year):
            self.amounts[name] = Amount(value, text.strip(), loc)
            if this_year:
                self.this_year.add(name)


def ordered_amounts(amounts: dict[str, Amount]) -> dict[str, Amount]:
    """Amounts in a stable order, with 年度资金总额 derived when the table left it blank.

    Several layouts leave the annual total empty and fill only its parts (000 fills only the
    含本级 column; some 002 tables only 本级资金 or 转移市县资金). The annual total is then
    本级资金 + 转移市县资金, marked ``derived`` so rules can still say the cell was blank.
    """
    out = {k: amounts[k] for k in AMOUNT_ORDER if k in amounts}
    loose = amounts.get("资金总额")
    if loose is not None:
        # 资金总额 outside a 本级/转移 block: beside a 年度/当年资金总额 it is the whole period's
        # total (项目总额); alone it is the total of this year's own funds
        written = out.get("年度资金总额")
        key = "项目总额" if written is not None and written.value is not None else "本级资金"
        if key not in out or out[key].value is None:
            out[key] = loose
            out = {k: out[k] for k in AMOUNT_ORDER if k in out}
    annual = out.get("年度资金总额")
    # written but unusable (forty digits) is not blank: it is reported as it is, not replaced
    if annual is None or (annual.value is None and not annual.text):
        parts = [out[k] for k in ANNUAL_PARTS if k in out and out[k].value is not None]
        if parts:
            loc = annual.loc if annual else parts[0].loc
            out["年度资金总额"] = Amount(sum(p.value for p in parts), "", loc, derived=True)
            out = {k: out[k] for k in AMOUNT_ORDER if k in out}
    return out


def set_text_field(project: Project, name: str, text: str, loc: Loc) -> None:
    text = text.strip()
    current = project.fields.get(name)
    if current is None or (not current.text and text):
        project.fields[name] = TextField(text, loc)


# ---- captions ---------------------------------------------------------------------------------

# a year in brackets, （2022年度）: one pattern per opening bracket, each starting with it (a
# pattern that starts with a literal is searched for at C speed; one starting with a choice
# of characters is tried at each of them, and a file writes thousands of （)
_YEAR_IN_PARENS = tuple(re.compile(rf"{re.escape(bracket)}\s*(20\d{{2}})\s*年\s*度?\s*[)）]") for bracket in "（(")
_YEAR_IN_CAPTION = re.compile(r"(20\d{2})\s*年\s*度?[^。，,；;]{0,30}?绩效目标(?:总)?表")
_DOC_NUMBER = re.compile(r"[【〔\[(（]\s*20\d{2}\s*[】〕\])）]")
_YEAR = re.compile(r"(20\d{2})\s*年")
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|千元|亿元|元)|[（(]\s*(万元|千元|亿元|元)\s*[)）]")


def detect_budget_year(lines: list[str]) -> int | None:
    """The budget year from captions: （2022年度）, 2024年部门项目支出预算绩效目标表, else the
    year the document speaks of most (document numbers such as 〔2020〕 excluded)."""
    # one search over the whole text, not one per line: no pattern can match a 。, so joined
    # with it the lines give exactly the matches they give one by one
    text = "。".join(lines)
    in_parens = sorted((m.start(), m.group(1)) for pattern in _YEAR_IN_PARENS for m in pattern.finditer(text))
    # (counted in the order written: the first of equally many wins)
    years = Counter(year for _, year in in_parens) or Counter(m.group(1) for m in _YEAR_IN_CAPTION.finditer(text))
    if years:
        return int(years.most_common(1)[0][0])
    years = Counter(m.group(1) for m in _YEAR.finditer(_DOC_NUMBER.sub("", text)))
    return int(years.most_common(1)[0][0]) if years else None


def detect_unit(text: str) -> str | None:
    m = _UNIT.search(text)
    return (m.group(1) or m.group(2)) if m else None


# ---- indicator rows → Indicators ----------------------------------------------------------------

@dataclass
class RawRow:
    """An indicator row as a layout read it, before tiers are canonicalised and values parsed."""

    name: str
    value_text: str
    loc: Loc
    group: int                        # rows under one written 二级 label (or template slot group)
    tier1_label: str | None = None
    tier2_label: str | None = None
    description: str | None = None
    basis: str | None = None
    value_loc: Loc | None = None     # the value cell, when it is not on the indicator's line
    inferred: bool = False           # the table has no tiers: the 二级 was inferred from name and value
    weight: str | None = None        # 权重/分值, in a scored form


@dataclass
class TierCursor:
    """The 一级/二级 labels in force while reading down a table.

    A new group starts whenever a different 一级 or 二级 is written; a label repeated after a
    page break continues its group.
    """

    tier1_label: str | None = None
    tier2_label: str | None = None
    group: int = 0

    def see(self, tier1: str | None = None, tier2: str | None = None) -> None:
        if tier1 and taxonomy.tier1_of(tier1) != taxonomy.tier1_of(self.tier1_label):
            self.tier1_label, self.tier2_label = tier1, None
            self.group += 1
        if tier2 and taxonomy.tier2_of(tier2) != taxonomy.tier2_of(self.tier2_label):
            self.tier2_label = tier2
            self.group += 1

    def row(self, name: str, value: str, loc: Loc, **details) -> RawRow:
        return RawRow(name, value, loc, self.group, self.tier1_label, self.tier2_label, **details)


def is_indicator_header(content: list[tuple[int, str]] | tuple[tuple[int, str], ...]) -> bool:
    """The row of column headings above the indicators: 一级指标 | 二级指标 | 三级指标 | 指标值."""
    return _is_indicator_header(tuple(content))


@functools.lru_cache(maxsize=4096)
def _is_indicator_header(content: tuple[tuple[int, str], ...]) -> bool:
    # (the rows above a template's indicators recur from table to table: each is looked at once)
    words = {squash(t) for _, t in content}
    # short headings with a note after them count too: 一级, 三级指标名称, 二级指标（…）
    return any(w.startswith("一级") and len(w) <= 8 for w in words) and \
        any(w.startswith(("二级", "三级")) and len(w) <= 12 for w in words)


def take_name(project: Project) -> None:
    """The project is named, and located, by its 项目名称 field."""
    if "项目名称" in project.fields:
        project.name = project.fields["项目名称"].text
        project.loc = project.fields["项目名称"].loc


def is_tab_name_row(line: str) -> bool:
    """A tab-separated row whose first filled cell is the 项目名称 label (a table starts here)."""
    if "称" not in line:   # cheap test first: this runs on every line while sniffing
        return False
    first = next((c for c in line.split("\t") if c.strip()), "")
    return squash(first).startswith("项目名称")


_SLOT = re.compile(r"^\s*指标\s*\d+\s*[:：]\s*")


def strip_slot(text: str) -> tuple[str, bool]:
    """"指标1: 享受培训补贴人员数量" → ("享受培训补贴人员数量", True)."""
    m = _SLOT.match(text)
    return (text[m.end():].strip(), True) if m else (text.strip(), False)


def group_tier2(rows: list[RawRow]) -> dict[int, str | None]:
    """The canonical 二级 written for each group (None where the label is missing or is a 一级)."""
    tiers: dict[int, str | None] = {}
    for row in rows:
        if row.group not in tiers or tiers[row.group] is None:
            tiers[row.group] = taxonomy.tier2_of(row.tier2_label)
    return tiers


def finish_project(project: Project, rows: list[RawRow], year: int | None,
                   slots: list[Slot] | None = None) -> None:
    """Canonicalise tiers, infer lost 二级 labels, parse values: rows → project.indicators."""
    slots = list(slots or ())
    tiers = group_tier2(rows)
    groups = list(dict.fromkeys(r.group for r in rows))
    inferred: dict[int, str | None] = {}
    for i, g in enumerate(groups):
        if tiers[g] is not None:
            continue
        before = next((tiers[h] for h in reversed(groups[:i]) if tiers[h]), None)
        after = next((tiers[h] for h in groups[i + 1:] if tiers[h]), None)
        candidates = [t for t in taxonomy.tiers_between(before, after)
                      if t in taxonomy.LOCAL_TIERS or _uses_mof(tiers)]
        first = next(r for r in rows if r.group == g)
        written_tier1 = taxonomy.tier1_of(first.tier1_label)
        if written_tier1:
            candidates = [t for t in candidates if taxonomy.parent_of(t) == written_tier1] or candidates
        if len(candidates) == 1:
            inferred[g] = candidates[0]
        else:
            inferred[g] = None
            project.problems.append(Problem(
                "structure", "tier2-unknown",
                f"无法确定“{first.name or first.value_text}”所属的二级指标（原表未标明）", first.loc,
                first.name, f"The second-level tier of “{first.name or first.value_text}” cannot be determined "
                            "(the table does not say)"))
    for row in rows:
        tier2 = tiers[row.group] or inferred.get(row.group)
        tier1 = taxonomy.parent_of(tier2) or taxonomy.tier1_of(row.tier1_label)
        if not row.value_text.strip() and _SLOT.match(row.name) and not _SLOT.sub("", row.name).strip():
            # A bare template label ("指标2:") with nothing after it is an unused slot, not an indicator.
            slots.append(Slot(tier1, tier2, row.name.strip(), row.loc))
            continue
        value = parse_value(row.value_text).resolve(year)
        # (the fields by position, in the order Indicator declares them: a keyword call takes
        # three times as long, and every indicator of a run is made here)
        project.indicators.append(Indicator(
            tier1, tier2, row.name, row.value_text.strip(), value, row.loc, row.tier1_label, row.tier2_label,
            (tiers[row.group] is None and tier2 is not None) or row.inferred,      # tier2_inferred
            row.description, row.basis, row.value_loc or row.loc, is_total_name(row.name),
            parse_money(row.weight) if row.weight else None))
    project.empty_slots.extend(sorted(slots, key=lambda s: s.loc.line or 0))


@vocabulary.cached
def is_total_name(name: str) -> bool:
    """A 合计/小计/年度预算总成本 row: the sum of the item rows, not an item of its own."""
    key = vocabulary.key(name)
    return bool(key) and any(key.startswith(squash(w)) for w in vocabulary.words("totals", "labels"))


def _uses_mof(tiers: dict[int, str | None]) -> bool:
    return any(t in taxonomy.MOF_COST_TIERS for t in tiers.values())


def regroup_centred_cost_label(rows: list[RawRow]) -> None:
    """Move money rows that precede a 成本指标 label into the cost group.

    In some PDF exports a merged 二级 cell prints its label at the cell's vertical middle, so
    the first cost rows appear before "14-成本指标" and seem to belong to the group above
    (时效指标). Rows are moved only when every one of them is valued in money (or a bare number)
    and the group above is not itself a cost group.
    """
    tiers = group_tier2(rows)
    for i, row in enumerate(rows):
        if i == 0 or tiers.get(row.group) != "成本指标" or rows[i - 1].group == row.group:
            continue
        above = rows[i - 1].group
        if tiers.get(above) in (None, "成本指标"):
            continue
        # the unlabelled tail of the group above: rows after its own label row
        run = []
        j = i - 1
        while j >= 0 and rows[j].group == above and rows[j].tier2_label == rows[i - 1].tier2_label \
                and not _starts_group(rows, j):
            run.append(j)
            j -= 1
        run.reverse()
        if run and all(_is_money_like(rows[k].value_text) for k in run):
            for k in run:
                rows[k].group = row.group
                rows[k].tier2_label = row.tier2_label


def _starts_group(rows: list[RawRow], j: int) -> bool:
    return j == 0 or rows[j - 1].group != rows[j].group


def _is_money_like(text: str) -> bool:
    v = parse_value(text)
    return v.is_money or (v.kind == "quantity" and v.unit is None and v.number is not None)


# ---- goals --------------------------------------------------------------------------------------

_GOAL_LABEL = re.compile(
    r"^\s*(年\s*度\s*总\s*体\s*绩\s*效\s*目\s*标|年\s*度\s*绩\s*效\s*目\s*标|总\s*体\s*绩\s*效\s*目\s*标)"
    r"\s*(?:[（(]\s*(含\s*本\s*级\s*和\s*市\s*县|含\s*本\s*级)\s*[)）])?\s*[:：]?")


@functools.lru_cache(maxsize=4096)
def match_goal(cell: str) -> tuple[str, str] | None:
    """``(label, rest)`` when a cell starts with a goal label, e.g. 年度绩效目标(含本级) 目标1:…"""
    text = unicodedata.normalize("NFKC", cell)
    m = _GOAL_LABEL.match(text)
    if not m:
        return None
    label = squash(m.group(1))
    if m.group(2):
        label += f"（{squash(m.group(2))}）"
    return label, text[m.end():].strip()


# ---- grid headers (tab-separated text now; Word and Excel tables later) -----------------------

@functools.lru_cache(maxsize=4096)
def line_cells(line: str) -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]:
    """A tab-separated line's cells with their column index, blanks included, and the filled
    ones among them (:func:`filled`). Tables copied from one template repeat most of their lines
    (labels, headings, the rows they keep): each is cut once."""
    cells = tuple(enumerate(map(str.strip, line.split("\t"))))
    return cells, tuple(cell for cell in cells if cell[1])


def filled(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [cell for cell in cells if cell[1]]


def scan_text_fields(project: Project, cells: list[tuple[int, str]], loc: Loc) -> None:
    """Header text fields on one row: the value follows its label in the same cell or the next."""
    cells = filled(cells)
    for i, (col, text) in enumerate(cells):
        label = match_label(text)
        if not label or label[0] != "text":
            continue
        value = label[2]
        if not value and i + 1 < len(cells):
            following = cells[i + 1][1]
            if not match_label(following) and not match_goal(following):
                value, col = following, cells[i + 1][0]
        set_text_field(project, label[1], value, Loc(loc.path, loc.line, col))


# ---- stream headers (PDF text: labels and values run on, labels broken over lines) ---------------

_NOISE_SPELLINGS = ("其中:", "其中", "预算规模及资金用途", "项目资金")


@vocabulary.cached
def _stream_table() -> tuple[re.Pattern, dict[str, tuple[str, str | None]]]:
    entries: dict[str, tuple[str, str | None]] = {}
    for name, spellings in vocabulary.current().table("amounts").items():
        for s in spellings:
            entries[squash(s)] = ("amount", name)
    for name, spellings in vocabulary.current().table("fields").items():
        for s in spellings:
            entries[squash(s)] = ("text", name)
    for s in _NOISE_SPELLINGS:
        entries[squash(s)] = ("noise", None)
    # a label begins a word: "改造项目 单位" is not the label 项目单位
    alternation = r"(?<![\u4e00-\u9fff])(?:" + "|".join(
        ws_tolerant(s) for s in sorted(entries, key=len, reverse=True)) + ")"
    return re.compile(alternation), entries


def scan_stream_header(project: Project, pieces: list[tuple[int, str]], path: str) -> None:
    """Header fields and amounts from text that runs on across lines ("项目总额 385.4 其中：年度资金总额 10").

    The value of a label is everything up to the next label; 资金总额 belongs to the block
    (本级资金 or 转移市县资金) named last before it.
    """
    text, starts = "", []
    for line, piece in pieces:
        starts.append((len(text), line))
        text += unicodedata.normalize("NFKC", piece) + "\n"

    def line_at(offset: int) -> int:
        return next(line for start, line in reversed(starts) if start <= offset)

    pattern, entries = _stream_table()
    matches = list(pattern.finditer(text))
    scanner_block = None
    for k, m in enumerate(matches):
        kind, name = entries[squash(m.group())]
        if kind == "noise":
            continue
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        raw = text[m.end():end]
        loc = Loc(path, line_at(m.start()))
        if kind == "text":
            set_text_field(project, name, join_broken(raw.strip(" :：").split("\n")), loc)
            continue
        if name in ("本级资金", "转移市县资金"):
            scanner_block = name
        elif name == "资金总额":
            name = scanner_block or "本级资金"
        number = re.search(r"\d+(?:,\d{3})*(?:\.\d+)?", raw)
        value = parse_money(number.group()) if number and not raw[:number.start()].strip() else None
        if value is not None:
            loc = Loc(path, line_at(m.end() + number.start()))
        current = project.amounts.get(name)
        if current is None or current.value is None:
            project.amounts[name] = Amount(value, number.group() if value is not None else "", loc)
