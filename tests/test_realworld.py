"""The development set of real tables (tests/data/realworld): every table found and named, its
annual total and indicator rows read, its labelled defects found, no error on its traps."""
from __future__ import annotations

import json
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from perflint.documents import extract_file
from perflint.run import check

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent / "data" / "realworld"
FACTS = json.loads((HERE / "projects.json").read_text("utf-8"))
LABELS = tomllib.loads((HERE / "labels.toml").read_text("utf-8"))
#: run-together text that runs a whole form into one line: too unclear to cut into rows (the
#: reading says so with an error, PF002, rather than guessing)
UNREADABLE = {"ezhou/ezhou_2022_bangonglou.txt", "ningxiang/ningxiang_2021_jichusheshi.txt"}


def norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").replace(" ", "").replace("\u3000", "")


def same_name(a: str | None, b: str | None) -> bool:
    a, b = norm(a), norm(b)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def variants(txt: str) -> list[str]:
    stem = txt.rsplit(".", 1)[0]
    out = [txt] + [stem + ext for ext in (".docx", ".xlsx") if (HERE / (stem + ext)).exists()]
    return out + ([stem + "_trad.txt"] if (HERE / (stem + "_trad.txt")).exists() else [])


READ = [(fact, v) for fact in FACTS for v in variants(fact["file"])]


@pytest.mark.parametrize("fact,variant", READ, ids=[f"{v}:{f['project'][:6]}" for f, v in READ])
def test_table_is_found_named_and_read(fact, variant):
    doc = extract_file(str(HERE / variant))
    if variant in UNREADABLE:
        # what is read is said to be doubtful (PF003) and kept from the rules, or nothing is read (PF002)
        assert all(p.doubtful for p in doc.projects if p.indicators)
        assert doc.problems or all(q.problems_with("doubtful-reading", "no-indicator-heading") for q in doc.projects)
        return
    project = next((p for p in doc.projects if same_name(p.name, fact["project"])), None)
    assert project is not None, [p.name for p in doc.projects]
    annual = project.amount("年度资金总额")
    if fact["年度资金总额"] is None:
        assert annual is None
    else:
        assert annual is not None and abs(annual - Decimal(str(fact["年度资金总额"]))) < Decimal("0.005")
    named = [i for i in project.indicators if i.name.strip()]
    # the .xlsx of mata and the .docx of ezhou leave out a row the page cut in half
    assert len(named) >= fact["indicators"] - 1
    assert not project.doubtful


def _findings() -> dict[str, list]:
    files = sorted({v for group in ("find", "trap") for label in LABELS[group] for v in variants(label["file"])})
    report = check([str(HERE / f) for f in files], config={})
    out: dict[str, list] = {f: [] for f in files}
    for finding in report.findings:
        rel = str(Path(finding.file).resolve().relative_to(HERE))
        out.setdefault(rel, []).append(finding)
    return out


@pytest.fixture(scope="module")
def findings():
    return _findings()


def _in_project(finding, project: str, fact_count: int) -> bool:
    return same_name(finding.project, project) or (fact_count == 1 and not finding.project and finding.code != "PF002")


def _count(file: str) -> int:
    return sum(1 for f in FACTS if f["file"] == file)


def test_no_error_on_a_trap(findings):
    alarms = []
    for trap in LABELS["trap"]:
        for v in variants(trap["file"]):
            alarms += [(v, f.code, f.message) for f in findings[v] if f.severity == "error"
                       and f.category in trap["cats"] and _in_project(f, trap["project"], _count(trap["file"]))]
    assert alarms == []


def test_labelled_defects_are_found(findings):
    """A floor under what the reviewer's labels find today: it may only rise."""
    lenient = strict = total = 0
    for label in LABELS["find"]:
        for v in variants(label["file"]):
            total += 1
            hits = [f for f in findings[v] if f.category in label["cats"]
                    and _in_project(f, label["project"], _count(label["file"]))]
            lenient += bool(hits)
            strict += any(norm(label["key"]) in norm(" ".join(str(x or "") for x in (f.indicator, f.text, f.message)))
                          for f in hits)
    assert total == 131
    assert lenient >= 119 and strict >= 82, (lenient, strict)


def test_no_file_is_left_unread_in_silence(findings):
    for file, found in findings.items():
        doc = extract_file(str(HERE / file))
        if not any(p.indicators for p in doc.projects):
            assert any(f.code == "PF002" and f.severity == "error" for f in found), file
