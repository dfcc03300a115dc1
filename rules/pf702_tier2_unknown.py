"""PF702 tier2-unknown — 指标所属的二级指标无法确定

## 检查内容
一组指标行没有写二级指标（或写的是一级指标名称），而且按模板顺序也推断不出它属于哪个二级指标。
能唯一推断时（例如前后分别是质量指标和成本指标，中间只能是时效指标），perflint 会自动归位，
不报此问题。

## 为何重要
二级指标决定一条指标应当如何取值、如何评价（数量、质量、时效、成本……）。归属不明的指标既无法
审核，也会让其他按层级检查的规则失效。

## 示例
不通过：产出指标下连续两组指标都没有写二级指标名称。
通过：每组指标都写明“数量指标”“质量指标”“时效指标”“成本指标”。

## 依据
财预〔2021〕101号：绩效指标应逐级分解，一级、二级、三级指标层次清晰。

## English
An indicator's second-level tier cannot be determined.
Fix: Write the second-level tier label for the group.
"""
from perflint.api import Project, RuleContext, rule


@rule(code="PF702", name="tier2-unknown", category="structure", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    for problem in project.problems_with("tier2-unknown"):
        yield ctx.report(problem, hint="在二级指标栏写明该组指标所属的二级指标")
