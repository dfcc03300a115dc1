"""PF304 percent-under-cost — 成本指标填的是百分比

## 检查内容
成本指标的目标值是百分比（100%、≥90%）。

## 为何重要
成本指标应当是金额：总成本、分项成本或单位成本。“预算执行率 100%”“资金到位率 ≥90%”之类是
执行进度，属于时效或质量指标；用它们充当成本指标，等于没有成本控制目标。

## 示例
不通过：成本指标 “落实情况 | 预算执行到位情况 | ≥90%”。
通过：成本指标 “代缴资金总额 | ≤210万元”，或 “人均代缴标准 | 100元/人”。

## 依据
财预〔2021〕101号：成本指标以经济成本为主，按总成本或单位成本设置，单位为元或万元。

## English
A percentage is filed under cost indicators.
Fix: Give the cost as money, or move the rate to the right tier.
"""
from perflint.api import Indicator, RuleContext, rule


@rule(code="PF304", name="percent-under-cost", category="tier", severity="warning", target=Indicator,
      kinds=["percent"], tiers=["成本指标", "经济成本指标"])
def check(ind: Indicator, ctx: RuleContext):
    if ind.value.kind == "percent":
        yield ctx.finding(at=ind, message_en=f"Cost indicator “{ind.name}” holds a percentage, “{ind.value_text}”, not an amount",
                          message=f"成本指标“{ind.name}”填的是百分比“{ind.value_text}”，不是金额",
                          hint="成本指标请填写总成本、分项成本或单位成本（元、万元）；执行率类指标放到时效或质量指标")
