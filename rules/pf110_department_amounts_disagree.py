"""PF110 department-amounts-disagree — 部门整体支出的资金总额与基本支出、项目支出之和不符

## 检查内容
部门（单位）整体支出绩效目标表中，年度资金总额应等于基本支出与项目支出之和；基本支出又可分为
人员经费和公用经费，写了的也应相加相符。比较时按表中数字的精度取整。

## 为何重要
整体支出绩效目标表反映部门全部预算资金；总额与构成不符，说明有资金未列入或重复列入，绩效目标
与预算无法对应（财预〔2015〕88号：绩效目标应与部门预算相匹配）。

## 示例
不通过：资金总额 85，基本支出 60，项目支出 20（60 + 20 = 80）。
通过：  资金总额 85，基本支出 60，项目支出 25。

## 依据
财预〔2015〕88号《中央部门预算绩效目标管理办法》：部门（单位）整体支出绩效目标应与部门预算相匹配。

## English
A department's total funds differ from the sum of its basic and project expenditure.
Fix: Make the total equal to 基本支出 + 项目支出.
"""
from decimal import Decimal

from perflint.api import Project, RuleContext, rule, vocab

IDENTITIES = (
    (("年度资金总额", "本级资金"), ("基本支出", "项目支出")),
    (("基本支出",), ("人员经费", "公用经费")),
)


@rule(code="PF110", name="department-amounts-disagree", category="funds", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    if project.kind != "department":
        return
    unit = project.unit or "万元"
    for totals, part_names in IDENTITIES:
        total = next((project.amounts[n] for n in totals if n in project.amounts
                      and project.amounts[n].value is not None), None)
        parts = [(n, project.amounts[n].value) for n in part_names
                 if n in project.amounts and project.amounts[n].value is not None]
        if total is None or len(parts) < len(part_names):
            continue        # a part left out: nothing to add up
        summed = sum((v for _, v in parts), Decimal(0))
        step = vocab.precision_of(total.value, *(v for _, v in parts))
        if abs(summed - total.value) < step / 2:
            continue
        terms = " + ".join(f"{n} {vocab.fmt_amount(v)}" for n, v in parts)
        yield ctx.finding(
            at=total, text=total.text,
            message=f"资金总额 {vocab.fmt_amount(total.value)}{unit} 与 {terms} = {vocab.fmt_amount(summed)}{unit} 不符，"
                    f"相差 {vocab.fmt_amount(abs(summed - total.value))}{unit}",
            hint=f"核对部门预算，使资金总额 = {' + '.join(n for n, _ in parts)}",
            message_en=f"The 资金总额 {vocab.fmt_amount(total.value)}{unit} differs from {terms} = "
                       f"{vocab.fmt_amount(summed)}{unit}, by {vocab.fmt_amount(abs(summed - total.value))}{unit}")
