"""PF416 unmeasurable-benefit-value — 效益指标的目标值无法考核

## 检查内容
效益指标（经济效益、社会效益、生态效益、可持续影响）的目标值无法据以考核：只写方向没有程度
（“持续提高”“稳步提升”）、只写期限（“长期”）或日期（“2020年1月—11月”）、只写结论（“效果显著”
“良好”）、只写“是/否”，或者
给一个说不清是什么比例的百分比（“就业形势稳定 ≥100%”——名称不是“……率/比例/满意度”）。
每张表报告一次，列出全部这样的行。满意度指标的目标值由 PF407 检查；产出指标的含糊目标由 PF413
检查。词表见 vocabulary.toml 的 [unmeasurable]，可在 perflint.toml 的 [vocabulary] 中增补；默认为
警告，可在配置 [severity] 中改为 error 或 info（例如 `PF416 = "info"`）。

## 为何重要
效益指标要在年末评价时判断“达到了没有”。“持续提高”在任何结果下都算达到，“是”无法区分做得
好坏，说不清基数的百分比无法计算。这样的指标等于没有设定目标，评价时只能凭印象打分。

## 示例
不通过：社会效益指标“就业服务水平”目标值“持续提高”；可持续影响指标“长效机制”目标值“长期”。
通过：“就业服务窗口群众满意度 ≥90%”；“帮助就业困难人员实现就业 ≥480人”；“项目区森林覆盖率
提高到 35%”。

## 依据
财预〔2011〕285号 附件：绩效指标应“细化、量化”，定性指标应分级分档表述；
财预〔2015〕88号：绩效目标应细化量化、合理可行，可衡量、可考核。

## English
Effect targets that cannot be assessed.
Fix: Give each effect a level that can be checked: a number, a share of something named, or graded wording.
"""
import re

from perflint.api import BENEFIT_TIERS, Project, RuleContext, is_filler_name, rule, squash, vocab, vocabulary

_PUNCT = re.compile(r"[，,。.；;、！!\s“”\"']+")
_DIGIT = re.compile(r"\d|[一二三四五六七八九十百千万]+[个项人次]")
_SHARE_WORD = re.compile(r"率|比例|占比|比重|百分比|覆盖|满意|度|指数|增长|增幅|下降|降低|提高|减少|较少|节约|比")
SHORT = 12


def unmeasurable(name: str, value) -> str | None:
    """Why a benefit row's value cannot be assessed, or None when it can (or is left to other rules)."""
    return _judge(name, value.text, value.kind)


@vocabulary.cached
def _judge(name: str, written: str, kind: str) -> str | None:
    """The same few benefit values (持续提高, 长期, 100%) recur in every table: judged once each."""
    text = _PUNCT.sub("", squash(written))
    if not text or kind in ("empty", "placeholder"):
        return None
    if kind == "boolean" or text in vocabulary.word_set("unmeasurable", "whole"):
        return f"“{written}”"
    if kind in ("qualitative", "text") and len(text) <= SHORT and not _DIGIT.search(text) \
            and not vocab.is_graded(text) and any(w in text for w in vocabulary.words("unmeasurable", "words")):
        return f"“{written}”"
    if kind == "date":
        return f"“{written}”（是日期或期限，不是效果）"
    if kind == "percent" and not _SHARE_WORD.search(squash(name)):
        return f"“{written}”（没有说明是什么的比例）"
    return None


@rule(code="PF416", name="unmeasurable-benefit-value", category="value", severity="warning", target=Project,
      supersedes=("PF402", "PF505"))
def check(project: Project, ctx: RuleContext):
    rows = []
    for ind in project.indicators:
        if ind.tier2 not in BENEFIT_TIERS or is_filler_name(ind.name):
            continue
        why = unmeasurable(ind.name, ind.value)
        if why:
            rows.append((ind, why))
    if not rows:
        return
    shown = "；".join(f"{ind.tier2.removesuffix('指标')}“{ind.name}”写作{why}" for ind, why in rows[:6])
    more = f" 等 {len(rows)} 行" if len(rows) > 6 else ""
    first = rows[0][0]
    yield ctx.finding(
        at=first, about=[ind for ind, _ in rows], evidence="|".join(ind.name for ind, _ in rows),
        text=first.value_text,
        message=f"效益指标的目标值无法考核（{len(rows)} 行）：{shown}{more}",
        hint="为每项效益写出可以核对的程度：具体数量、写明基数的比例（……率）、或分档的定性表述",
        message_en=f"Effect targets that cannot be assessed ({len(rows)} rows): "
                   + "; ".join(f"{ind.tier2.removesuffix('指标')} “{ind.name}” is written as {why}" for ind, why in rows[:6])
                   + (f" ({len(rows)} rows in all)" if len(rows) > 6 else ""))
