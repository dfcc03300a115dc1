"""PF406 cost-not-money — 成本指标的目标值不是金额

## 检查内容
成本指标的目标值既不是金额（元、万元），也不是单价（元/人、万元/个），而是数量（500份、≥1次）、
文字（“按文件执行”“参照相关文件执行”）或文号。（填百分比的由 PF304 报告，未写单位的数字由 PF409 报告。）

## 为何重要
成本指标要回答“花多少钱”。写数量、文号或“按文件执行”，成本就无从控制、无从评价。

## 示例
不通过：成本指标 “驻村工作补贴发放标准 | 永党办发(2023)70号”。
通过：成本指标 “驻村工作补贴标准 | 1000元/人/月”，依据栏写文号。

## 依据
财预〔2021〕101号：成本指标以金额表示，可按总成本或单位成本设置。

## English
A cost indicator is not an amount of money.
Fix: Give the cost in 元 or 万元.
"""
from perflint.api import COST_TIERS, Indicator, RuleContext, rule


@rule(code="PF406", name="cost-not-money", category="value", severity="warning", target=Indicator, tiers=COST_TIERS)
def check(ind: Indicator, ctx: RuleContext):
    v = ind.value
    if v.kind in ("percent", "placeholder", "empty"):
        return
    leaves = v.leaves()
    if any(x.unit_info and (x.unit_info.is_money or x.unit_info.is_money_rate) for x in leaves):
        return
    if all(x.kind == "quantity" and x.unit is None for x in leaves):
        return   # bare numbers: read as money by the funds rules, unit reported by PF409
    what = "文字说明" if v.kind in ("text", "qualitative") else f"“{v.text}”"
    what_en = "a text" if v.kind in ("text", "qualitative") else f"“{v.text}”"
    yield ctx.finding(at=ind, message_en=f"Cost indicator “{ind.name}” has {what_en} as its target, not an amount of money",
                      message=f"成本指标“{ind.name}”的目标值是{what}，不是金额",
                      hint="成本指标请填写总成本或单位成本（元、万元），文件依据写在依据栏或说明中")
