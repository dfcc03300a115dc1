"""PF105 cost-rows-small-share — 成本指标只覆盖了预算的一小部分

## 检查内容
全部成本指标都以金额表示，但合计不到年度资金总额的 `min-share`（默认 50%），且不等于本级资金
或转移资金时报告（有无法换算为金额的成本行时不报告）。

## 为何重要
预算的大部分没有对应的成本分解，审核无法判断资金去向，也无法评价成本控制。

## 示例
不通过：年度资金总额 5349 万元，成本指标合计 207 万元。
通过：成本指标覆盖全部 5349 万元的主要支出内容。

## 依据
财预〔2021〕101号：成本指标应反映项目全部成本；财预〔2015〕88号（细化量化、相应匹配）。
选项：`min-share`（默认 0.5）。

## English
Cost rows cover only a small share of the budget.
Fix: Itemise the costs so that they account for the whole budget.
"""
from dataclasses import dataclass
from decimal import Decimal

from perflint.api import Project, RuleContext, compare_costs, rule, vocab


@dataclass(frozen=True)
class Options:
    min_share: Decimal = Decimal("0.5")


@rule(code="PF105", name="cost-rows-small-share", category="funds", severity="warning",
      target=Project, options=Options)
def check(project: Project, ctx: RuleContext):
    c = compare_costs(ctx)
    if c is None or c.matched or c.unknown or c.total >= c.budget * ctx.options.min_share:
        return
    share = (c.total / c.budget * 100).quantize(Decimal("0.1"))
    first = next(line for line in c.lines if line.yuan is not None)
    yield ctx.finding(
        at=first.indicator.loc,   # the cost block, not one row
        message=f"{c.describe()}，仅占年度资金总额 {vocab.fmt_amount(c.budget)}{c.unit} 的 {share}%",
        hint="按主要支出内容分解全部预算，使成本指标能反映资金去向",
        message_en=f"{c.describe('en')}, only {share}% of the annual budget of {vocab.fmt_amount(c.budget)}{c.unit}",
        evidence=f"{c.total}/{c.budget}")
