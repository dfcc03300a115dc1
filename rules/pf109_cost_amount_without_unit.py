"""PF109 cost-amount-without-unit — 成本指标的金额没有写单位

## 检查内容
成本指标的目标值是没有单位的数字（227000、129350）。每张表报告一次，列出这样的行数，并说明
perflint 是如何理解它们的：按表格单位（万元）读会远超年度资金总额、按元读则合理时，推断为元；
否则按表格单位计。其他资金规则（PF103–PF105）也按同样的理解计算。

## 为何重要
金额不写单位，差一万倍：“227000”是 22.7 万元还是 22.7 亿元，只能靠猜。

## 示例
不通过：单位：万元的表中，成本指标 “全年职业技能鉴定和等级认定督导劳务费用 | 102000”。
通过：“全年职业技能鉴定和等级认定督导劳务费用 | 10.2万元”（或“102000元”）。

## 依据
财预〔2021〕101号：成本指标以元或万元为单位。

## English
A cost amount is written without a unit.
Fix: Write the unit (元 or 万元) after the amount.
"""
from perflint.api import Project, RuleContext, project_costs, rule


@rule(code="PF109", name="cost-amount-without-unit", category="funds", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    bare = [line for line in project_costs(ctx) if line.how == "bare"]
    if not bare:
        return
    first = bare[0]
    unit = project.unit or "万元"
    as_yuan = sum(1 for line in bare if line.read_as == "元")
    if as_yuan == len(bare):
        reading = f"按{unit}读会远超年度资金总额，已按数额推断为元"
        reading_en = f"read as {unit} they would far exceed the annual budget, so they were read as 元"
    elif as_yuan:
        reading = f"其中 {as_yuan} 行按数额推断为元，其余按表格单位{unit}计"
        reading_en = f"{as_yuan} of them were read as 元 by their size, the rest in the table's {unit}"
    else:
        reading = f"已按表格单位{unit}计"
        reading_en = f"they were read in the table's {unit}"
    yield ctx.finding(
        at=first.indicator.loc,
        message=f"成本指标有 {len(bare)} 行金额没有写单位（如“{first.indicator.value_text}”），{reading}",
        hint="为每个金额写明单位（元或万元）",
        message_en=f"{len(bare)} cost rows give an amount without a unit (such as “{first.indicator.value_text}”); "
                   f"{reading_en}",
        evidence=f"{len(bare)}:{first.indicator.value_text}")
