"""PF410 meaningless-unit — 单位写法不规范（次数、人数、个数）

## 检查内容
目标值的单位写成“次数”“人数”“个数”等名词，而不是计量单位“次”“人”“个”；或把人次写成“人/次”
（“每次多少人”，与“人次”意思不同）。

## 为何重要
“≥1次数”读不通，说明目标是从名称里抄来的，多半也没有认真测算。

## 示例
不通过：数量指标 “政策宣传次数 | ≥1次数”。
通过：数量指标 “政策宣传次数 | ≥4次”。

## 依据
财预〔2015〕88号：绩效指标应细化量化。

## English
A value's unit is meaningless.
Fix: Use a proper unit (万人, not 万 alone).
"""
from perflint.api import Indicator, RuleContext, rule

_NOUNS = {"次数": "次", "人数": "人", "个数": "个", "人/次": "人次"}


@rule(code="PF410", name="meaningless-unit", category="value", severity="info", target=Indicator)
def check(ind: Indicator, ctx: RuleContext):
    for v in ind.value.leaves():
        if v.unit_text in _NOUNS:
            yield ctx.finding(at=ind, message_en=f"The target “{v.text}” has the unit “{v.unit_text}”",
                              message=f"目标值“{v.text}”的单位写成了“{v.unit_text}”",
                              hint=f"单位应为“{_NOUNS[v.unit_text]}”")
            return
