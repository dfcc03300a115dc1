"""Derived views of the model that many rules need, public through :mod:`perflint.api`.

An outside rule pack uses the same views as perflint's own rules: the cost rows read as money
(:func:`cost_lines`, :func:`compare_costs`), the spending plan cell by cell (:func:`plan_cells`),
every piece of written text (:func:`text_pieces`), measures in running text (:func:`mentions`),
and the small normalisations they rest on (:func:`squash`, :func:`item_key`, :func:`row_key`).
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate
from typing import NamedTuple

from . import taxonomy, vocab
from .model import Document, Indicator, Loc, Project
from .values import Value, parse_value

#: 二级 tiers whose slots can never be "not applicable".
REQUIRED_TIERS = frozenset({"数量指标", "质量指标", "时效指标", "成本指标", "服务对象满意度指标",
                            "经济成本指标", "社会成本指标", "生态环境成本指标"})
COST_TIERS = frozenset({"成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标"})
OUTPUT_TIERS = frozenset({"数量指标", "质量指标", "时效指标", "成本指标"})
BENEFIT_TIERS = frozenset({"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"})
#: Names that are fillers, not indicators (本指标不适用此项目, 无, 0, /).
FILLER_NAMES = frozenset({"本指标不适用此项目", "本指标不适用于此项目", "本指标不适用", "本项目不适用",
                          "不适用", "无", "0", "/", "-", "—", "——", "N/A", "暂无", "不涉及"})
#: Bare fillers whose meaning is unclear (0 could be a real target; 无 could mean none).
BARE_FILLERS = frozenset({"0", "无", "/", "-", "—", "——"})


#: a text without spaces, in NFKC (None as ""): vocab.clean itself, not a wrapper around it (a
#: large run calls it a few million times)
squash = vocab.clean


@functools.lru_cache(maxsize=4096)
def is_filler_name(name: str) -> bool:
    """(Asked of every row by several rules: the same names recur table after table.)"""
    return squash(name).rstrip("。.") in FILLER_NAMES


def is_placeholder(value: Value, extra_words: tuple[str, ...] = ()) -> bool:
    return value.kind == "placeholder" or (bool(extra_words) and squash(value.text) in extra_words)


def is_cost(ind: Indicator) -> bool:
    return ind.tier2 in COST_TIERS


def leaves(value: Value) -> tuple[Value, ...]:
    return value.leaves()


TIER_SHORT = {t: t.removesuffix("指标") for t in taxonomy.TIER2_ORDER}


def tier_name(tier2: str | None) -> str:
    return tier2 or "未知二级指标"


# ---- reading cost rows as money ------------------------------------------------------------------

@dataclass
class CostLine:
    indicator: Indicator
    yuan: Decimal | None          # the amount in 元, or None when the row is not an amount
    how: str                      # money | bare | priced | rate | other
    read_as: str | None = None    # the unit a bare number was read in (元, or the table's unit)


_NAME_NOISE = re.compile(r"[\s\"“”‘’'「」《》()（）【】\[\]、，,。.:：;；]+")
_COST_SUFFIX = re.compile(r"(?:费用|经费|费|预算|资金|成本|支出|金额)$")


@functools.lru_cache(maxsize=1 << 14)
def item_key(name: str) -> str:
    """A cost or quantity item's name without punctuation or a trailing 费/费用/预算."""
    key = _NAME_NOISE.sub("", vocab.clean(name))
    while True:
        shorter = _COST_SUFFIX.sub("", key)
        if shorter == key or not shorter:
            return key
        key = shorter


def quantity_counts(project: Project) -> dict[str, list[Value]]:
    """数量 rows by item key → their counted values (for unit price × count)."""
    counts: dict[str, list[Value]] = {}
    for ind in project.indicators:
        if ind.tier2 == "数量指标":
            counts.setdefault(item_key(ind.name), []).extend(
                v for v in ind.value.leaves() if v.kind in ("quantity", "duration") and v.number is not None)
    return counts


def budget_of(project: Project) -> Decimal | None:
    return project.amount("年度资金总额")


