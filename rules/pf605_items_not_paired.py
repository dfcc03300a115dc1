"""PF605 items-not-paired — 有成本没数量，或有数量没成本

## 检查内容
数量指标和成本指标都按支出事项逐项列出（各至少 5 项，且大部分事项能一一对应）时，报告对应不上的事项：
列了成本却没有数量（不知道这笔钱买来多少产出），或列了数量却没有成本（不知道这项产出花多少钱）。
事项按名称对应：忽略标点和“费、费用、经费、预算”等后缀，名称相互包含、高度相似，或有 4 个字以上
相同的连续片段，或有只这两项才有的两字词（“专网通讯服务”与“保障专网运行”；“服务、经费、管理”这类
常用词不算），即视为同一事项；有数量无成本的事项，只要与某项成本有一个相同的词就不报告（产出可能由
名称更宽的一笔成本支付）——
拿不准时宁可视为已对应，不报告。还款、利息、贴息、保证金、预留等买不来可计数产出的成本不要求数量。
每张表报告一次，列出对应不上的事项。

## 为何重要
逐项列示的目的就是让产出和成本一一对应，便于核算单位成本；漏掉一边，这一项就无法考核。

## 示例
不通过：成本指标有“公共就业创业政策宣传费 58万元”，数量指标里没有宣传的次数或份数；
数量指标有“媒体宣传合作 1年”，成本指标里没有对应的金额。
通过：两边各补上对应的一项。

## 依据
财预〔2021〕101号：成本指标与产出数量相对应，可核算单位成本。
选项：`similarity`（名称相似度阈值，0–100，默认 85）。

## English
Cost items and quantity items do not pair up.
Fix: List both a quantity and a cost for each item, or name the same item alike.
"""
import functools
import re
from collections import Counter
from dataclasses import dataclass

from perflint.api import Project, RuleContext, item_key, rule

MIN_ITEMS = 5
MIN_SHARED = 4     # characters two names share in a row to be one item
WORD = 2           # …or a pair of characters only these two items have (专网通讯服务 / 保障专网运行)
#: pairs of characters too common in item names to tie two items together
_GENERIC = frozenset({"服务", "工作", "经费", "费用", "管理", "建设", "项目", "系统", "人员", "资金", "业务",
                      "运行", "保障", "发放", "开展", "完成", "采购", "购置", "维护", "专项", "其他", "相关"})
#: costs that buy nothing countable (a loan repaid, interest, a deposit returned): no count is owed
_NOTHING_TO_COUNT = re.compile(r"还款|还贷|偿还|利息|贴息|保证金|质保金|结转|预留|不可预见")


@dataclass(frozen=True)
class Options:
    similarity: int = 85


@rule(code="PF605", name="items-not-paired", category="consistency", severity="info",
      target=Project, options=Options)
def check(project: Project, ctx: RuleContext):
    # Items pair by name whatever their value: a 不适用 or blank value is PF201's and PF705's to report.
    counted = [i for i in project.indicators if i.tier2 == "数量指标"]
    costed = [i for i in project.indicators if i.tier2 == "成本指标"]
    if len(counted) < MIN_ITEMS or len(costed) < MIN_ITEMS:
        return
    lonely = _lonely(tuple(i.name for i in counted), tuple(i.name for i in costed), ctx.options.similarity)
    if lonely is None:
        return
    lonely_cost = [costed[k] for k in lonely[0]]
    lonely_count = [counted[k] for k in lonely[1]]
    if not (lonely_cost or lonely_count):
        return
    parts, parts_en = [], []
    if lonely_cost:
        parts.append("有成本无数量：" + _names(lonely_cost))
        parts_en.append("a cost without a quantity: " + _names(lonely_cost))
    if lonely_count:
        parts.append("有数量无成本：" + _names(lonely_count))
        parts_en.append("a quantity without a cost: " + _names(lonely_count))
    first = (lonely_cost or lonely_count)[0]
    yield ctx.finding(at=first.loc, message="数量指标与成本指标没有一一对应，" + "；".join(parts),
                      message_en="Quantity and cost indicators do not pair up: " + "; ".join(parts_en),
                      hint="为每项支出同时列出数量和成本，或合并名称不同的同一事项",
                      evidence="|".join(i.name for i in lonely_cost + lonely_count))


@functools.lru_cache(maxsize=1 << 12)
def _lonely(counted: tuple[str, ...], costed: tuple[str, ...], similarity: int) -> tuple[tuple, tuple] | None:
    """Which costs (by position) have no quantity and which quantities no cost, by their names
    alone; None when too few pair up to say the table means to pair them. Tables copied from a
    template pair the same names: each set of names is worked out once."""
    from rapidfuzz.fuzz import ratio

    keys_c = [(name, item_key(name).replace("其它", "其他")) for name in counted]
    keys_m = [(name, item_key(name).replace("其它", "其他")) for name in costed]
    keys = {k for _, k in keys_c + keys_m}
    # a pair of characters many items share (档案 in a table of archive work) ties nothing together
    words = {k: _grams(k, WORD) - _GENERIC for k in keys}
    spread = Counter(w for k in keys for w in words[k])
    grams = {k: _grams(k, MIN_SHARED) | {w for w in words[k] if spread[w] <= 2} for k in keys}
    # an output may be paid from a cost of a broader name (媒体宣传合作 from 政策宣传费): a count is
    # lonely only when no cost shares a word with it at all
    loose = {k: _grams(k, MIN_SHARED) | words[k] for k in keys}

    def same_item(a: str, b: str) -> bool:
        if not a or not b:
            return False
        return (a in b or b in a or not grams[a].isdisjoint(grams[b])
                or ratio(a, b) >= similarity)

    def paired(key: str, others) -> bool:
        return any(same_item(key, k) for _, k in others)

    lonely_cost = [n for n, (name, k) in enumerate(keys_m) if not paired(k, keys_c)
                   and not _NOTHING_TO_COUNT.search(name)]
    matched = len(keys_m) - len(lonely_cost)
    if matched < max(MIN_ITEMS, len(keys_m) * 0.6):
        return None             # too few pairs to say the table means to pair them
    lonely_count = [n for n, (_, k) in enumerate(keys_c)
                    if not paired(k, keys_m) and all(loose[k].isdisjoint(loose[o]) for _, o in keys_m)]
    return tuple(lonely_cost), tuple(lonely_count)


@functools.lru_cache(maxsize=1 << 14)
def _grams(key: str, n: int) -> frozenset[str]:
    """Every run of ``n`` characters in the name."""
    return frozenset(key[k:k + n] for k in range(len(key) - n + 1))


def _names(items, shown: int = 5) -> str:
    names = list(dict.fromkeys(i.name for i in items))
    return "、".join(f"“{n}”" for n in names[:shown]) + ("等" if len(names) > shown else "")
