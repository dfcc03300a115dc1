"""PF106 duplicate-cost-item — 同一成本项列了两次

## 检查内容
同一张表的成本指标中：
- 两行名称相同（忽略标点、空格和末尾的“费/费用/经费/预算”）——无论金额是否相同；
- 两行名称基本相同（一个包含另一个，或去掉“一次性”后相同，或高度相似），且金额换算后相等
  （例如一行写 100000 元、一行写 10 万元）。

报告在后出现的一行，并指出与之重复的行。

## 为何重要
重复列支会虚增成本、使成本合计超过预算，也会让审核误以为有两项不同的支出。

## 示例
不通过：“离校未就业调查费 100000元” 与 “离校未就业调查费用 10万元”；“安家费 900万元” 与 “一次性安家费（区本级）900万元”。
通过：合并为一行，或写明两项的不同内容。

## 依据
财预〔2021〕101号：成本指标应按支出内容分项列示，不重不漏。
选项：`similarity`（名称相似度阈值，0–100，默认 85）。

## English
The same cost item is listed twice.
Fix: Remove the duplicate cost row.
"""
from dataclasses import dataclass

from perflint.api import Project, RuleContext, item_key, project_costs, rule, vocab


@dataclass(frozen=True)
class Options:
    similarity: int = 85


def loose_key(name: str) -> str:
    return item_key(name.replace("一次性", ""))


@rule(code="PF106", name="duplicate-cost-item", category="funds", severity="warning",
      target=Project, options=Options)
def check(project: Project, ctx: RuleContext):
    from rapidfuzz.fuzz import ratio

    per = vocab.yuan_per(project.unit)
    step = vocab.precision_of(project.amount("年度资金总额")) * per
    lines = [line for line in project_costs(ctx) if line.yuan is not None]
    keys = [(item_key(line.indicator.name), loose_key(line.indicator.name)) for line in lines]
    unit = project.unit or "万元"
    reported = set()
    for k, later in enumerate(lines):
        for j, earlier in enumerate(lines[:k]):
            if id(earlier) in reported:
                continue
            (a, loose_a), (b, loose_b) = keys[j], keys[k]
            same_amount = abs(earlier.yuan - later.yuan) <= step
            if a and a == b:
                how = "金额相同" if same_amount else (
                    f"金额分别为 {vocab.fmt_amount(earlier.yuan / per)}{unit} 和 {vocab.fmt_amount(later.yuan / per)}{unit}")
                how_en = "the same amount" if same_amount else (
                    f"amounts {vocab.fmt_amount(earlier.yuan / per)}{unit} and {vocab.fmt_amount(later.yuan / per)}{unit}")
            elif same_amount and _alike(loose_a, loose_b, ctx.options.similarity, ratio):
                how = f"名称相近、金额同为 {vocab.fmt_amount(later.yuan / per)}{unit}"
                how_en = f"a similar name, both {vocab.fmt_amount(later.yuan / per)}{unit}"
            else:
                continue
            reported.add(id(later))
            yield ctx.finding(
                at=later.indicator,
                message=f"成本项“{later.indicator.name}”与{ctx.place(earlier.indicator.loc)}的"
                        f"“{earlier.indicator.name}”重复（{how}）",
                hint="合并重复的成本项；如确为两项不同支出，请在名称中写明区别",
                message_en=f"Cost item “{later.indicator.name}” repeats “{earlier.indicator.name}” at "
                           f"{ctx.place(earlier.indicator.loc, 'en')} ({how_en})",
                evidence=f"{a}|{b}")
            break


def _alike(a: str, b: str, threshold: int, ratio) -> bool:
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return (len(short) >= 2 and short in long) or ratio(a, b) >= threshold
