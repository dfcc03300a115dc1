"""PF402 rate-floor-at-100 — 比率目标写成“≥100%”

## 检查内容
比率类指标写作“≥100%”“100%以上”“不低于100%”。

## 为何重要
比率不可能超过 100%，“≥100%”实际只能以恰好 100% 达成；写成不等式既不严谨，也暴露目标未经推敲。
“达到100%”“支付进度达100%”是自然的表述，不在此列。
这类写法很常见且不影响考核，默认级别为提示；需要从严时可在配置 [severity] 中把 PF402 设为 warning。
越低越好的比率（逾期发放率、差错率）写“≥”由 PF404 报告，其目标应为 0 或一个小的上限；名称说不清
是什么比例的百分比（“就业形势 ≥100%”）由 PF416 报告。同一行已被判定放错二级指标时不再重复报告。

## 示例
不通过：质量指标 “资金发放准确率 | ≥100%”。
通过：质量指标 “资金发放准确率 | =100%”（或“100%”）。

## 依据
财预〔2015〕88号：绩效目标应细化量化、合理可行。

## English
A floor of 100% on a rate.
Fix: Only exactly 100% meets ≥100%; write =100% or a lower floor.
"""
from perflint.api import Indicator, RuleContext, rule, vocab

_FLOOR_WORDS = {"≥", "≧", ">=", "=>", "以上", "及以上", "不低于", "不少于", "不小于", "至少", "最少", "最低"}


@rule(code="PF402", name="rate-floor-at-100", category="value", severity="info", target=Indicator,
      kinds=["percent"], yields_to=("tier", "PF404"))
def check(ind: Indicator, ctx: RuleContext):
    if not vocab.is_rate(ind.name) or vocab.polarity(ind.name) == -1:
        return      # a share of nothing named is PF416's; a lower-is-better rate is PF404's
    for v in ind.value.leaves():
        if v.kind == "percent" and v.number == 100 and v.comparator == ">=" and _FLOOR_WORDS & set(v.cmp_words):
            yield ctx.finding(at=ind, message_en=f"“{ind.name}” has the target “{v.text}”: a rate is at most 100%, so only exactly 100% meets it",
                              message=f"“{ind.name}”的目标值写作“{v.text}”，比率最高 100%，只有恰好 100% 才能达成",
                              hint="写作“=100%”或“100%”")
            return
