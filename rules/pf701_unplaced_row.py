"""PF701 unplaced-row — 表格中有无法归位的行

## 检查内容
表格中出现不属于任何一级/二级指标、也不是表头的行（例如孤立的“依据”二字，或六列指标表末尾
残缺的单元格）。perflint 不会丢弃这样的行，而是报告出来。

## 为何重要
无法归位的内容可能是被挤出表格的指标、断行的文字或排版残留。静默丢弃会让审核漏掉指标；
逐条报告，审核人可以判断它应归入哪一行或应删除。

## 示例
不通过：最后一行满意度指标之后单独出现“依据”。
通过：删除残留文字，或把它补回所属单元格。

## 依据
财预〔2015〕88号：绩效目标应“指向明确、细化量化”，表格内容应完整、可读。

## English
A row could not be placed in the indicator table.
Fix: Check the row's tier labels and columns.
"""
from perflint.api import Project, RuleContext, rule


@rule(code="PF701", name="unplaced-row", category="structure", severity="info", target=Project)
def check(project: Project, ctx: RuleContext):
    for problem in project.problems_with("unplaced-row"):
        yield ctx.report(problem, hint="确认这一行应归入哪个指标，或从表中删除")
