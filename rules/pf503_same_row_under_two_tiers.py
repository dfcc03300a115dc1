"""PF503 same-row-under-two-tiers — 同一条指标填在了两个二级指标下

## 检查内容
同一张表中，名称和目标值都相同的指标出现在两个不同的二级指标下（例如经济效益与社会效益写同一句话）。
“不适用”之类的占位行不计。报告在后出现的一行。

## 为何重要
一条指标只能衡量一种效果；同一句话既当经济效益又当社会效益，说明效益没有想清楚，只是为了填满栏位。

## 示例
不通过：经济效益 “提升办公大楼安全性 | 持续提高”，社会效益 “提升办公大楼安全性 | 持续提高”。
通过：经济效益写可度量的经济影响，社会效益写安全事故数等；确不适用的栏写“不适用”。

## 依据
财预〔2021〕101号：效益指标分经济、社会、生态效益和可持续影响，应分别反映不同方面的效果。

## English
The same row appears under two tiers.
Fix: Keep the row under the one tier it belongs to.
"""
from perflint.api import Project, RuleContext, is_filler_name, rule, squash


@rule(code="PF503", name="same-row-under-two-tiers", category="template", severity="warning", target=Project,
      yields_to=("tier",))
def check(project: Project, ctx: RuleContext):
    first_seen: dict[str, object] = {}
    for ind in project.indicators:
        if ind.value.kind in ("placeholder", "empty") or is_filler_name(ind.name) or not ind.tier2:
            continue
        key = f"{squash(ind.name)}|{squash(ind.value_text)}"
        earlier = first_seen.setdefault(key, ind)
        if earlier is ind or earlier.tier2 == ind.tier2:
            continue
        yield ctx.finding(
            at=ind, message_en=f"The {ind.tier2} “{ind.name}” is the same as the {earlier.tier2} at {ctx.place(earlier.loc, 'en')}",
            message=f"{ind.tier2}“{ind.name}”与{ctx.place(earlier.loc)}的{earlier.tier2}完全相同",
            hint="每个二级指标应衡量不同方面；重复的一条请改写或删除", evidence=key,
            about=[earlier])
