"""The life of a finding: frozen, located in one place, one finding per root cause."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import perflint
from perflint.engine import Indicator, matches, rule
from perflint.findings import Finding, _acyclic, _drop_covered, finish, join, make, report_order

SAMPLES = Path(__file__).parents[1] / "samples"


def _rule(code, category="value", severity="warning", **relations):
    return rule(code=code, name=f"test-rule-{code.lower()}", category=category, severity=severity,
                target=Indicator, **relations)(lambda ind, ctx: ())


def _finding(code, severity="warning", line=10, about=(), cause=None, many=None, category="value"):
    return make(code=code, name=f"test-rule-{code.lower()}", category=category, severity=severity,
                message=f"{code} at {line}", file="a.txt", line=line, project="P",
                about=[("row", line), *about], cause=cause, many=many)


def _finish(findings, rules):
    return finish(findings, rules, ignored_here=lambda path: [], severity={}, matches=matches)


def test_a_finding_is_frozen_and_typed():
    f = _finding("PF900")
    with pytest.raises(AttributeError):
        f.severity = "error"
    assert (f.file, f.line, f.locator) == ("a.txt", 10, {"kind": "txt", "line": 10})
    data = f.to_json()
    assert data["covers"] == [] and data["count"] == 1 and data["end_line"] is None


def test_a_covering_rule_stands_for_the_covered_finding_on_the_same_row():
    rules = [_rule("PF901", supersedes=("PF902",)), _rule("PF902")]
    out = _finish([_finding("PF902"), _finding("PF901")], rules)
    assert [(f.code, f.covers) for f in out] == [("PF901", ("PF902",))]


def test_yielding_works_from_the_other_side_and_across_named_rows():
    rules = [_rule("PF901", category="tier"), _rule("PF902", category="template", yields_to=("tier",))]
    # PF902 names two rows; PF901 concerns the first of them only
    out = _finish([_finding("PF902", line=20, about=[("row", 10)]), _finding("PF901", line=10)], rules)
    assert [(f.code, f.covers) for f in out] == [("PF901", ("PF902",))]


def test_different_rows_or_no_relation_keep_both():
    rules = [_rule("PF901", supersedes=("PF902",)), _rule("PF902"), _rule("PF903")]
    out = _finish([_finding("PF902", line=11), _finding("PF901"), _finding("PF903")], rules)
    assert sorted(f.code for f in out) == ["PF901", "PF902", "PF903"]


def test_a_finding_is_never_hidden_by_a_less_severe_one():
    rules = [_rule("PF901", severity="info", supersedes=("PF902",)), _rule("PF902", severity="error")]
    out = _finish([_finding("PF901", "info"), _finding("PF902", "error")], rules)
    assert sorted(f.code for f in out) == ["PF901", "PF902"]


def test_chains_end_at_one_survivor_naming_all_it_covers():
    rules = [_rule("PF901", supersedes=("PF902",)), _rule("PF902", supersedes=("PF903",)), _rule("PF903")]
    out = _finish([_finding("PF903"), _finding("PF902"), _finding("PF901")], rules)
    assert [(f.code, f.covers) for f in out] == [("PF901", ("PF902", "PF903"))]


#: sets of rules whose covering differs in kind: a chain, a rule yielding to a category, two rules
#: covering one, and a cycle (a pack's slip: then nothing is settled before the join)
RULE_SETS = {
    "chain": [_rule("PF901", supersedes=("PF902",)), _rule("PF902", supersedes=("PF903",)), _rule("PF903"),
              _rule("PF904")],
    "category": [_rule("PF901", category="tier"), _rule("PF902", category="tier"),
                 _rule("PF903", category="template", yields_to=("tier",)), _rule("PF904", category="template")],
    "two-covering": [_rule("PF901", supersedes=("PF904",)), _rule("PF902", supersedes=("PF904",)),
                     _rule("PF903", severity="error", supersedes=("PF901",)), _rule("PF904")],
    "cycle": [_rule("PF901", supersedes=("PF902",)), _rule("PF902", supersedes=("PF903",)),
              _rule("PF903", supersedes=("PF901",)), _rule("PF904")],
}

_finding_args = st.tuples(st.sampled_from(["PF901", "PF902", "PF903", "PF904"]),
                          st.sampled_from(["info", "warning", "error"]), st.integers(1, 4),
                          st.lists(st.integers(1, 4), max_size=2))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(RULE_SETS)), st.lists(_finding_args, max_size=12),
       st.lists(_finding_args, max_size=8), st.randoms(use_true_random=False))
# three own findings covering each other round a cycle (none dropped when finished), and a later
# one that would break the cycle if only its row were looked at
@example("cycle", [("PF901", "warning", 1, [3]), ("PF902", "warning", 1, [2]), ("PF903", "warning", 2, [3])],
         [("PF902", "warning", 2, [])], random.Random(0))
# two later findings covering one own finding on its row: the first in the report's order covers it,
# whatever order they come in
@example("two-covering", [("PF904", "warning", 1, [])],
         [("PF902", "warning", 1, []), ("PF901", "warning", 1, [])], random.Random(1))
def test_a_join_drops_what_finishing_them_all_at_once_would(kind, own, more, shuffler):
    # a file's own findings are finished where it is checked; the cross-document ones apart, and
    # joined: only a pair with a later finding can drop anything, and the join (which looks only
    # at the rows such a pair can share) drops what a look at every row of them all would
    rules = RULE_SETS[kind]
    by_code = {r.code: r for r in rules}

    def made(args):
        code, severity, line, also = args
        return _finding(code, severity, line, about=[("row", n) for n in also if n != line])

    settled = _finish([made(a) for a in own], rules)
    later = sorted(_finish([made(a) for a in more], rules), key=report_order)
    everything = sorted(_drop_covered(settled + later, by_code, matches), key=report_order)
    # (the later ones come in any order: each cross-document rule's, and each part's, apart)
    coming = list(later)
    shuffler.shuffle(coming)
    assert join(list(settled), coming, rules, matches=matches) == everything


def test_a_relation_with_a_cycle_is_told_apart():
    assert _acyclic(frozenset({("A", "B"), ("B", "C"), ("A", "C")}))
    assert _acyclic(frozenset())
    assert not _acyclic(frozenset({("A", "B"), ("B", "C"), ("C", "A")}))
    assert not _acyclic(frozenset({("A", "B"), ("B", "A"), ("C", "D")}))


def test_findings_sharing_a_cause_become_one_with_their_extent():
    rules = [_rule("PF901")]
    block = [_finding("PF901", line=n, cause="copy-1", many="{count} 段相同") for n in (74, 76, 78)]
    out = _finish([*block, _finding("PF901", line=90, cause="copy-2", many="{count} 段相同")], rules)
    assert [(f.line, f.end_line, f.count, f.message) for f in out] == \
        [(74, 78, 3, "3 段相同"), (90, None, 1, "PF901 at 90")]


def test_fingerprints_stay_unique_and_findings_ordered():
    rules = [_rule("PF901")]
    out = _finish([_finding("PF901", line=5), _finding("PF901", line=5)], rules)
    assert len({f.fingerprint for f in out}) == 2


def test_the_order_is_the_findings_own_whatever_order_they_came_in():
    # two findings of one rule on one row (an annual and a period value, say): however the work
    # was split, the report lists them alike
    rules = [_rule("PF901")]
    first, second = (make(code="PF901", name="test-rule-pf901", category="value", severity="warning",
                          message=m, file="a.txt", line=5, project="P", evidence=m) for m in ("第2处", "第1处"))
    assert _finish([first, second], rules) == _finish([second, first], rules)
    assert [f.message for f in _finish([first, second], rules)] == ["第1处", "第2处"]


def test_samples_report_each_root_cause_once():
    report = perflint.check([SAMPLES / "weixian-rsj-2021.txt"])
    copies = [f for f in report.findings if f.code == "PF506" and f.project is None]
    # the pasted section (lines 74–100, 14 paragraphs) is one finding with its extent
    assert [(f.line, f.end_line, f.count) for f in copies] == [(74, 100, 14)]
    at_1851 = {f.code: f for f in report.findings if f.line == 1851}
    assert "PF503" not in {f.code for f in report.findings if f.line == 1858}
    assert "PF503" in at_1851["PF305"].covers
    at_1865 = {f.code for f in report.findings if f.line == 1865}
    assert at_1865 == {"PF407"}
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    merged = next(f for f in data["findings"] if f["code"] == "PF506" and f["project"] is None)
    assert merged["count"] == 14 and merged["end_line"] == 100


def test_outside_packs_use_the_same_views():
    from perflint import api

    for name in ("cost_lines", "compare_costs", "plan_cells", "text_pieces", "mentions", "squash"):
        assert name in api.__all__ and callable(getattr(api, name))
    assert isinstance(api.Finding, type) and api.Finding is Finding


def test_messages_quote_and_never_reproduce():
    from perflint.findings import QUOTE_LIMIT, tidy_message

    long = "我厅“12333”电话咨询服务中心，每月电话综合接通率95%，群众满意度100%，政策掌握度95%以上，并获表彰"
    cut = tidy_message(f"满意度指标“满意度”的目标值“{long}”不是满意比例")
    quoted = cut.split("的目标值“", 1)[1].rsplit("”不是", 1)[0]
    assert quoted.endswith("……") and len(quoted) <= QUOTE_LIMIT + 8
    assert tidy_message("指标“培训合格率”的目标值“≥120%”超过100%") == "指标“培训合格率”的目标值“≥120%”超过100%"
    assert tidy_message("项目“”的表头未填写") == "项目（空白）的表头未填写"
