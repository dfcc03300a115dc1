"""PF308 tier2-under-wrong-tier1 — 二级指标放在了错误的一级指标下

## 检查内容
表中写明的一级指标与二级指标不相配，例如“效益指标—数量指标”“产出指标—社会效益指标”。
按所选指标体系（`profile`：local 或 mof-2021）判断：
- local（默认）：成本指标是产出指标下的二级指标；写作一级“成本指标”下的经济/社会/生态环境成本指标也认；
- 服务对象满意度指标放在效益指标下不报告：这是 2018 年以前全国模板的样式；
- mof-2021：经济、社会、生态环境成本指标必须放在一级“成本指标”下；仍按旧样式把“成本指标”放在产出指标下的，
  以提示报告一次（按财预〔2021〕101号，成本指标应单列为一级指标）。

## 为何重要
一级指标决定评价权重（产出 50 分、效益 30 分、满意度 10 分），二级指标放错一级会使评价口径错乱。

## 示例
不通过：效益指标 → 数量指标 “培训人数 | 100人”。
通过：产出指标 → 数量指标 “培训人数 | 100人”。

## 依据
财预〔2020〕10号评分权重；财预〔2021〕101号指标体系。

## English
A second-level tier sits under the wrong first-level tier.
Fix: Move the group under its proper first-level tier.
"""
from perflint.api import Indicator, RuleContext, rule, taxonomy


@rule(code="PF308", name="tier2-under-wrong-tier1", category="tier", severity="warning", target=Indicator)
def check(ind: Indicator, ctx: RuleContext):
    written = taxonomy.tier1_of(ind.tier1_label)
    if ctx.profile == "mof-2021" and ind.tier2 == "成本指标" and written == taxonomy.PRODUCT:
        if ctx.project and ind is next(i for i in ctx.project.indicators if i.tier2 == "成本指标"):
            yield ctx.finding(at=ind, severity="info", text=f"{ind.tier1_label} / {ind.tier2_label}",
                              message="成本指标放在产出指标下；按财预〔2021〕101号，成本指标应单列为一级指标",
                              message_en="Cost indicators sit under output indicators; under 财预〔2021〕101号 "
                                         "cost indicators are a first-level tier of their own",
                              hint="把成本指标改为一级指标，下设经济成本、社会成本、生态环境成本指标",
                              evidence="mof-2021:成本指标")
        return
    expected = taxonomy.parent_of(ind.tier2, ctx.profile)
    if not written or not expected or written == expected or ind.tier2_inferred:
        return
    if ind.tier2 == "服务对象满意度指标" and written == taxonomy.BENEFIT:
        return   # the national template before 2018 filed satisfaction under 效益指标: not a misfiling
    if ctx.project and ind is not next(i for i in ctx.project.indicators
                                       if i.tier1_label == ind.tier1_label and i.tier2 == ind.tier2):
        return   # once per 一级/二级 pair
    yield ctx.finding(at=ind, message_en=f"The {ind.tier2} belongs under {expected}, not under {written}",
                      message=f"{ind.tier2}应属于{expected}，这里放在了{written}下",
                      hint=f"把这组指标移到{expected}下", text=f"{ind.tier1_label} / {ind.tier2_label}",
                      evidence=f"{written}/{ind.tier2}")
