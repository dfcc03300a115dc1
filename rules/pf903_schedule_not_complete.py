"""PF903 schedule-not-complete — 资金支出计划到年底没有达到 100%

## 检查内容
一年期资金（项目期 1 年、项目属性一年期/一次性，或表格没有写项目期）的支出计划，最后一期应累计到 100%。
最后一个有数字的比例低于 100% 时报告。已在前面某期达到 100%、之后各期留空的计划是完整的（钱已
全部支出，之后没有可填的进度），不报告。

## 为何重要
当年预算应当年执行完毕；计划不到 100% 意味着预计结转，需要说明理由；留空则让进度考核无从比对。

## 示例
不通过：12月底 80%。
通过：12月底 100%；或 3月底 100%，其余留空。

## 依据
财预〔2020〕10号：预算执行率占 10 分，当年资金应在当年执行完毕；确需结转的按结转结余资金管理办法说明（本地做法）。

## English
The spending plan does not reach 100% by year end.
Fix: Plan to spend the whole year's funds, or explain the carry-over.
"""
import re

from perflint.api import Project, RuleContext, plan_cells, rule

_MULTI_YEAR = re.compile(r"([2-9]|[1-9]\d)\s*年")


@rule(code="PF903", name="schedule-not-complete", category="schedule", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    cells = plan_cells(project)
    period = project.fields.get("项目期")
    if not cells or (period and _MULTI_YEAR.match(period.text.strip())):
        return
    filled = [c for c in cells if c.percent is not None]
    if not filled:
        return
    last = filled[-1]
    if last.percent < 100:
        yield ctx.finding(at=last.loc, text=last.value.text,
                          message_en=f"The spending plan reaches only {last.value.text} by {last.column}; the year's money should all be spent",
                          message=f"资金支出计划到{last.column}累计只有 {last.value.text}，当年资金应全部支出",
                          hint="计划到12月底累计 100%，确需结转的请说明理由", evidence=f"{last.column}:{last.percent}")
