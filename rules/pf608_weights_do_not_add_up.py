"""PF608 weights-do-not-add-up — 指标权重（分值）合计不是 100

## 检查内容
带“权重/分值”列的表，各项指标的权重相加应为 100；按评价办法另留 10 分给预算执行率的表，指标
权重合计为 90。其他合计报告一次，写明实际合计。只有全部指标都填了权重（至少 3 项）时才检查；
权重是 0–1 的小数（0.2）时按合计为 1（或 0.9）比较。缺了整个一级指标的表不检查（PF704 报告缺少
的指标，其分值自然也缺了）。

## 为何重要
权重决定年末评价时各项指标各占多少分；合计不是满分，评价得分就无法换算，也说明有指标被漏计
或重复计分。

## 示例
不通过：四项指标分值 20、20、30、10，合计 80。
通过：产出 50、效益 30、满意度 10，合计 90（另 10 分为预算执行率）；或合计 100。

## 依据
财预〔2020〕10号《项目支出绩效评价管理办法》附件：一级指标权重原则上为产出 50%、效益 30%、
服务对象满意度 10%，预算执行率 10%，合计 100%。

## English
The weights of the indicators do not add up to 100.
Fix: Correct the weights so that they add up to 100 (or 90, with 10 left for budget execution).
"""
from decimal import Decimal

from perflint.api import Project, RuleContext, rule, vocab

FULL = (Decimal(100), Decimal(90))


@rule(code="PF608", name="weights-do-not-add-up", category="consistency", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    rows = [ind for ind in project.indicators if ind.weight is not None or not ind.total]
    weights = [ind.weight for ind in rows]
    if len(weights) < 3 or any(w is None for w in weights):
        return
    if not {"产出指标", "效益指标", "满意度指标"} <= {ind.tier1 for ind in rows}:
        return      # a whole 一级 is missing (PF704): its points are missing with it
    added = sum(weights)
    scale = Decimal(1) if added <= Decimal("1.5") else Decimal(100)    # 0.2 + 0.3 … or 20 + 30 …
    if any(added * 100 / scale == full for full in FULL):
        return
    yield ctx.finding(
        at=rows[0], about=rows, text=" + ".join(vocab.fmt_amount(w) for w in weights),
        evidence=f"weights:{added}",
        message=f"{len(rows)} 项指标的权重合计为 {vocab.fmt_amount(added)}，"
                f"应为 {vocab.fmt_amount(scale)}（另留预算执行率时为 {vocab.fmt_amount(scale * Decimal('0.9'))}）",
        hint="核对各项指标的权重（分值），使合计为满分",
        message_en=f"The weights of {len(rows)} indicators add up to {vocab.fmt_amount(added)}, not "
                   f"{vocab.fmt_amount(scale)} ({vocab.fmt_amount(scale * Decimal('0.9'))} when budget execution "
                   f"keeps its own points)")