def cost_lines(project: Project) -> list[CostLine]:
    """Every 成本 row read as an amount in 元 where that can be done without guessing wildly."""
    budget = budget_of(project)
    counts = None
    lines = []
    for ind in project.indicators:
        if not is_cost(ind) or ind.total:
            continue        # a 合计/总成本 row sums the items: counting it would count them twice
        v = ind.value
        yuan = vocab.money_yuan(v)
        if yuan is not None:
            lines.append(CostLine(ind, yuan, "money"))
            continue
        if v.kind == "quantity" and v.unit is None and v.number is not None and v.number > 0 \
                and not v.scale:
            amount, read_as = vocab.bare_number_reading(v.number, project.unit, budget)
            lines.append(CostLine(ind, amount, "bare", read_as))
            continue
        info = v.unit_info
        if info is not None and info.is_money_rate:
            if counts is None:
                counts = quantity_counts(project)
            priced = _price_times_count(ind, v, counts)
            lines.append(CostLine(ind, priced, "priced" if priced is not None else "rate"))
            continue
        lines.append(CostLine(ind, None, "other"))
    return lines


def _price_times_count(ind: Indicator, price: Value, counts: dict[str, list[Value]]) -> Decimal | None:
    """A unit price (5.5万元/班次) times the count of the 数量 row of the same item (1个班次)."""
    denominators = price.unit.split("/")[1:]
    if len(denominators) != 1:
        return None
    matches = [c for c in counts.get(item_key(ind.name), [])
               if c.unit and c.unit.split("/")[0] in (denominators[0], "个")]
    if len(matches) != 1:
        return None
    return price.number * matches[0].number


def measures_in(text: str) -> list[Value]:
    """Measures written inside a longer text (names, goals): "建设2个, 100万元/个" → [2个, 100万元/个]."""
    return list(_measures_in(text))


@functools.lru_cache(maxsize=4096)
def _measures_in(text: str) -> tuple[Value, ...]:
    # (names and goals recur from table to table: each is read once)
    return tuple(v for v in map(parse_value, (m.group() for m in _MEASURE.finditer(vocab.clean(text))))
                 if v.kind in ("quantity", "duration") and v.number is not None)


_MEASURE = re.compile(r"\d+(?:\.\d+)?(?:万|亿|千)?(?:元|人次|人天|人|个|台|套|张|本|次|场|期|天|年|月|项|户|份|班次)"
                      r"(?:/(?:人天|人次|人|个|台|套|张|本|次|场|期|天|年|月|项|户|份|班次))*")


# ---- unit standards: money per person, per month… and what they multiply to ------------------

def price_factors(price: Value) -> list[str]:
    """Units a unit price is per: 元/人/天 and 元/人天 → [人, 天]."""
    out = []
    for d in (price.unit or "").split("/")[1:]:
        out.extend(["人", "天"] if d in ("人天", "人日") else [d])
    return out


def price_times(price: Value, counts: list[Value]) -> Decimal | None:
    """A unit price times the one count of each unit it is per (5万元/班次 × 2班次); None when a
    unit has no count or more than one."""
    total = price.number
    for unit in price_factors(price):
        found = [c.number for c in counts if c.unit == unit]
        if len(found) != 1:
            return None
        total *= found[0]
    return total


