"""PF703 required-field-blank — 表头必填项未填写

## 检查内容
表格模板中有、但没有填写的表头项：项目名称、主管部门、实施单位、项目属性、项目期，以及该版式要求
填写的金额（项目总额、年度资金总额；只有“含本级”一栏的表格为本级资金；“预算数”表格为预算数）。
模板中本来就没有的项（例如只有预算数的表格没有项目属性）不报告。每张表报告一次，列出全部空项。

## 为何重要
表头是绩效目标与预算对应的依据：缺实施单位不知道谁负责，缺项目期不知道目标的时间范围，
缺年度资金总额则无法核对成本与预算。

## 示例
不通过：“实施单位”“项目期”“年度资金总额”三格空白。
通过：三格都按实际填写。

## 依据
财预〔2015〕88号第十二条：绩效目标申报表应完整填写（完整性）。

## English
A required header field is blank.
Fix: Fill in every header field.
"""
from perflint.api import Project, RuleContext, rule

NAMES = {"项目总额": "项目总额", "年度资金总额": "年度资金总额", "本级资金": "年度资金总额（含本级）"}


@rule(code="PF703", name="required-field-blank", category="structure", severity="warning", target=Project)
def check(project: Project, ctx: RuleContext):
    doc = ctx.document
    blank = [name for name in doc.template_fields if name in project.fields and not project.fields[name].text.strip()]
    blank += [name for name in doc.template_fields if name not in project.fields and name != "项目编码"]
    for name in doc.required_amounts:
        amount = project.amounts.get(name)
        written = amount is not None and amount.text.strip() and not amount.derived
        if written and amount.value is None:
            continue            # written but not a number: PF419's to report, not a blank
        if amount is None or amount.value is None or amount.derived:
            blank.append("预算数" if doc.layout == "tab-cells" and name == "年度资金总额" else NAMES.get(name, name))
    if not blank:
        return
    first = next((project.fields[n].loc for n in blank if n in project.fields), project.loc)
    yield ctx.finding(at=first, message=f"表头未填写：{'、'.join(blank)}",
                      hint="按实际情况填写全部表头项目", evidence="、".join(blank),
                      message_en=f"Required header fields are blank: {'、'.join(blank)}")
