"""PF708 period-side-empty — 长期（实施期）指标栏整栏空白

## 检查内容
表中既有长期（中期、实施期）指标栏，也有年度指标栏，但长期一侧的二级/三级指标和指标值一项
也没有填写。

## 为何重要
多年期项目的绩效目标要同时说明整个实施期要达到什么、当年达到什么；表中留出了长期指标栏却
整栏空白，审核时无法判断年度目标与整体目标是否衔接（财预〔2015〕88号：相应匹配）。

## 示例
不通过：| 产出指标 | 数量指标 |（空）|（空）| 数量指标 | 重点建设工程安排数量 | 2 |
通过：  | 产出指标 | 数量指标 | 建成学校数 | 5所 | 数量指标 | 当年建成学校数 | 2所 |

## 依据
财预〔2015〕88号《中央部门预算绩效目标管理办法》：绩效目标应与项目实施期相应匹配。

## English
The long-term (implementation period) indicator columns are entirely empty.
Fix: Fill in the long-term indicators, or use the one-year form.
"""
from perflint.api import Project, RuleContext, rule


@rule(code="PF708", name="period-side-empty", category="structure", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    for problem in project.problems_with("period-side-empty"):
        yield ctx.report(problem, hint="填写长期（实施期）指标，或改用一年期项目的表式")
