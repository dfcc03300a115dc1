"""Domain vocabulary shared by rules: what an indicator's name says it measures, and money helpers.

Kept in one place so every rule reads names the same way. Word lists are deliberately
conservative: a rule that is unsure says nothing (or less).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal

from . import vocabulary
from .values import Value

# ---- what a name says ---------------------------------------------------------------------------

_RATE = re.compile(
    r"(合格|准确|完成|达标|满意|到位|覆盖|下达|发放|及时|执行|支付|拨付|知晓|就业|通过|办结|结案|调解|参保|"
    r"帮扶|正确|精准|出勤|好评|正常运行|运行|使用|利用|完好|成功|兑现|落实|受益|掌握|接通|验收|入库|审核|"
    r"救助|代缴|补贴|转移|培训|覆盖面|响应|处理|回访|办理|录入|归档|更新)率|满意度|掌握度|吻合度|知晓度")
_NEGATIVE_RATE = re.compile(
    r"(故障|投诉|失业|差错|错误|事故|发生|流失|退回|违规|违纪|超期|返工|逾期|缺陷|不合格|返贫|拖欠|上访|信访|"
    r"冒领|重复|闲置|空置|损耗|误差|漏报|迟报|退件|驳回)率")
_NEGATIVE_COUNT = re.compile(r"(事件|投诉|事故|违规|违纪|差错|上访|信访|拖欠|欠薪|冒领|案件积压)")
_RATE = re.compile(r"(率|比例|占比|比重|覆盖面|满意度|掌握度|吻合度|知晓度)(?:[（(].*[)）])?$")
_SATISFACTION = re.compile(r"满意(度|率|程度)")
_COUNT_NAME = re.compile(r"(人数|人次|次数|个数|户数|数量|场次|件数|期数|家数|批次|台数|套数|规模)(?:[（(].*[)）])?[。.]?$")
_STABILITY = re.compile(r"社会稳定|维稳|群体性事件|上访|信访|社会和谐|社会治安|维护稳定")
_VAGUE = re.compile(r"持续|逐步|不断|大力|有效|显著|明显|进一步|较好|良好|提高|提升|促进|改善|加强|增强|"
                    r"保障|确保|充分|长期|及时|按时|有所|稳步|积极|全面|力争|尽快|适时|效果")
_GRADED = re.compile(r"^(验收合格|合格|通过验收|达标|优秀|优|良|中|差|是|否|符合要求|符合标准|全部完成|完成)$")
_COST_WORDS = re.compile(r"(费用|经费|费|资金|预算|成本|支出|金额|补助|补贴|奖励|奖金|工资|薪酬|报酬|保费|租金)$")


@functools.lru_cache(maxsize=1 << 16)
def clean(name: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", name or "").split())


@functools.lru_cache(maxsize=1 << 14)
def is_rate(name: str) -> bool:
    """The name measures a share (…率, 比例, 满意度): its value is a percentage at most 100."""
    return bool(_RATE.search(clean(name).rstrip("。.")))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@vocabulary.cached
def _direction_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(lower-is-better rate, higher-is-better rate, lower-is-better count) from the vocabulary's
    [direction] words."""
    lower = re.compile(rf"(?:{_alternation(vocabulary.words('direction', 'lower'))})率"
                       rf"|(?:{_alternation(vocabulary.words('direction', 'lower_modifiers'))})[^，,；;、]{{0,6}}率")
    higher = re.compile(rf"(?:{_alternation(vocabulary.words('direction', 'higher'))})率"
                        r"|满意度|掌握度|吻合度|知晓度")
    counts = re.compile(_alternation(vocabulary.words("direction", "lower_counts")))
    return lower, higher, counts


@vocabulary.cached
def polarity(name: str) -> int:
    """+1 for a rate where more is better (合格率), -1 where less is better (故障率, 逾期发放率),
    else 0 (the words are the vocabulary's [direction])."""
    n = clean(name)
    lower, higher, _ = _direction_patterns()
    if lower.search(n):
        return -1
    if higher.search(n):
        return 1
    return 0


