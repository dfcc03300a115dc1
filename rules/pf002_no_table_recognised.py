"""PF002 no-table-recognised — 文件中未识别出绩效目标表

## 检查内容
文件能读出文字，但其中没有找到可识别的绩效目标表（没有“项目名称”“一级指标”等表格结构），
或识别出版式后一张表也没有读到，或找到了表头（如“专项名称”）却没有找到指标表头，指标一行也没有读。
消息说明找到了什么、缺少什么。这是错误级别：没有检查过的文件决不能看起来像一份没有问题的文件。

## 为何重要
这通常意味着文件不是绩效目标表（如说明、通知），或表格版式 perflint 尚不认识。两种情况都需要
审核人知道：前者可从检查范围中排除，后者应人工审核或反馈给维护者补充版式。

## 示例
不通过：一份只有文字说明、没有表格的 .txt 文件。
通过：含“项目名称……一级指标/二级指标/三级指标/指标值”结构的绩效目标表。

## 依据
工具运行要求，无政策依据。

## English
No performance target table was recognised in the file.
Fix: Check that the file is a performance target table; run `perflint extract` to see what was read.
"""
from perflint.api import Document, RuleContext, rule

CODES = {"unrecognised-layout", "no-tables"}
TABLE_CODES = {"no-indicator-heading"}


@rule(code="PF002", name="no-table-recognised", category="input", severity="error", target=Document)
def check(doc: Document, ctx: RuleContext):
    problems = list(doc.problems) + [p for project in doc.projects for p in project.problems
                                     if p.code in TABLE_CODES]
    for problem in problems:
        if problem.code in CODES | TABLE_CODES:
            yield ctx.finding(at=problem.loc or doc, message=problem.message, message_en=problem.message_en,
                              hint="如果这是绩效目标表，请用 perflint layouts 查看支持的版式，或人工审核",
                              evidence=problem.code)
