"""PF401 rate-above-100 — 比率类指标的目标值超过 100%

## 检查内容
合格率、准确率、到位率、满意度等比率，目标值大于 100%（或写作“>100%”）。

## 为何重要
比率最高只能是 100%，超过 100% 的目标无法实现，也无法考核，通常是把数量或增长幅度误填为比率。

## 示例
不通过：质量指标 “资金发放准确率 | ≥105%”。
通过：质量指标 “资金发放准确率 | 100%”。

## 依据
财预〔2015〕88号：绩效目标应合理可行。

## English
A rate above 100%.
Fix: A rate cannot exceed 100%; correct the target.
"""
from perflint.api import Indicator, RuleContext, rule, vocab


@rule(code="PF401", name="rate-above-100", category="value", severity="error", target=Indicator,
      kinds=["percent"])
def check(ind: Indicator, ctx: RuleContext):
    if not vocab.is_rate(ind.name):
        return
    for v in ind.value.leaves():
        if v.kind == "percent" and v.number is not None and (v.number > 100 or (v.number == 100 and v.comparator == ">")):
            yield ctx.finding(at=ind, message_en=f"Rate “{ind.name}” has the target “{v.text}”, above 100%: it cannot be met",
                              message=f"比率“{ind.name}”的目标值“{v.text}”超过 100%，无法实现",
                              hint="比率类指标最高为 100%")
            return
