"""Generated documents of every layout family (DOMAIN.md §6), written out in every format.

Each family is one or more forms (rows of cells and merged ranges) with the facts a right reading
gives: every project's name, its 年度资金总额 in 万元, how many indicators it has, and a few
values as they must be understood. The writers put the same forms into .docx, .xlsx, .pdf,
.html and .csv files, and into text the way copies from web pages and exports come: tab rows,
``|`` rows and one cell per line, with the cells a merged range covers left out.
"""
from __future__ import annotations

import csv
import html
from dataclasses import dataclass, field

from office_forms import Form, write_forms_docx, write_forms_pdf, write_forms_xlsx


@dataclass
class Family:
    name: str
    paragraphs: list[str]
    forms: list[Form]
    #: project name → (年度资金总额 in 万元 or None, number of indicators)
    projects: dict[str, tuple[float | None, int]]
    #: indicator name → the value as it must be read (kind, comparator, number, unit)
    values: dict[str, tuple] = field(default_factory=dict)
    kind: str = "project"


def _form(caption: list[str], rows: list[list[str]], width: int, merges=()) -> Form:
    return Form(caption, [r + [""] * (width - len(r)) for r in rows], list(merges))


def _merge_blank_down(rows: list[list[str]], start: int, columns: tuple[int, ...]) -> list[tuple]:
    """Merge each filled cell of ``columns`` down over the blank cells under it (from ``start``)."""
    merges = []
    for c in columns:
        top = None
        for r in range(start, len(rows) + 1):
            filled = r < len(rows) and rows[r][c]
            if r == len(rows) or filled:
                if top is not None and r - 1 > top:
                    merges.append((top, c, r - 1, c))
                top = r if filled else None
    return merges


