"""PF502 indicator-set-copied — 两张表的整套指标几乎相同

## 检查内容
把每张表的指标（二级指标、名称、目标值，数字替换为占位符）看作一个集合，与其他表相比，
相同部分占 `threshold`（默认 80%）以上的，视为整套照抄。同一文件中雷同的几张表是同一个问题，报告
一次（在第一张表处，列出全部雷同的表）；在其他文件中的雷同表，各文件分别报告。
指标少于 5 条的表、总表、同名的分表不参与比较。比较用 MinHash 局部敏感哈希找候选、再精确计算
相似度，不会两两比较全部表格。不同预算年度的文件之间的雷同（沿用往年指标）降为提示。

## 为何重要
不同项目的产出和效益各不相同。整套指标相同（只改了几个数字）说明是套用模板，绩效目标没有反映
项目本身。

## 示例
不通过：“冀财金【2020】54号普惠金融专项资金”与“创业贷款贴息资金”的八条指标名称、描述和目标值完全相同。
通过：各项目按自身内容设置指标。

## 依据
财预〔2015〕88号：绩效目标应与项目相关、细化量化。选项：`threshold`（0–1，默认 0.8）。

## English
Two tables have almost the same indicator set.
Fix: Write each project's own indicators.
"""
import unicodedata
from collections import Counter
from dataclasses import dataclass

from perflint.api import (
    Anchor,
    Corpus,
    RuleContext,
    comparable,
    feature_hashes,
    near_duplicate_groups,
    row_key,
    rule,
    siblings_text,
)

MIN_ROWS = 5


@dataclass(frozen=True)
class Options:
    threshold: float = 0.8


def indicator_sets(document, ctx: RuleContext):
    """What a file gives the comparison: per table of enough rows, where it is, its file's budget
    year, and its rows (numbers masked) as 64-bit hashes — a few hundred bytes, not the table."""
    for project in document.projects:
        if comparable(project) and len(project.indicators) >= MIN_ROWS:
            rows = feature_hashes(row_key(i, mask_numbers=True) for i in project.indicators)
            yield Anchor.of(document, project), document.budget_year, rows


@rule(code="PF502", name="indicator-set-copied", category="template", severity="warning",
      target=Corpus, options=Options, collect=indicator_sets)
def check(corpus: Corpus, ctx: RuleContext):
    clusters = near_duplicate_groups(corpus.items, lambda item: item[2], ctx.options.threshold,
                                     min_features=MIN_ROWS)
    for cluster in clusters:
        names = list(dict.fromkeys(at.project for at, _, _ in cluster.members))
        if len(names) < 2:
            continue    # one project split into several tables
        tables_in_year = Counter(year for _, year, _ in cluster.members)
        # the tables of one file that share a set are one problem: one finding naming them all
        ordered = sorted(names)
        folded = {n: unicodedata.normalize("NFKC", n) for n in ordered[:21]}
        cause = "set:" + "|".join(ordered)
        all_named = siblings_text(names)
        all_named_en = siblings_text(names, lang="en")
        for (at, year, _), similarity in zip(cluster.members, cluster.similarity, strict=True):
            others = [n for n in names[:4] if n != at.project][:3]     # enough to name a few
            count = len(names) - 1
            # a copy from another year's file is a hint, unless the set is copied within the year too
            same_year = len(tables_in_year) == 1 or tables_in_year[year] > 1
            yield ctx.finding(
                at=at, severity="warning" if same_year else "info",
                message=f"整套指标与{siblings_text(others, total=count)}几乎相同"
                        f"（相似度 {similarity:.0%}）",
                hint="按本项目的实际内容设置产出、效益指标，不要整套套用其他项目",
                message_en=f"The whole set of indicators is almost the same as "
                           f"{siblings_text(others, total=count, lang='en')} (similarity {similarity:.0%})",
                # the names are unique, so the first 21 hold the 20 others; folded once per name
                # here (NFKC, as the fingerprint does), not once per table there
                evidence="|".join([folded[n] for n in ordered[:21] if n != at.project][:20]),
                cause=cause, many="这 {count} 张表的整套指标几乎相同：" + all_named,
                many_en="{count} tables share almost the same set of indicators: " + all_named_en)
