"""Every layout family (DOMAIN.md §6), generated, read from every format into the same model."""
from __future__ import annotations

from decimal import Decimal

import pytest
from families import FAMILIES, FORMATS, suffix, write

from perflint.documents import extract_file
from perflint.run import check


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("families")
    out = {}
    for family in FAMILIES:
        for fmt in FORMATS:
            path = folder / f"{family.name}-{fmt}{suffix(fmt)}"
            write(family, path, fmt)
            out[family.name, fmt] = path
    return out


CASES = [(f, fmt) for f in FAMILIES for fmt in FORMATS]


@pytest.mark.parametrize("family,fmt", CASES, ids=[f"{f.name}-{fmt}" for f, fmt in CASES])
def test_every_table_is_read_with_its_name_amount_and_indicators(family, fmt, written):
    doc = extract_file(str(written[family.name, fmt]))
    assert not [p for p in doc.problems if p.category == "input"], doc.problems
    read = {p.name: p for p in doc.projects}
    assert set(read) == set(family.projects), f"{fmt}: projects {list(read)}"
    for name, (amount, count) in family.projects.items():
        project = read[name]
        got = project.amount("年度资金总额")
        if amount is None:
            assert got is None
        else:
            assert got is not None and abs(got - Decimal(str(amount))) < Decimal("0.005"), (name, got)
        assert len(project.indicators) == count, [(i.name, i.value_text) for i in project.indicators]
        assert all(i.name and i.tier2 for i in project.indicators), \
            [(i.tier2, i.name) for i in project.indicators]
        assert project.kind == family.kind
        assert not project.doubtful
        assert project.tiers_inferred == (family.name == "no-tiers")


@pytest.mark.parametrize("family,fmt", CASES, ids=[f"{f.name}-{fmt}" for f, fmt in CASES])
def test_values_are_understood(family, fmt, written):
    doc = extract_file(str(written[family.name, fmt]))
    found = {i.name: i.value for p in doc.projects for i in p.indicators}
    for name, (kind, comparator, number, unit) in family.values.items():
        value = found[name]
        assert (value.kind, value.comparator, value.number, value.unit) == \
            (kind, comparator, Decimal(number), unit), value


def test_long_term_side_is_kept_apart_from_the_year(written):
    doc = extract_file(str(written["long-and-annual", "docx"]))
    project = doc.projects[0]
    assert [i.value_text for i in project.indicators][:2] == ["4所", "100%"]
    assert [i.value_text for i in project.period_indicators][:2] == ["12所", "100%"]
    goals = {g.label: g.text for g in project.goals}
    assert goals["年度绩效目标"] == "完成4所学校校舍改造"
    assert goals["实施期绩效目标"].startswith("三年内")


def test_flat_table_subtotal_row_is_not_a_project_and_amounts_are_in_wan(written):
    doc = extract_file(str(written["flat-table", "xlsx"]))
    assert [p.name for p in doc.projects] == ["村级公益事业补助", "乡镇食堂运转"]
    assert all(p.unit == "万元" for p in doc.projects)
    assert doc.projects[0].amounts["年度资金总额"].text == "1,200,000.00"


@pytest.mark.parametrize("fmt", ["docx", "txt-tab", "html"])
def test_generated_families_raise_no_errors(fmt, written):
    report = check([str(written[f.name, fmt]) for f in FAMILIES], config={})
    errors = [(f.code, f.message) for f in report.findings if f.severity == "error"]
    assert errors == []


def test_extract_says_which_family_and_how_each_column_was_understood(written):
    families = {}
    for family in FAMILIES:
        doc = extract_file(str(written[family.name, "docx"]))
        families[family.name] = doc.projects[0].family
    assert families == {"single-form": "single-form", "split-values": "split-values", "flat-table": "flat-table",
                        "long-and-annual": "long-and-annual", "two-level": "two-level", "department": "department",
                        "regional-transfer": "scored-form", "no-tiers": "no-tiers", "two-years": "single-form",
                        "sub-heading": "split-values"}
    doc = extract_file(str(written["split-values", "xlsx"]))
    roles = {c["heading"]: c["role"] for c in doc.projects[0].columns}
    assert roles["指标性质"] == "direction" and roles["度量单位"] == "unit" and roles["三级指标"] == "name"


def test_two_years_of_values_target_the_budget_year(written):
    doc = extract_file(str(written["two-years", "docx"]))
    assert [i.value_text for i in doc.projects[0].indicators] == ["≥20场", "≥62%", "≥90%"]


def test_spending_plan_cut_from_text_keeps_each_share_under_its_quarter(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("项目名称\t培训项目\n年度资金总额\t10\n资金支出计划\t3月底\t6月底\t9月底\t12月底\n"
                    "25%\t50%\t\t100%\n年度绩效目标\t完成培训。\n一级指标\t二级指标\t三级指标\t指标值\n"
                    "产出指标\t数量指标\t培训人数\t100人\n", encoding="utf-8")
    schedule = extract_file(str(path)).projects[0].schedule
    assert [v.text for v in schedule.values] == ["25%", "50%", "", "100%"]


def test_period_and_year_values_beside_one_indicator_name(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<table><tr><td>项目名称</td><td colspan=4>老旧小区改造</td></tr>"
        "<tr><td rowspan=2>资金情况</td><td>实施期资金总额</td><td>年度资金总额</td><td>其中：财政拨款</td><td>其他资金</td></tr>"
        "<tr><td>3000</td><td>800</td><td>800</td><td>0</td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>实施期指标值</td><td>年度指标值</td></tr>"
        "<tr><td rowspan=2>产出指标</td><td>数量指标</td><td>改造小区数量</td><td>30个</td><td>10个</td></tr>"
        "<tr><td>成本指标</td><td>单个小区改造成本</td><td>≤100万元</td><td>≤80万元</td></tr></table>",
        encoding="utf-8")
    project = extract_file(str(path)).projects[0]
    assert (project.amount("项目总额"), project.amount("年度资金总额")) == (3000, 800)
    assert [(i.name, i.value_text) for i in project.indicators] == [("改造小区数量", "10个"), ("单个小区改造成本", "≤80万元")]
    assert [(i.name, i.value_text) for i in project.period_indicators] == \
        [("改造小区数量", "30个"), ("单个小区改造成本", "≤100万元")]
    report = check([str(path)], config={})
    assert not [f for f in report.findings if f.category == "funds"]


def test_a_table_without_a_name_label_is_named_by_its_caption(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("2024年乡村道路养护项目绩效目标表\n单位：万元\n年度资金总额\t120\n"
                    "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t养护里程\t≥350公里\n", encoding="utf-8")
    project = extract_file(str(path)).projects[0]
    assert (project.name, project.amount("年度资金总额"), len(project.indicators)) == ("乡村道路养护", 120, 1)
    path.write_text("部门预算项目绩效目标表\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t养护里程\t≥350公里\n",
                    encoding="utf-8")
    assert extract_file(str(path)).projects[0].name == ""
