"""PF408 count-in-percent — 人数、次数等计数用了百分比

## 检查内容
指标名称说它是一个计数（……人数、次数、数量、户数），目标值却是百分比。

## 为何重要
人数用百分比表示，不知道是多少人，也不知道是谁的百分之几，无法考核。

## 示例
不通过：数量指标 “城乡居民基本养老保险参保人数 | ≥90%”。
通过：数量指标 “城乡居民基本养老保险参保人数 | ≥53.5万人”，或改名为“参保率 ≥90%”。

## 依据
财预〔2015〕88号：绩效指标应细化量化、指向明确。

## English
A count of people or things is given as a percentage.
Fix: Give the count with its unit (人, 个…).
"""
from perflint.api import Indicator, RuleContext, rule, vocab


@rule(code="PF408", name="count-in-percent", category="value", severity="warning", target=Indicator,
      kinds=["percent"])
def check(ind: Indicator, ctx: RuleContext):
    if vocab.is_count_name(ind.name) and ind.value.kind == "percent":
        yield ctx.finding(at=ind, message_en=f"“{ind.name}” is a count, yet its target is a percentage, “{ind.value_text}”",
                          message=f"“{ind.name}”是计数，目标值却是百分比“{ind.value_text}”",
                          hint="写成具体数量（人、次、户），或把指标改为比率（如参保率）")
