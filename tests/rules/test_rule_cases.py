"""Every rule against its case file, and every rule documented and covered."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from perflint.engine import DOC_HEADINGS, load_packs
from perflint.testing import case_findings, load_cases, run_case

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


BUILTIN = [r for r in RULES if r.pack == "builtin"]


@pytest.mark.parametrize("rule", BUILTIN, ids=[r.code for r in BUILTIN])
def test_rule_doc_states_basis_options_and_english(rule):
    from perflint.ruledocs import options_of

    basis = rule.doc.split("## 依据", 1)[1]
    assert "财预" in basis or "无政策依据" in basis, f"{rule.code}: 依据 cites no basis (or says there is none)"
    for key, _ in options_of(rule):
        assert f"`{key}`" in rule.doc or f"`{key.replace('-', '_')}`" in rule.doc, \
            f"{rule.code}: option {key} is not documented"
    title, fix = rule.english
    assert title[:1].isascii() and title[:1].isupper() and fix and fix[:1].isupper(), f"{rule.code}: English"


def test_rule_modules_compile_without_warnings():
    """A stray backslash in a doc (\\f in a field code) would silently change the text."""
    import warnings

    for path in sorted((Path(__file__).parents[2] / "rules").glob("*.py")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_rule_reference_is_current():
    from perflint.ruledocs import reference

    docs = Path(__file__).parents[2] / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == reference(BUILTIN), \
        "docs/rules.md is stale: run `perflint rules --format markdown --pack builtin > docs/rules.md`"


def test_rule_reference_lists_every_rule_with_its_options():
    from perflint.ruledocs import reference

    text = reference(BUILTIN)
    for r in BUILTIN:
        assert f"## {r.code} {r.name} — " in text
    assert "| `similarity` | `85` |" in text          # PF605's option and its default


FAILING = [case for case in ALL_CASES if case.expect]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_QUOTED = re.compile(r"“([^“”]*)”")


@pytest.mark.parametrize("case", FAILING, ids=[f"{c.rule}: {c.name}" for c in FAILING])
def test_english_messages_carry_the_same_numbers_and_names(case):
    """--lang en says what the Chinese says: every number, and every name or text it quotes."""
    findings, _ = case_findings(case, lang="zh")
    in_english, _ = case_findings(case, lang="en")
    assert findings and len(in_english) == len(findings)
    for f, e in zip(findings, in_english, strict=True):
        english = e.message
        assert (f.code, f.line) == (e.code, e.line)
        assert sorted(Decimal(n).normalize() for n in _NUMBER.findall(f.message)) == \
            sorted(Decimal(n).normalize() for n in _NUMBER.findall(english)), (f.message, english)
        assert [q for q in _QUOTED.findall(f.message) if f"“{q}”" not in english] == [], (f.message, english)
