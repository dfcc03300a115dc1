"""PF505 description-repeats-name — 指标描述与指标名称相同

## 检查内容
有“绩效指标描述”一栏的表格中，描述与三级指标名称一字不差（如“满意率 | 满意率”）。

## 为何重要
描述应说明指标的含义、口径或计算方法；照抄名称等于没有描述，评价时无法统一口径。

## 示例
不通过：“引进高端人才完成率 | 引进高端人才完成率 | 100%”。
通过：“引进高端人才完成率 | 实际引进高端人才数 / 计划引进数 | 100%”。

## 依据
财预〔2021〕101号：指标应明确计算口径和数据来源。

## English
The description repeats the indicator's name.
Fix: Describe what is measured and how.
"""
from perflint.api import Indicator, RuleContext, rule, squash


@rule(code="PF505", name="description-repeats-name", category="template", severity="info", target=Indicator,
      yields_to=("tier", "value", "placeholder"))
def check(ind: Indicator, ctx: RuleContext):
    if ind.description and squash(ind.description).rstrip("。.") == squash(ind.name).rstrip("。."):
        yield ctx.finding(at=ind, message_en=f"The description repeats the name “{ind.name}” and says nothing of what is measured",
                          message=f"指标描述与指标名称“{ind.name}”相同，没有说明口径",
                          hint="在描述中写明指标的含义、计算方法或数据来源", text=ind.description)
