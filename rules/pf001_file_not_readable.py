"""PF001 file-not-readable — 文件无法读取

## 检查内容
文件为空、无法解码（不是 UTF-8、UTF-16 或 GB18030 文本）、是改了扩展名的二进制文件、读取失败，
或文件类型不受支持时，报告此问题；该文件其余内容未被检查。

## 为何重要
一份没有被读到的表格不会产生任何其他问题，容易被误认为“检查通过”。明确列出未检查的文件，
审核人才知道哪些表还需要人工处理或转换格式后重新检查。

## 示例
不通过：`budget.txt` 实为 Word 文件改了扩展名 → 报告“文件含有大量二进制内容，不是文本文件”。
通过：另存为 UTF-8 文本（或等 .docx 读取器支持后直接检查 .docx）。

## 依据
工具运行要求，无政策依据。

## English
The file cannot be read.
Fix: Check that the file exists, is not locked, and is a text file in a known encoding.
"""
from perflint.api import Document, RuleContext, rule

CODES = {"empty-file", "undecodable", "unreadable", "unsupported-format", "reader-failed", "layout-failed"}


@rule(code="PF001", name="file-not-readable", category="input", severity="error", target=Document)
def check(doc: Document, ctx: RuleContext):
    for problem in doc.problems:
        if problem.code in CODES:
            yield ctx.finding(at=problem.loc or doc, message=problem.message,
                              hint="请确认文件为文本格式（UTF-8、UTF-16 或 GB18030 编码）", evidence=problem.code)
