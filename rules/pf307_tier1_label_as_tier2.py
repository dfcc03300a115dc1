"""PF307 tier1-label-as-tier2 — 二级指标栏写的是一级指标名称

## 检查内容
二级指标栏中写的是一级指标的名称（产出指标、效益指标、满意度指标），而不是数量、质量、时效、成本等
二级指标。perflint 会按模板顺序推断这组指标实际所属的二级指标，并在消息中说明。

## 为何重要
二级指标名称缺失或写错，审核人和评价人无法确认这组指标的性质。

## 示例
不通过：二级指标栏 “产出 指标 | 资金在2024.12.31前下达率 | ≥100%”。
通过：二级指标栏 “时效指标 | ……”。

## 依据
财预〔2021〕101号：一级、二级、三级指标逐级分解。

## English
A first-level tier name is used as a second-level label.
Fix: Use the right second-level label (数量、质量、时效…).
"""
from perflint.api import Project, RuleContext, rule, taxonomy


@rule(code="PF307", name="tier1-label-as-tier2", category="tier", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    seen = set()
    for ind in project.indicators:
        label = ind.tier2_label
        if not label or taxonomy.tier2_of(label) or not taxonomy.tier1_of(label) or label in seen:
            continue
        seen.add(label)
        guess = f"，按模板顺序应为“{ind.tier2}”" if ind.tier2 else ""
        yield ctx.finding(at=ind, message_en=f"The second-level column holds the first-level name “{label}”" + (f"; by the template's order it should be “{ind.tier2}”" if ind.tier2 else ""),
                          message=f"二级指标栏写的是一级指标名称“{label}”{guess}",
                          hint="在二级指标栏写明数量、质量、时效或成本等二级指标", text=label,
                          evidence=label)
