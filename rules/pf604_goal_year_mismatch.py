"""PF604 goal-year-mismatch — 目标文字中的年份与预算年度不符

## 检查内容
绩效目标或资金用途写的年份不是表格的预算年度，且说的是计划或金额，而不是往年的情况：
- 年份晚于预算年度（2022 年度的表中写“2023年培训人数80人……共计28.7万元”）；
- 年份早于预算年度，而后面紧跟“计划、拟、预计、将、需”等（“2021年计划培训区直400人”）。
文号（〔2021〕）、书名号中的文件名、起止年份（2000至2021年、2018-2021年）和“上年结转”一类的往年事实不报告。

## 为何重要
年度目标说的是预算年度要做的事。写成别的年份，多半是照抄往年的表格没有更新，目标和金额也就未必可信。

## 示例
不通过：2022 年度表中，“2023年培训人数80人，培训10天，……当年共计28.7万元。”
通过：“2022年培训人数80人……”

## 依据
财预〔2015〕88号：绩效目标是预算年度内预期达到的产出和效果。

## English
The goal text speaks of another year than the budget year.
Fix: Write the plan for the budget year, or check the table's year.
"""
import functools
import re

from perflint.api import Project, RuleContext, rule

_YEAR = re.compile(r"(?<![\d〔【\[(（\-—~至到])((?:19|20)\d{2})\s*年(?!\s*(?:至|到|-|—|~))")
_PLAN = re.compile(r"^\s*(?:度)?\s*(?:计划|拟|预计|将|需要|需|要)")
_HIDDEN = re.compile(r"《[^》]*》|〔[^〕]*〕|【[^】]*】|\[[^\]]*\]|[（(](?:19|20)\d{2}[）)]|(?:19|20)\d{2}\s*[-—~至到]\s*(?:19|20)\d{2}")


@rule(code="PF604", name="goal-year-mismatch", category="consistency", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    year = ctx.budget_year
    if year is None:
        return
    for goal in project.goals:
        for written, said, after, start in _years_in(goal.text):
            if written == year:
                continue
            if written > year or _PLAN.match(after):
                sentence = re.findall(r"[^。；;\n]*$", goal.text[:start])[0] + goal.text[start:].split("。")[0]
                yield ctx.finding(
                    at=goal, text=sentence.strip(),
                    message_en=f"In a table for {year}, the goal says “{said}{after.strip()[:4]}……”",
                    message=f"{year} 年度的表中，目标写的是“{said}{after.strip()[:4]}……”",
                    hint=f"改为 {year} 年的计划，或核对表格的预算年度", evidence=f"{written}:{after[:4]}")
                return


@functools.lru_cache(maxsize=4096)
def _years_in(text: str) -> tuple[tuple[int, str, str, int], ...]:
    """The years a goal names outside titles, document numbers and ranges: each as (the year,
    how it is written, the six characters after it, where it starts). Goals copied from a
    template recur from table to table: each is read once."""
    hidden = _HIDDEN.sub(lambda m: "·" * len(m.group()), text)
    return tuple((int(m.group(1)), m.group(0), hidden[m.end():m.end() + 6], m.start()) for m in _YEAR.finditer(hidden))
