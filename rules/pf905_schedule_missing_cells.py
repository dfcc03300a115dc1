"""PF905 schedule-missing-cells — 资金支出计划的数字比栏目少

## 检查内容
资金支出计划有几栏（3月底、6月底、10月底、12月底），就应有几格；读到的数字少于栏目数时报告，
并说明缺的是哪一期（按位置对应；位置无法确定时只说明缺几个）。

## 为何重要
少一格，剩下的数字与季度的对应关系就不确定了，可能把 6 月的进度当成 3 月的。

## 示例
不通过：四个栏目只填了“50%  100%”两个数，且看不出对应哪两期。
通过：每一栏都有一格，未支出的期写 0% 或留空格。

## 依据
财预〔2020〕10号：预算执行率占 10 分；各地按季度累计进度考核，每季度都要有计划数（本地做法）。

## English
The spending plan has fewer values than columns.
Fix: Give a cumulative share for every column (0% if nothing is spent).
"""
from perflint.api import Project, RuleContext, plan_cells, rule


@rule(code="PF905", name="schedule-missing-cells", category="schedule", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    cells = plan_cells(project)
    missing = [c for c in cells if c.value is None]
    if not missing:
        return
    which = "、".join(c.column for c in missing)
    yield ctx.finding(at=project.schedule.loc,
                      message_en=f"The spending plan has {len(cells)} columns but only {len(cells) - len(missing)} values; {which} missing",
                      message=f"资金支出计划有 {len(cells)} 栏，只读到 {len(cells) - len(missing)} 个数，缺{which}",
                      hint="每个季度都填写累计比例（未支出填 0%）", evidence=which)
