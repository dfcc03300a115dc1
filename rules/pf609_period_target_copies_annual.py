"""PF609 period-target-copies-annual — 实施期（长期）目标照抄年度目标

## 检查内容
- 项目实施期跨出预算年度（项目期写明“2023.07-2024.01”“2021-2025年”“3年”等），实施期（中期、长期）
  绩效目标却与本年度绩效目标一字不差；
- 表中的长期（实施期）指标与年度指标逐条相同（至少 3 条，名称和目标值都相同）。
项目期只有一年、或没有写明时，两栏目标相同是正常的，不报告。

## 为何重要
跨年度项目的实施期目标应写明整个实施期要达到的结果，年度目标写本年度的部分；两者相同，说明
要么实施期目标没有写，要么年度目标把跨年的结果全算进了本年度，年末评价时无从区分。

## 示例
不通过：项目期 2023.07-2024.01，实施期目标与本年度目标都写“服务周期2023.07-2024.01，全市空气质量达到优良”。
通过：本年度目标写 2023 年 7–12 月的服务量和空气质量目标，实施期目标写整个服务周期的。

## 依据
财预〔2015〕88号：绩效目标分为实施期目标和年度目标，年度目标是实施期目标的分解。

## English
The implementation-period target copies the annual one.
Fix: Write what the whole period achieves, and the year's share of it in the annual target.
"""
import re

from perflint.api import Project, RuleContext, row_key, rule, squash

_YEARS = re.compile(r"(20\d{2})")
_LENGTH = re.compile(r"^([2-9]|[1-9]\d)\s*年")
PERIOD_GOALS = ("实施期绩效目标",)
ANNUAL_GOALS = ("年度绩效目标", "年度总体绩效目标")


def crosses_years(project: Project) -> bool:
    """The project's period, as written, runs beyond one year."""
    field = project.fields.get("项目期")
    text = squash(field.text) if field else ""
    return len(set(_YEARS.findall(text))) >= 2 or bool(_LENGTH.match(text))


@rule(code="PF609", name="period-target-copies-annual", category="consistency", severity="info", target=Project)
def check(project: Project, ctx: RuleContext):
    period = [g for g in project.goals if g.label in PERIOD_GOALS]
    annual = [g for g in project.goals if g.label in ANNUAL_GOALS]
    if period and annual and crosses_years(project) and squash(period[0].text) == squash(annual[0].text):
        yield ctx.finding(
            at=annual[0], text=annual[0].text, evidence="goals",
            message_en=f"The project period “{project.fields['项目期'].text}” runs beyond the budget year, yet the period goal copies the annual one",
            message=f"项目期“{project.fields['项目期'].text}”跨出预算年度，实施期目标与本年度目标却完全相同",
            hint="实施期目标写整个实施期的结果，本年度目标写本年度的部分")
    long_rows, year_rows = project.period_indicators, project.indicators
    if len(long_rows) >= 3 and len(long_rows) == len(year_rows) \
            and [row_key(i) for i in long_rows] == [row_key(i) for i in year_rows]:
        yield ctx.finding(
            at=long_rows[0], evidence="indicators",
            message_en=f"The long-term (period) indicators copy the annual ones row for row ({len(long_rows)} rows)",
            message=f"长期（实施期）指标与年度指标逐条相同（{len(long_rows)} 条）",
            hint="长期指标写整个实施期的目标，年度指标写本年度的部分")
