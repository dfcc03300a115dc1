"""PF102 project-total-inconsistent — 项目总额与年度资金总额矛盾

## 检查内容
- 项目总额小于年度资金总额：整个项目期的资金不可能少于其中一年的资金。
- 一年期的项目（项目期为 1 年、项目属性为一年期/一次性项目，或上年结转资金）项目总额与年度资金总额不等。
  年度资金总额未填写时，与本级资金 + 转移市县资金比较，并在消息中说明。

多年期项目的项目总额大于年度资金总额是正常的，不报告。

## 为何重要
项目总额与年度资金是两个口径的同一笔钱，一年期项目两者必须一致；对不上说明有一处金额填错，
或年度资金漏填了一部分。

## 示例
不通过：教育培训专项经费（上年结转），项目总额 79.96，本级资金 71.37，年度资金总额未填。
通过：项目总额 79.96，年度资金总额 79.96，本级资金 79.96。

## 依据
财预〔2015〕88号：绩效目标应与预算相匹配（相应匹配）。

## English
The project total is inconsistent with the annual amounts.
Fix: Correct the project total or the annual amounts so that they agree.
"""
import re

from perflint.api import Project, RuleContext, rule, vocab

_ONE_YEAR_PERIOD = re.compile(r"^(1|一)\s*年$")
_ONE_YEAR_KIND = re.compile(r"一年期|一次性")


def one_year(project: Project) -> bool:
    period = project.fields.get("项目期")
    kind = project.fields.get("项目属性")
    return bool((period and _ONE_YEAR_PERIOD.match(vocab.clean(period.text)))
                or (kind and _ONE_YEAR_KIND.search(kind.text))
                or "结转" in project.name)


@rule(code="PF102", name="project-total-inconsistent", category="funds", severity="error", target=Project)
def check(project: Project, ctx: RuleContext):
    total, annual = project.amounts.get("项目总额"), project.amounts.get("年度资金总额")
    if total is None or total.value is None or annual is None or annual.value is None:
        return
    unit = project.unit or "万元"
    step = vocab.precision_of(total.value, annual.value)
    gap = total.value - annual.value
    annual_en = (f"本级资金 and transfers together, {vocab.fmt_amount(annual.value)}{unit} (年度资金总额 blank)"
                 if annual.derived else f"年度资金总额 {vocab.fmt_amount(annual.value)}{unit}")
    annual_desc = (f"本级资金与转移资金合计 {vocab.fmt_amount(annual.value)}{unit}（年度资金总额未填写）"
                   if annual.derived else f"年度资金总额 {vocab.fmt_amount(annual.value)}{unit}")
    if gap <= -step / 2:
        yield ctx.finding(at=total, message=f"项目总额 {vocab.fmt_amount(total.value)}{unit} 小于{annual_desc}",
                          hint="项目总额是整个项目期的资金，不应小于当年资金；请核对两个金额",
                          message_en=f"项目总额 {vocab.fmt_amount(total.value)}{unit} is less than {annual_en}",
                          text=total.text, evidence=f"{total.value}<{annual.value}")
    elif gap >= step / 2 and one_year(project):
        yield ctx.finding(
            at=total,
            message=f"一年期项目的项目总额 {vocab.fmt_amount(total.value)}{unit} 与{annual_desc}不一致，"
                    f"相差 {vocab.fmt_amount(gap)}{unit}",
            hint="一年期（或上年结转）项目的项目总额应等于年度资金总额；请补填或更正金额",
            message_en=f"A one-year project's 项目总额 {vocab.fmt_amount(total.value)}{unit} differs from "
                       f"{annual_en}, by {vocab.fmt_amount(gap)}{unit}",
            text=total.text, evidence=f"{total.value}!={annual.value}")
