"""PF107 summary-total-mismatch — 总表金额与各分表合计不符

## 检查内容
同一文件中有一张总表（标题含“总表”）和若干项目表时，总表的年度资金总额应等于各项目表
年度资金总额之和（按表格精度比较）。

## 为何重要
总表汇总各项目；对不上说明有项目漏列、重复，或某张表的金额填错。

## 示例
不通过：总表“就业补助资金”986.12 万元，十张项目表合计 976.12 万元。
通过：总表 986.12 万元 = 20 + 30 + 20 + 10 + 440 + 360 + 90 + 5 + 3 + 8.12。

## 依据
财预〔2015〕88号：绩效目标应与预算相匹配；部门预算各项目金额应与汇总数一致。

## English
A summary table's total differs from the sum of its project tables.
Fix: Make the summary total equal the sum of the project tables.
"""
from perflint.api import Document, RuleContext, rule, vocab


@rule(code="PF107", name="summary-total-mismatch", category="funds", severity="error", target=Document)
def check(doc: Document, ctx: RuleContext):
    summaries = [p for p in doc.projects if p.kind == "summary"]
    parts = [p for p in doc.projects if p.kind != "summary"]
    if len(summaries) != 1 or not parts:
        return
    summary = summaries[0]
    total = summary.amount("年度资金总额")
    amounts = [p.amount("年度资金总额") for p in parts]
    if total is None or any(a is None for a in amounts):
        return
    summed = sum(amounts)
    step = vocab.precision_of(total, *amounts)
    if abs(summed - total) < step / 2:
        return
    unit = summary.unit or "万元"
    yield ctx.finding(
        at=summary.amounts["年度资金总额"], project=summary,
        message=f"总表“{summary.name}”的年度资金总额 {vocab.fmt_amount(total)}{unit} 与 {len(parts)} 张项目表合计 "
                f"{vocab.fmt_amount(summed)}{unit} 不符，相差 {vocab.fmt_amount(abs(summed - total))}{unit}",
        hint="核对是否漏列或重复列了项目表，或某张表的金额有误",
        message_en=f"Summary table “{summary.name}”: 年度资金总额 {vocab.fmt_amount(total)}{unit} differs from its "
                   f"{len(parts)} project tables' sum of {vocab.fmt_amount(summed)}{unit}, by "
                   f"{vocab.fmt_amount(abs(summed - total))}{unit}",
        text=summary.amounts["年度资金总额"].text, evidence=f"{total}!={summed}")
