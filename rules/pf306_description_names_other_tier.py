"""PF306 description-names-other-tier — 指标描述说它属于另一个二级指标

## 检查内容
绩效指标描述里写明“以……作为时效指标 / 质量指标 / 数量指标 / 成本指标”，而它实际填在另一个二级指标下。

## 为何重要
填表人自己已经说明了指标的性质，层级却放错了，说明是照模板复制后没有调整。

## 示例
不通过：数量指标 “按时足额代缴到位 | 基金是否及时发放到位，以到位率作为时效指标”。
通过：把该指标移到时效指标下，数量指标改为代缴人数。

## 依据
财预〔2021〕101号：绩效指标应逐级分解、归类准确。

## English
The description names another tier than the one the row is under.
Fix: File the indicator under the tier its description names.
"""
import re

from perflint.api import Indicator, RuleContext, rule

_SAYS = re.compile(r"作为\s*(数量|质量|时效|成本)\s*指标")


@rule(code="PF306", name="description-names-other-tier", category="tier", severity="warning", target=Indicator)
def check(ind: Indicator, ctx: RuleContext):
    m = _SAYS.search(ind.description or "")
    if m and ind.tier2 and f"{m.group(1)}指标" != ind.tier2:
        yield ctx.finding(at=ind, message_en=f"The description says “{m.group(0)}”, but the row is filed under {ind.tier2}",
                          message=f"指标描述写明“{m.group(0)}”，但它填在{ind.tier2}下",
                          hint=f"移到{m.group(1)}指标下，或改写描述", text=ind.description)
