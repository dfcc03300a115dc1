"""PF508 template-placeholder-left — 模板中的占位符没有替换

## 检查内容
指标名称、目标值、绩效目标或表头中留着模板的占位符：“≥**%”“（≥**万元）”“○○”“□□”“（ ）%”
“请填写……”。每个位置报告一次，指出占位符。“××”“XX”不算：公开的表常用它们隐去地名、人名。

## 为何重要
占位符说明这一处是照模板填的，没有按项目实际改写；留着“≥**%”的指标名称，其目标值到底对应什么
口径也就说不清。

## 示例
不通过：质量指标“苗木成活率(≥**%) | 85”。
通过：质量指标“苗木成活率 | ≥85%”。

## 依据
财预〔2015〕88号：绩效目标应指向明确、细化量化，与项目实际相符。

## English
A template placeholder is left in the text.
Fix: Replace the placeholder by the project's own value or words.
"""
import functools
import re

from perflint.api import Document, RuleContext, document_joined, document_text, rule

# ××/XX are left out: published copies use them to hide a place or a name, not only as blanks
_PLACEHOLDER = re.compile(r"\*{2,}|＊{2,}|○{2,}|□{2,}|△{2,}|[（(]\s*[)）](?=[%％]|万元|元|人|个)|请填写|填写说明")


_TRIGGERS = frozenset("*＊○□△请填")
_MARKS = ("**", "＊＊", "○○", "□□", "△△", "请填写", "填写说明", "（）", "()", "（ ）", "( )")
_EMPTY_BRACKETS = ("（）", "()", "（ ）", "( )")


@rule(code="PF508", name="template-placeholder-left", category="template", severity="warning", target=Document)
def check(doc: Document, ctx: RuleContext):
    pieces = document_text(ctx)
    joined = document_joined(ctx)
    if not any(mark in joined for mark in _MARKS):
        return                  # one look over the whole text: most documents have none
    for piece in pieces:
        found = _placeholder_in(piece.text)
        if found is not None:
            mark, around = found
            yield ctx.finding(at=piece.loc, project=piece.project, text=piece.text,
                              message_en=f"A template placeholder “{mark}” is left in the {piece.what} (……{around}……)",
                              message=f"{piece.what}中留着模板占位符“{mark}”（……{around}……）",
                              hint="把占位符换成本项目的实际数值或文字", evidence=f"{piece.what}:{around}")


@functools.lru_cache(maxsize=1 << 12)
def _placeholder_in(text: str) -> tuple[str, str] | None:
    """The placeholder left in a piece of text and the text around it; None when there is none.
    Pieces recur from table to table (a template's names and goals): each is looked at once."""
    if _TRIGGERS.isdisjoint(text) and not any(b in text for b in _EMPTY_BRACKETS):
        return None             # most text holds none of the characters a placeholder is made of
    m = _PLACEHOLDER.search(text)
    return (m.group(), text[max(0, m.start() - 6):m.end() + 6].strip()) if m else None
