"""PF707 truncated-text — 文字被截断

## 检查内容
- 目标、正文段落以逗号、顿号、冒号结尾（“……共培训 240 人次，”）；
- 一段文字前面的句子都以句号结束，最后却只剩一两个字（“……二是开展就业技能培训。做”）；
- 同一张表中一个较长的指标名称（20 字以上，常是导出时被栏宽截断）正好是另一个名称去掉最后一两个字，
  多出的又不是“费、用、款”之类的后缀（“……管理信息系统及宁夏社会” 与 “……管理信息系统及宁夏社会卡”，提示级别）。
被截断的单位名称由 PF709 报告。

## 为何重要
被截断的文字意思不完整，往往是从别处复制时漏了一截，审核人看不出原本要表达什么。

## 示例
不通过：“计划举办师资班 8 期，……共培训 240 人次，”（到此为止）。
通过：补全句子。

## 依据
财预〔2015〕88号：绩效目标应指向明确、表述完整。

## English
Text is cut short.
Fix: Complete the truncated text.
"""
import re

from perflint.api import Document, RuleContext, rule, squash

_COST_SUFFIX = re.compile(r"^(?:费用|经费|费|用|预算|资金|成本|支出|金额|尾款|款)")
_CJK = re.compile(r"^[\u4e00-\u9fff]{1,2}$")
MIN_CUT_NAME = 20
_TAIL = re.compile(r"。([^。！？]{1,2})$")



@rule(code="PF707", name="truncated-text", category="structure", severity="warning", target=Document)
def check(doc: Document, ctx: RuleContext):
    texts = [(p.text, p.loc, None, "这段文字") for p in doc.paragraphs]
    texts += [(g.text, g.loc, project, g.label) for project in doc.projects for g in project.goals]
    for text, loc, project, what in texts:
        t = text.strip()
        if len(t) < 12:
            continue
        if t[-1] in "，,、：:（(":
            yield ctx.finding(at=loc, project=project, text=t[-30:],
                              message_en=f"The {what} ends in “{t[-1]}”: what follows is missing",
                              message=f"{what}以“{t[-1]}”结尾，后面的内容缺失", hint="补全被截断的句子")
        elif (tail := _TAIL.search(t)) and not tail.group(1).isdigit():
            yield ctx.finding(at=loc, project=project, text=t[-30:],
                              message_en=f"The {what} ends in a stray “{tail.group(1)}”: the sentence is cut short",
                              message=f"{what}末尾只剩“{tail.group(1)}”，句子被截断",
                              hint="补全被截断的句子，或删去残留的字")
    for project in doc.projects:
        names = sorted({squash(i.name): i for i in project.indicators if len(squash(i.name)) >= 8}.items())
        for (short, ind), (long, _) in zip(names, names[1:], strict=False):
            extra = long[len(short):]
            if (len(short) >= MIN_CUT_NAME and long.startswith(short) and _CJK.match(extra)
                    and not _COST_SUFFIX.match(extra)):
                yield ctx.finding(at=ind, project=project, severity="info",
                                  message_en=f"The indicator name “{ind.name}” seems cut short: another is named “{long}”",
                                  message=f"指标名称“{ind.name}”似乎被截断：另一指标名为“{long}”",
                                  hint="补全名称，使同一事项的写法一致", text=ind.name)
