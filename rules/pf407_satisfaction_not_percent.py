"""PF407 satisfaction-not-percent — 满意度指标不是百分比

## 检查内容
服务对象满意度指标，或名称为“……满意度/满意率”的指标，目标值不是百分比（是、较好、≤3次、一段文字）。

## 为何重要
满意度要通过调查得到“满意的人占多少”，应写成某一群体的满意比例（如“参训学员满意度 ≥90%”），
否则无法调查核实。

## 示例
不通过：满意度指标 “社会稳定水平 | 是”；“办案人员规范投诉 | ≤3次”。
通过：满意度指标 “参训学员满意度 | ≥90%”。

## 依据
财预〔2021〕101号：满意度指标一般以百分比表示；财预〔2020〕10号：满意度指标单独计分。

## English
A satisfaction indicator is not a percentage.
Fix: Give satisfaction as a percentage (e.g. ≥90%).
"""
from perflint.api import Indicator, RuleContext, rule, vocab


@rule(code="PF407", name="satisfaction-not-percent", category="value", severity="warning", target=Indicator)
def check(ind: Indicator, ctx: RuleContext):
    if ind.tier2 != "服务对象满意度指标" and not vocab.is_satisfaction(ind.name):
        return
    v = ind.value
    if v.kind in ("percent", "placeholder", "empty") or any(x.kind == "percent" for x in v.leaves()):
        return
    yield ctx.finding(at=ind, message_en=f"Satisfaction indicator “{ind.name}” has the target “{v.text}”, not a share of people satisfied",
                      message=f"满意度指标“{ind.name}”的目标值“{v.text}”不是满意比例",
                      hint="写成某一群体的满意比例，例如“参训学员满意度 ≥90%”")