@vocabulary.cached
def is_negative_count(name: str) -> bool:
    """A count where less is better: 重大群体性事件数量, 投诉次数."""
    n = clean(name)
    return bool(_direction_patterns()[2].search(n)) and not is_rate(n)


@functools.lru_cache(maxsize=1 << 14)
def is_satisfaction(name: str) -> bool:
    return bool(_SATISFACTION.search(clean(name)))


@functools.lru_cache(maxsize=1 << 14)
def is_count_name(name: str) -> bool:
    """The name says it counts things (参保人数, 培训班数量) — not a rate."""
    n = clean(name)
    return bool(_COUNT_NAME.search(n)) and not is_rate(n)


@functools.lru_cache(maxsize=1 << 14)
def mentions_stability(text: str) -> bool:
    return bool(_STABILITY.search(clean(text)))


@functools.lru_cache(maxsize=1 << 14)
def is_vague(text: str) -> bool:
    """Words that promise a direction but no measurable target (持续提高, 较好, 大力促进)."""
    t = clean(text).rstrip("。.")
    return bool(t) and not _GRADED.match(t) and bool(_VAGUE.search(t))


@functools.lru_cache(maxsize=1 << 14)
def is_graded(text: str) -> bool:
    """A grade a reviewer can check (合格, 验收合格, 达标, 优秀, 是/否)."""
    return bool(_GRADED.match(clean(text).rstrip("。.")))


@functools.lru_cache(maxsize=1 << 14)
def is_cost_name(name: str) -> bool:
    """The name says it is an amount of money (…费, …经费, …预算)."""
    return bool(_COST_WORDS.search(clean(name).rstrip("。.")))


# ---- money --------------------------------------------------------------------------------------

UNIT_IN_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


def yuan_per(table_unit: str | None) -> Decimal:
    """How many 元 one of the table's units is (万元 → 10000); 万元 when the caption says nothing."""
    return UNIT_IN_YUAN.get(table_unit or "万元", Decimal(10_000))


def money_yuan(value: Value) -> Decimal | None:
    """A money amount in 元: 5万元 → 50000. Money per year (13.9万元/年) counts as the year's amount,
    since a budget table covers one year. None for anything else, including bare numbers."""
    if value.kind != "quantity" or value.number is None or value.unit is None:
        return None
    if value.unit == "元" or value.unit == "元/年":
        return value.number
    return None


def precision_of(*amounts: Decimal | None) -> Decimal:
    """The finest step among amounts as written (0.01 for 73398.00 or 79.96; 1 for 20)."""
    finest = 0
    for a in amounts:
        if a is not None:
            places = _places(a)
            if places > finest:
                finest = places
    return _step(finest) if finest else _HUNDREDTH


def _places(a: Decimal) -> int:
    """The decimal places ``a`` is written with (2 for 73398.00): read off its text, which is
    six times quicker than its tuple of digits (a run asks a hundred thousand times)."""
    text = str(a)
    if "E" in text:         # 1E+2, 1E-7: the exponent says
        exponent = a.as_tuple().exponent
        return -exponent if type(exponent) is int and exponent < 0 else 0
    dot = text.find(".")
    return len(text) - dot - 1 if dot >= 0 else 0


_HUNDREDTH = Decimal("0.01")


@functools.lru_cache(maxsize=64)
def _step(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)       # 2 → 0.01


def bare_number_reading(number: Decimal, table_unit: str | None, budget: Decimal | None) -> tuple[Decimal, str]:
    """How to read a bare number in a cost row: its amount in 元, and the unit it was read in.

    A bare number is read in the table's unit unless that would be implausible (more than
    ten times the year's budget) while reading it in 元 would not; then it is read as 元.
    """
    per = yuan_per(table_unit)
    as_table = number * per
    if budget is not None and budget > 0 and per > 1:
        budget_yuan = budget * per
        if as_table > 10 * budget_yuan and number <= 10 * budget_yuan:
            return number, "元"
    return as_table, table_unit or "万元"


def fmt_amount(x: Decimal) -> str:
    """An amount without trailing zeros: 90, 79.96, 0.27."""
    q = x.quantize(Decimal("0.0001")).normalize()
    return format(q, "f")
