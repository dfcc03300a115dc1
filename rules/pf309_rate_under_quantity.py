"""PF309 rate-under-quantity — 数量指标填的是比率

## 检查内容
数量指标的目标值是百分比，且指标名称不是人数、次数之类的计数（计数填百分比由 PF408 报告）。

## 为何重要
数量指标衡量产出的多少（人、次、个、场）；比例、覆盖率、到位率衡量质量或时效。用比率充当数量目标，
项目究竟要完成多少工作就无从考核。

## 示例
不通过：数量指标 “符合政策享受创业担保贷款补贴比例 | ≥100%”。
通过：数量指标 “享受创业担保贷款贴息人数 | ≥100人”；比例类指标放到质量指标。

## 依据
财预〔2021〕101号：数量指标反映预期提供的公共产品和服务数量。

## English
A rate is filed under quantity indicators.
Fix: Move the rate under quality or time indicators.
"""
import re

from perflint.api import Indicator, RuleContext, rule, vocab

_DESCRIPTION_NAMES_TIER = re.compile(r"作为\s*(数量|质量|时效|成本)\s*指标")   # PF306 speaks then


@rule(code="PF309", name="rate-under-quantity", category="tier", severity="warning", target=Indicator,
      kinds=["percent"], tiers=["数量指标"])
def check(ind: Indicator, ctx: RuleContext):
    if ind.value.kind != "percent" or vocab.is_count_name(ind.name):
        return
    if _DESCRIPTION_NAMES_TIER.search(ind.description or ""):
        return
    yield ctx.finding(at=ind, message_en=f"Quantity indicator “{ind.name}” has a rate, “{ind.value_text}”, not a quantity",
                      message=f"数量指标“{ind.name}”的目标值是比率“{ind.value_text}”，不是数量",
                      hint="数量指标请填写人数、次数、个数等；比率类指标放到质量指标")
