"""PF414 output-value-is-prose — 产出指标的目标值是一段文字

## 检查内容
数量、质量、时效指标的目标值是一段说明文字，而不是目标（成本指标由 PF406 报告）。

## 为何重要
指标值栏要写“做到什么程度”。一段工作说明或制度描述无法考核，应移到目标或依据说明中，
指标值另写可衡量的目标。

## 示例
不通过：质量指标 “财务监控的有效性 | 实行预算管理，项目支出严格按照……有效实施内控监管。”
通过：质量指标 “审计发现重大违规问题 | 0个”。

## 依据
财预〔2015〕88号：绩效指标应细化量化、可衡量。

## English
An output value is prose instead of a target.
Fix: Give a number, a date or a grade as the target.
"""
from perflint.api import Indicator, RuleContext, rule

_SLOTS = {"数量指标", "质量指标", "时效指标"}


@rule(code="PF414", name="output-value-is-prose", category="value", severity="warning", target=Indicator,
      kinds=["text"], tiers=_SLOTS)
def check(ind: Indicator, ctx: RuleContext):
    if ind.value.kind == "text":
        yield ctx.finding(at=ind, message_en=f"The {ind.tier2} “{ind.name}” has a piece of prose as its target, not one that can be assessed",
                          message=f"{ind.tier2}“{ind.name}”的目标值是一段文字，不是可考核的目标",
                          hint="指标值只写目标（数量、比例、日期），说明文字移到目标或依据中")
