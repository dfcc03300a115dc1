"""PF415 value-parts-disagree — 拆分填写的指标值前后矛盾

## 检查内容
有的表把指标值拆在几栏里填写：指标性质（≥、≤、=）、指标值、度量单位。perflint 把它们合成一个
值读取（≥ | 95 | % → ≥95%）；当几栏互相矛盾时报出：指标性质写“≤”而指标值写“≥95%”，或指标值
自带的单位与计量单位栏不同（28.8万元 与 “%”，24小时 与 “天”）。

## 为何重要
几栏矛盾时，目标值到底是多少、按什么方向考核都说不清，评价时无法判断是否完成
（财预〔2015〕88号：指向明确、细化量化）。

## 示例
不通过：| 业务工作支出安排金额 | 定量 | 28.8万元 | % |
通过：  | 业务工作支出安排金额 | 定量 | 28.8 | 万元 |

## 依据
财预〔2015〕88号《中央部门预算绩效目标管理办法》：绩效目标应指向明确、细化量化。

## English
The parts of a split 指标值 (comparator, value, unit columns) contradict each other.
Fix: Make the comparator, the value and the unit columns agree.
"""
from perflint.api import Project, RuleContext, rule


@rule(code="PF415", name="value-parts-disagree", category="value", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    for problem in project.problems_with("value-parts-disagree"):
        yield ctx.report(problem, hint="让指标性质、指标值和计量单位三栏一致")
