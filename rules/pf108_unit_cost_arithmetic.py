"""PF108 unit-cost-arithmetic — 单价乘数量与金额不符

## 检查内容
成本指标的名称写明了单价和数量（“建设2个, 100万元/个”），或写明单价（“培训标准400元/人天”）而
数量见于本表的数量指标（“培训人数天数 400人, 5天”），按单价 × 数量算出的金额与该行金额不符时报告。
绩效目标中的一句话同时写明单价、数量和金额（“培训400人, 5天, 400元/人天标准, 需79.96万元”）
而三者不符时，也报告（表格行已报告同一问题时不重复）。
单价和数量都写在同一行时为错误；数量取自其他行时为警告（推算依赖于行与行的对应）。
每个计价单位（人、天、个……）都必须唯一对应一个数量才计算，否则不报告。

## 为何重要
单价、数量和金额三者互相印证；对不上说明测算有误，或其中一个数字写错。

## 示例
不通过：成本“培训标准400元/人天”79.96 万元，数量“400人, 5天”（400 × 5 × 400 元 = 80 万元）。
通过：成本 80 万元，或更正单价、人数或天数。

## 依据
财预〔2021〕101号：成本指标可按“单价 × 数量”测算，测算依据应清楚、可核对。

## English
Unit price times count does not give the stated amount.
Fix: Recompute the amount from the unit price and the count.
"""

from perflint.api import (
    Indicator,
    Project,
    RuleContext,
    Value,
    is_cost,
    item_key,
    measures_in,
    price_times,
    rule,
    sentences,
    vocab,
)


@rule(code="PF108", name="unit-cost-arithmetic", category="funds", severity="error", target=Project)
def check(project: Project, ctx: RuleContext):
    per = vocab.yuan_per(project.unit)
    unit = project.unit or "万元"
    step = vocab.precision_of(project.amount("年度资金总额")) * per
    quantity_rows = [i for i in project.indicators if i.tier2 == "数量指标"]
    reported = False
    for ind in project.indicators:
        amount = vocab.money_yuan(ind.value) if is_cost(ind) else None
        if amount is None:
            continue
        in_name = measures_in(ind.name)
        prices = [m for m in in_name if m.unit_info and m.unit_info.is_money_rate]
        if len(prices) != 1:
            continue
        price = prices[0]
        counts = [m for m in in_name if not (m.unit_info and m.unit_info.is_money_rate)]
        product, same_row = price_times(price, counts), True
        if product is None:
            product, same_row = price_times(price, _counts_elsewhere(ind, quantity_rows)), False
        if product is None or abs(product - amount) <= step:
            continue
        reported = True
        yield ctx.finding(
            at=ind,
            message=f"按单价计算的金额与该行不符：{price.text} × 数量 = {vocab.fmt_amount(product / per)}{unit}，"
                    f"而该行金额为 {vocab.fmt_amount(amount / per)}{unit}"
                    + ("" if same_row else "（数量取自本表数量指标）"),
            hint="核对单价、数量和金额，三者应满足 单价 × 数量 = 金额",
            message_en=f"Unit price times count does not give the row's amount: {price.text} × count = "
                       f"{vocab.fmt_amount(product / per)}{unit}, but the row says {vocab.fmt_amount(amount / per)}{unit}",
            severity=None if same_row else "warning", evidence=f"{product}!={amount}")
    if not reported:
        yield from _goal_sentences(project, ctx, per, unit, step)




def _goal_sentences(project: Project, ctx: RuleContext, per, unit: str, step):
    """A goal sentence stating a unit price, the counts it applies to, and one total."""
    for goal in project.goals:
        for sentence in sentences(goal.text):
            measures = measures_in(sentence)
            prices = [m for m in measures if m.unit_info and m.unit_info.is_money_rate]
            totals = [m for m in measures if m.is_money]
            if len(prices) != 1 or len(totals) != 1:
                continue
            counts = [m for m in measures if not (m.unit_info and (m.unit_info.is_money or m.unit_info.is_money_rate))]
            product = price_times(prices[0], counts)
            if product is None or abs(product - totals[0].number) <= step:
                continue
            yield ctx.finding(
                at=goal, text=sentence.strip(),
                message=f"目标中的测算不符：{prices[0].text} × 数量 = {vocab.fmt_amount(product / per)}{unit}，"
                        f"而文中写 {totals[0].text}",
                hint="核对目标中的单价、人数（天数）和金额", severity="warning",
                message_en=f"The arithmetic in the goal does not hold: {prices[0].text} × count = "
                           f"{vocab.fmt_amount(product / per)}{unit}, but the text says {totals[0].text}",
                evidence=f"goal:{product}!={totals[0].number}")
            return


def _counts_elsewhere(ind: Indicator, quantity_rows: list[Indicator]) -> list[Value]:
    """Counts from the 数量 rows: the row of the same item if there is one, else all of them."""
    key = item_key(ind.name)
    same = [q for q in quantity_rows if item_key(q.name) and (item_key(q.name) in key or key in item_key(q.name))]
    rows = same or quantity_rows
    return [leaf for q in rows for leaf in q.value.leaves()
            if leaf.kind in ("quantity", "duration") and leaf.number is not None]
