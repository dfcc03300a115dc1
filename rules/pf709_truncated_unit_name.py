"""PF709 truncated-unit-name — 实施单位名称被截断

## 检查内容
表头的实施单位（去掉单位编码）正好是本文件中另一个单位名称（主管部门或其他表的实施单位）的前半截，
缺的部分又不只是“本级”：“303001-自治区人力资源和社会保障”与主管部门“自治区人力资源和社会保障厅”。
同一个被截断的名称在多张表中出现时，合并报告一次并写明张数。

## 为何重要
实施单位是绩效责任主体；名称不全，审核和评价时就对不上单位，也说明表格是从栏宽不够的系统导出
后没有校对。

## 示例
不通过：实施单位“303002-自治区职业技能鉴定指导”，另一张表写作“303002-自治区职业技能鉴定指导中心”。
通过：写全“303002-自治区职业技能鉴定指导中心”。

## 依据
财预〔2015〕88号：绩效目标申报表应填写完整、准确。

## English
The implementing unit's name is cut short.
Fix: Write the unit's full name.
"""
import re

from perflint.api import Document, RuleContext, rule, squash

_UNIT_CODE = re.compile(r"^[\d\s\-—_.、:：]+")
UNIT_FIELDS = ("主管部门", "实施单位")
MIN_UNIT = 6


def _unit(text: str) -> str:
    return _UNIT_CODE.sub("", squash(text))


@rule(code="PF709", name="truncated-unit-name", category="structure", severity="info", target=Document)
def check(doc: Document, ctx: RuleContext):
    units = {_unit(f.text) for project in doc.projects for name, f in project.fields.items()
             if name in UNIT_FIELDS and f.text}
    for project in doc.projects:
        field = project.fields.get("实施单位")
        short = _unit(field.text) if field and field.text else ""
        if len(short) < MIN_UNIT:
            continue
        longer = [u for u in units if u.startswith(short) and u != short and u[len(short):] != "本级"]
        if longer:
            full = max(longer, key=len)
            yield ctx.finding(at=field.loc, project=project, text=field.text,
                              evidence=f"unit:{short}", cause=f"unit:{short}",
                              message_en=f"The implementing unit “{field.text}” seems cut short: another unit in this file is named “{full}”",
                              message=f"实施单位“{field.text}”似乎被截断：本文件中另有单位名为“{full}”",
                              hint="写全单位名称",
                              many=f"实施单位“{field.text}”似乎被截断（" + "{count} 张表）："
                                   f"本文件中另有单位名为“{full}”",
                              many_en=f"The implementing unit “{field.text}” seems cut short (" + "{count} tables): "
                                      f"another unit in this file is named “{full}”")

