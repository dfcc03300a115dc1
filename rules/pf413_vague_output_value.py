"""PF413 vague-output-value — 产出指标的目标值含糊、无法考核

## 检查内容
产出指标（数量、质量、时效、成本）的目标值只是一个方向性的词：持续提高、较好、大力促进、及时、
运行良好……而不是数量、比例、日期或金额。“合格”“验收合格”“达标”“优秀”等等级是可考核的，不在此列。

## 为何重要
产出要能定量就定量；“较好”“及时”无法判断是否完成，评价时只能凭印象打分。

## 示例
不通过：质量指标 “大赛质量 | 较好”；时效指标 “按合同约定及时验收支付 | 及时”。
通过：质量指标 “参赛项目评审通过率 | ≥90%”；时效指标 “验收支付时限 | 2022年12月31日前”。

## 依据
财预〔2015〕88号：绩效指标应细化量化，定量为主、定性为辅；财预〔2011〕285号第十四条：定性指标应分级分档表述。

## English
An output value is vague and cannot be measured.
Fix: Give a measurable target.
"""
from perflint.api import OUTPUT_TIERS, Indicator, RuleContext, rule, vocab


@rule(code="PF413", name="vague-output-value", category="value", severity="warning", target=Indicator,
      kinds=["qualitative"], tiers=OUTPUT_TIERS)
def check(ind: Indicator, ctx: RuleContext):
    if ind.value.kind != "qualitative":
        return
    if vocab.is_vague(ind.value_text):
        yield ctx.finding(at=ind, message_en=f"The {ind.tier2} “{ind.name}” has the vague target “{ind.value_text}”, which cannot be assessed",
                          message=f"{ind.tier2}“{ind.name}”的目标值“{ind.value_text}”含糊，无法考核",
                          hint="改为可衡量的目标：数量、比例、完成日期或金额；定性目标请用“合格/良好/优秀”等分档")
