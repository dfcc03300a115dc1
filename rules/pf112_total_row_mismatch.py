"""PF112 total-row-mismatch — 合计行与各项之和不符

## 检查内容
- 表头的成本构成表（项目预算成本构成 | 金额 | 测算依据 | 2020年实际执行数 | 2021年实际执行数 …）中，
  每一个金额列（当年金额和往年执行数都算）各项相加应等于“合计”行的同一列；
- 成本指标中的“合计/小计/总成本”行应等于其上各项成本之和（合计行本身不计入各项）。
按各项中最细的小数位比较，差额超过半个最小单位才报告；有的成本行不是金额（比率、文字）时不比较。

## 为何重要
合计是审核时最先看的数；合计与明细对不上，说明某一项或合计本身抄错了，往年执行数对不上还会让
“参考往年执行情况测算”的依据失真。

## 示例
不通过：2020年实际执行数 191 + 99 + 372.88 = 662.88，合计行却写 662.98。
通过：合计写 662.88，或更正有误的一项。

## 依据
财预〔2021〕101号：成本指标应依据测算明细确定，测算过程清楚、可核对。

## English
A total row does not equal the sum of its items.
Fix: Correct the item or the total so that they add up.
"""
from decimal import Decimal

from perflint.api import Project, RuleContext, is_cost, rule, vocab


def _step(amounts) -> Decimal:
    """Half the smallest unit any of the amounts is written to."""
    places = max((-a.as_tuple().exponent for a in amounts if a is not None and a.as_tuple().exponent < 0), default=0)
    return Decimal(1).scaleb(-places) / 2


@rule(code="PF112", name="total-row-mismatch", category="funds", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    unit = project.unit or "万元"
    table = project.cost_table
    if table is not None and table.total is not None:
        for k, heading in enumerate(table.headings):
            column = [item.amounts[k] for item in table.items]
            total = table.total.amounts[k]
            if total is None or any(a is None for a in column):
                continue
            added = sum(column)
            if abs(added - total) > _step([*column, total]):
                shown = " + ".join(vocab.fmt_amount(a) for a in column)
                yield ctx.finding(
                    at=table.total.loc, text=vocab.fmt_amount(total), evidence=f"{heading}:{added}!={total}",
                    message=f"成本构成表“{heading}”列：{shown} = {vocab.fmt_amount(added)}，"
                            f"合计行却是 {vocab.fmt_amount(total)}",
                    hint="核对该列各项和合计，二者应相等",
                    message_en=f"Cost table column “{heading}”: {shown} = {vocab.fmt_amount(added)}, "
                               f"the total row says {vocab.fmt_amount(total)}")
    costs = [ind for ind in project.indicators if is_cost(ind)]
    totals = [ind for ind in costs if ind.total]
    items = [ind for ind in costs if not ind.total]
    if len(totals) != 1 or len(items) < 2:
        return
    total_yuan = vocab.money_yuan(totals[0].value)
    amounts = [vocab.money_yuan(ind.value) for ind in items]
    if total_yuan is None or any(a is None for a in amounts):
        return      # a row that is not an amount: the sum cannot be known
    added = sum(amounts)
    per = vocab.yuan_per(project.unit)
    if abs(added - total_yuan) > _step([*(a / per for a in amounts), total_yuan / per]) * per:
        yield ctx.finding(
            at=totals[0], evidence=f"cost-total:{added}!={total_yuan}",
            message=f"成本指标“{totals[0].name}”为 {vocab.fmt_amount(total_yuan / per)}{unit}，"
                    f"而其余 {len(items)} 项成本之和为 {vocab.fmt_amount(added / per)}{unit}",
            hint="核对各项成本和合计行，二者应相等",
            message_en=f"The cost total “{totals[0].name}” is {vocab.fmt_amount(total_yuan / per)}{unit}, "
                       f"the {len(items)} cost rows add up to {vocab.fmt_amount(added / per)}{unit}")
