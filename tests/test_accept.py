"""Accepting a finding with a reason: perflint accept writes who, when and why; accepted findings
leave the counts and the exit code, are listed apart with their reasons, and an acceptance that
matches nothing any more is reported."""
from __future__ import annotations

import json
import shutil
import sys

from click.testing import CliRunner

from perflint.cli import main

from conftest import SAMPLES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def _errors(folder):
    data = json.loads(invoke("check", str(folder), "--format", "json").stdout)
    return data, [f for f in data["findings"] if f["severity"] == "error"]


def test_accepted_findings_leave_the_exit_code_and_are_listed_with_their_reasons(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SAMPLES / "yongning-2024-employment.txt", docs / "永宁.txt")
    monkeypatch.chdir(tmp_path)
    data, errors = _errors("docs")
    assert errors and invoke("check", "docs").exit_code == 1
    done = invoke("accept", *[e["fingerprint"] for e in errors], "--reason", "已与处室核实", "--by", "张三",
                  "--path", "docs")
    assert done.exit_code == 0, done.output
    entries = tomllib.loads((tmp_path / "perflint-accepted.toml").read_text(encoding="utf-8"))["accepted"]
    assert len(entries) == len(errors)
    assert all(e["reason"] == "已与处室核实" and e["by"] == "张三" and e["at"] and e["file"] == "docs/永宁.txt"
               for e in entries)
    # accepted: out of the counts and the exit code, listed apart with the reason
    again = json.loads(invoke("check", "docs", "--format", "json").stdout)
    assert again["summary"]["findings"] == data["summary"]["findings"] - len(errors)
    assert again["summary"]["accepted"] == len(errors) and again["summary"]["by_severity"]["error"] == 0
    assert {f["fingerprint"] for f in again["accepted"]["findings"]} == {e["fingerprint"] for e in errors}
    assert invoke("check", "docs").exit_code == 0
    listed = invoke("check", "docs", "--format", "concise").output
    assert f"已接受 {len(errors)} 个问题" in listed and "理由：已与处室核实（张三" in listed
    # however the folder is spelled, from wherever
    monkeypatch.chdir(docs)
    assert invoke("check", ".", "--accepted", str(tmp_path / "perflint-accepted.toml")).exit_code == 0
    monkeypatch.chdir(tmp_path)
    # the defect fixed: the acceptance matches nothing and is reported
    text = (docs / "永宁.txt").read_text(encoding="utf-8")
    for e in errors:
        text = text.replace(e["text"], "≥95%") if e["text"] else text
    (docs / "永宁.txt").write_text(text, encoding="utf-8")
    stale = invoke("check", "docs", "--format", "concise").output
    assert "条接受记录已不再匹配任何问题" in stale


def test_accept_refuses_an_unknown_fingerprint_or_a_missing_reason(tmp_path, monkeypatch):
    shutil.copy(SAMPLES / "ningxia-jycy-2024.txt", tmp_path / "a.txt")
    monkeypatch.chdir(tmp_path)
    unknown = invoke("accept", "0000000000000000", "--reason", "x", "--path", "a.txt")
    assert unknown.exit_code == 2 and "没有找到指纹为 0000000000000000 的问题" in unknown.output
    assert invoke("accept", "0000000000000000", "--path", "a.txt").exit_code == 2    # --reason is required
    fingerprint = json.loads(invoke("check", "a.txt", "--format", "json").stdout)["findings"][0]["fingerprint"]
    blank = invoke("accept", fingerprint, "--reason", "  ", "--path", "a.txt")
    assert blank.exit_code == 2 and "理由" in blank.output
    assert not (tmp_path / "perflint-accepted.toml").exists()
    # a broken accept file is a usage error, not a silent pass
    (tmp_path / "perflint-accepted.toml").write_text("[[accepted]]\nfile = 1\n", encoding="utf-8")
    assert invoke("check", "a.txt").exit_code == 2


def test_every_report_lists_accepted_findings_apart(tmp_path, monkeypatch):
    import jsonschema
    from test_reports import SARIF_SCHEMA

    shutil.copy(SAMPLES / "ningxia-jycy-2024.txt", tmp_path / "a.txt")
    monkeypatch.chdir(tmp_path)
    fingerprint = json.loads(invoke("check", "a.txt", "--format", "json").stdout)["findings"][0]["fingerprint"]
    assert invoke("accept", fingerprint, "--reason", "<b>已核实</b>", "--path", "a.txt").exit_code == 0
    sarif = json.loads(invoke("check", "a.txt", "--format", "sarif").stdout)
    jsonschema.validate(sarif, SARIF_SCHEMA)
    suppressed = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    assert [r["partialFingerprints"]["perflint/v1"] for r in suppressed] == [fingerprint]
    assert suppressed[0]["suppressions"][0]["justification"] == "<b>已核实</b>"
    page = invoke("check", "a.txt", "--format", "html", "-o", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.exit_code in (0, 1) and 'id="accepted"' in html and "&lt;b&gt;已核实&lt;/b&gt;" in html
    full = invoke("check", "a.txt", "--no-color").output
    assert "已接受1个问题" in "".join(full.split())          # rich wraps at the spaces