def single_form() -> Family:
    """A county's 项目支出绩效目标申报表: 项目支出名称, 预算部门, 项目预算金额(万元), a 绩效指标
    side label, 一级/二级 merged down, a 绩效标准 column."""
    w = 6
    rows = [["项目支出名称", "乡村道路养护", "", "预算部门", "某县交通运输局"],
            ["项目预算金额（万元）", "120.5", "", "其中：上级资金", "20.5"],
            ["本年度绩效目标", "完成全县农村公路日常养护，路况优良率不低于85%。"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准"]]
    body = [["", "产出指标", "数量指标", "养护农村公路里程", "≥350公里", "计划标准"],
            ["", "", "", "修补坑槽面积", "≥2000平方米", "计划标准"],
            ["", "", "质量指标", "路况优良率", "≥85%", "行业标准"],
            ["", "", "时效指标", "养护任务完成时间", "2024年12月31日前", "计划标准"],
            ["", "", "成本指标", "每公里养护成本", "≤0.34万元", "计划标准"],
            ["", "效益指标", "社会效益指标", "群众出行条件改善", "明显改善", "计划标准"],
            ["", "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "计划标准"]]
    all_rows = rows + body
    merges = [(0, 1, 0, 2), (1, 1, 1, 2), (2, 1, 2, w - 1), (3, 0, len(all_rows) - 1, 0)]
    merges += _merge_blank_down(all_rows, 4, (1, 2))
    return Family("single-form", ["某县2024年项目支出绩效目标申报表", "（2024年度）", "单位：万元"],
                  [_form([], all_rows, w, merges)], {"乡村道路养护": (120.5, 7)},
                  {"养护农村公路里程": ("quantity", ">=", 350, "公里"), "路况优良率": ("percent", ">=", 85, "%")})


def split_values() -> Family:
    """The 2021 central template: the value over 指标性质 | 指标值 | 度量单位."""
    w = 7
    rows = [["项目名称", "基层卫生人员培训"],
            ["主管部门", "某市卫生健康委员会", "", "", "实施单位", "某市卫生健康委员会"],
            ["项目资金（万元）", "年度资金总额", "86", "", "财政拨款", "86"],
            ["年度绩效目标", "培训基层卫生人员600人次，考核合格率达到95%以上。"],
            ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标值说明"],
            ["产出指标", "数量指标", "培训人次", "≥", "600", "人次", "按计划"],
            ["", "质量指标", "考核合格率", "≥", "95", "%", "按计划"],
            ["", "时效指标", "培训完成时间", "定性", "2024年11月底前", "", "按计划"],
            ["", "成本指标", "人均培训成本", "≤", "1430", "元", "按标准"],
            ["效益指标", "社会效益指标", "基层服务能力", "定性", "有所提升", "", "按计划"],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥", "90", "百分比", "按计划"]]
    merges = [(0, 1, 0, w - 1), (3, 1, 3, w - 1)] + _merge_blank_down(rows, 5, (0,))
    return Family("split-values", ["2024年度项目支出绩效目标表"], [_form([], rows, w, merges)],
                  {"基层卫生人员培训": (86, 6)},
                  {"培训人次": ("quantity", ">=", 600, "人次"), "考核合格率": ("percent", ">=", 95, "%"),
                   "学员满意度": ("percent", ">=", 90, "%"), "人均培训成本": ("quantity", "<=", 1430, "元")})


def flat_table() -> Family:
    """A department's whole 项目支出绩效目标表: one row per indicator, amounts in 元."""
    w = 12
    head = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
            "度量单位", "权重", "指标方向性"]
    rows = [head, ["901-某乡部门", "", "1,450,000.00"],
            ["901001-某乡人民政府", "村级公益事业补助", "1,200,000.00", "完成村级公益设施维护",
             "产出指标", "数量指标", "维护村级公益设施", "≥", "12", "处", "20", "正向指标"],
            ["", "", "", "", "产出指标", "质量指标", "验收合格率", "≥", "95", "%", "20", "正向指标"],
            ["", "", "", "", "效益指标", "社会效益指标", "村民生产生活条件", "定性", "改善", "", "30", "正向指标"],
            ["", "", "", "", "满意度指标", "服务对象满意度指标", "村民满意度", "≥", "90", "%", "10", "正向指标"],
            ["", "乡镇食堂运转", "250,000.00", "保障机关食堂正常运转",
             "产出指标", "数量指标", "保障就餐人数", "=", "60", "人", "30", "正向指标"],
            ["", "", "", "", "产出指标", "成本指标", "人均餐费补助", "≤", "4100", "元", "30", "反向指标"],
            ["", "", "", "", "满意度指标", "服务对象满意度指标", "就餐人员满意度", "≥", "90", "%", "20", "正向指标"]]
    merges = [(2, 0, 8, 0), (2, 1, 5, 1), (2, 2, 5, 2), (2, 3, 5, 3), (6, 1, 8, 1), (6, 2, 8, 2), (6, 3, 8, 3)]
    return Family("flat-table", ["部门预算项目绩效目标表（2024年度）", "金额单位：元"],
                  [_form([], rows, w, merges)],
                  {"村级公益事业补助": (120, 4), "乡镇食堂运转": (25, 3)},
                  {"保障就餐人数": ("quantity", "=", 60, "人"), "验收合格率": ("percent", ">=", 95, "%")})


def long_and_annual() -> Family:
    """A multi-year project with 长期 and 年度 columns side by side, and 中期/年度 goals."""
    w = 7
    rows = [["项目名称", "学校校舍改造"],
            ["主管部门", "某区教育局", "", "", "实施单位", "某区教育局"],
            ["项目资金", "资金总额", "3000万元", "", "当年资金总额", "800万元"],
            ["总体目标", "中期目标", "", "", "年度目标"],
            ["", "三年内完成全区12所学校校舍改造", "", "", "完成4所学校校舍改造"],
            ["一级指标", "二级指标(长期)", "三级指标(长期)", "指标值(长期)", "二级指标(年度)", "三级指标(年度)",
             "指标值(年度)"],
            ["产出指标", "数量指标", "改造学校数量", "12所", "数量指标", "改造学校数量", "4所"],
            ["产出指标", "质量指标", "工程验收合格率", "100%", "质量指标", "工程验收合格率", "100%"],
            ["效益指标", "社会效益指标", "办学条件", "明显改善", "社会效益指标", "办学条件", "有所改善"],
            ["满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "服务对象满意度指标", "师生满意度", "≥90%"]]
    merges = [(0, 1, 0, w - 1), (3, 1, 3, 3), (4, 1, 4, 3), (3, 4, 3, 6), (4, 4, 4, 6)]
    return Family("long-and-annual", ["项目支出绩效目标表", "（2024年度）"], [_form([], rows, w, merges)],
                  {"学校校舍改造": (800, 4)}, {"改造学校数量": ("quantity", None, 4, "所")})


def two_level() -> Family:
    """A form whose 一级 column holds 数量/质量/成本 and whose 二级 column holds the indicator."""
    w = 4
    rows = [["项目名称", "机关办公楼运行保障", "项目类别", "本级支出项目"],
            ["项目预算成本构成", "金额", "测算依据"],
            ["物业服务费", "150", "依据合同"],
            ["水电费", "90", "据实结算"],
            ["合计", "240"],
            ["绩效目标", "保障办公楼安全、整洁、正常运转。"],
            ["一级指标", "二级指标", "绩效标准", "当年预期实现值"],
            ["数量指标", "日常维修次数", "反映全年维修情况", "≥200次"],
            ["", "安全巡查次数", "反映巡查情况", "≥360次"],
            ["质量指标", "维修验收合格率", "反映维修质量", "≥95%"],
            ["成本指标", "成本控制率", "", "≤100%"]]
    merges = [(5, 1, 5, 3)] + _merge_blank_down(rows, 7, (0,))
    return Family("two-level", ["某市2024年市直部门预算项目支出绩效目标表"], [_form([], rows, w, merges)],
                  {"机关办公楼运行保障": (240, 4)}, {"日常维修次数": ("quantity", ">=", 200, "次")})


def department() -> Family:
    """A department-level (整体支出) table: 部门(单位)名称, 指标值类型 | 指标值 | 计量单位."""
    w = 8
    rows = [["部门(单位)名称", "某区价格认证中心"],
            ["部门(单位)职责", "负责价格认定工作"],
            ["资金总额", "85", "基本支出", "60", "项目支出", "25"],
            ["年度总体绩效目标", "按时完成涉案财物价格认定。"],
            ["一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "计量单位", "指标解释", "评(扣)分标准"],
            ["产出指标", "数量指标", "价格认定件数", "定量", "150", "件", "考察认定工作量", "未达标酌情扣分"],
            ["", "质量指标", "认定结论采信率", "定量", "95", "%", "考察认定质量", "未达标酌情扣分"],
            ["", "时效指标", "认定办结时限", "定量", "7", "个工作日", "考察办结时效", "未达标酌情扣分"],
            ["满意度指标", "服务对象满意度指标", "委托机关满意度", "定量", "90", "%", "考察满意程度", "未达标酌情扣分"]]
    merges = [(0, 1, 0, w - 1), (1, 1, 1, w - 1), (3, 1, 3, w - 1)] + _merge_blank_down(rows, 5, (0,))
    return Family("department", ["某区价格认证中心2024年度整体绩效目标表"], [_form([], rows, w, merges)],
                  {"某区价格认证中心": (85, 4)}, {"价格认定件数": ("quantity", None, 150, "件")}, kind="department")


def regional_transfer() -> Family:
    """A 转移支付 form whose money is split by level (中央/省级/市级/县级) and whose form has a
    分值 column."""
    w = 6
    rows = [["专项资金名称", "农村饮水安全巩固提升"],
            ["主管部门", "某省水利厅", "", "实施单位", "各县水利局"],
            ["年度资金总额", "5600", "", "中央资金", "3000"],
            ["省级资金", "1800", "", "市级资金", "500"],
            ["县级资金", "300"],
            ["年度绩效目标", "巩固提升农村供水保障水平。"],
            ["一级指标", "二级指标", "三级指标", "指标值", "分值", "备注"],
            ["产出指标", "数量指标", "新建改造供水工程", "≥120处", "20"],
            ["", "质量指标", "工程验收合格率", "100%", "20"],
            ["效益指标", "社会效益指标", "农村自来水普及率", "≥92%", "30"],
            ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "10"]]
    merges = [(0, 1, 0, w - 1), (5, 1, 5, w - 1)] + _merge_blank_down(rows, 7, (0,))
    return Family("regional-transfer", ["2024年中央对地方转移支付区域绩效目标表", "单位：万元"],
                  [_form([], rows, w, merges)], {"农村饮水安全巩固提升": (5600, 4)},
                  {"新建改造供水工程": ("quantity", ">=", 120, "处")})


def no_tiers() -> Family:
    """A short list of indicators with weights and values, no 一级/二级 columns: tiers inferred."""
    w = 4
    rows = [["项目名称", "老年人健康体检"],
            ["年度资金总额", "45"],
            ["年度绩效目标", "为辖区65岁以上老年人免费体检。"],
            ["指标名称", "权重", "指标值", "备注"],
            ["体检人数", "30", "≥3000人"],
            ["体检完成时间", "20", "2024年10月底前"],
            ["人均体检费用", "20", "≤150元"],
            ["老年人满意度", "20", "≥90%"]]
    merges = [(0, 1, 0, w - 1), (1, 1, 1, w - 1), (2, 1, 2, w - 1)]
    return Family("no-tiers", ["项目绩效目标表（2024年度）", "单位：万元"], [_form([], rows, w, merges)],
                  {"老年人健康体检": (45, 4)}, {"体检人数": ("quantity", ">=", 3000, "人")})


def two_years() -> Family:
    """A 批复表 whose 指标值 has two year columns: the budget year's is the target."""
    w = 5
    rows = [["项目名称", "公共就业服务"],
            ["年度资金总额", "60"],
            ["年度绩效目标", "开展招聘活动，促进城镇就业。"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["", "", "", "2023年实际值", "2024年预期值"],
            ["产出指标", "数量指标", "举办招聘会场次", "18场", "≥20场"],
            ["", "质量指标", "求职登记人员就业率", "60%", "≥62%"],
            ["满意度指标", "服务对象满意度指标", "求职者满意度", "91%", "≥90%"]]
    merges = [(0, 1, 0, w - 1), (1, 1, 1, w - 1), (2, 1, 2, w - 1), (3, 3, 3, 4),
              (3, 0, 4, 0), (3, 1, 4, 1), (3, 2, 4, 2)] + _merge_blank_down(rows, 5, (0,))
    return Family("two-years", ["项目支出绩效目标批复表", "（2024年度）", "单位：万元"], [_form([], rows, w, merges)],
                  {"公共就业服务": (60, 3)}, {"举办招聘会场次": ("quantity", ">=", 20, "场")})


def sub_heading() -> Family:
    """A heading on two rows: 指标值 merged over 指标性质 | 指标值 | 度量单位 named on the row below."""
    w = 7
    rows = [["项目名称", "农村公路安全生命防护工程"],
            ["年度资金总额", "300"],
            ["年度绩效目标", "完成农村公路安全生命防护工程80公里。"],
            ["一级指标", "二级指标", "三级指标", "指标值", "", "", "备注"],
            ["", "", "", "指标性质", "指标值", "度量单位"],
            ["产出指标", "数量指标", "实施里程", "≥", "80", "公里", ""],
            ["", "质量指标", "交工验收合格率", "=", "100", "%", ""],
            ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", "90", "%", ""]]
    merges = [(0, 1, 0, w - 1), (1, 1, 1, w - 1), (2, 1, 2, w - 1), (3, 3, 3, 5), (3, 0, 4, 0), (3, 1, 4, 1),
              (3, 2, 4, 2), (3, 6, 4, 6)] + _merge_blank_down(rows, 5, (0,))
    return Family("sub-heading", ["项目支出绩效目标表", "（2024年度）", "单位：万元"], [_form([], rows, w, merges)],
                  {"农村公路安全生命防护工程": (300, 3)}, {"实施里程": ("quantity", ">=", 80, "公里"),
                                                  "交工验收合格率": ("percent", "=", 100, "%")})


FAMILIES = [single_form(), split_values(), flat_table(), long_and_annual(), two_level(), department(),
            regional_transfer(), no_tiers(), two_years(), sub_heading()]


# ---- writers -------------------------------------------------------------------------------------

def covered(form: Form) -> set[tuple[int, int]]:
    """Cells a merged range covers (not its top-left one): a copied web page drops them."""
    out = set()
    for r1, c1, r2, c2 in form.merges:
        out.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1))
    return out


def text_rows(form: Form) -> list[list[str]]:
    """The rows as a web page copy keeps them: covered cells left out, trailing blanks dropped."""
    hidden = covered(form)
    out = []
    for r, row in enumerate(form.rows):
        cells = [text for c, text in enumerate(row) if (r, c) not in hidden]
        while cells and not cells[-1]:
            cells.pop()
        out.append(cells)
    return out


def write_txt(family: Family, path, how: str) -> None:
    lines = list(family.paragraphs)
    for form in family.forms:
        lines += form.caption
        for cells in text_rows(form):
            if how == "tab":
                lines.append("\t".join(cells))
            elif how == "pipe":
                lines.append("| " + " | ".join(cells) + " |")
            elif how == "lines":      # one cell per line, no blank lines (a PDF's text layer)
                lines += [text for text in cells if text]
            else:        # one cell per line, a blank line between cells
                for text in cells:
                    if text:
                        lines += [text, ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_html(family: Family, path) -> None:
    parts = ["<html><head><meta charset='utf-8'><title>绩效目标表</title></head><body>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in family.paragraphs]
    for form in family.forms:
        parts += [f"<p>{html.escape(line)}</p>" for line in form.caption]
        hidden = covered(form)
        spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in form.merges}
        parts.append("<table border='1'>")
        for r, row in enumerate(form.rows):
            cells = []
            for c, text in enumerate(row):
                if (r, c) in hidden:
                    continue
                down, across = spans.get((r, c), (1, 1))
                attrs = (f" rowspan='{down}'" if down > 1 else "") + (f" colspan='{across}'" if across > 1 else "")
                cells.append(f"<td{attrs}>{html.escape(text)}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def write_csv(family: Family, path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        for line in family.paragraphs:
            out.writerow([line])
        for form in family.forms:
            for line in form.caption:
                out.writerow([line])
            for row in form.rows:
                out.writerow(row)


def write(family: Family, path, fmt: str) -> None:
    if fmt == "docx":
        write_forms_docx(family.paragraphs, family.forms, path)
    elif fmt == "xlsx":
        write_forms_xlsx(family.paragraphs, family.forms, path, sheets=1)
    elif fmt == "pdf":
        write_forms_pdf(family.paragraphs, family.forms, path)
    elif fmt == "html":
        write_html(family, path)
    elif fmt == "csv":
        write_csv(family, path)
    else:
        write_txt(family, path, fmt.split("-", 1)[1])


FORMATS = ("docx", "xlsx", "pdf", "html", "csv", "txt-tab", "txt-pipe", "txt-cells", "txt-lines")


def suffix(fmt: str) -> str:
    return ".txt" if fmt.startswith("txt") else "." + fmt
