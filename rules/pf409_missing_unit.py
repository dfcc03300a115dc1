"""PF409 missing-unit — 指标值没有单位

## 检查内容
指标值是一个没有单位的数字（1、3000、129350），或只有数量级没有单位（“≥1万”——一万什么？）。
0 不需要单位，不报告；成本指标中未写单位的金额由 PF109 按表汇总报告。

## 为何重要
没有单位的数字含义不明：3000 是人、元还是份？审核和评价都无法核对。

## 示例
不通过：数量指标 “培训人数 | 3000”；“发放证书 | ≥1万”。
通过：数量指标 “培训人数 | 3000人”；“发放证书 | ≥1万本”。

## 依据
财预〔2015〕88号：绩效指标应细化量化、指向明确。

## English
A value has no unit.
Fix: Write the unit after the number.
"""
from perflint.api import Indicator, RuleContext, is_cost, rule


@rule(code="PF409", name="missing-unit", category="value", severity="warning", target=Indicator,
      kinds=["quantity"])
def check(ind: Indicator, ctx: RuleContext):
    if is_cost(ind):
        return   # bare amounts in cost rows: PF109 reports them once per table, with how they were read
    for v in ind.value.leaves():
        if v.kind == "quantity" and v.unit is None and v.number is not None and v.number != 0:
            what = f"只写了数量级“{v.text}”，没有说明是什么" if v.scale else f"“{v.text}”没有单位"
            what_en = f"is only a magnitude, “{v.text}”, of nothing named" if v.scale else f"“{v.text}” has no unit"
            yield ctx.finding(at=ind, message_en=f"The target of “{ind.name}” {what_en}",
                              message=f"“{ind.name}”的目标值{what}",
                              hint="补写单位，例如人、人次、个、元、万元")
            return
