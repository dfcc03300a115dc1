"""PF202 filler-name-with-value — 指标名称写“不适用”却填了目标值

## 检查内容
三级指标名称是占位词（本指标不适用此项目、不适用、无……），而指标值却是实际的目标
（数量、比例、日期等）。

## 为何重要
名称说“不适用”，数值又给了目标，二者必有一错：要么指标名称漏填，要么目标值是从别处复制来的。

## 示例
不通过：经济效益指标 “本指标不适用此项目 | ≥0.42万人”。
通过：“城镇新增就业人数 | ≥0.42万人”，或名称与值都写“不适用”并说明理由。

## 依据
财预〔2015〕88号：绩效指标应指向明确、细化量化。

## English
A filler name carries a real value.
Fix: Give the indicator a real name, or remove the value.
"""
from perflint.api import STRUCTURED_KINDS, Indicator, RuleContext, is_filler_name, rule


@rule(code="PF202", name="filler-name-with-value", category="placeholder", severity="error", target=Indicator,
      kinds=STRUCTURED_KINDS)
def check(ind: Indicator, ctx: RuleContext):
    if not is_filler_name(ind.name) or not ind.value.is_structured:
        return
    yield ctx.finding(
        at=ind, message=f"指标名称是“{ind.name}”，却填了目标值“{ind.value_text}”",
        message_en=f"The indicator's name is “{ind.name}”, yet it has the value “{ind.value_text}”",
        hint="补写这个目标值对应的指标名称；如确不适用，删除目标值")
