"""Property tests for the value grammar (hypothesis)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import perflint.values as values
from perflint.values import KINDS, parse_value_uncached

SCALES = {"": 1, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
UNITS = {"人": "人", "人次": "人次", "元": "元", "个": "个", "场": "场", "份": "份", "万元": None,
         "次": "次", "项": "项", "户": "户", "本": "本", "页": "页", "台": "台"}
COMPARATORS = {"": None, "≥": ">=", "≤": "<=", ">": ">", "<": "<", "不低于": ">=", "不超过": "<=",
               "高于": ">", "低于": "<", "达到": ">="}

numbers = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("999999"), places=3,
                      allow_nan=False, allow_infinity=False)
units = st.sampled_from([u for u in UNITS if UNITS[u]])


def written(n: Decimal) -> str:
    return format(n.normalize(), "f")


@given(n=numbers, scale=st.sampled_from(list(SCALES)), unit=units,
       cmp=st.sampled_from(list(COMPARATORS)))
def test_scale_words_fold_into_the_base_value(n, scale, unit, cmp):
    v = parse_value_uncached(f"{cmp}{written(n)}{scale}{unit}")
    assert v.kind == "quantity"
    assert v.number == (n * SCALES[scale]).normalize()
    assert v.unit == UNITS[unit]
    assert v.comparator == COMPARATORS[cmp]


@given(n=st.integers(min_value=1, max_value=10**9), unit=units)
def test_wan_equals_ten_thousand(n, unit):
    """0.42万人 and 4200人 are the same amount."""
    in_wan = (Decimal(n) / 10_000).normalize()
    assert parse_value_uncached(f"{written(in_wan)}万{unit}").number == \
        parse_value_uncached(f"{n}{unit}").number


@given(n=numbers, cmp=st.sampled_from(["", "≥", "≤", ">", "<"]), post=st.sampled_from(["", "以上", "以内"]))
def test_percentages(n, cmp, post):
    v = parse_value_uncached(f"{cmp}{written(n)}%{post}")
    assert (v.kind, v.unit, v.number) == ("percent", "%", n.normalize())


@given(n=numbers, scale=st.sampled_from(list(SCALES)), unit=st.sampled_from(list(UNITS) + ["%", ""]),
       cmp=st.sampled_from(list(COMPARATORS)), post=st.sampled_from(["", "以上", "以内", "左右"]),
       space=st.sampled_from(["", " "]))
def test_shortcut_and_grammar_agree(n, scale, unit, cmp, post, space):
    text = f"{cmp}{space}{written(n)}{space}{scale}{unit}{post}"
    shortcut = values._parse_measures(text, text)
    original = values._single_measure
    values._single_measure = lambda s: None
    try:
        grammar = values._parse_measures(text, text)
    finally:
        values._single_measure = original
    assert shortcut == grammar


@given(day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
       suffix=st.sampled_from(["前", "以前", "之前", ""]))
def test_dates_round_trip(day, suffix):
    v = parse_value_uncached(f"{day.year}年{day.month}月{day.day}日{suffix}")
    assert (v.kind, v.date) == ("date", day)
    assert v.comparator == ("<=" if suffix else None)


@given(parts=st.lists(st.tuples(st.integers(1, 99999), units), min_size=2, max_size=5),
       sep=st.sampled_from(["，", "、", "; ", ", "]))
def test_several_values_in_one_cell(parts, sep):
    v = parse_value_uncached(sep.join(f"{n}{u}" for n, u in parts))
    assert v.kind == "multi"
    expected = [Decimal(n) * (10_000 if u == "万元" else 1) for n, u in parts]
    assert [p.number for p in v.parts] == expected


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_any_text_gets_a_kind(text):
    assert parse_value_uncached(text).kind in KINDS
