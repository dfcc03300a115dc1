"""PF204 bare-filler-row — 用“0 0”“无 无”填充的指标行

## 检查内容
指标名称和指标值都只写了“0”“无”“/”之类的单个符号（如“23-生态效益 0 0”）。

## 为何重要
“0”既可能表示不适用，也可能是真实目标（零事故），含义不明，审核无法判断；也容易掩盖漏填。
明确写“不适用”（并说明理由），或删除该行，比一个孤零零的 0 清楚。

## 示例
不通过：生态效益指标 “0 | 0”。
通过：生态效益指标 “本项目不涉及生态效益 | 不适用”，或删除该行。

## 依据
财预〔2015〕88号：绩效指标应指向明确。

## English
A row holds nothing but fillers.
Fix: Fill in the row or delete it.
"""
from perflint.api import BARE_FILLERS, Indicator, RuleContext, rule, squash


@rule(code="PF204", name="bare-filler-row", category="placeholder", severity="info", target=Indicator)
def check(ind: Indicator, ctx: RuleContext):
    if squash(ind.name) not in BARE_FILLERS or squash(ind.value_text) not in BARE_FILLERS | {""}:
        return
    yield ctx.finding(
        at=ind, message=f"{ind.tier2 or '指标'}以“{ind.name} {ind.value_text}”填充，含义不明",
        message_en=f"The {ind.tier2 or 'indicator'} row is filled with “{ind.name} {ind.value_text}”, which says nothing",
        hint="如不适用，请写明“不适用”及理由，或删除该行", text=f"{ind.name} {ind.value_text}".strip())
