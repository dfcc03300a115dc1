"""PF303 satisfaction-misfiled — 满意度指标填在质量、时效或效益指标下

## 检查内容
名称为“……满意度 / 满意率 / 满意程度”的指标出现在质量指标、时效指标或效益指标（经济、社会、
生态效益，可持续影响）下。效益指标下的满意度既不是效益，又与满意度指标重复。

## 为何重要
满意度是服务对象的主观评价，有专门的满意度指标（一级），评价中单独计分；放进产出指标会
挤占产出目标，也使满意度被重复或漏评。

## 示例
不通过：质量指标 “城乡居民参保人员满意度 | ≥70%”。
通过：满意度指标 → 服务对象满意度指标 “城乡居民参保人员满意度 | ≥90%”。

## 依据
财预〔2020〕10号：满意度指标单独设置，评价中占 10 分；财预〔2021〕101号指标体系。

## English
A satisfaction rate is filed under the wrong tier.
Fix: Move it under 服务对象满意度指标 (satisfaction).
"""
from perflint.api import Indicator, RuleContext, rule, vocab


@rule(code="PF303", name="satisfaction-misfiled", category="tier", severity="warning", target=Indicator,
      tiers=["质量指标", "时效指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"])
def check(ind: Indicator, ctx: RuleContext):
    if vocab.is_satisfaction(ind.name):
        yield ctx.finding(at=ind, message_en=f"Satisfaction indicator “{ind.name}” is filed under {ind.tier2}",
                          message=f"满意度指标“{ind.name}”填在了{ind.tier2}下",
                          hint="移到“满意度指标—服务对象满意度指标”下")
