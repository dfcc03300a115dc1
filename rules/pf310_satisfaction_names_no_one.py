"""PF310 satisfaction-names-no-one — 满意度指标没有说明是谁的满意度

## 检查内容
服务对象满意度指标下的三级指标，名称既不含“满意”（满意度、满意率），也没有指明一个群体
（学员、群众、考生、用人单位……），如“运行良好”“网络环境安全”“系统运行符合设计要求”。

## 为何重要
满意度指标衡量服务对象的满意程度，要能通过问卷调查核实：必须说明调查谁、问什么。
写成运行状况或工作要求，就不是满意度，评价时也无从调查。

## 示例
不通过：服务对象满意度指标 “运行良好 | 100%”。
通过：服务对象满意度指标 “系统使用人员满意度 | ≥95%”。

## 依据
财预〔2021〕101号：满意度指标反映服务对象对项目实施效果的满意程度；财预〔2020〕10号。

## English
A satisfaction indicator names no one who is satisfied.
Fix: Name the people served (e.g. 参训学员满意度).
"""
import re

from perflint.api import Indicator, RuleContext, rule, vocab

_GROUP = re.compile(r"人员|学员|选手|单位|群众|毕业生|考生|对象|职工|企业|高校|学生|家庭|群体|居民|农民工|干部|"
                    r"公众|人群|用户|客户|患者|老人|儿童|妇女|残疾人|参保人|会员|游客|商户|机构|教师|家长|学校|社区")


@rule(code="PF310", name="satisfaction-names-no-one", category="tier", severity="warning",
      target=Indicator, tiers=["服务对象满意度指标"])
def check(ind: Indicator, ctx: RuleContext):
    name = vocab.clean(ind.name)
    if not name or "满意" in name or _GROUP.search(name) or ind.value.kind in ("placeholder", "empty"):
        return
    yield ctx.finding(at=ind, message_en=f"Satisfaction indicator “{ind.name}” is neither a satisfaction rate nor says whose",
                      message=f"满意度指标“{ind.name}”既不是满意度，也没有说明调查对象",
                      hint="写明哪个群体的满意度，例如“参训学员满意度”“系统使用人员满意度”")
