"""PF111 standard-times-count — 按标准测算的金额与成本或预算不符

## 检查内容
表中写明的开支标准乘以数量（再乘月数），与成本指标或年度资金总额对不上：
- 指标名称写明标准（“三支一扶慰问（慰问金每人300元，交通差费1.85万元）| 450人”），按标准 × 数量
  （加上同处写明的其他金额）算出的金额，与同一事项的成本指标不符；没有对应的成本指标时，超过年度
  资金总额；
- 绩效目标的一句话写明人数和标准（“为101名村干部每人每月发放补贴1500元”），按全年（或写明的
  项目期月数）测算超过年度资金总额；
- 按月计的成本（“人工成本 ≤620万元/月”）乘以写明的项目期月数（2020年1月—11月），超过年度资金总额。
只有每个标准都唯一对应一个数量、每个数量都用上时才计算；读不准就不报告。允许 1% 的舍入差。
成本指标名称中单价 × 数量与该行金额不符由 PF108 检查。

## 为何重要
数量和开支标准决定了需要多少钱：两者相乘超过预算，说明数量、标准或预算至少有一个写错了，
或者目标承诺了预算无法支撑的规模。

## 示例
不通过：数量“三支一扶慰问（慰问金每人300元，交通差费1.85万元）| 450人”，成本“三支一扶慰问 | 15万元”
（450 × 300 元 + 1.85 万元 = 15.35 万元）。
通过：成本写 15.35 万元，或更正人数、标准。

## 依据
财预〔2021〕101号：成本指标应依据开支标准和数量测算，测算依据应清楚、可核对；
财预〔2015〕88号：绩效目标应与预算确定的资金量相匹配。

## English
A standard times its count does not match the cost or the budget.
Fix: Recompute from the standard and the count, and correct the count, the standard or the amount.
"""
import re
from decimal import Decimal

from perflint.api import (
    Indicator,
    Project,
    RuleContext,
    estimate,
    is_cost,
    item_key,
    period_months,
    rule,
    sentences,
    vocab,
)

SHARE = Decimal("0.01")      # rounding allowed, as a share of the compared amount


def _close(a: Decimal, b: Decimal, step: Decimal) -> bool:
    return abs(a - b) <= max(step, SHARE * max(abs(a), abs(b)))


_QUALIFIER = re.compile(r"[（(]([^（）()]*)[）)]")


def _item(name: str) -> tuple[str, frozenset[str]]:
    """An item's key and the qualifiers in its brackets (中央, 区本级), the standard left out."""
    qualifiers = frozenset(q for q in _QUALIFIER.findall(name) if not re.search(r"\d", q))
    return item_key(_QUALIFIER.sub("", name)), qualifiers


def _within(short: str, long: str) -> bool:
    """``short`` is ``long`` with some characters left out (安家费 in 一次性安家费)."""
    chars = iter(long)
    return all(c in chars for c in short)


def _cost_row_for(ind: Indicator, project: Project) -> tuple[Indicator, Decimal] | None:
    """The one money cost row of the same item and qualifiers (安家费（中央）（每人每年3000元） →
    成本 “一次性安家费（中央）”)."""
    key, qualifiers = _item(ind.name)
    if len(key) < 2:
        return None
    found = []
    for row in project.indicators:
        if not is_cost(row) or row.total:
            continue
        amount = vocab.money_yuan(row.value)
        other, other_qualifiers = _item(row.name)
        if amount is not None and len(other) >= 2 and other_qualifiers == qualifiers \
                and (_within(other, key) or _within(key, other)):
            found.append((row, amount))
    return found[0] if len(found) == 1 else None


@rule(code="PF111", name="standard-times-count", category="funds", severity="warning", target=Project,
      yields_to=("PF108",))
