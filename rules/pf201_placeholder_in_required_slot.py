"""PF201 placeholder-in-required-slot — 必填指标填了“不适用”

## 检查内容
数量、质量、时效、成本和满意度指标不能“不适用”：每个项目都有产出、有时限、花钱、有服务对象。
这些二级指标下的指标值或指标名称是占位词（本指标不适用此项目、不适用、无、0、/、—）时报告。
可用 `placeholder-words` 选项补充本地常见的占位写法。

## 为何重要
必填指标写“不适用”等于没有设定目标，绩效无法考核；这通常是照搬模板后没有填写。

## 示例
不通过：数量指标 “本指标不适用此项目 | 本指标不适用此项目”。
通过：数量指标 “开办线上线下招聘会 | ≥20场”。

## 依据
财预〔2015〕88号第十条：绩效目标应包括产出、效益、满意度等内容；财预〔2021〕101号：产出指标（数量、质量、
时效）和成本指标为核心指标。选项：`placeholder-words`（占位词列表，默认为空）。

## English
A placeholder (不适用) fills a slot that is always required.
Fix: Write a real target; quantity, quality, time, cost and satisfaction always apply.
"""
from dataclasses import dataclass

from perflint.api import REQUIRED_TIERS, Indicator, RuleContext, is_filler_name, is_placeholder, rule, squash


@dataclass(frozen=True)
class Options:
    placeholder_words: tuple[str, ...] = ()


@rule(code="PF201", name="placeholder-in-required-slot", category="placeholder", severity="warning",
      target=Indicator, options=Options, tiers=REQUIRED_TIERS)
def check(ind: Indicator, ctx: RuleContext):
    words = tuple(squash(w) for w in ctx.options.placeholder_words)
    value_is_filler = is_placeholder(ind.value, words)
    name_is_filler = is_filler_name(ind.name) or squash(ind.name) in words
    if not (value_is_filler or (name_is_filler and ind.value.kind in ("placeholder", "empty"))):
        return
    yield ctx.finding(
        at=ind,
        message=f"{ind.tier2}不能“不适用”，这里填的是“{ind.value_text or ind.name}”",
        hint=f"为{ind.tier2}设定具体的指标和目标值，例如数量、合格率、完成时限或金额",
        message_en=f"A {ind.tier2} cannot be “不适用” (not applicable); this one says “{ind.value_text or ind.name}”",
        text=ind.value_text or ind.name)
