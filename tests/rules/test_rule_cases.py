"""Every rule against its case file, and every rule documented and covered."""
from __future__ import annotations

from pathlib import Path

import pytest

from perflint.engine import DOC_HEADINGS, load_packs
from perflint.testing import load_cases, run_case

CASES = Path(__file__).parent / "cases"
RULES = load_packs().rules
ALL_CASES = [case for path in sorted(CASES.glob("*.toml")) for case in load_cases(path)]


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{c.rule}: {c.name}" for c in ALL_CASES])
def test_rule_case(case):
    assert run_case(case) == sorted(case.expect)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_docs_and_cases(rule):
    for heading in DOC_HEADINGS:
        assert f"## {heading}" in rule.doc, f"{rule.code} lacks the heading {heading}"
    assert rule.doc.startswith(f"{rule.code} {rule.name} — "), f"{rule.code}: doc title"
    cases = [c for c in ALL_CASES if c.rule == rule.code]
    assert any(c.expect for c in cases), f"{rule.code} has no failing case"
    assert any(not c.expect for c in cases), f"{rule.code} has no passing case"


def test_case_files_name_existing_rules():
    codes = {r.code for r in RULES}
    assert {c.rule for c in ALL_CASES} <= codes
