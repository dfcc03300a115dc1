"""The four real samples: golden snapshots of the model and the facts that must always hold."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from perflint.documents import extract_file
from perflint.values import KINDS

from conftest import SAMPLES

SAMPLE_FACTS = {  # file → (layout, budget year, tables)
    "yongning-2024-employment.txt": ("tsv-slotted", 2024, 11),
    "ningxia-jycy-2024.txt": ("pdf-lines", 2024, 7),
    "ningxia-rst-2022.txt": ("tsv-coded", 2022, 37),
    "weixian-rsj-2021.txt": ("tab-cells", 2021, 24),
}


@pytest.fixture(scope="module")
def docs():
    return {name: extract_file(str(SAMPLES / name)) for name in SAMPLE_FACTS}


def snapshot(doc) -> dict:
    """A compact, reviewable picture of what perflint read."""
    def value(v):
        j = v.to_json()
        return [j["kind"], j["comparator"], j["value"], j["unit"], j["date"]]

    return {
        "layout": doc.layout, "budget_year": doc.budget_year, "unit": doc.unit,
        "problems": [[p.code, p.loc.line if p.loc else None] for p in doc.problems],
        "projects": [{
            "name": p.name, "line": p.loc.line, "kind": p.kind, "unit": p.unit,
            "fields": {k: v.text for k, v in p.fields.items()},
            "amounts": {k: [str(a.value) if a.value is not None else None, a.loc.line, a.derived]
                        for k, a in p.amounts.items()},
            "goals": [[g.label, g.loc.line, g.text] for g in p.goals],
            "schedule": None if p.schedule is None else [
                p.schedule.loc.line, list(p.schedule.columns),
                [None if v is None else v.text for v in p.schedule.values]],
            "indicators": [[i.loc.line, i.tier1, i.tier2, i.tier2_inferred, i.name, i.value_text]
                           + value(i.value) for i in p.indicators],
            "empty_slots": [[s.loc.line, s.tier2, s.label] for s in p.empty_slots],
            "unplaced": [[x.code, x.loc.line, x.text] for x in p.problems],
        } for p in doc.projects],
    }


@pytest.mark.parametrize("name", list(SAMPLE_FACTS))
def test_golden_model(name, docs, golden):
    golden(name.replace(".txt", ".json"), snapshot(docs[name]))


@pytest.mark.parametrize("name", list(SAMPLE_FACTS))
def test_layout_year_and_table_count(name, docs):
    doc = docs[name]
    assert (doc.layout, doc.budget_year, len(doc.projects)) == SAMPLE_FACTS[name]
    assert doc.unit == "万元"
    assert not [p for p in doc.problems if p.category == "input"]


NAMES_AND_TOTALS = {
    "yongning-2024-employment.txt": [
        ("就业补助资金", "986.12"), ("综合业务费", "20"), ("创业担保贷款贴息", "30"),
        ("就业创业服务补贴", "20"), ("职业培训补贴", "10"), ("社会保险补贴", "440"),
        ("公益性岗位补贴", "360"), ("就业见习补贴", "90"), ("促进创业补贴", "5"),
        ("驻村书记工作经费及补助", "3"), ("职业年金补缴", "8.12")],
    "ningxia-jycy-2024.txt": [
        ("业务人员培训费", "10"), ("创业(网络创业)师资培训费(就业补助资金)", "110"),
        ("就业创业服务补贴", "50"), ("就业大厦维修改造项目", "94.8"),
        ("公共就业服务专项业务竞赛活动项目", "100"), ("就业创业专项活动业务费", "240"),
        ("单位资金项目", "60")],
    "weixian-rsj-2021.txt": [
        ("小额贷款担保基金", "10.00"), ("冀财金【2020】54号提前下达省级2021年普惠金融发展专项资金", "58.05"),
        ("2021年度对贫困人员参加城乡居民社会养老保险个人缴费代缴资金", "210.00"),
        ("引进高端人才资金", "12.49"), ("劳动保障监察工作经费", "5.00"),
        ("城乡居民养老保险县级配套资金", "550.00"), ("社会养老工作经费", "20.00"),
        ("冀财社【2020】172号 提前下达2021年中央就业补助资金", "850.00"),
        ("冀财社【2020】186号 提前下达2021年省级就业补助资金", "503.00"), ("帮困解困资金", "30.00"),
        ("城乡居民基础养老金县级配套部分", "900.00"),
        ("冀财金【2020】46号提前下达中央2021年普惠金融发展专项资金", "48.66"),
        ("创业贷款贴息资金", "10.00"), ("县级离退休老干部春节慰问及实职副科以上干部去世慰问资金", "6.00"),
        ("社保基金监督工作经费", "5.00"), ("公共就业服务机构经费", "10.00"),
        ("冀财社[2020]143号提前下达2021年城乡居民养老保险中央财政补助", "13307.00"),
        ("劳务派遣人员工资", "70.88"), ("流动人员档案管理工作经费", "5.00"),
        ("综合办公楼日常维修维护经费", "30.00"), ("冀财社[2020]185号下达2021年省级城乡居民养老保险补助", "4061.00"),
        ("农保工作经费", "36.00"), ("创业扶持资金", "10.00"), ("社区招聘工作经费", "1.00")],
}


@pytest.mark.parametrize("name", list(NAMES_AND_TOTALS))
def test_names_and_annual_totals(name, docs):
    got = [(p.name, str(p.amount("年度资金总额"))) for p in docs[name].projects]
    assert got == NAMES_AND_TOTALS[name]


def test_ningxia_rst_names_and_totals(docs):
    projects = docs["ningxia-rst-2022.txt"].projects
    assert [p.name for p in projects][:3] == ["就业专项资金", "人事就业社会保障管理经费", "就业补助资金(上年结转)"]
    totals = {p.loc.line: p.amount("年度资金总额") for p in projects}
    assert totals[11] == Decimal("73398.00") and totals[479] == Decimal("162.00")
    assert totals[524] == Decimal("5.00") and totals[592] == Decimal("30587.00")
    # the same 项目名称 twice, with different amounts, stays two projects
    twins = [p for p in projects if p.name == "人力资源信息系统运行维护费"]
    assert [p.amount("年度资金总额") for p in twins] == [Decimal("17.00"), Decimal("368.86")]
    # 教育培训专项经费(上年结转) leaves 年度资金总额 blank: it is derived from 本级资金 and says so
    p = next(p for p in projects if p.name == "教育培训专项经费(上年结转)")
    assert p.amounts["年度资金总额"].derived and p.amount("项目总额") == Decimal("79.96")


def test_yongning_summary_table_adds_up(docs):
    projects = docs["yongning-2024-employment.txt"].projects
    summary, rest = projects[0], projects[1:]
    assert summary.kind == "summary" and summary.name == "就业补助资金"
    assert all(p.kind == "project" for p in rest)
    assert sum(p.amount("年度资金总额") for p in rest) == summary.amount("年度资金总额") == Decimal("986.12")


def test_yongning_slot_prefixes_are_not_names(docs):
    for p in docs["yongning-2024-employment.txt"].projects:
        assert not [i.name for i in p.indicators if re.match(r"\s*指标\s*\d", i.name)]


def test_yongning_lost_tier2_label_is_inferred(docs):
    p = docs["yongning-2024-employment.txt"].projects[1]
    rows = {i.loc.line: i for i in p.indicators}
    assert (rows[65].tier2, rows[65].tier2_inferred, rows[65].tier2_label) == ("时效指标", True, "产出 指标")


def test_ningxia_jycy_six_quantity_lines(docs):
    p = next(p for p in docs["ningxia-jycy-2024.txt"].projects if p.name.startswith("创业(网络创业)"))
    quantity = [i for i in p.indicators if i.tier2 == "数量指标"]
    assert len(quantity) == 6 and {i.tier1 for i in quantity} == {"产出指标"}


def test_ningxia_jycy_value_continued_on_next_line(docs):
    p = docs["ningxia-jycy-2024.txt"].projects[0]
    cost = next(i for i in p.indicators if i.tier2 == "成本指标")
    assert cost.name == "全区就业信息化培训班培训费"
    assert [part.text for part in cost.value.parts] == ["培训费定额 450 元/人/天", "课酬 4000 元/天"]


def test_ningxia_rst_label_in_the_wrong_column(docs):
    p = docs["ningxia-rst-2022.txt"].projects[0]
    row = next(i for i in p.indicators if i.name == "零就业家庭帮扶率")
    assert (row.tier1, row.tier2, row.value_text) == ("产出指标", "质量指标", "90%")


def test_ningxia_rst_cost_rows_before_a_centred_label(docs):
    p = next(p for p in docs["ningxia-rst-2022.txt"].projects if p.loc.line == 479)
    cost = [i for i in p.indicators if i.tier2 == "成本指标"]
    assert [i.loc.line for i in cost] == [500, 501, 502, 504, 505, 506, 507, 508, 509]
    assert sum(i.value.number for i in cost) == Decimal("1620000")  # 162万元, in 元


def test_weixian_schedule_and_narrative(docs):
    doc = docs["weixian-rsj-2021.txt"]
    assert doc.paragraphs and "TC" in doc.paragraphs[2].text
    p = doc.projects[0]
    assert [None if v is None else v.text for v in p.schedule.values] == ["", "", "100.00%", "100.00%"]
    assert p.goals[0].label == "资金用途" and "所需资金20万元" in p.goals[0].text
    assert p.indicators[0].description == "社会就业率" and p.indicators[0].basis == "上级创业担保贷款政策"


def test_every_sample_value_has_a_deliberate_kind(docs, golden):
    kinds = {}
    for doc in docs.values():
        for p in doc.projects:
            for i in p.indicators:
                kinds.setdefault(i.value_text, i.value.kind)
    assert set(kinds.values()) <= set(KINDS)
    golden("sample_value_kinds.json", dict(sorted(kinds.items())))


def test_the_generic_text_reading_reads_the_coded_tier_export_exactly(docs):
    """The 宁夏人社厅 export has a fast layout of its own; the generic path (text cut into a grid,
    read by the form interpreter) must read it the same, table by table."""
    from perflint.layouts import all_layouts, build_document
    from perflint.readers import reader_for

    path = str(SAMPLES / "ningxia-rst-2022.txt")
    generic = next(layout for layout in all_layouts() if layout.name == "text-grid")
    source = reader_for(path)(path, (SAMPLES / "ningxia-rst-2022.txt").read_bytes())
    assert snapshot(build_document(source, generic))["projects"] == snapshot(docs["ningxia-rst-2022.txt"])["projects"]
