"""PF706 empty-template-slot — 模板中的空栏位没有删除

## 检查内容
模板留下的编号空栏位既没有填写也没有删除：“指标2:”后面什么都没有。每张表报告一次，说明空栏位的
数量和位置。表样本身预印了全部二级指标（“21-经济效益”一行空着）的，空行是表样的一部分，不报告；
但预印的效益指标行几乎全空（至少两行空着，效益只填了一项或没有填）时报告一次：这张表基本没有写效益。

## 为何重要
空栏位本身不是错误，但会让人分不清是“不适用”还是“漏填”；提交前应删除或写明“不适用”。

## 示例
不通过：质量指标 “指标1: 培训合格率 ≥95%”，下一行 “指标2:” 空着。
通过：删除空的“指标2:”一行。

## 依据
财预〔2015〕88号：绩效目标申报表应完整、清晰。

## English
Empty template slots were left in.
Fix: Delete the empty slots or mark them not applicable.
"""
import re

from perflint.api import BENEFIT_TIERS, Project, RuleContext, rule

_NUMBERED = re.compile(r"^\s*指标\s*\d+\s*[:：]?\s*$")


@rule(code="PF706", name="empty-template-slot", category="structure", severity="info", target=Project)
def check(project: Project, ctx: RuleContext):
    slots = [s for s in project.empty_slots if _NUMBERED.match(s.label)]
    effect_slots = [s for s in project.empty_slots if s.tier2 in BENEFIT_TIERS and not _NUMBERED.match(s.label)]
    filled = {ind.tier2 for ind in project.indicators if ind.tier2 in BENEFIT_TIERS}
    if len(effect_slots) >= 2 and len(filled) <= 1:
        # the preprinted effect rows are nearly all blank: the table states almost no effect
        names = "、".join(s.tier2.removesuffix("指标") for s in effect_slots)
        yield ctx.finding(at=effect_slots[0].loc, text=effect_slots[0].label, evidence=f"effects:{names}",
                          message_en=f"The effect rows {names} are all blank; only {len(filled)} effect is filled in",
                          message=f"效益指标中{names}都空着，只填了 {len(filled)} 项效益",
                          hint="填写项目能带来的效益；确不适用的写明“不适用”并说明理由")
    if not slots:
        return
    lines = "、".join(ctx.place(s.loc) for s in slots[:4]) + ("等" if len(slots) > 4 else "")
    lines_en = ", ".join(ctx.place(s.loc, "en") for s in slots[:4]) + (", …" if len(slots) > 4 else "")
    yield ctx.finding(at=slots[0].loc, message_en=f"{len(slots)} empty indicator slots were neither filled in nor removed ({lines_en})",
                      message=f"有 {len(slots)} 个空的指标栏位没有填写或删除（{lines}）",
                      hint="删除空栏位，或在确不适用的栏位写明“不适用”", text=slots[0].label,
                      evidence=str(len(slots)))
