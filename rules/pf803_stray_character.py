"""PF803 stray-character — 文字末尾多出无意义的字符

## 检查内容
指标名称、目标或说明文字的末尾，在汉字后面多出一个无意义的字符：
- 单独的“0”（“OA线路租用和维保服务0”）——前面是“于、为、达、至、到、是、约、第、共、计”等
  能接数字的字时不算（“不少于0”是一个数）；
- 单独的一个英文字母（“培训费a”），前面是英文或数字时不算（“A级”“OA”）；
- 反引号、脱字符、竖线、反斜杠、下划线等键盘误触留下的符号（“培训人数`”）。
文字中间只看两种夹在两个汉字之间的字符：英文句点（“重.要设备”）和单独一个英文字母（“卫生Z口机关”）；
有固定含义的字母词（B超、X光、A级、T恤、U盘、Q群、K线、e路等）不算。其余的字母和数字多半有意义。

## 为何重要
多出的字符多半是误触，但在金额、数量旁边会被误读成数字的一部分（“服务0”像是“服务 0 项”）。

## 示例
不通过：数量指标名称“OA线路租用和维保服务0”。
通过：“OA线路租用和维保服务”。

## 依据
财预〔2015〕88号：绩效目标应表述清晰、指向明确。

## English
A stray character at the end of the text.
Fix: Delete the stray character.
"""
import functools
import re

from perflint.api import Document, RuleContext, document_text, rule

CJK = "\u4e00-\u9fff"
CJK_FIRST, CJK_LAST = "\u4e00", "\u9fff"
_ENDINGS = frozenset("。，、；：！？）)”’%％」』】")
#: letters that make a word with the character after them (B超, X光, A级…)
_LETTER_WORDS = re.compile(r"[Bb]超|[Xx]光|[Xx]线|[A-Ea-e]级|[Tt]恤|[Uu]盘|[Qq]群|[Kk]线|[Ee]路|[Ww]i|[Cc]位|[Pp]图|[Ii]型|[Vv]型|[Hh]型")
_INSIDE = re.compile(rf"(?<=[{CJK}])(?:\.|(?<![A-Za-z0-9])[A-Za-z](?![A-Za-z0-9]))(?=[{CJK}])")
_STRAY = re.compile(r"(?<=[\u4e00-\u9fff])(?:(?<![于为达至到是约第共计零等])0|(?<![A-Za-z0-9])[A-Za-z]|[`^|\\_~#@$]+)\s*$")


@rule(code="PF803", name="stray-character", category="text", severity="warning", target=Document)
def check(doc: Document, ctx: RuleContext):
    for piece in document_text(ctx):
        if piece.what == "指标值":
            continue    # values end in numbers and units by nature; the value grammar reads them
        found = _stray_in(piece.text)
        if found is None:
            continue
        stray, around = found
        if around is not None:
            yield ctx.finding(at=piece.loc, project=piece.project, text=around,
                              message_en=f"In the {piece.what}, “{around}” holds a stray “{stray}”",
                              message=f"{piece.what}中“{around}”夹着多余的字符“{stray}”",
                              hint=f"删去“{stray}”，或改为原本要写的字", evidence=f"inside:{around}")
        else:
            yield ctx.finding(at=piece.loc, project=piece.project, text=piece.text[-30:],
                              message_en=f"The {piece.what} “{piece.text.strip()[-20:]}” ends in a stray “{stray}”",
                              message=f"{piece.what}“{piece.text.strip()[-20:]}”末尾多出字符“{stray}”",
                              hint=f"删去末尾的“{stray}”", evidence=stray)


@functools.lru_cache(maxsize=1 << 12)
def _stray_in(text: str) -> tuple[str, str | None] | None:
    """The stray character in a piece of text: (it, the text around it) when it sits between two
    characters, (it, None) when it ends the text; None when there is none. Pieces recur from
    table to table (a template's names and goals): each is looked at once."""
    inside = next((m for m in _INSIDE.finditer(text) if not _LETTER_WORDS.match(text, m.start())), None)
    if inside is not None:
        return inside.group(), text[max(0, inside.start() - 4):inside.end() + 4]
    last = text.rstrip()[-1:]
    if not last or CJK_FIRST <= last <= CJK_LAST or last in _ENDINGS:
        return None     # ends in a character or a usual mark: nothing stray to find
    m = _STRAY.search(text)
    return (m.group().strip(), None) if m else None
