"""PF411 odd-scale — 用“万”表示很小的数

## 检查内容
用“万”“亿”等数量级写一个很小的数，前导零在三个以上（“≥0.0005万人”即 5 人）。

## 为何重要
这样的写法难以一眼看懂，容易算错数量级；通常是照搬了“0.42万人”一类模板后只改了数字。

## 示例
不通过：可持续影响指标 “带动就业人数 | ≥0.0005万人”。
通过：“带动就业人数 | ≥5人”。

## 依据
财预〔2015〕88号：绩效指标应清晰、可衡量。

## English
A value is written on an odd scale.
Fix: Write the value in a natural unit (5人, not 0.0005万人).
"""
from decimal import Decimal

from perflint.api import Indicator, RuleContext, rule, vocab


@rule(code="PF411", name="odd-scale", category="value", severity="warning", target=Indicator)
def check(ind: Indicator, ctx: RuleContext):
    for v in ind.value.leaves():
        if v.scale and v.scale >= 10_000 and v.written_number and Decimal(v.written_number) < Decimal("0.01") \
                and v.number:
            yield ctx.finding(at=ind, message_en=f"“{v.text}” is {vocab.fmt_amount(v.number)}{v.unit or ''}: a number this small is easily misread in “万”",
                              message=f"“{v.text}”即 {vocab.fmt_amount(v.number)}{v.unit or ''}，用“万”表示这么小的数容易看错",
                              hint=f"直接写作“{v.text.replace(v.written_number, vocab.fmt_amount(v.number)).replace('万', '')}”")
            return
