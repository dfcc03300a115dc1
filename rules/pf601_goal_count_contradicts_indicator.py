"""PF601 goal-count-contradicts-indicator — 目标文字中的数量与指标值不符

## 检查内容
年度绩效目标（或资金用途）中写到的数量（人、人次、期、个、场……），与本表数量指标或效益指标中同一事项的
目标值不一致。比较时换算单位（“4200人”与“≥0.42万人”一致，不报告）。事项按指标名称的核心词（去掉
“人数”“数量”等）在目标文字中查找；目标对同一事项写了多个数字、其中有一个与指标一致时不报告。
“个”作为通用量词，可与期、场、班次等比较。目标与指标都没有比较符号时为警告，否则为提示。
目标写明事项的个数（“13个专项业务培训”），数量指标逐项列出、每行 1 个（“……培训班 | 1个班次”），
而列出的行数与目标不符时，也报告一次（列出的行至少 3 行，且多数行名含该事项的词）。

## 为何重要
目标文字与指标是同一份承诺；说“举办 4 期培训”，指标却写“培训班数量 1 个”，考核时必然出现争议，
也说明其中一处是照抄或漏改。

## 示例
不通过：目标“举办创业（网络创业）师资培训班4期，共培训120人次”，数量指标“培训班数量 | 1个”。
通过：数量指标“培训班数量 | 4期”。

## 依据
财预〔2015〕88号：绩效指标应与绩效目标相对应（相应匹配）。

## English
The goal text states a count that differs from the indicator value.
Fix: Make the goal text and the indicator state the same number.
"""
import re

from perflint.api import Project, RuleContext, core_noun, mentions, rule, vocab

_COUNT_TIERS = {"数量指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}


def _comparable(goal_unit: str | None, ind_unit: str | None) -> bool:
    if goal_unit is None or ind_unit is None or goal_unit == ind_unit:
        return True
    return "个" in (goal_unit, ind_unit)


@rule(code="PF601", name="goal-count-contradicts-indicator", category="consistency", severity="warning",
      target=Project)
def check(project: Project, ctx: RuleContext):
    said = [m for g in project.goals for m in mentions(g.text)
            if m.value.unit_info is None or m.value.unit_info.is_count]
    if not said:
        return
    yield from _listed(project, ctx)
    goal_text = "".join(vocab.clean(g.text) for g in project.goals)
    for ind in project.indicators:
        v = ind.value
        if ind.tier2 not in _COUNT_TIERS or v.kind != "quantity" or v.number is None or v.number == 0:
            continue
        if v.unit_info is not None and not v.unit_info.is_count:
            continue
        core = core_noun(ind.name)
        if len(core) < 3 or core not in goal_text:
            continue
        related = [m for m in said if core in vocab.clean(m.context)]
        related = [m for m in related if _comparable(m.value.unit, v.unit)]
        if not related or any(m.value.number == v.number for m in related):
            continue
        m = related[0]
        exact = not (v.comparator or m.value.comparator or v.approx or m.value.approx)
        yield ctx.finding(
            at=ind, severity="warning" if exact else "info",
            message_en=f"The goal says “{m.context}{m.value.text}”, but the indicator “{ind.name}” says “{ind.value_text}”",
            message=f"目标写“{m.context}{m.value.text}”，指标“{ind.name}”却是“{ind.value_text}”",
            hint="统一目标文字与指标值，二者应是同一个数", evidence=f"{core}:{m.value.number}!={v.number}")


_ONE_EACH_UNITS = {"个", "班次", "期", "场", "项", "次", "批"}
_NOUN = re.compile(r"^[^，,。；;、（）()\d]{1,10}")


def _listed(project: Project, ctx: RuleContext):
    """A goal's count of items against the 数量 rows that list them one by one."""
    rows = [i for i in project.indicators if i.tier2 == "数量指标" and i.value.kind == "quantity"
            and i.value.number == 1 and i.value.unit in _ONE_EACH_UNITS and not i.value.comparator]
    if len(rows) < 3:
        return
    for g in project.goals:
        for m in mentions(g.text):
            v = m.value
            if v.unit != "个" or v.comparator or v.approx or v.number in (None, len(rows)):
                continue
            noun = _NOUN.match(vocab.clean(g.text[m.end:]))
            head = noun.group()[-2:] if noun else ""
            if len(head) < 2 or sum(head in vocab.clean(r.name) for r in rows) * 2 < len(rows):
                continue
            yield ctx.finding(
                at=g, about=rows, text=g.text,
                message=f"目标写“{v.text}{noun.group()}”，数量指标却逐项列出了 {len(rows)} 项（每行 1 个）",
                hint="核对目标中的个数与逐项列出的数量指标，补上漏列的或删去多列的",
                evidence=f"listed:{head}:{v.number}!={len(rows)}",
                message_en=f"The goal promises “{v.text}{noun.group()}”, but the quantity indicators list "
                           f"{len(rows)} of them one per row (1 each)")
            return
