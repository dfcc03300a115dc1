"""PF301 count-under-quality — 数量型指标填在质量指标下

## 检查内容
质量指标的目标值是一个计数（场、人、个、次……），而指标名称不是比率或等级。

## 为何重要
质量指标衡量产出“好不好”（合格率、达标率、验收等级），计数衡量“有多少”，属于数量指标。
放错层级会让数量目标重复或遗漏，质量要求落空。

## 示例
不通过：质量指标 “保质保量开办招聘会 | ≥20场”。
通过：数量指标 “开办招聘会场次 | ≥20场”；质量指标 “招聘会企业到场率 | ≥95%”。

## 依据
财预〔2021〕101号：质量指标反映产出的质量标准，数量指标反映产出的数量。

## English
A count is filed under quality indicators.
Fix: Move the indicator under 数量指标 (quantity).
"""
from perflint.api import Indicator, RuleContext, rule, vocab


@rule(code="PF301", name="count-under-quality", category="tier", severity="warning", target=Indicator,
      kinds=["quantity"], tiers=["质量指标"])
def check(ind: Indicator, ctx: RuleContext):
    if vocab.is_rate(ind.name):
        return
    info = ind.value.unit_info
    if ind.value.kind != "quantity" or info is None or not info.is_count:
        return
    yield ctx.finding(at=ind, message_en=f"Quality indicator “{ind.name}” has the value “{ind.value_text}”: a count, not a quality standard",
                      message=f"质量指标“{ind.name}”的目标值“{ind.value_text}”是数量，不是质量标准",
                      hint="计数类目标应放在数量指标下；质量指标请填写合格率、达标率或验收等级")
