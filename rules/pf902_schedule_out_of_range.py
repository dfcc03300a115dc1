"""PF902 schedule-out-of-range — 资金支出计划的比例不在 0–100% 之间，或不是比例

## 检查内容
资金支出计划的每一格应为 0% 到 100% 之间的累计比例；超过 100%、小于 0，或填了金额、文字时报告。

## 为何重要
累计支出不可能超过预算的 100%；填成金额或文字则无法与其他表汇总考核。

## 示例
不通过：12月底 120%；6月底 “5万元”。
通过：12月底 100%。

## 依据
财预〔2020〕10号：预算执行率（占 10 分）以支出占预算的比例计，最高 100%；各地按季度累计比例考核（本地做法）。

## English
A spending-plan share is not between 0 and 100%.
Fix: Give the cumulative share as a percentage up to 100%.
"""
from perflint.api import Project, RuleContext, plan_cells, rule


@rule(code="PF902", name="schedule-out-of-range", category="schedule", severity="error", target=Project)
def check(project: Project, ctx: RuleContext):
    for cell in plan_cells(project):
        v = cell.value
        if v is None or cell.blank:
            continue
        if v.kind != "percent":
            yield ctx.finding(at=cell.loc, text=v.text, message_en=f"The spending plan has “{v.text}” at {cell.column}, not a cumulative share",
                              message=f"资金支出计划{cell.column}填的是“{v.text}”，不是累计比例",
                              hint="填写截至该期的累计支出比例，如“50%”", evidence=f"{cell.column}:{v.text}")
        elif not 0 <= v.number <= 100:
            yield ctx.finding(at=cell.loc, text=v.text, message_en=f"The spending plan's cumulative share at {cell.column} is {v.text}, outside 0–100%",
                              message=f"资金支出计划{cell.column}累计 {v.text}，超出 0–100% 的范围",
                              hint="累计支出比例最高 100%", evidence=f"{cell.column}:{v.number}")
