"""The value language: every form DOMAIN.md §3 lists, plus the shortcut and its equivalence."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from perflint.values import _parse_measures, _single_measure, parse_value, parse_value_uncached

# text → (kind, comparator, value, unit, date)
DOMAIN_FORMS = {
    "≥0.42万人": ("quantity", ">=", 4200, "人", None),
    "≤0": ("quantity", "<=", 0, None, None),
    "≥100%": ("percent", ">=", 100, "%", None),
    "≥98%": ("percent", ">=", 98, "%", None),
    "90%以上": ("percent", ">=", 90, "%", None),
    "达90%以上": ("percent", ">=", 90, "%", None),
    "4.5%以内": ("percent", "<=", 4.5, "%", None),
    "高于95%": ("percent", ">", 95, "%", None),
    ">95%": ("percent", ">", 95, "%", None),
    "≥ 95%": ("percent", ">=", 95, "%", None),
    "大于6年": ("duration", ">", 6, "年", None),
    "≤45天或超期有中止审理通知书": ("duration", "<=", 45, "天", None),
    "60 人，3 天": ("multi", None, None, None, None),
    "7000人、70万人": ("multi", None, None, None, None),
    "400人, 5天": ("multi", None, None, None, None),
    "18人/年": ("quantity", None, 18, "人/年", None),
    "3次/年": ("quantity", None, 3, "次/年", None),
    "6版1年": ("multi", None, None, None, None),
    "全年170人次": ("quantity", None, 170, "人次", None),
    "13.9万元/年": ("quantity", None, 139000, "元/年", None),
    "500万元/个": ("quantity", None, 5000000, "元/个", None),
    "450 元/人/天": ("quantity", None, 450, "元/人/天", None),
    "课酬 4000 元/天": ("quantity", None, 4000, "元/天", None),
    "3000 元每天": ("quantity", None, 3000, "元/天", None),
    "≤8万元": ("quantity", "<=", 80000, "元", None),
    "≥1万": ("quantity", ">=", 10000, None, None),
    "≥1次数": ("quantity", ">=", 1, "次", None),
    ">1次": ("quantity", ">", 1, "次", None),
    "≤7次": ("quantity", "<=", 7, "次", None),
    "7日": ("duration", None, 7, "天", None),
    "12个月": ("duration", None, 12, "月", None),
    "1年": ("duration", None, 1, "年", None),
    "85万页": ("quantity", None, 850000, "页", None),
    "10万本": ("quantity", None, 100000, "本", None),
    "1.2万册": ("quantity", None, 12000, "册", None),
    "27720000条": ("quantity", None, 27720000, "条", None),
    "129350": ("quantity", None, 129350, None, None),
    "0": ("placeholder", None, 0, None, None),
    "1": ("quantity", None, 1, None, None),
    "2024 年 12 月以前完成": ("date", "<=", None, None, "2024-12-31"),
    "2024年12月31日前": ("date", "<=", None, None, "2024-12-31"),
    "2022年12月中旬": ("date", None, None, None, "2022-12-20"),
    "当年10月31日以前": ("date", "<=", None, None, None),
    "年底前": ("date", "<=", None, None, None),
    "2022年底": ("date", None, None, None, "2022-12-31"),
    "至年底达100%": ("multi", None, None, None, None),
    "支付进度达100%": ("percent", ">=", 100, "%", None),
    "及时": ("qualitative", None, None, None, None),
    "按月发放": ("qualitative", None, None, None, None),
    "持续提高": ("qualitative", None, None, None, None),
    "较好": ("qualitative", None, None, None, None),
    "验收合格": ("qualitative", None, None, None, None),
    "是": ("boolean", None, None, None, None),
    "本指标不适用此项目": ("placeholder", None, None, None, None),
    "无": ("placeholder", None, None, None, None),
    "0 0": ("placeholder", None, 0, None, None),
    "实行预算管理，项目支出严格按照财政相关规定和标准或人社厅财务管理相关规定支出。严格确定经办人、"
    "审核人、复核人、签批人的职责及流程，有效实施内控监管。": ("text", None, None, None, None),
}


@pytest.mark.parametrize("text", list(DOMAIN_FORMS))
def test_domain_form(text):
    kind, comparator, value, unit, date = DOMAIN_FORMS[text]
    got = parse_value(text).to_json()
    assert (got["kind"], got["comparator"], got["value"], got["unit"], got["date"]) == (
        kind, comparator, value, unit, date)


@pytest.mark.parametrize("text, parts", [
    ("60 人，3 天", [("60 人", 60, "人"), ("3 天", 3, "天")]),
    ("7000人、70万人", [("7000人", 7000, "人"), ("70万人", 700000, "人")]),
    ("400人, 5天", [("400人", 400, "人"), ("5天", 5, "天")]),
    ("6版1年", [("6版", 6, "版"), ("1年", 1, "年")]),
    ("培训费定额 450 元/人/天，课酬 4000 元/天",
     [("培训费定额 450 元/人/天", 450, "元/人/天"), ("课酬 4000 元/天", 4000, "元/天")]),
])
def test_multi_parts_keep_their_own_text(text, parts):
    got = parse_value(text).to_json()["parts"]
    assert [(p["text"], p["value"], p["unit"]) for p in got] == parts


def test_label_and_note_are_kept():
    assert parse_value("课酬 4000 元/天").label == "课酬"
    assert parse_value("≤45天或超期有中止审理通知书").note == "或超期有中止审理通知书"
    v = parse_value("发放证书≥1万本，为各行业选聘人才提供")
    assert (v.kind, v.number, v.unit, v.label, v.note) == (
        "quantity", 10000, "本", "发放证书", "为各行业选聘人才提供")


def test_relative_dates_take_the_budget_year():
    v = parse_value("当年10月31日以前")
    assert v.relative and v.date is None
    assert v.resolve(2022).date == dt.date(2022, 10, 31)
    assert parse_value("年底前").resolve(2024).date == dt.date(2024, 12, 31)
    assert parse_value("12 月 31 日前").resolve(2024).date == dt.date(2024, 12, 31)
    # a written year is never replaced
    assert parse_value("2020年12月").resolve(2022).date == dt.date(2020, 12, 31)


def test_numbers_are_exact_decimals():
    assert parse_value("0.1万元").number == Decimal("1000")
    assert parse_value("≥0.0005万人").number == Decimal("5")
    assert parse_value("95%").number == Decimal("95")
    assert parse_value("20.588万元/年").number == Decimal("205880")


def test_full_width_input_is_folded():
    assert parse_value("≥９５％").to_json()["value"] == 95
    assert parse_value("＞1次").comparator == ">"


@pytest.mark.parametrize("text, approx, comparator", [
    ("368件左右", True, "="), ("400余件次", True, ">"), ("约5万元", True, "="), ("5万元", False, None),
])
def test_approximate_values(text, approx, comparator):
    v = parse_value(text)
    assert (v.approx, v.comparator) == (approx, comparator)


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty(text):
    assert parse_value(text).kind == "empty"


@pytest.mark.parametrize("text", ["2月30日前", "2022年2月30日", "永党办发(2023)70号", "按照《办法》执行",
                                  "%%%", "≥", "万", "-5", "1/2", "二〇二二年"])
def test_odd_input_never_raises(text):
    v = parse_value_uncached(text)
    assert v.kind in ("quantity", "percent", "date", "duration", "boolean", "qualitative",
                      "placeholder", "empty", "multi", "text")


@pytest.mark.parametrize("text", ["≥0.42万人", "≥98%", "90%以上", "5.5万元/班次", "1个班次", "≤8万元",
                                  "达90%以上", "400余件次", "3000 元每天", "≥1万", "368件左右",
                                  "不低于95%", "全年170人次", "450 元/人/天"])
def test_shortcut_agrees_with_the_grammar(text):
    """The single-measure shortcut must give exactly what the Lark grammar gives."""
    assert _single_measure(text) is not None
    import perflint.values as values

    original = values._single_measure
    values._single_measure = lambda s: None
    try:
        via_grammar = _parse_measures(text, text)
    finally:
        values._single_measure = original
    assert via_grammar == _parse_measures(text, text)


@pytest.mark.parametrize("text", ["2024年", "2024.12.31", "2-3.5天", "60人，3天", "两次", "年底前"])
def test_shortcut_declines_what_it_does_not_cover(text):
    assert _single_measure(text) is None


@pytest.mark.parametrize("text, kind, value, date", [
    ("1975.73万人", "quantity", 19757300, None),      # a decimal, not year 1975 month 73
    ("2024.12.31", "date", None, "2024-12-31"),
    ("2024/6/30", "date", None, "2024-06-30"),
    ("2024.12前", "date", None, "2024-12-31"),
    ("2月30日前", "text", None, None),                # no such day
])
def test_dotted_dates_and_impossible_dates(text, kind, value, date):
    got = parse_value(text).to_json()
    assert (got["kind"], got["value"], got["date"]) == (kind, value, date)


# Cells as reviewers write them in tables from other places (DOMAIN.md §6)
WILD_FORMS = {
    "一万二千人": ("quantity", None, 12000, "人", None),
    "百分之九十五": ("percent", None, 95, "%", None),
    "≥百分之九十": ("percent", ">=", 90, "%", None),
    "两千五百元": ("quantity", None, 2500, "元", None),
    "二〇二五年六月底前": ("date", "<=", None, None, dt.date(2025, 6, 30)),
    "2023.07-2024.01": ("date", None, None, None, dt.date(2024, 1, 31)),
    "2020年1月--2020年11月": ("date", None, None, None, dt.date(2020, 11, 30)),
    "进一步提高": ("qualitative", None, None, None, None),
    "统一标准": ("qualitative", None, None, None, None),
}


@pytest.mark.parametrize("text", list(WILD_FORMS))
def test_cells_from_other_places(text):
    v = parse_value(text)
    kind, comparator, number, unit, date = WILD_FORMS[text]
    assert (v.kind, v.comparator, v.unit, v.date) == (kind, comparator, unit, date), v
    assert v.number == (Decimal(number) if number is not None else None)
    assert v.text == text


def test_a_period_keeps_its_start_and_a_rate_its_period():
    period = parse_value("2023.07-2024.01")
    assert period.start == dt.date(2023, 7, 1) and period.to_json()["start"] == "2023-07-01"
    rate = parse_value("≤620万/月")
    assert (rate.kind, rate.comparator, rate.number, rate.per, rate.note) == ("quantity", "<=", 6200000, "月", None)
