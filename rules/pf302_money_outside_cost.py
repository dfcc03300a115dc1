"""PF302 money-outside-cost — 金额填在数量或时效指标下

## 检查内容
数量指标或时效指标的目标值是金额（元、万元，或每单位的金额）。

## 为何重要
金额是成本，应放在成本指标下。金额出现在数量或时效指标中，说明指标放错了层级，
成本合计也会漏算这一部分。

## 示例
不通过：数量指标 “档案数字化处理人工工时费 | 260元”。
通过：成本指标 “档案数字化处理人工工时费 | 260元/小时”；数量指标 “数字化处理档案 | 15000份”。

## 依据
财预〔2021〕101号：成本指标反映预算成本；数量、时效指标反映产出的数量和时限。

## English
An amount of money is filed outside cost indicators.
Fix: Move the amount under 成本指标 (cost).
"""
from perflint.api import Indicator, RuleContext, rule


@rule(code="PF302", name="money-outside-cost", category="tier", severity="warning", target=Indicator,
      kinds=["quantity", "duration"], tiers=["数量指标", "时效指标"])
def check(ind: Indicator, ctx: RuleContext):
    money = [v for v in ind.value.leaves() if v.unit_info and (v.unit_info.is_money or v.unit_info.is_money_rate)]
    if not money:
        return
    yield ctx.finding(at=ind, message_en=f"The {ind.tier2} “{ind.name}” has the value “{ind.value_text}”: an amount of money",
                      message=f"{ind.tier2}“{ind.name}”的目标值“{ind.value_text}”是金额",
                      hint="金额应放在成本指标下，这里填写对应的数量或时限")