def check(project: Project, ctx: RuleContext):
    names = "\n".join(ind.name for ind in project.indicators)
    values = "\n".join(ind.value_text for ind in project.indicators)
    goals = "\n".join(g.text for g in project.goals)
    if "元" not in names and "元" not in goals and "月" not in values:
        return      # no standard written, no monthly figure: nothing to multiply
    budget = project.amount("年度资金总额")
    per = vocab.yuan_per(project.unit)
    unit = project.unit or "万元"
    step = vocab.precision_of(budget) * per if budget is not None else per / 100
    budget_yuan = budget * per if budget is not None and budget > 0 else None
    # the months of the period matter only to a monthly standard or cost
    months = period_months(project) if "月" in values or "月" in names or "每月" in goals else None

    def fmt(yuan: Decimal) -> str:
        return f"{vocab.fmt_amount((yuan / per).quantize(Decimal('0.0001')).normalize())}{unit}"

    for ind in project.indicators:
        if is_cost(ind) or "元" not in ind.name:
            continue            # a priced cost row is PF108's; a name without money holds no standard
        e = estimate(ind.name, list(ind.value.leaves()), months)
        if e is None:
            continue
        cost = _cost_row_for(ind, project)
        if cost is not None:
            row, amount = cost
            if not _close(e.yuan, amount, step):
                yield ctx.finding(
                    at=ind, about=[row], evidence=f"{e.working}={e.yuan}!={amount}",
                    message=f"按指标中的标准测算：{e.working} = {fmt(e.yuan)}，而成本指标“{row.name}”为 {fmt(amount)}",
                    hint="核对数量、开支标准和成本金额，三者应能互相印证",
                    message_en=f"By the standard in the indicator, {e.working} = {fmt(e.yuan)}, "
                               f"but the cost row “{row.name}” says {fmt(amount)}")
        elif budget_yuan is not None and e.yuan > budget_yuan and not _close(e.yuan, budget_yuan, step):
            yield ctx.finding(
                at=ind, evidence=f"{e.working}={e.yuan}>{budget_yuan}",
                message=f"按指标中的标准测算：{e.working} = {fmt(e.yuan)}，超过年度资金总额 {fmt(budget_yuan)}",
                hint="核对数量和开支标准，或调整预算",
                message_en=f"By the standard in the indicator, {e.working} = {fmt(e.yuan)}, above the budget {fmt(budget_yuan)}")
    if budget_yuan is None:
        return
    for goal in project.goals:
        for sentence in sentences(goal.text):
            e = estimate(sentence, months=months or 12, lumps=False)
            if e is not None and e.yuan > budget_yuan and not _close(e.yuan, budget_yuan, step):
                yield ctx.finding(
                    at=goal, text=sentence.strip(), evidence=f"goal:{e.working}",
                    message=f"目标写明的标准测算：{e.working} = {fmt(e.yuan)}，超过年度资金总额 {fmt(budget_yuan)}",
                    hint="核对目标中的人数、标准和预算",
                    message_en=f"The goal's own standard gives {e.working} = {fmt(e.yuan)}, above the budget {fmt(budget_yuan)}")
                break
    if months is None:
        return
    for ind in project.indicators:
        if not is_cost(ind) or ind.total:
            continue
        v = ind.value
        monthly = v.kind == "quantity" and v.number is not None and (
            (v.per == "月" and (v.unit == "元" or v.unit is None and v.scale)) or v.unit == "元/月")
        if monthly and v.number * months > budget_yuan and not _close(v.number * months, budget_yuan, step):
            yield ctx.finding(
                at=ind, evidence=f"monthly:{v.number}x{months}",
                message=f"“{ind.name}”为 {v.text}，按项目期 {months} 个月计为 {fmt(v.number * months)}，"
                        f"超过年度资金总额 {fmt(budget_yuan)}",
                hint="按月的成本乘以月数不应超过预算；核对月度标准或项目期",
                message_en=f"“{ind.name}” is {v.text}; over {months} months that is {fmt(v.number * months)}, "
                           f"above the budget {fmt(budget_yuan)}")
