"""PF904 schedule-gap — 资金支出计划中间有空格

## 检查内容
资金支出计划两个已填的季度之间有一期留空（如 6月底 50%、10月底空、12月底 100%）。开头几期留空
（项目下半年才开始支出）不在此列。

## 为何重要
累计进度中间缺一期，那一期的执行就无法考核；通常是漏填。

## 示例
不通过：3月底 空，6月底 50%，10月底 空，12月底 100%。
通过：3月底 空，6月底 50%，10月底 50%，12月底 100%。

## 依据
财预〔2020〕10号：预算执行率占 10 分；各地按季度累计进度考核，每季度都要有计划数（本地做法）。

## English
A blank quarter between filled quarters in the spending plan.
Fix: Fill in the cumulative share for that quarter.
"""
from perflint.api import Project, RuleContext, plan_cells, rule


@rule(code="PF904", name="schedule-gap", category="schedule", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    cells = plan_cells(project)
    filled = [k for k, c in enumerate(cells) if c.percent is not None]
    if len(filled) < 2:
        return
    for k in range(filled[0] + 1, filled[-1]):
        if cells[k].blank:
            before, after = cells[filled[0]], cells[filled[-1]]
            yield ctx.finding(at=cells[k].loc, text="",
                              message_en=f"The spending plan leaves {cells[k].column} blank, while {before.column} and {after.column} are filled in",
                              message=f"资金支出计划{cells[k].column}留空，而{before.column}和{after.column}都已填写",
                              hint=f"填写截至{cells[k].column}的累计支出比例", evidence=cells[k].column)
