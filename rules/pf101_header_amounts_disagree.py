"""PF101 header-amounts-disagree — 表头金额的勾稽关系不成立

## 检查内容
表头各项资金应当相加一致：
- 年度资金总额 = 本级资金 + 转移市县（区）资金；
- 本级资金 = 财政拨款 + 其他资金 + 结余结转资金；
- 转移市县资金 = 中央资金 + 自治区（省级）资金；
- 没有本级/转移分栏的表（如“预算数 = 财政资金 + 其他资金”）：年度资金总额 = 财政拨款 + 其他资金 + 结余结转资金。

只在合计数和至少一个组成部分都填写、且表中列出了至少两个组成部分时比较（“其中：上级资金 20”
只列出一项，说的是其中一部分，不是全部构成）；列出但空白的组成部分按 0 计。金额按表格自身的精度
（通常 0.01 万元）比较，另可用 `tolerance` 选项放宽。年度资金总额未填写、由本级与转移资金推算
而来时，不以它作为合计数比较。

## 为何重要
表头金额是预算批复的依据。合计与分项对不上，说明有一处填错，审核无法确认哪一个数是真的。

## 示例
不通过：年度资金总额 100，本级资金 60，转移市县资金 30。
通过：年度资金总额 100，本级资金 70，转移市县资金 30。

## 依据
《中华人民共和国预算法》关于预算收支平衡的要求；财预〔2015〕88号第十一条（绩效目标与预算相匹配）。
选项：`tolerance`（万元等表格单位，默认 0，即按表格精度精确相等）。

## English
Header amounts do not add up.
Fix: Make the header's totals equal the sum of their parts.
"""
from dataclasses import dataclass
from decimal import Decimal

from perflint.api import Project, RuleContext, rule, vocab

IDENTITIES = (
    ("年度资金总额", ("本级资金", "转移市县资金", "上级资金")),
    ("本级资金", ("财政拨款", "政府性基金", "其他资金", "结余结转资金")),
    ("转移市县资金", ("中央资金", "省级资金")),
)
FLAT = ("年度资金总额", ("财政拨款", "政府性基金", "其他资金", "结余结转资金", "上级资金"))


@dataclass(frozen=True)
class Options:
    tolerance: Decimal = Decimal("0")


@rule(code="PF101", name="header-amounts-disagree", category="funds", severity="error",
      target=Project, options=Options)
def check(project: Project, ctx: RuleContext):
    identities = list(IDENTITIES)
    if "本级资金" not in project.amounts and "转移市县资金" not in project.amounts:
        identities.append(FLAT)
    unit = project.unit or "万元"
    for total_name, part_names in identities:
        total = project.amounts.get(total_name)
        if total is None or total.value is None or total.derived:
            continue
        parts = [(n, project.amounts[n]) for n in part_names if n in project.amounts]
        if not any(a.value is not None for _, a in parts) or len(parts) < 2:
            continue    # "其中：上级资金 20" alone names one part, not the whole breakdown
        values = [a.value or Decimal(0) for _, a in parts]
        step = vocab.precision_of(total.value, *values)
        summed = sum(values)
        if abs(summed - total.value) <= ctx.options.tolerance or abs(summed - total.value) < step / 2:
            continue
        terms = " + ".join(f"{n} {vocab.fmt_amount(v)}" for (n, _), v in zip(parts, values, strict=True))
        yield ctx.finding(
            at=total,
            message=f"{total_name} {vocab.fmt_amount(total.value)}{unit} 与其组成部分之和不符："
                    f"{terms} = {vocab.fmt_amount(summed)}{unit}，相差 {vocab.fmt_amount(abs(summed - total.value))}{unit}",
            hint=f"核对各项资金，使 {total_name} = {' + '.join(n for n, _ in parts)}",
            message_en=f"The {total_name} {vocab.fmt_amount(total.value)}{unit} differs from the sum of its parts: "
                       f"{terms} = {vocab.fmt_amount(summed)}{unit}, off by "
                       f"{vocab.fmt_amount(abs(summed - total.value))}{unit}",
            text=total.text, evidence=f"{total_name}:{total.value}:{summed}")