_COUNTERS = "人次|人天|人|户|条|册|页|份|场|家|个|台|套|张|本|次|期|班次|班|辆|件|所|村|名|户次"
_SCALE = {"": Decimal(1), "千": Decimal(1000), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
_EACH = re.compile(rf"每(?P<unit>{_COUNTERS})(?P<time>每(?:年|月|天|日))?[^，,；;。\d]{{0,10}}?约?"
                   rf"(?P<number>\d+(?:\.\d+)?)(?P<scale>万|千|亿)?元")
_RATE_TEXT = re.compile(rf"(?P<number>\d+(?:\.\d+)?)(?P<scale>万|千|亿)?元/(?P<unit>{_COUNTERS})"
                        rf"(?:[/·.](?P<time>年|月|天|日))?")
_CONVERSION = re.compile(rf"每(?P<outer>{_COUNTERS})(?P<number>\d+(?:\.\d+)?)(?P<inner>{_COUNTERS})")
_COUNT_TEXT = re.compile(rf"(?<![\d.每/])(?P<number>\d+(?:\.\d+)?)(?P<scale>万|千)?(?P<unit>{_COUNTERS}|个月|月|天)"
                         rf"(?![\d/])")
_LUMP = re.compile(r"(?<![\d./每])(?P<number>\d+(?:\.\d+)?)(?P<scale>万|千|亿)?元(?![/\d])")


_SAME_UNIT = {"个月": "月", "名": "人", "日": "天"}


@dataclass(frozen=True)
class Standard:
    """Money per unit found in text: 每人300元, 3.48万元/人/年, 每月620万元."""

    yuan: Decimal
    unit: str                 # what it is per: 人, 条, 场…
    monthly: bool             # per person *per month*: times the months of the period
    text: str
    start: int
    end: int


def standards_in(text: str) -> list[Standard]:
    """Unit standards written in running text or a name, in order."""
    return list(_standards_in(text))


@functools.lru_cache(maxsize=4096)
def _standards_in(text: str) -> tuple[Standard, ...]:
    # (names and goals recur from table to table: each is read once)
    t = vocab.clean(text)
    found = []
    for pattern in (_EACH, _RATE_TEXT):
        for m in pattern.finditer(t):
            time = m.group("time") or ""
            unit = _SAME_UNIT.get(m.group("unit"), m.group("unit"))
            found.append(Standard(Decimal(m.group("number")) * _SCALE[m.group("scale") or ""], unit,
                                  "月" in time, m.group(), m.start(), m.end()))
    return tuple(sorted(found, key=lambda s: s.start))


@dataclass(frozen=True)
class Estimate:
    """A standard times its counts (plus lump sums written beside it), with the working shown."""

    yuan: Decimal
    working: str              # "450人 × 300元 + 1.85万元"


def estimate(text: str, value_counts: list[Value] = (), months: int | None = None,
             lumps: bool = True) -> Estimate | None:
    """What the standards in ``text`` come to when multiplied by the counts in ``text`` and
    ``value_counts``, plus the lump sums written beside them — only when every count and every
    standard is used exactly once (else the reading is a guess, and None is returned). Without
    ``lumps``, a text that also states a sum of money is left alone (the sum may be the total)."""
    if "元" not in text:
        return None             # no standard without an amount of money
    reading = _reading(vocab.clean(text))
    if reading is None:
        return None
    standards, conversion_pairs, text_counts, lump_sums = reading
    conversions = dict(conversion_pairs)
    counts = list(text_counts)
    for v in value_counts:
        if v.kind in ("quantity", "duration") and v.number is not None and v.unit:
            counts.append((v.number, _SAME_UNIT.get(v.unit, v.unit), v.text))
    if lump_sums and not lumps:
        return None
    used: set[int] = set()

    def count_of(unit: str) -> tuple[Decimal, str] | None:
        matches = [k for k, c in enumerate(counts) if c[1] == unit and k not in used]
        if len(matches) == 1:
            used.add(matches[0])
            return counts[matches[0]][0], counts[matches[0]][2]
        if unit in conversions:         # 每份50页: pages come from a count of 份
            per, outer, words = conversions.pop(unit)
            inner = count_of(outer)
            if inner is not None:
                return per * inner[0], f"{inner[1]} × {words}"
        return None

    total, parts = Decimal(0), []
    for s in standards:
        n = count_of(s.unit)
        if n is None:
            return None
        amount, working = s.yuan * n[0], f"{n[1]} × {s.text}"
        if s.monthly:
            m = count_of("月")
            if m is None and months is None:
                return None
            amount *= m[0] if m is not None else months
            working += f" × {m[1] if m is not None else f'{months}个月'}"
        total += amount
        parts.append(working)
    if len(used) != len(counts) or conversions:
        return None             # a count the reading did not use: its meaning is unknown
    for amount, written in lump_sums:
        total += amount
        parts.append(written)
    return Estimate(total, " + ".join(parts))


@functools.lru_cache(maxsize=4096)
def _reading(t: str) -> tuple[tuple[Standard, ...], tuple, tuple, tuple] | None:
    """What :func:`estimate` reads in a (cleaned) text, each piece of it once: its standards, its
    conversions (每份50页: inner unit → (how many, outer unit, as written)), its counts (amount,
    unit, as written) and its lump sums (amount, as written); None without a standard. Names
    and goals recur from table to table: each is read once."""
    standards = _standards_in(t)
    if not standards:
        return None
    taken = [(s.start, s.end) for s in standards]
    conversions = []
    for m in _CONVERSION.finditer(t):
        if not any(a <= m.start() < b for a, b in taken):
            conversions.append((m.group("inner"), (Decimal(m.group("number")), m.group("outer"), m.group())))
            taken.append((m.start(), m.end()))
    counts = []
    for m in _COUNT_TEXT.finditer(t):
        if not any(a <= m.start() < b for a, b in taken):
            unit = _SAME_UNIT.get(m.group("unit"), m.group("unit"))
            counts.append((Decimal(m.group("number")) * _SCALE[m.group("scale") or ""], unit, m.group()))
            taken.append((m.start(), m.end()))
    lumps = tuple((Decimal(m.group("number")) * _SCALE[m.group("scale") or ""], m.group())
                  for m in _LUMP.finditer(t) if not any(a <= m.start() < b for a, b in taken))
    return standards, tuple(conversions), tuple(counts), lumps


_MONTH_SPAN = re.compile(r"(?:(\d{4})年)?(\d{1,2})月[^0-9]{0,3}?(?:[-—–~至到]+)(?:(\d{4})年)?(\d{1,2})月")


def period_months(project: Project) -> int | None:
    """The months a project runs in its year when a range is written (2020年1月-11月 → 11): from
    its 项目期, its goals or its 时效 rows; None when nothing says."""
    texts = [f.text for name, f in project.fields.items() if name == "项目期" and f.text]
    texts += [ind.value_text for ind in project.indicators if ind.tier2 == "时效指标" and ind.value_text]
    texts += [g.text for g in project.goals]
    for text in texts:
        months = _span_months(text)
        if months is not None:
            return months
    return None


@functools.lru_cache(maxsize=4096)
def _span_months(text: str) -> int | None:
    """The months of the first range written in ``text``, when it is one of a year's (1–12)."""
    m = _MONTH_SPAN.search(vocab.clean(text))
    if m:
        y1, m1, y2, m2 = m.groups()
        months = (int(y2 or y1 or 0) - int(y1 or y2 or 0)) * 12 + int(m2) - int(m1) + 1
        if 1 <= months <= 12:
            return months
    return None


@dataclass
class CostCheck:
    lines: list[CostLine]
    total: Decimal                # the money rows' sum, in the table's unit, rounded to its precision
    budget: Decimal               # 年度资金总额, in the table's unit
    step: Decimal                 # the table's precision (0.01)
    tolerance: Decimal
    matched: str | None           # the header amount the sum equals, if any
    unknown: list[CostLine]       # cost rows that are not amounts (rates without counts, text, %)
    unit: str

    @property
    def assumptions(self) -> list[CostLine]:
        return [line for line in self.lines if line.read_as == "元"]

    def describe(self, lang: str = "zh") -> str:
        """"成本指标合计 90 万元（4 行）" plus how bare numbers were read (``lang`` "en": in English)."""
        money = [line for line in self.lines if line.yuan is not None]
        guessed = self.assumptions
        if lang == "en":
            text = f"Cost rows add up to {vocab.fmt_amount(self.total)}{self.unit} ({len(money)} rows)"
            return text + (f", {len(guessed)} of them without a unit, read as 元" if guessed else "")
        text = f"成本指标中的金额合计 {vocab.fmt_amount(self.total)}{self.unit}（{len(money)} 行）"
        if guessed:
            text += f"，其中 {len(guessed)} 行未写单位，按数额推断为元"
        return text


def project_costs(ctx) -> list[CostLine]:
    """The current project's cost rows read as money, computed once for all rules that need them."""
    return ctx.shared("perflint.rules.cost_lines", lambda: cost_lines(ctx.project))


def compare_costs(ctx, tolerance: Decimal | None = None) -> CostCheck | None:
    """The money 成本 rows against the year's budget; None when there is nothing to compare."""
    project = ctx.project
    budget = budget_of(project)
    if budget is None or budget <= 0:
        return None
    lines = project_costs(ctx)
    money = [line for line in lines if line.yuan is not None]
    if not money:
        return None
    per = vocab.yuan_per(project.unit)
    step = vocab.precision_of(budget)
    total = (sum(line.yuan for line in money) / per).quantize(step)
    tol = tolerance if tolerance is not None and tolerance > 0 else step
    matched = None
    targets = ["年度资金总额", "本级资金", "转移市县资金"]
    if project.amounts["年度资金总额"].derived:
        targets.append("项目总额")   # the annual cell is blank: the sum may follow the project total
    for name in targets:
        target = project.amount(name)
        if target is not None and abs(total - target) <= tol:
            matched = name
            break
    # a capped row (≤8万元) is a ceiling, not an amount spent: it cannot show a shortfall
    unknown = [line for line in lines if line.yuan is None
               or line.indicator.value.comparator in ("<=", "<")]
    return CostCheck(lines, total, budget, step, tol, matched, unknown, project.unit or "万元")


# ---- template detection -------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def row_key(ind: Indicator, mask_numbers: bool = False) -> str:
    """A normalised "tier | name | value" for comparing rows across tables."""
    return _row_key(ind.tier2, ind.name, ind.value_text, mask_numbers)


@functools.lru_cache(maxsize=1 << 12)
def _row_key(tier2: str | None, name: str, value: str, mask_numbers: bool) -> str:
    # (rows copied from a template come again and again: each is worked out once)
    name, value = squash(name).rstrip("。."), squash(value).rstrip("。.")
    if mask_numbers:
        name, value = _DIGITS.sub("#", name), _DIGITS.sub("#", value)
    return f"{tier2}|{name}|{value}"


def siblings_text(names: list[str], limit: int = 3, total: int | None = None, lang: str = "zh") -> str:
    """"A、B、C 等 5 张表" for a message: the first ``limit`` names, and how many there are in all
    (``total``, when only the first few names are given); ``lang`` "en": "A, B, C (5 tables)"."""
    count = len(names) if total is None else total
    if lang == "en":
        shown = ", ".join(f"“{n}”" for n in names[:limit] if n)
        return shown + (f" ({count} tables)" if count > limit else "")
    shown = "、".join(f"“{n}”" for n in names[:limit] if n)
    return shown + (f" 等 {count} 张表" if count > limit else "")


def comparable(project: Project) -> bool:
    """Summary tables repeat their parts by design; they take no part in template checks."""
    return project.kind != "summary" and bool(project.indicators)


# ---- numbers in free text (goals, descriptions) -------------------------------------------------

@dataclass(frozen=True)
class Mention:
    value: Value          # the parsed measure
    start: int
    end: int
    context: str          # the words just before it, back to the previous punctuation
    sentence: str         # the sentence it is in


@functools.lru_cache(maxsize=1)
def _mention_pattern() -> re.Pattern:
    from . import units

    unit = "|".join(re.escape(u) for u in units.spellings())
    return re.compile(rf"(?:[≥≤><]|不少于|不低于|不超过|约)?\d+(?:\.\d+)?\s*(?:万|亿|千)?\s*(?:{unit})"
                      rf"(?:\s*/\s*(?:{unit}))*")


_YEAR_LIKE = re.compile(r"^(?:19|20)\d{2}\s*年")
_CONTEXT_STOP = re.compile(r"[，,。；;：:、（）()\[\]【】《》“”\s\d]")
_SENTENCES = re.compile(r"[^。；;！？\n]+")


def sentences(text: str) -> list[str]:
    """The sentences of a running text (cut at 。；！？ and line ends)."""
    return list(_sentences(text or ""))


@functools.lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(_SENTENCES.findall(text))     # (goals recur from table to table: each is cut once)


@functools.lru_cache(maxsize=4096)
def mentions(text: str) -> tuple[Mention, ...]:
    """Measures written in running text, with the words before each ("城镇新增就业人数4200人").
    Several rules read the same goal: it is read once."""
    out = []
    for sentence_match in _SENTENCES.finditer(text or ""):
        sentence = sentence_match.group()
        for m in _mention_pattern().finditer(sentence):
            if _YEAR_LIKE.match(m.group()):
                continue                         # 2021年 is a year, not a duration
            v = parse_value(m.group())
            if v.kind not in ("quantity", "duration") or v.number is None:
                continue
            before = sentence[:m.start()]
            stop = max((s.end() for s in _CONTEXT_STOP.finditer(before)), default=0)
            out.append(Mention(v, sentence_match.start() + m.start(), sentence_match.start() + m.end(),
                               before[stop:][-15:], sentence))
    return tuple(out)


_CORE_SUFFIX = re.compile(r"(?:人数|人次数|数量|个数|次数|场次|规模|总数|数)$")


def core_noun(name: str) -> str:
    """What an indicator counts: 城镇新增就业人数 → 城镇新增就业, 培训班数量 → 培训班."""
    n = squash(name).rstrip("。.")
    n = re.sub(r"[（(][^）)]*[）)]", "", n)
    return _CORE_SUFFIX.sub("", n)


# ---- the spending plan ----------------------------------------------------------------------------

@dataclass
class PlanCell:
    column: str
    value: Value | None          # None: the cell is missing altogether
    loc: object

    @property
    def blank(self) -> bool:
        return self.value is not None and self.value.kind == "empty"

    @property
    def percent(self):
        v = self.value
        return v.number if v is not None and v.kind == "percent" else None


def plan_cells(project: Project) -> list[PlanCell]:
    s = project.schedule
    if s is None:
        return []
    return [PlanCell(c, v, loc) for c, v, loc in zip(s.columns, s.values, s.locs, strict=True)]


# ---- the written text of a document, piece by piece (for the text rules) ------------------------

class TextPiece(NamedTuple):
    """A piece of free text someone wrote (made by the hundred thousand: a named tuple)."""

    text: str
    loc: Loc
    project: Project | None
    what: str                       # where the text sits, for messages: 标题, 年度总体绩效目标, 指标名称…
    indicator: Indicator | None = None
    flat: str = ""                  # the text without whitespace, full-width forms folded (squash)


def _piece(text: str, loc: Loc, project: Project | None, what: str,
           indicator: Indicator | None = None) -> TextPiece:
    return TextPiece(text, loc, project, what, indicator, squash(text))


def text_pieces(doc: Document) -> list[TextPiece]:
    """Every piece of free text a person wrote: paragraphs, captions, header fields, goals, indicators."""
    # (made directly, without _piece: a 10,000-table run makes 360,000 of them)
    new, flat = tuple.__new__, squash
    pieces = [_piece(p.text, p.loc, None, "正文") for p in doc.paragraphs]
    for project in doc.projects:
        if project.title and project.title_loc:
            pieces.append(_piece(project.title, project.title_loc, project, "表格标题"))
        pieces += [_piece(f.text, f.loc, project, name) for name, f in project.fields.items() if f.text]
        pieces += [_piece(g.text, g.loc, project, g.label) for g in project.goals]
        for ind in project.indicators:
            name, value, description = ind.name, ind.value_text, ind.description
            pieces.append(new(TextPiece, (name, ind.loc, project, "指标名称", ind, flat(name))))
            if value:
                pieces.append(new(TextPiece, (value, ind.value_loc or ind.loc, project, "指标值", ind, flat(value))))
            if description:
                pieces.append(new(TextPiece, (description, ind.loc, project, "指标描述", ind, flat(description))))
    return pieces


def document_text(ctx) -> list[TextPiece]:
    """:func:`text_pieces` of the context's document, read once and shared by the text rules."""
    return ctx.shared("perflint.text_pieces", lambda: text_pieces(ctx.document))


def document_joined(ctx, flat: bool = False) -> str:
    """All of :func:`document_text` in one string, one piece per line (``flat``: whitespace
    removed), so a rule can look over the whole document in one pass before going piece by piece."""
    return ctx.shared(f"perflint.text_joined.{flat}",
                      lambda: "\n".join(p.flat if flat else p.text for p in document_text(ctx)))


def pieces_matching(ctx, pattern: re.Pattern, flat: bool = False) -> Iterator[tuple[TextPiece, list[tuple[int, str]]]]:
    """The pieces of :func:`document_text` in which ``pattern`` matches (``flat``: matches in their
    text without whitespace), in order, each with its matches as (where it starts in the piece,
    what it matched). Found in one pass over :func:`document_joined`, not piece by piece: most
    pieces hold nothing a text rule looks for. ``pattern`` must match no line break (one ends
    each piece there), nor look across one."""
    found = list(pattern.finditer(document_joined(ctx, flat)))
    if not found:
        return
    pieces = document_text(ctx)
    starts = ctx.shared(f"perflint.text_starts.{flat}", lambda: list(accumulate(
        [len(p.flat if flat else p.text) + 1 for p in pieces], initial=0)))
    k = 0
    while k < len(found):
        i = bisect_right(starts, found[k].start()) - 1
        start, end = starts[i], starts[i + 1]
        matches = []
        while k < len(found) and found[k].start() < end:
            matches.append((found[k].start() - start, found[k].group()))
            k += 1
        yield pieces[i], matches
