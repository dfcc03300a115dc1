"""PF004 tiers-inferred — 表中没有指标层级，层级由 perflint 推断

## 检查内容
有的表只列指标名称、权重和指标值，没有一级/二级指标栏。perflint 按名称和取值推断每项指标属于
哪个二级指标（满意度 → 服务对象满意度指标，金额 → 成本指标，日期 → 时效指标，比率 → 质量指标，
数量 → 数量指标，文字 → 社会效益指标），并在这里说明一次；`perflint extract` 中这些指标的
`tier2_inferred` 为真。

## 为何重要
按层级进行的检查（层级是否齐全、指标是否放错层级）依据的是推断而不是原表，审核人需要知道。
缺少层级本身不作为这张表的缺陷报告（PF704 对这种表不报）。

## 示例
不通过（提示）：| 指标名称 | 权重 | 指标值 | 只有三栏的指标表。
通过：表中有一级指标、二级指标栏。

## 依据
工具运行要求；财预〔2021〕101号：绩效指标应逐级分解，一级、二级、三级指标层次清晰。

## English
The table has no tier columns; perflint inferred each indicator's tier from its name and value.
Fix: Add first- and second-level tier columns to the table.
"""
from perflint.api import Project, RuleContext, rule


@rule(code="PF004", name="tiers-inferred", category="input", severity="info", target=Project)
def check(project: Project, ctx: RuleContext):
    for problem in project.problems_with("tiers-inferred"):
        yield ctx.report(problem, hint="按模板补上一级指标、二级指标栏，让每项指标的层级写明在表中")
