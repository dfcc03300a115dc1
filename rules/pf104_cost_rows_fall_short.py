"""PF104 cost-rows-fall-short — 成本指标金额合计少于年度资金总额

## 检查内容
全部成本指标都以金额表示（换算、推断规则同 PF103），合计低于年度资金总额，但不低于其
`min-share`（默认 50%，更少时由 PF105 报告），且不等于本级资金或转移资金时报告。
有成本指标无法换算为金额（只写了单价、文字或百分比）时不报告：差额可能就在那些行里。

## 为何重要
成本分项之和应当覆盖预算；差额说明有支出内容没有列出，审核无法判断这部分资金用在哪里。

## 示例
不通过：年度资金总额 100 万元，成本指标 25 + 35 + 20 + 10 = 90 万元。
通过：补列剩余 10 万元的成本内容，或更正预算数。

## 依据
财预〔2021〕101号：成本指标应全面反映项目成本；财预〔2015〕88号（相应匹配）。
选项：`tolerance`（默认 0，即一个精度单位）；`min-share`（默认 0.5）。

## English
Cost rows add up to less than the annual budget.
Fix: List the missing cost items or correct the amounts.
"""
from dataclasses import dataclass
from decimal import Decimal

from perflint.api import Project, RuleContext, compare_costs, rule, vocab


@dataclass(frozen=True)
class Options:
    tolerance: Decimal = Decimal("0")
    min_share: Decimal = Decimal("0.5")


@rule(code="PF104", name="cost-rows-fall-short", category="funds", severity="warning",
      target=Project, options=Options)
def check(project: Project, ctx: RuleContext):
    c = compare_costs(ctx, ctx.options.tolerance)
    if c is None or c.matched or c.unknown:
        return
    if not (c.budget * ctx.options.min_share <= c.total < c.budget - c.tolerance):
        return
    first = next(line for line in c.lines if line.yuan is not None)
    yield ctx.finding(
        at=first.indicator.loc,   # the cost block, not one row
        message=f"{c.describe()}，比年度资金总额 {vocab.fmt_amount(c.budget)}{c.unit} "
                f"少 {vocab.fmt_amount(c.budget - c.total)}{c.unit}",
        hint="补列未列出的支出内容，或核对预算数",
        message_en=f"{c.describe('en')}, {vocab.fmt_amount(c.budget - c.total)}{c.unit} short of the annual "
                   f"budget of {vocab.fmt_amount(c.budget)}{c.unit}",
        evidence=f"{c.total}<{c.budget}")
