"""PF504 all-values-identical — 所有指标的目标值都一样

## 检查内容
一张表中有 5 条以上有实际目标值的指标，而它们的目标值完全相同（例如全部“≥80%”）。

## 为何重要
数量、质量、时效、成本、效益、满意度的目标各不相同，不可能都是同一个数；全部相同说明目标值是批量
填写的，没有逐条测算。

## 示例
不通过：八条指标的目标值全部是“≥80%”。
通过：数量指标写人数，成本指标写金额，满意度写满意比例……各自测算。

## 依据
财预〔2015〕88号：绩效指标应细化量化、合理可行。

## English
All values are identical.
Fix: Set each indicator's own target.
"""
from perflint.api import Project, RuleContext, rule, squash

MIN_VALUES = 5


@rule(code="PF504", name="all-values-identical", category="template", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    values = [i for i in project.indicators if i.value.kind not in ("placeholder", "empty")]
    if len(values) < MIN_VALUES or len({squash(i.value_text) for i in values}) != 1:
        return
    yield ctx.finding(at=values[0], message_en=f"All {len(values)} indicators have the same target, “{values[0].value_text}”",
                      message=f"全部 {len(values)} 条指标的目标值都是“{values[0].value_text}”",
                      hint="逐条测算目标值：数量写数量、成本写金额、满意度写满意比例",
                      evidence=squash(values[0].value_text))
