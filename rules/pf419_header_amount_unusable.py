"""PF419 header-amount-unusable — 表头金额写了，但不是可用的金额

## 检查内容
表头的金额栏（项目总额、年度资金总额、本级资金、财政拨款等）写了内容，却读不出一个可用的金额：
不是数字（“待定”“见附件”），或者是表格不会认真写出的数（超过 10^15、小数超过 10 位、负数、
“1e999”之类的写法）。每张表报告一次，列出这些栏和它们写的内容。这些栏不再按 PF703 报告为
“未填写”，依赖金额的检查（表头金额一致、成本合计等）在这张表上不作比较。

## 为何重要
金额是预算审核的起点：读不出的金额既无法与成本指标、资金来源相互核对，也往往是录入或导出出错的
迹象（多粘贴了一串数字、单元格格式错误）。

## 示例
不通过：“年度资金总额 | 待定”；“项目总额 | 99999999999999999999”；“本级资金 | -20”。
通过：“年度资金总额 | 20.00”（单位：万元）。

## 依据
财预〔2015〕88号：绩效目标应与预算确定的投资额或资金量相匹配。

## English
A header amount is written but is not a usable amount.
Fix: Write the amount as a number in the table's unit.
"""
from perflint.api import Project, RuleContext, rule


#: negative amounts are as unusable as unreadable ones: no budget line is below zero
def _unusable(amount) -> bool:
    text = amount.text.strip()
    if not text or amount.derived:
        return False
    return amount.value is None or amount.value < 0


@rule(code="PF419", name="header-amount-unusable", category="value", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    bad = [(name, a) for name, a in project.amounts.items() if _unusable(a)]
    if not bad:
        return
    listed = "、".join(f"{name}“{a.text.strip()[:20]}{'……' if len(a.text.strip()) > 20 else ''}”" for name, a in bad)
    yield ctx.finding(at=bad[0][1].loc, text=bad[0][1].text,
                      message=f"表头金额读不出可用的数：{listed}",
                      hint="按表格的金额单位填写一个数字（如 20.00），不要留文字、负数或多余的位数",
                      evidence="|".join(name for name, _ in bad),
                      message_en=f"Header amounts are not usable numbers: {listed}")
