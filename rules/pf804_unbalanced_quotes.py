"""PF804 unbalanced-quotes — 引号、书名号或括号不成对

## 检查内容
表格中的一段文字（标题、表头、目标、指标名称、指标值、描述）里，引号“”、书名号《》或括号（）不成对，
或方向颠倒（“”三支一扶“”写成 ”三支一扶“）。全角与半角括号视为同一种（“(五）”不报告）。
每张表报告一次，说明共有几处。正文段落按排版折行，一句话可能跨行，不检查。

## 为何重要
引号颠倒或缺半边，多半是从别处复制后手工修改留下的；同一张表里往往成片出现，也说明这张表是照抄的。

## 示例
不通过：成本指标“” 三支一扶“安家费（区本级）”（引号方向颠倒）。
通过：““三支一扶”安家费（区本级）”。

## 依据
财预〔2015〕88号：绩效目标应表述清晰、指向明确。

## English
Quotation marks, title marks or brackets are not paired.
Fix: Pair the marks correctly.
"""
import functools

from perflint.api import Document, RuleContext, document_text, rule

PAIRS = (("“", "”", "引号"), ("《", "》", "书名号"), ("（(", "）)", "括号"))
MARKS = frozenset("“”《》（()）")


@functools.lru_cache(maxsize=1 << 14)     # tables copied from one template repeat their texts
def defect(text: str) -> str | None:
    """What is wrong with the pairing in ``text``, or None."""
    if MARKS.isdisjoint(text):
        return None
    for opening, closing, name in PAIRS:
        depth = 0
        for ch in text:
            if ch in opening:
                depth += 1
            elif ch in closing:
                depth -= 1
                if depth < 0:
                    return f"{name}方向颠倒或缺少前半个" if name == "引号" else f"{name}缺少前半个"
        if depth > 0:
            return f"{name}缺少后半个"
    return None


@rule(code="PF804", name="unbalanced-quotes", category="text", severity="info", target=Document)
def check(doc: Document, ctx: RuleContext):
    by_project: dict[int, list] = {}
    for piece in document_text(ctx):
        if piece.project is None:
            continue
        what = defect(piece.text)
        if what:
            by_project.setdefault(id(piece.project), []).append((piece, what))
    for hits in by_project.values():
        piece, what = hits[0]
        more = f"，本表共 {len(hits)} 处" if len(hits) > 1 else ""
        more_en = f"; {len(hits)} in this table" if len(hits) > 1 else ""
        yield ctx.finding(at=piece.loc, project=piece.project, text=piece.text[:60],
                          message_en=f"The {piece.what} “{piece.text.strip()[:30]}” has unpaired quotation marks, title marks or brackets{more_en}",
                          message=f"{piece.what}“{piece.text.strip()[:30]}”中{what}{more}",
                          hint="检查并补齐成对的引号、书名号和括号", evidence=f"{what}:{len(hits)}")
