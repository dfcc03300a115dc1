"""PF412 date-outside-budget-year — 日期不在预算年度内

## 检查内容
时限类目标写了具体年份，而这个年份不是表格的预算年度（例如 2022 年度的表中写“2021年11月”“2020年12月”）。
多年期项目的目标日期晚于预算年度时不报告。预算年度可用 `budget-year` 配置覆盖。

## 为何重要
年度绩效目标考核的是当年的工作；写成往年的日期无法实现，写成以后的日期则当年无从考核，
通常是沿用了往年表格没有更新。

## 示例
不通过：2022 年度表中，时效指标 “选拔和集训项目完成时间 | 2021年11月”。
通过：“选拔和集训项目完成时间 | 2022年11月”。

## 依据
财预〔2015〕88号：绩效目标是预算年度内预期达到的产出和效果。

## English
A date falls outside the budget year.
Fix: Set the date within the budget year.
"""
import re

from perflint.api import Indicator, RuleContext, rule

_MULTI_YEAR = re.compile(r"([2-9]|[1-9]\d)\s*年")


@rule(code="PF412", name="date-outside-budget-year", category="value", severity="warning", target=Indicator,
      kinds=["date"])
def check(ind: Indicator, ctx: RuleContext):
    year = ctx.budget_year
    if year is None:
        return
    period = ctx.project.fields.get("项目期") if ctx.project else None
    multi_year = bool(period and _MULTI_YEAR.match(period.text.strip()))
    for v in ind.value.leaves():
        if v.kind != "date" or v.date is None or v.relative or v.date.year == year:
            continue
        if v.date.year > year and multi_year:
            continue
        yield ctx.finding(at=ind, message_en=f"“{ind.name}” has the date “{v.text}”, outside the budget year {year}",
                          message=f"“{ind.name}”的目标日期“{v.text}”不在预算年度 {year} 年内",
                          hint=f"改为 {year} 年内的日期，或核对表格的预算年度")
        return
