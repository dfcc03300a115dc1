"""PF405 trivial-target — 目标值“≥0”，任何结果都能达成

## 检查内容
目标值写作“≥0”“≥0%”“不低于0”之类，不管做不做都能达成。（“≤0”表示“为零”，不在此列。）

## 为何重要
形同虚设的目标无法考核绩效；财预〔2020〕10号要求对明显偏低的目标扣分。

## 示例
不通过：数量指标 “培训人次 | ≥0”。
通过：数量指标 “培训人次 | ≥200人次”。

## 依据
财预〔2020〕10号：绩效目标设置明显偏低的予以扣分；财预〔2015〕88号（合理可行）。

## English
A trivial target (≥0).
Fix: Set a target that can actually be missed.
"""
from perflint.api import Indicator, RuleContext, rule


@rule(code="PF405", name="trivial-target", category="value", severity="warning", target=Indicator,
      kinds=["quantity", "percent"])
def check(ind: Indicator, ctx: RuleContext):
    for v in ind.value.leaves():
        if v.comparator == ">=" and v.number == 0 and v.kind in ("quantity", "percent"):
            yield ctx.finding(at=ind, message_en=f"“{ind.name}” has the target “{v.text}”, which any result meets",
                              message=f"“{ind.name}”的目标值“{v.text}”任何结果都能达成",
                              hint="设定能体现工作量或质量要求的具体目标")
            return
