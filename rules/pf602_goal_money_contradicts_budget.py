"""PF602 goal-money-contradicts-budget — 目标文字中的金额与预算不符

## 检查内容
绩效目标、资金用途或指标描述中说明项目需要多少钱的金额（“所需资金20万元”“共需……5349万元”
“年度预算886.7万元”），与表头的任何一项金额（项目总额、年度资金总额、本级资金、财政拨款、其他资金、
结余结转资金、转移市县资金、中央资金、省级资金）都不相等。只看紧跟在“需、所需、共需、共计、合计、共、
总额、总金额、预算、金额”等词之后的金额；按表格精度比较。年份与预算年度不同的金额由 PF604 报告。

## 为何重要
目标里说需要 20 万元，预算却是 10 万元：要么目标照抄了往年或别的项目，要么预算数填错，
审核无法判断哪一个是真的。

## 示例
不通过：预算数 10.00 万元，资金用途写“……所需资金20万元”。
通过：资金用途写“……所需资金10万元”。

## 依据
财预〔2015〕88号：绩效目标应与预算资金相匹配（相应匹配）。

## English
An amount in the goal text differs from the budget.
Fix: Make the amount in the text agree with the header.
"""
import re

from perflint.api import Project, RuleContext, mentions, rule, vocab

_CUE = re.compile(r"(?:所需资金|共需|所需|需要|需|共计|合计|总计|总额|总金额|项目金额|金额|年度预算|预算|共)[^，,。；;]{0,8}$")
_AMOUNTS = ("项目总额", "年度资金总额", "本级资金", "财政拨款", "其他资金", "结余结转资金", "转移市县资金",
            "中央资金", "省级资金")


@rule(code="PF602", name="goal-money-contradicts-budget", category="consistency", severity="warning",
      target=Project)
def check(project: Project, ctx: RuleContext):
    per = vocab.yuan_per(project.unit)
    known = [a.value * per for name in _AMOUNTS if (a := project.amounts.get(name)) and a.value is not None]
    if not known:
        return
    step = vocab.precision_of(project.amount("年度资金总额")) * per
    texts = [(g.text, g) for g in project.goals] + [(i.description, i) for i in project.indicators if i.description]
    for text, where in texts:
        for m in mentions(text):
            if not m.value.is_money or not _CUE.search(m.context):
                continue
            if re.search(r"(?:19|20)\d{2}\s*年", m.sentence) and ctx.budget_year and \
                    str(ctx.budget_year) not in m.sentence:
                continue    # another year's money: PF604 speaks
            if any(abs(m.value.number - k) <= step for k in known):
                continue
            unit = project.unit or "万元"
            budget = project.amount("年度资金总额")
            yield ctx.finding(
                at=where.loc if hasattr(where, "loc") else where, text=m.sentence.strip(),
                message_en=f"The text says “{m.context}{m.value.text}”, which differs from the header amounts"
                           + (f" (年度资金总额 {vocab.fmt_amount(budget)}{unit})" if budget is not None else ""),
                message=f"文字中写“{m.context}{m.value.text}”，与表头金额不符"
                        + (f"（年度资金总额 {vocab.fmt_amount(budget)}{unit}）" if budget is not None else ""),
                hint="核对文字中的金额与表头预算，二者应一致", evidence=f"{m.value.number}")
            return
