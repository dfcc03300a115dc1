"""PF417 zero-cost-target — 成本指标的目标为 0

## 检查内容
成本指标的目标值是 0 元（“办公费总成本 | 0万元”“出差单位成本 | 0万元/人”）。常见原因是按万元
填表时小额成本被四舍五入为 0，或者这项支出本年根本没有安排却保留了行。

## 为何重要
成本为 0 的指标无法考核成本控制，也说明测算单位选错了（1 万元 ÷ 8 人在万元下被舍成 0），或者
表中保留了不属于本年的支出。

## 示例
不通过：成本指标“出差单位成本 | 0万元/人”。
通过：“出差单位成本 | ≤1250元/人”；本年没有的支出删去该行。

## 依据
财预〔2021〕101号：成本指标反映预期提供的产出所需的成本，应按测算确定。

## English
A cost target of zero.
Fix: Give the cost in a unit small enough to show it, or remove a cost that is not planned.
"""
from perflint.api import COST_TIERS, Indicator, RuleContext, rule


@rule(code="PF417", name="zero-cost-target", category="value", severity="warning", target=Indicator,
      kinds=["quantity"], tiers=COST_TIERS)
def check(ind: Indicator, ctx: RuleContext):
    if ind.total:
        return
    v = ind.value
    info = v.unit_info
    if v.kind == "quantity" and v.number == 0 and info is not None and (info.is_money or info.is_money_rate):
        yield ctx.finding(at=ind, message_en=f"Cost indicator “{ind.name}” has the target “{v.text}”",
                          message=f"成本指标“{ind.name}”的目标为“{v.text}”",
                          hint="按能显示出金额的单位填写（如元），本年没有安排的支出删去该行")
