"""PF001 file-not-readable — 文件无法读取

## 检查内容
文件无法读取时报告此问题，该文件其余内容未被检查：文件为空；文本文件无法解码（不是 UTF-8、UTF-16
或 GB18030）或是改了扩展名的二进制文件；Word、Excel 文件已损坏或设置了打开密码；PDF 没有文字层
（扫描件）或文字提取出来是乱码（`(cid:123)` 之类，字体没有编码表）；.doc、.xls、.wps、.et 旧格式文件
而本机没有安装 LibreOffice 无法转换；文件类型不受支持；读取时出错；文件超出资源限制（解压后过大、
压缩比异常、单元格或合并范围极大、PDF 页数或对象过多、文本单行过长），或读取和检查它用掉的时间、
内存超过了限制（见 perflint.toml 的 `[limits]`），这时报告说明超过的是哪一项限制；多进程检查（`-j N`）时
检查它的工作进程意外退出（被系统因内存耗尽终止，或读取库在这个文件上崩溃），这时其他文件照常检查。

## 为何重要
一份没有被读到的表格不会产生任何其他问题，容易被误认为“检查通过”。明确列出未检查的文件，
审核人才知道哪些表还需要人工处理或转换格式后重新检查。扫描件或乱码 PDF 若硬读，会得到满屏
不存在的问题，所以只报告这一条。

## 示例
不通过：`budget.txt` 实为 Word 文件改了扩展名 → 报告“文件含有大量二进制内容，不是文本文件”。
不通过：`表格.pdf` 是扫描件 → 报告“PDF 没有文字层”，请提供原始 Word/Excel 文件。
不通过：1.6 KB 的 `表.xlsx` 唯一的单元格在 XFD1048576 → 报告“工作表的单元格范围为 17,179,869,184，超过限制 2,000,000”。
通过：另存为 UTF-8 文本、.docx 或 .xlsx 后重新检查。

## 依据
工具运行要求，无政策依据。

## English
The file cannot be read.
Fix: Check that the file is not damaged or password-protected; give scanned PDFs and old .doc/.xls/.wps/.et files as .docx, .xlsx or UTF-8 text.
"""
from perflint.api import Document, RuleContext, rule

#: The reader problems this rule reports, and what the user can do about each.
HINTS = {
    "empty-file": "确认选对了文件；空文件无需检查",
    "undecodable": "请另存为 UTF-8 文本（或直接检查原始 .docx/.xlsx 文件）",
    "unreadable": "确认文件存在且没有被其他程序占用、有读取权限",
    "unsupported-format": "支持 .txt、.docx、.xlsx、.pdf；.doc/.xls/.wps/.et 需安装 LibreOffice",
    "reader-failed": "这是 perflint 读取器的缺陷，请连同文件报告给维护者",
    "layout-failed": "这是 perflint 版式识别的缺陷，请连同文件报告给维护者",
    "corrupt": "用 Word、Excel 或 WPS 打开文件，另存为 .docx/.xlsx 后重新检查",
    "encrypted": "取消文件的打开密码（文件→信息→保护文档），另存后重新检查",
    "no-text-layer": "请提供原始 Word/Excel 文件，或可以复制文字的 PDF；扫描件需先人工录入或 OCR",
    "garbled-text": "请提供原始 Word/Excel 文件，或重新导出嵌入字体编码的 PDF",
    "needs-conversion": "安装 LibreOffice 后重新检查，或用 Word/WPS 另存为 .docx/.xlsx",
    "conversion-failed": "用 Word/WPS 打开文件，另存为 .docx/.xlsx 后重新检查",
    "over-limit": "确认文件是否正常（真实的绩效目标表只有几百行）；确需检查时，在 perflint.toml 的 [limits] 中放宽该限制",
    "worker-died": "单独检查此文件（-j 1）可看到原因；内存不足时减少 -j 的进程数或调低 [limits] 的 memory-mb，读取库崩溃时请连同文件报告给维护者",
}


@rule(code="PF001", name="file-not-readable", category="input", severity="error", target=Document)
def check(doc: Document, ctx: RuleContext):
    for problem in doc.problems:
        if problem.code in HINTS:
            yield ctx.finding(at=problem.loc or doc, message=problem.message,
                              hint=HINTS[problem.code], evidence=problem.code,
                              message_en=problem.message_en)
