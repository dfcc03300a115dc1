r"""PF801 leaked-markup — 文字中混入网页标记或 Word 域代码

## 检查内容
文字中出现了从系统或 Word 导出时残留的代码：网页标记（`<p>`、`</p>`、`<br/>`、`&nbsp;`）或 Word 域代码
（`TC 总体绩效目标 \f A \l 1`、`PAGEREF _Toc… \h`、`MERGEFORMAT`）。同一文件中同一类代码只报告一次，
列出出现的次数和行号。只认完整的标记：`<` 后紧跟字母并以 `>` 结束，`≤5%`、`<5%` 这类比较不算。

## 为何重要
这些代码不是文字内容，留在公开的文件里说明导出或排版出了问题，也会干扰阅读和检索。

## 示例
不通过：年度总体绩效目标“<p>由以前年度预算批复安排延续项目合并而成……”；
标题“一、总体绩效目标 TC 总体绩效目标 \f A \l 1”。
通过：删除残留的代码，只保留文字。

## 依据
财预〔2015〕88号：绩效目标应表述清晰、指向明确。

## English
Markup or Word field codes leaked into the text.
Fix: Delete the leftover code and keep the words.
"""
import re

from perflint.api import Document, RuleContext, document_joined, pieces_matching, rule

# (kind, characters one of which the text must hold — a cheap test first, pattern)
KINDS = {
    "网页标记": ("<&", re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}(?:\s[^<>\n]{0,80})?/?>|&(?:nbsp|lt|gt|amp|quot);")),
    "Word 域代码": ("\\M", re.compile(r"\b(?:TC|TOC|PAGEREF|HYPERLINK|SEQ|REF|MERGEFIELD)\b[^\n\\]{0,120}(?:\\[a-z*](?:\s+[A-Za-z0-9]{1,3}\b)?\s*)+"
                          r"|\\\*\s*MERGEFORMAT|\bMERGEFORMAT\b")),
}
#: each kind's marks as one pattern: the pieces holding any are found in one look over the document
_ANY_MARK = {kind: re.compile("[" + re.escape(marks) + "]") for kind, (marks, _) in KINDS.items()}
_KIND_EN = {"网页标记": "Web markup", "Word 域代码": "A Word field code"}


@rule(code="PF801", name="leaked-markup", category="text", severity="warning", target=Document)
def check(doc: Document, ctx: RuleContext):
    joined = document_joined(ctx)
    for kind, (marks, pattern) in KINDS.items():
        if not any(c in joined for c in marks):     # most files hold none of the marks at all
            continue
        hits = [(piece, m.group()) for piece, _ in pieces_matching(ctx, _ANY_MARK[kind])
                if (m := pattern.search(piece.text))]
        if not hits:
            continue
        piece, code = hits[0]
        places = list(dict.fromkeys(ctx.place(p.loc) for p, _ in sorted(hits, key=lambda h: h[0].loc.line)))
        where = "、".join(places[:5]) + ("等" if len(places) > 5 else "")
        places_en = list(dict.fromkeys(ctx.place(p.loc, "en") for p, _ in sorted(hits, key=lambda h: h[0].loc.line)))
        where_en = ", ".join(places_en[:5]) + (", …" if len(places_en) > 5 else "")
        yield ctx.finding(at=piece.loc, project=piece.project, text=piece.text[:60],
                          message_en=f"{_KIND_EN.get(kind, kind)} “{code.strip()}” leaked into the {piece.what}; {len(hits)} in this file ({where_en})",
                          message=f"{piece.what}中混入了{kind}“{code.strip()}”，本文件共 {len(hits)} 处（{where}）",
                          hint=f"删除残留的{kind}，只保留文字", evidence=f"{kind}:{len(hits)}")
