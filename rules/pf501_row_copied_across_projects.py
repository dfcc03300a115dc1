"""PF501 row-copied-across-projects — 同一条指标原样出现在多张表中

## 检查内容
同一条指标（二级指标、名称、目标值都相同，目标值为数量或金额）出现在 `min-projects`（默认 3）张
或更多的项目表中（同一文件内或本次检查的所有文件中）。同一文件中照抄同一行的几张表是一个问题，
报告一次（在第一张表处，列出其他几张表，`count` 为张数）；不同文件各报告一次。
总表与它汇总的项目表、同名的分表之间的重复不计；比例类指标（满意度、到位率）常常相同，不在此列。

## 为何重要
数量目标应当是本项目自己的产出或效益。一个全县的目标（城镇新增就业人数 ≥0.42万人）原样写进
每个小项目，说明是照抄模板，无法据此考核任何一个项目。

## 示例
不通过：“综合业务费”（20 万元）、“创业担保贷款贴息”、“社会保险补贴”……都写“经济效益指标 | 城镇新增就业人数 | ≥0.42万人”。
通过：每个项目写本项目带动的就业人数，例如“创业担保贷款带动就业人数 | ≥150人”。

## 依据
财预〔2015〕88号：绩效目标应与项目相关（相关性）；财预〔2021〕101号：指标应反映本项目的产出和效果。
选项：`min-projects`（默认 3）。

## English
The same indicator row is copied across projects.
Fix: Set indicators that fit each project.
"""
from dataclasses import dataclass

from perflint.api import Anchor, Corpus, RuleContext, comparable, exact_groups, row_key, rule, siblings_text


@dataclass(frozen=True)
class Options:
    min_projects: int = 3


def rows(document, ctx: RuleContext):
    """What a file gives the comparison: each quantity row's key, its 一级, and where it is (the
    anchor's fields in the same tuple: a sweep collects hundreds of thousands of rows)."""
    for project in document.projects:
        if not comparable(project):
            continue
        for ind in project.indicators:
            v = ind.value
            if v.kind == "quantity" and v.number is not None and (v.unit or v.cmp_words):
                yield row_key(ind), ind.tier1, *Anchor.of(document, ind, project)


def key_of(item) -> str:
    """The row an item is: rows of different keys never meet (a run may compare them apart)."""
    return item[0]


@rule(code="PF501", name="row-copied-across-projects", category="template", severity="warning",
      target=Corpus, options=Options, collect=rows, partition_by=key_of)
def check(corpus: Corpus, ctx: RuleContext):
    for group in exact_groups(corpus.items, key=key_of):
        # once per project: an item is (key, 一级, *its anchor's fields), and twins (tables of one
        # name in one file: the anchor's file and project) merge
        projects = {(item[2], item[5]): item for item in group}
        if len(projects) < ctx.options.min_projects:
            continue
        members = [(item[0], Anchor._make(item[2:]), item[1]) for item in projects.values()]
        per_file: dict[str, int] = {}
        for _, at, _ in members:
            per_file[at.file] = per_file.get(at.file, 0) + 1
        first_names = [at.project for _, at, _ in members[:4]]
        first_three = tuple(first_names[:3])        # the others, for a table not among the first
        count = len(members) - 1
        named: dict[tuple, tuple[str, str]] = {}    # the others named, as few ways as there are
        said: dict[tuple, tuple[str, str]] = {}     # the messages, made once for the tables they fit
        cause = f"row:{members[0][0]}"              # one finding per file and row
        for key, at, tier1 in members:
            shown = tuple(n for n in first_names if n != at.project)[:3] if at.project in first_names \
                else first_three
            elsewhere = len(members) - per_file[at.file]
            told = at.indicator, at.text, shown, elsewhere
            if told not in said:
                if shown not in named:
                    named[shown] = (siblings_text(list(shown), total=count),
                                    siblings_text(list(shown), total=count, lang="en"))
                others, others_en = named[shown]
                where = f"（其中 {elsewhere} 张在其他文件中）" if elsewhere else ""
                where_en = f" ({elsewhere} of them in other files)" if elsewhere else ""
                said[told] = (f"“{at.indicator} {at.text}”与另外 {count} 张表中的指标完全相同{where}：{others}",
                              f"“{at.indicator} {at.text}” is the same as indicators in {count} other "
                              f"tables{where_en}: {others_en}")
            message, message_en = said[told]
            yield ctx.finding(
                at=at, severity="warning" if tier1 == "效益指标" else "info", message=message,
                hint="改为本项目自己的产出或效益目标，不要照抄其他项目或全局指标", message_en=message_en,
                evidence=key, cause=cause)
