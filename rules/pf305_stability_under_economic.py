"""PF305 stability-under-economic — 社会稳定类效益填在经济效益下

## 检查内容
经济效益指标的名称或描述讲的是社会稳定（维护社会稳定、群体性事件、上访、信访……）。

## 为何重要
社会稳定是社会效益，不是经济效益；放错会让经济效益一栏名不副实，评价时也无从衡量。

## 示例
不通过：经济效益指标 “社会稳定水平 | 落实了上级政策，维护了社会稳定 | 是”。
通过：社会效益指标 “重大群体性事件数量 | 0起”；经济效益指标写可度量的经济影响，或不适用时说明。

## 依据
财预〔2021〕101号：效益指标分为经济、社会、生态效益和可持续影响，应按实际效果归类。

## English
Social stability is filed under economic benefits.
Fix: Move it under 社会效益指标 (social benefits).
"""
from perflint.api import Indicator, RuleContext, rule, vocab


@rule(code="PF305", name="stability-under-economic", category="tier", severity="warning", target=Indicator, tiers=["经济效益指标"])
def check(ind: Indicator, ctx: RuleContext):
    text = f"{ind.name} {ind.description or ''} {ind.value_text}"
    if vocab.mentions_stability(text):
        yield ctx.finding(at=ind, message_en=f"Economic benefit “{ind.name}” is about social stability, a social benefit",
                          message=f"经济效益指标“{ind.name}”讲的是社会稳定，属于社会效益",
                          hint="移到社会效益指标下，经济效益另行填写可度量的经济影响",
                          text=ind.description or ind.value_text)
