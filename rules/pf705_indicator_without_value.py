"""PF705 indicator-without-value — 指标有名称没有目标值

## 检查内容
三级指标写了名称，指标值一栏却是空的。

## 为何重要
没有目标值的指标无法考核，相当于没有设置；通常是漏填或表格错行。

## 示例
不通过：质量指标 “培训合格率 | （空）”。
通过：质量指标 “培训合格率 | ≥95%”。

## 依据
财预〔2015〕88号：绩效指标应细化量化，每个指标都应有明确的目标值。

## English
A named indicator has no value.
Fix: Fill in a target value.
"""
from perflint.api import Indicator, RuleContext, is_filler_name, rule


@rule(code="PF705", name="indicator-without-value", category="structure", severity="warning",
      target=Indicator, kinds=["empty"])
def check(ind: Indicator, ctx: RuleContext):
    if ind.value.kind == "empty" and ind.name.strip() and not is_filler_name(ind.name):
        yield ctx.finding(at=ind, message_en=f"The {ind.tier2 or 'indicator'} “{ind.name}” has no target value",
                          message=f"{ind.tier2 or '指标'}“{ind.name}”没有填写目标值",
                          hint="填写可考核的目标值", text=ind.name)
