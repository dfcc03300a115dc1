"""PF606 goal-columns-differ — 两栏绩效目标不一致或一栏被截断

## 检查内容
有“年度总体绩效目标（含本级和市县）”和“年度绩效目标（含本级）”两栏的表格，没有转移市县资金时
两栏应当相同。一栏是另一栏的开头部分（被截断）时报告为截断；内容不同时报告为不一致（提示）。

## 为何重要
没有市县资金时，两栏说的是同一件事；一栏被截断（“乡村公益性岗位安”）说明填报时复制不完整，
不同则说明其中一栏没有更新。

## 示例
不通过：含本级和市县栏“……目标3:确保完成目标任务,乡村公益性岗位安”，含本级栏“……乡村公益性岗位安置75个、”。
通过：两栏内容完整、一致。

## 依据
财预〔2015〕88号：绩效目标应完整、指向明确。

## English
The two goal columns differ, or one is cut short.
Fix: Complete the cut text so that both columns agree.
"""
from perflint.api import Project, RuleContext, rule, squash


@rule(code="PF606", name="goal-columns-differ", category="consistency", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    wide = [g for g in project.goals if "含本级和市县" in g.label]
    local = [g for g in project.goals if g.label.endswith("（含本级）")]
    if not wide or not local or project.amount("转移市县资金"):
        return
    a, b = squash(wide[0].text), squash(local[0].text)
    if a == b:
        return
    short, long = (wide[0], local[0]) if len(a) < len(b) else (local[0], wide[0])
    if squash(long.text).startswith(squash(short.text)):
        cut = squash(short.text)[-8:]
        yield ctx.finding(at=short, text=short.text,
                          message_en=f"“{short.label}” is cut short at “……{cut}”; the other column goes on",
                          message=f"“{short.label}”在“……{cut}”处被截断，另一栏还有下文",
                          hint="补全被截断的目标文字，使两栏一致")
    else:
        yield ctx.finding(at=local[0], severity="info", text=local[0].text,
                          message_en="There is no money transferred to cities and counties, yet the two goal columns differ",
                          message="没有转移市县资金，但两栏绩效目标的内容不同",
                          hint="核对两栏目标，没有市县资金时两栏应一致")
