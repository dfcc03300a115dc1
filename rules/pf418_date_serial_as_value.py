"""PF418 date-serial-as-value — 时效目标是 Excel 的日期序号

## 检查内容
时效指标的目标值是 36526–55153 之间的一个整数（“44,561”），没有单位：这是 Excel 把日期存成的序号
（44561 即 2021年12月31日），在复制或导出时丢了日期格式。报告时给出它代表的日期。同一行不再按
PF409（没有单位）重复报告。

## 为何重要
“44,561”在纸面上读不出是日期，考核时无法核对完成时间；它也说明表格是从电子表格粘贴而来、没有校对。

## 示例
不通过：时效指标“项目财政资金到位时间 | 44,561”。
通过：“项目财政资金到位时间 | 2021年12月31日前”。

## 依据
财预〔2015〕88号：绩效目标应表述清晰、可衡量。

## English
A time target is a spreadsheet date serial.
Fix: Write the date itself (44561 is 2021-12-31).
"""
import datetime

from perflint.api import Project, RuleContext, rule

FIRST, LAST = 36526, 55153          # 2000-01-01 … 2050-12-31 as Excel serials
EPOCH = datetime.date(1899, 12, 30)


@rule(code="PF418", name="date-serial-as-value", category="value", severity="warning", target=Project,
      supersedes=("PF409",))
def check(project: Project, ctx: RuleContext):
    for problem in project.problems_with("date-serial"):     # read as the date, shown as a number
        yield ctx.report(problem, hint="写成日期本身，例如“2021年12月31日前”")
    for ind in project.indicators:
        v = ind.value
        if ind.tier2 == "时效指标" and v.kind == "quantity" and v.unit is None and v.number is not None \
                and v.number == v.number.to_integral() and FIRST <= v.number <= LAST:
            day = EPOCH + datetime.timedelta(days=int(v.number))
            yield ctx.finding(at=ind, message=f"时效指标“{ind.name}”的目标值“{v.text}”是 Excel 的日期序号"
                                              f"（即 {day.year}年{day.month}月{day.day}日），不是日期",
                              hint=f"写成日期，例如“{day.year}年{day.month}月{day.day}日前”",
                              message_en=f"Timeliness indicator “{ind.name}” has the target “{v.text}”, an Excel "
                                         f"date serial (that is {day.year}-{day.month}-{day.day}), not a date")
