"""PF802 duplicated-text — 字、词或句子重复

## 检查内容
同一处文字中，相邻的字、词、短语或整句被重复写了一遍：
- 词或短语紧挨着重复（“离校离校”“培训培训”“支付到位率支付到位率”，2–12 个汉字）；
- 一个字重复，而去掉重复后的写法在本文件的其他地方出现过（“促进经经济发展”：文件中别处写有
  “促进经济”）。“人人”“常常”“层层”等正常的叠字，以及“立案案件”“工作作风”这种两个词共用一个字的
  写法不报告；
- 同一段文字中，12 个字以上的分句出现两次（“有利于个人和小微企业资金周转，……。有利于个人和小微企业资金周转，……”）。
每处文字最多报告一次。以“一”开头的叠用（“一个一个”“一步一步”）不报告。

## 为何重要
重复的字词多半是复制粘贴或输入时的失误，公开的文件里出现会降低可信度，重复的整句还可能掩盖漏写的内容。

## 示例
不通过：“提高创业培训培训能力”“促进经经济发展”“指标2: 创业补贴……支付到位率支付到位率”。
通过：“提高创业培训能力”。

## 依据
财预〔2015〕88号：绩效目标应表述清晰、指向明确。

## English
Characters, words or sentences are written twice.
Fix: Delete the repetition.
"""
import functools
import re
from collections import Counter

from perflint.api import Document, RuleContext, document_joined, document_text, rule, squash

_REPEATED_RUN = re.compile(r"([\u4e00-\u9fff]{2,12})\1")
_DOUBLED_CHAR = re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])\2([\u4e00-\u9fff])")
_CLAUSES = re.compile(r"[，,。；;！!？?\n]+")
_NUMBERING = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[.、．]|^(?:目标|指标)\d{1,2}[:：]")
MIN_CLAUSE = 12
#: Characters that are doubled in ordinary writing (人人, 常常, 层层落实, 时时刻刻…).
REDUPLICATED = frozenset("人常天年渐刚仅往多层个处事时家户大明纷稍默久谢星看试步节项件村月日条笔级严实好高"
                         "轻慢快早晚一两三欢喜平安滚源洋匆丝形种样区各方面点滴刻分秒统边亲代世生息亮清楚干净"
                         "团块片座间声句字头")


@rule(code="PF802", name="duplicated-text", category="text", severity="warning", target=Document)
def check(doc: Document, ctx: RuleContext):
    seen: set[tuple[int, str]] = set()
    whole = functools.partial(document_joined, ctx, flat=True)     # (read only when a doubling asks)
    for piece in document_text(ctx):
        found = _duplicate(piece, whole)
        if found is None or (piece.loc.line, found[0]) in seen:
            continue
        seen.add((piece.loc.line, found[0]))
        repeated, how = found
        yield ctx.finding(at=piece.loc, project=piece.project, text=piece.text[:80],
                          message_en=f"In the {piece.what}, “{repeated}” is written twice",
                          message=f"{piece.what}中{how}“{repeated}”重复了一遍",
                          hint=f"删去重复的“{repeated}”", evidence=repeated)


def _duplicate(piece, whole) -> tuple[str, str] | None:
    """What the piece writes twice, and how it is called (词语, 字, 句子); ``whole()`` is the
    document's text, where a doubled character's plain spelling is looked for."""
    run, doubled, clause = _repeats_in(piece.text, piece.flat)
    if run is not None:
        return run
    for char, plain in doubled:
        # 立案案件 and 工作作风 are two words sharing a character. A doubling is a slip only when
        # the text without it is written elsewhere in the same document (促进经经济 → 促进经济).
        if plain in whole():
            return char, "字"
    return clause


@functools.lru_cache(maxsize=1 << 12)
def _repeats_in(text: str, flat: str) -> tuple[tuple[str, str] | None, tuple[tuple[str, str], ...],
                                              tuple[str, str] | None]:
    """What in a piece of text may be written twice: its first repeated run, its doubled
    characters (each with the text around it undoubled), its first clause written twice. Pieces
    recur from table to table (a template's names, descriptions and goals): each is read once."""
    run = next(((r, "词语" if len(r) <= 4 else "短语") for r in (m.group(1) for m in _REPEATED_RUN.finditer(flat))
                if len(set(r)) > 1 and not r.startswith("一")), None)
    doubled = tuple((char, before + char + after) for before, char, after in
                    (m.groups() for m in _DOUBLED_CHAR.finditer(flat)) if char not in REDUPLICATED)
    if len(flat) < 2 * MIN_CLAUSE:
        return run, doubled, None
    clauses = [c for c in (_NUMBERING.sub("", squash(c)) for c in _CLAUSES.split(text)) if len(c) >= MIN_CLAUSE]
    counts = Counter(clauses)
    clause = next(((c, "句子") for c in clauses if counts[c] > 1), None)
    return run, doubled, clause
