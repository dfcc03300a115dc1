"""PF607 effect-unrelated-to-project — 效益指标与项目用途无关

## 检查内容
项目名称表明它用于发放工资报酬、补贴补助、培训考试或机关运转，却填了这类支出不可能带来的效益，
目前检查生态效益：村组干部报酬的“保护生态环境卫生 ≥95%”，就业补贴的“促进绿色发展”。指标
名称或目标值写到节能、无纸化、节水等具体措施时，或项目名称本身涉及环境、卫生、农林水时，不报告。只比较项目名称和指标，判断
保守，默认为提示。项目用途与无关的效益见 vocabulary.toml 的 [relevance]，可按本地情况增补。

## 为何重要
与项目无关的效益指标无法评价，往往是从模板或其他项目照抄的；它让表格看似完整，却掩盖了项目
真正应当衡量的效果（例如报酬发放的及时、足额）。

## 示例
不通过：项目“村组干部报酬”，生态效益指标“保护生态环境卫生 ≥95%”。
通过：删去该行，生态效益填“本指标不适用此项目”或按模板要求说明；把精力放在与报酬发放相关的
社会效益上。

## 依据
财预〔2015〕88号：绩效目标应与部门职能、项目内容相关（相关性审核）；
财预〔2011〕285号 附件：绩效指标应与项目直接相关。

## English
An effect the project cannot have.
Fix: Remove the effect, or replace it by one this kind of spending can bring about.
"""
from perflint.api import Project, RuleContext, is_filler_name, rule, squash, vocabulary

PURPOSE_NAMES = {"wages": "工资报酬或补贴类支出", "training": "培训、考试或宣传类支出",
                 "office": "机关运转或业务工作经费"}


@vocabulary.cached
def purpose_of(project_name: str) -> str | None:
    name = squash(project_name)
    for purpose in PURPOSE_NAMES:
        if any(w in name for w in vocabulary.words("relevance", purpose)):
            return purpose
    return None


@rule(code="PF607", name="effect-unrelated-to-project", category="consistency", severity="info", target=Project)
def check(project: Project, ctx: RuleContext):
    purpose = purpose_of(project.name)
    if purpose is None:
        return
    if any(w in squash(project.name) for w in vocabulary.words("relevance", "unless_project")):
        return
    unless = vocabulary.words("relevance", "unless")
    for ind in project.indicators:
        if ind.tier2 not in vocabulary.words("relevance", "unrelated") or is_filler_name(ind.name):
            continue
        if ind.value.kind in ("empty", "placeholder") or is_filler_name(ind.value_text):
            continue
        if any(w in squash(ind.name + ind.value_text) for w in unless):
            continue
        yield ctx.finding(
            at=ind, evidence=f"{purpose}|{ind.name}",
            message=f"项目“{project.name}”是{PURPOSE_NAMES[purpose]}，{ind.tier2}“{ind.name}”与其用途无关",
            hint="删去与项目无关的效益，或改为这项支出能带来的效果；确实不涉及时按模板注明不适用",
            message_en=f"Project “{project.name}” is {PURPOSE_NAMES[purpose]}; the {ind.tier2} “{ind.name}” is "
                       f"unrelated to what it pays for")
