"""PF901 schedule-decreasing — 资金支出计划的累计比例下降

## 检查内容
资金支出计划按季度填写累计支出比例（3月底、6月底、10月底、12月底），后一期不能小于前一期。

## 为何重要
累计支出只会增加；比例下降说明把当期比例误填为累计比例，或数字写错，支出进度无法考核。

## 示例
不通过：3月底 50%，6月底 30%，10月底 80%，12月底 100%。
通过：3月底 20%，6月底 50%，10月底 80%，12月底 100%。

## 依据
财预〔2020〕10号：绩效评价中预算执行率占 10 分，按执行进度考核；各地按季度累计进度考核（本地做法）。

## English
The cumulative spending share falls.
Fix: Cumulative shares never fall; correct the later quarter.
"""
from perflint.api import Project, RuleContext, plan_cells, rule


@rule(code="PF901", name="schedule-decreasing", category="schedule", severity="error", target=Project)
def check(project: Project, ctx: RuleContext):
    previous = None
    for cell in plan_cells(project):
        value = cell.percent
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            yield ctx.finding(at=cell.loc, text=cell.value.text,
                              message_en=f"The spending plan's cumulative share falls to {cell.value.text} at {cell.column}, below {previous[2]} at {previous[0]}",
                              message=f"资金支出计划{cell.column}累计 {cell.value.text}，低于{previous[0]}的 {previous[2]}",
                              hint="支出计划填写累计比例，后一期不应小于前一期",
                              evidence=f"{cell.column}:{value}<{previous[1]}")
            return
        previous = (cell.column, value, cell.value.text)
