"""PF003 reading-doubtful — 表格读取结果不可靠

## 检查内容
找到了表格，但读出的结果有明显缺损：多数指标行没有指标名称，或多数指标行没有一级/二级指标
（例如从网页复制的连写文字、单元格边界丢失的导出文本）。每张表只报一次，并说明缺了什么。

## 为何重要
读错的表如果照常检查，会把读取的缺损当成表格本身的问题报出来（“指标名称为空”“层级缺失”），
一份表出现几十条误报。perflint 在这种情况下只报这一条，并让依赖指标的检查（层级、取值、
模板、结构、一致性）对这张表保持沉默，请审核人对照原表人工审核，或换用 Word/Excel 原件检查。

## 示例
不通过：一份连写文字，17 行指标值都没有三级指标名称。
通过：表格单元格完整，每行都有指标名称和所属层级。

## 依据
工具运行要求，无政策依据。

## English
The table was found but could not be read reliably; checks that depend on its indicators were skipped.
Fix: Review this table by hand, or check the original Word/Excel file.
"""
from perflint.api import Project, RuleContext, rule


@rule(code="PF003", name="reading-doubtful", category="input", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    for problem in project.problems_with("doubtful-reading"):
        yield ctx.report(problem, hint="对照原表人工审核，或改用 Word/Excel 原件检查")
