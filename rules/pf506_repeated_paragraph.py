"""PF506 repeated-paragraph — 整段文字重复出现

## 检查内容
同一文件中，20 个字以上的整段文字（正文段落，或不同项目表中的绩效目标、资金用途）一字不差地再次出现。
比较时忽略段首编号（“1.”“（一）”）和空白；同一张表内“含本级和市县”与“含本级”两栏目标相同是正常的，不计。
报告在后出现的一处，指出首次出现的行；连续多段整块复制的正文只报告一次，给出起止行和段数。

## 为何重要
大段重复是复制粘贴的痕迹：正文重复会让文件冗长、重点不清；不同项目的目标文字相同，说明目标没有
针对项目本身来写。

## 示例
不通过：“三、工作保障措施”下的 15 段与前文“一、总体绩效目标”的段落逐字相同。
通过：删去重复段落，或改写为针对保障措施的内容。

## 依据
财预〔2015〕88号：绩效目标应指向明确、与项目相关。

## English
A whole paragraph is repeated.
Fix: Remove the repetition or write each part's own text.
"""
import re

from perflint.api import Document, RuleContext, rule, squash

MIN_CHARS = 20
_NUMBERING = re.compile(r"^(?:\d+[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．])")


def normalised(text: str) -> str:
    return _NUMBERING.sub("", squash(text))


@rule(code="PF506", name="repeated-paragraph", category="template", severity="info", target=Document)
def check(doc: Document, ctx: RuleContext):
    first: dict[str, tuple] = {}
    pieces = [(p.text, p.loc, None, "段落") for p in doc.paragraphs]
    pieces += [(g.text, g.loc, project, g.label) for project in doc.projects for g in project.goals]
    block = None        # a run of body paragraphs each copying the one after the previous copy's source
    previous = None     # (index of the last copied paragraph, index of its source)
    order = {id(p.loc): i for i, p in enumerate(doc.paragraphs)}
    for text, loc, project, label in pieces:
        key = normalised(text)
        if len(key) < MIN_CHARS:
            continue
        seen = first.setdefault(key, (loc, project, label))
        if seen[0] is loc or (project is not None and seen[1] is project):
            continue
        cause = None
        if project is None and seen[1] is None:
            here, source = order[id(loc)], order[id(seen[0])]
            if previous is None or previous[0] + 1 != here or previous[1] >= source:
                block = f"copy-at-{loc.line}"
            previous, cause = (here, source), block
        where = f"“{seen[1].name}”的{seen[2]}" if seen[1] is not None else "段落"
        where_en = f"the {seen[2]} of “{seen[1].name}”" if seen[1] is not None else "the paragraph"
        yield ctx.finding(at=loc, project=project, message_en=f"This {label} is word for word {where_en} at {ctx.place(seen[0], 'en')}",
                          message=f"这段{label}与{ctx.place(seen[0])}{where}完全相同",
                          hint="删去重复的段落，或针对本处内容改写", text=text, evidence=key[:200],
                          cause=cause, many="连续 {count} 段文字与前文的段落逐字相同，是整块复制",
                          many_en="{count} consecutive paragraphs repeat earlier paragraphs word for word")
