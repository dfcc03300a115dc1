"""perflint's unit definitions and the grammar's unit spellings stay in step."""
from __future__ import annotations

import re
from decimal import Decimal
from importlib import resources

from perflint import units


def grammar_units() -> list[str]:
    text = resources.files("perflint.grammar").joinpath("value.lark").read_text(encoding="utf-8")
    return re.search(r"^UNIT: /(.*)/$", text, re.M).group(1).split("|")


def definition_spellings() -> set[str]:
    text = resources.files("perflint").joinpath("units.txt").read_text(encoding="utf-8")
    spellings = set()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            spellings.update(p.strip() for p in line.split("=")[2:])
    return spellings


def test_every_grammar_unit_is_defined():
    assert [u for u in grammar_units() if not units.is_defined(u)] == []


def test_every_defined_spelling_is_in_the_grammar():
    assert definition_spellings() - set(grammar_units()) == set()


def test_grammar_units_are_longest_first_where_it_matters():
    spellings = grammar_units()
    for i, a in enumerate(spellings):
        for b in spellings[i + 1:]:
            assert not b.startswith(a), f"{b} comes after its prefix {a}: it could never match"


def test_dimensions():
    assert units.unit_info(("元",)).is_money
    assert units.unit_info(("元", "人", "天")).is_money_rate
    assert units.unit_info(("元", "人天")).dimensions == units.unit_info(("元", "人", "天")).dimensions
    assert units.unit_info(("个月",)).is_time and units.unit_info(("人次",)).is_count
    assert units.unit_info(("人",)).dimensions != units.unit_info(("人次",)).dimensions


def test_conversions():
    assert units.convert(Decimal(12), "月", "年") == 1
    assert units.convert(Decimal(2), "周", "天") == 14
    assert units.convert(Decimal(3), "人", "人次") is None


def test_the_unit_table_is_what_pint_says():
    """The table a run reads instead of importing pint is pint's own answer, kept in step."""
    import itertools

    assert units._table() == units.table_from_pint(), \
        'stale: python -c "import perflint.units as u; u.write_table()"'
    spellings = units.spellings()
    for combo in [*((s,) for s in spellings), *itertools.permutations(spellings[:25], 2),
                  *itertools.permutations(("元", "人", "天", "月", "年", "人次", "个"), 3)]:
        assert units.unit_info(combo) == units.unit_info_from_pint(combo), combo
