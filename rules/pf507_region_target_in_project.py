"""PF507 region-target-in-project — 把地区总体目标当作项目指标

## 检查内容
产出或效益指标写的是整个地区的年度目标，而不是本项目能带来的结果：指标名称含“全县、全市、全区、
城镇新增就业、辖区”等地区性词语，或者人数以“万人”为单位（“≥0.42万人”），并且同一文件中另有
其他项目的表填了一字不差的同一指标。每张表报告一次，指出同样照抄的其他表；这一行不再按
PF501 重复报告。地区词见 vocabulary.toml 的 [region]。

## 为何重要
全县城镇新增就业人数是政府全年工作的结果，一个培训补贴或贴息项目既不能单独实现，也无法据以
评价。多个项目填同一个地区目标，说明效益指标是照抄的，项目各自的贡献无从衡量。

## 示例
不通过：“创业担保贷款贴息”“社会保险补贴”等 5 张表都写“城镇新增就业人数 ≥0.42万人”。
通过：“创业担保贷款贴息”写“带动就业人数 ≥150人”，“社会保险补贴”写“享受补贴人数 ≥300人”。

## 依据
财预〔2015〕88号：绩效目标应与部门职能和项目内容相关，指向明确；
财预〔2011〕285号 附件：绩效指标应反映项目的产出和效果，与项目直接相关。

## English
A region-wide target is used as a project's indicator.
Fix: Measure what this project itself delivers, not the region's yearly target.
"""
from perflint.api import Document, RuleContext, comparable, row_key, rule, siblings_text, squash, vocabulary

TIERS1 = ("产出指标", "效益指标")


def region_wide(ind) -> bool:
    """The row names the region, or counts people in 万 (a statistic, not a project's output)."""
    if names_region(ind.name):
        return True
    v = ind.value
    return v.kind == "quantity" and v.unit == "人" and v.scale is not None and v.scale >= 10_000


@vocabulary.cached
def names_region(name: str) -> bool:
    """The name speaks of the region (全县, 城镇新增就业…). The same names recur table after table:
    each is looked at once."""
    name = squash(name)
    return any(w in name for w in vocabulary.words("region", "words"))


@rule(code="PF507", name="region-target-in-project", category="template", severity="warning",
      target=Document, supersedes=("PF501",))
def check(doc: Document, ctx: RuleContext):
    groups: dict[str, list] = {}
    for project in doc.projects:
        if not comparable(project):
            continue
        for ind in project.indicators:
            if ind.tier1 in TIERS1 and ind.value.kind == "quantity" and region_wide(ind):
                groups.setdefault(row_key(ind), []).append((project, ind))
    for members in groups.values():
        projects = list(dict.fromkeys(p.name for p, _ in members))
        if len(projects) < 2:
            continue
        for project, ind in members:
            others = [n for n in projects if n != project.name]
            shown = siblings_text(others, total=len(others))
            yield ctx.finding(
                at=ind, project=project, evidence=row_key(ind),
                message=f"“{ind.name} {ind.value_text}”是地区的总体目标，不是本项目能单独带来的结果；"
                        f"{shown}也填了同一指标",
                hint="改写为本项目自身的产出或效果，例如本项目补贴、培训或带动的人数",
                message_en=f"“{ind.name} {ind.value_text}” is the region's target, not a result this project "
                           f"brings about alone; {siblings_text(others, total=len(others), lang='en')} "
                           f"give the same indicator")
