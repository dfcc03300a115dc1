"""PF203 all-benefits-not-applicable — 效益指标全部“不适用”

## 检查内容
一张表的效益指标（经济、社会、生态、可持续影响）全部是占位词（不适用、无、0……）或名称为占位词。

## 为何重要
项目花了钱，总要产生某种效益；效益全部“不适用”说明没有思考项目的作用，绩效目标不完整。
生态效益单独“不适用”很常见，不在此列。

## 示例
不通过：经济、社会、生态、可持续影响四项效益指标都写“本指标不适用此项目”。
通过：至少写明一项社会效益，例如“驻村帮扶工作保障率 100%”。

## 依据
财预〔2015〕88号第十条：绩效目标应反映预期效益；财预〔2020〕10号：效益指标在评价中占 30 分。

## English
Every benefit indicator is marked not applicable.
Fix: Set at least one benefit indicator the project really achieves.
"""
from perflint.api import Project, RuleContext, is_filler_name, rule


@rule(code="PF203", name="all-benefits-not-applicable", category="placeholder", severity="warning",
      target=Project)
def check(project: Project, ctx: RuleContext):
    benefits = [i for i in project.indicators if i.tier1 == "效益指标"]
    if len(benefits) < 2:
        return
    fillers = [i for i in benefits if i.value.kind in ("placeholder", "empty") and
               (i.value.kind == "placeholder" or is_filler_name(i.name))]
    if len(fillers) != len(benefits):
        return
    yield ctx.finding(
        at=benefits[0],
        message=f"全部 {len(benefits)} 项效益指标都填了“不适用”，没有写明项目的任何效益",
        message_en=f"All {len(benefits)} benefit indicators say “不适用” (not applicable): the project states no benefit",
        hint="至少填写一项能衡量的社会效益或经济效益", text=benefits[0].value_text or benefits[0].name,
        evidence=project.name)
