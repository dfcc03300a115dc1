"""PF403 positive-indicator-capped — 越高越好的指标设了上限

## 检查内容
合格率、准确率、完成率、满意度等“越高越好”的正向指标，目标值却写成“≤”“<”“以内”“以下”。

## 为何重要
正向指标设上限，等于允许甚至要求结果变差（“合格率≤95%”表示合格率不超过 95%），与项目目的相反，
一般是比较符号写反了。

## 示例
不通过：质量指标 “维修维护合格率 | ≤95%”。
通过：质量指标 “维修维护合格率 | ≥95%”。

## 依据
财预〔2021〕101号：区分正向指标和反向指标，正向指标取值“≥”，反向指标取值“≤”。

## English
A positive indicator has an upper bound.
Fix: Use ≥ for an indicator where more is better.
"""
from perflint.api import Indicator, RuleContext, rule, vocab


@rule(code="PF403", name="positive-indicator-capped", category="value", severity="error", target=Indicator,
      kinds=["percent"])
def check(ind: Indicator, ctx: RuleContext):
    if vocab.polarity(ind.name) != 1:
        return
    for v in ind.value.leaves():
        if v.kind == "percent" and v.comparator in ("<=", "<"):
            yield ctx.finding(at=ind, message_en=f"“{ind.name}” is better when higher, yet its target is a ceiling, “{v.text}”",
                              message=f"“{ind.name}”越高越好，目标值却是上限“{v.text}”",
                              hint=f"正向指标应写下限，例如“≥{v.text.lstrip('≤<')}”")
            return
