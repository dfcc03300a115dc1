"""PF404 negative-indicator-floored — 越低越好的指标设了下限

## 检查内容
故障率、投诉率、失业率、差错率、事故发生率，以及事件、投诉、事故的数量等“越低越好”的反向指标，
目标值却写成“≥”“>”“以上”。

## 为何重要
反向指标设下限，等于要求故障、投诉至少达到某个水平（“故障率≥5%”“故障率>95%”），与项目目的相反。

## 示例
不通过：质量指标 “线路故障率 | ≥5%”；“运行良好，故障率>95% | >95%”。
通过：质量指标 “线路故障率 | ≤5%”。

## 依据
财预〔2021〕101号：反向指标取值“≤”。

## English
A negative indicator has a floor.
Fix: Use ≤ for an indicator where less is better.
"""
from perflint.api import Indicator, RuleContext, rule, vocab


@rule(code="PF404", name="negative-indicator-floored", category="value", severity="error", target=Indicator)
def check(ind: Indicator, ctx: RuleContext):
    negative_rate = vocab.polarity(ind.name) == -1
    if not negative_rate and not vocab.is_negative_count(ind.name):
        return
    for v in ind.value.leaves():
        if v.comparator in (">=", ">") and v.number and (v.kind == "percent" or not negative_rate):
            # a floor of 100% on a lower-is-better rate means the target is 0, not a ceiling of 100%
            ceiling = "0 或一个小的上限（如“≤1%”）" if v.kind == "percent" and v.number >= 50 \
                else f"上限，例如“≤{v.text.lstrip('≥>')}”"
            yield ctx.finding(at=ind, message_en=f"“{ind.name}” is better when lower, yet its target is a floor, “{v.text}”",
                              message=f"“{ind.name}”越低越好，目标值却是下限“{v.text}”",
                              hint=f"反向指标的目标应为{ceiling}")
            return
