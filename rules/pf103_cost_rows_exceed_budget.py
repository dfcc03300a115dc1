"""PF103 cost-rows-exceed-budget — 成本指标金额合计超过年度资金总额

## 检查内容
把成本指标中以金额表示的各行换算为同一单位（元、万元统一换算）后相加，合计超过年度资金总额，
且也不等于本级资金或转移资金时报告。未写单位的数字按数额判断：按表格单位（万元）读会远超预算、
按元读则合理时按元计，并在消息中说明。单价（元/人、元/班次）能与同名数量指标相乘时计入。
比较按表格精度（通常 0.01 万元）进行，允许一个精度单位的舍入差，可用 `tolerance` 选项调整。

## 为何重要
成本指标是对资金使用的分解；分项之和超过预算，说明有重复列支、单位写错或预算数填错。

## 示例
不通过：年度资金总额 100 万元，成本指标 60 万元 + 50 万元。
通过：年度资金总额 100 万元，成本指标 60 万元 + 40 万元。

## 依据
财预〔2021〕101号：成本指标反映预算资金的成本控制，应与预算相匹配；财预〔2015〕88号（相应匹配）。
选项：`tolerance`（表格单位，默认 0，即一个精度单位）。

## English
Cost rows add up to more than the annual budget.
Fix: Reduce or correct the cost rows so that they stay within the budget.
"""
from dataclasses import dataclass
from decimal import Decimal

from perflint.api import Project, RuleContext, compare_costs, rule, vocab


@dataclass(frozen=True)
class Options:
    tolerance: Decimal = Decimal("0")


@rule(code="PF103", name="cost-rows-exceed-budget", category="funds", severity="error",
      target=Project, options=Options)
def check(project: Project, ctx: RuleContext):
    c = compare_costs(ctx, ctx.options.tolerance)
    if c is None or c.matched or c.total <= c.budget + c.tolerance:
        return
    first = next(line for line in c.lines if line.yuan is not None)
    yield ctx.finding(
        at=first.indicator.loc,   # the cost block, not one row
        message=f"{c.describe()}，超过年度资金总额 {vocab.fmt_amount(c.budget)}{c.unit}，"
                f"多出 {vocab.fmt_amount(c.total - c.budget)}{c.unit}",
        hint="检查是否有重复列支、单位（元/万元）写错或预算数填错",
        message_en=f"{c.describe('en')}, more than the annual budget of {vocab.fmt_amount(c.budget)}{c.unit} "
                   f"by {vocab.fmt_amount(c.total - c.budget)}{c.unit}",
        evidence=f"{c.total}>{c.budget}")
