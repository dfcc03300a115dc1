"""PF704 required-tier-missing — 缺少必设的二级指标

## 检查内容
按所选指标体系（`profile`），每张表应设置：数量、质量、时效指标，成本指标（local 中为产出指标下的
成本指标，mof-2021 中为一级成本指标下的经济成本指标，二者都认），至少一项效益指标，以及服务对象满意度
指标。某个二级指标在表中完全没有（连空栏也没有）时报告；有栏目但未填写的由 PF705、PF706 报告。

## 为何重要
产出的数量、质量、时效和成本，以及效益、满意度，是绩效目标的基本构成；缺一项，就有一方面的绩效无法
考核（财预〔2020〕10号的评分中产出 50 分、效益 30 分、满意度 10 分）。

## 示例
不通过：产出指标下只有数量指标和成本指标，没有质量指标和时效指标。
通过：四项产出指标都设置。

## 依据
财预〔2021〕101号：产出指标包括数量、质量、时效指标，成本指标单独设置；财预〔2020〕10号评分框架。

## English
A required second-level tier is missing.
Fix: Add the missing tier; where it truly does not apply, say so and why.
"""
from perflint.api import Project, RuleContext, rule

REQUIRED = ("数量指标", "质量指标", "时效指标")
COSTS = {"成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标"}
BENEFITS = {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}


@rule(code="PF704", name="required-tier-missing", category="structure", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    if project.tiers_inferred:
        return    # a table without tier columns: its tiers are perflint's guess, not the document's (PF004)
    present = {i.tier2 for i in project.indicators} | {s.tier2 for s in project.empty_slots}
    if not present - {None}:
        return    # no indicators read at all: other findings speak
    missing = [t for t in REQUIRED if t not in present]
    if not present & COSTS:
        missing.append("经济成本指标" if ctx.profile == "mof-2021" else "成本指标")
    if not present & BENEFITS:
        missing.append("效益指标（经济、社会、生态或可持续影响）")
    if "服务对象满意度指标" not in present:
        missing.append("服务对象满意度指标")
    if missing:
        yield ctx.finding(at=project, message=f"缺少必设的二级指标：{'、'.join(missing)}",
                          hint="补充缺少的指标；确不适用的，在该栏注明“不适用”及理由", evidence="、".join(missing),
                          message_en=f"Required second-level tiers are missing: {'、'.join(missing)}")
