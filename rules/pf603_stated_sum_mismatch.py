"""PF603 stated-sum-mismatch — 文字中列出的分项与合计不符

## 检查内容
同一句话里列出若干金额并写明合计（“A万元……B万元……共C万元”“合计C万元”），或先写总额再分列
（“预计需要81万元，其中：……63.6581万元，……17.3419万元”），分项相加与合计不符。括号中的明细
不计入上一级分项；按表格精度比较。

## 为何重要
分项与合计对不上，说明测算有误或漏写了某一项，文字说明失去了核对预算的作用。

## 示例
不通过：“特聘专家资助84万元；高层次人才特殊津贴86.3万元，合计180.3万元。”（实为 170.3）
通过：“……合计170.3万元。”

## 依据
财预〔2015〕88号：绩效目标应细化量化、测算准确。

## English
Parts listed in the text do not add up to the stated total.
Fix: Recompute the parts and the total.
"""
import re

from perflint.api import Project, RuleContext, mentions, rule, vocab

_TOTAL_AFTER = re.compile(r"(?:共计|合计|总计|共需|共)[^，,；;]{0,6}$")
_PARENS = re.compile(r"[（(][^）)]*[）)]")


@rule(code="PF603", name="stated-sum-mismatch", category="consistency", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    per = vocab.yuan_per(project.unit)
    step = vocab.precision_of(project.amount("年度资金总额")) * per
    unit = project.unit or "万元"
    for goal in project.goals:
        for sentence in re.findall(r"[^。\n]+", goal.text):
            flat = _PARENS.sub(lambda m: "（" + "·" * (len(m.group()) - 2) + "）", sentence)  # keep offsets
            money = [m for m in mentions(flat) if m.value.is_money]
            if len(money) < 3:
                continue
            found = _check_total_after(money) or _check_total_before(money, flat)
            if found is None:
                continue
            total, parts = found
            summed = sum(p.value.number for p in parts)
            if abs(summed - total.value.number) <= step:
                continue
            yield ctx.finding(
                at=goal, text=sentence.strip(),
                message_en=f"The parts in the text add up to {vocab.fmt_amount(summed / per)}{unit}, not the stated “{total.context}{total.value.text}”",
                message=f"文字中的分项合计 {vocab.fmt_amount(summed / per)}{unit}，与写明的“{total.context}{total.value.text}”不符",
                hint="核对各分项金额与合计数", evidence=f"{total.value.number}:{summed}")
            return


def _check_total_after(money):
    last = money[-1]
    if _TOTAL_AFTER.search(last.context):
        return last, money[:-1]
    return None


def _check_total_before(money, sentence: str):
    first = money[0]
    rest = sentence[first.end:]
    if not re.match(r"^[，,]?\s*其中", rest):
        return None
    return first, money[1:]

