"""`perflint check`: the end-to-end snapshot on the samples, the JSON contract, formats and exit codes."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

import perflint
from perflint.cli import main

from conftest import SAMPLES


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def sample_report():
    return perflint.check([str(SAMPLES)], config={})


def test_samples_snapshot(sample_report, golden):
    """Every finding on the samples: code, file, line, project, indicator."""
    rows = [[f.code, f.file.rsplit("/", 1)[-1], f.line, f.project, f.indicator, f.severity]
            for f in sample_report.findings]
    golden("check_samples.json", rows)


def test_json_contract(sample_report):
    data = sample_report.to_json()
    assert data["schema_version"] == 1 and data["tool"]["name"] == "perflint"
    assert set(data["summary"]) == {"files", "projects", "findings", "by_severity", "by_category", "skipped", "accepted"}
    assert data["summary"]["files"] == 4 and data["summary"]["projects"] == 79
    assert [f["projects"] for f in data["files"]] == [7, 37, 24, 11]
    keys = {"code", "name", "category", "severity", "message", "hint", "file", "line", "project",
            "indicator", "fingerprint"}
    categories = {"funds", "placeholder", "tier", "value", "template", "consistency", "structure",
                  "text", "schedule", "input"}
    for f in data["findings"]:
        assert keys <= set(f)
        assert f["category"] in categories and f["severity"] in ("error", "warning", "info")
        assert isinstance(f["line"], int) and f["line"] >= 1
    fingerprints = [f["fingerprint"] for f in data["findings"]]
    assert len(set(fingerprints)) == len(fingerprints)


def test_domain_examples_are_found(sample_report):
    found = {(f.code, f.file.rsplit("/", 1)[-1], f.line) for f in sample_report.findings}
    expected = {
        ("PF104", "ningxia-jycy-2024.txt", 492),      # 25+35+20+10 = 90 vs 100
        ("PF102", "ningxia-rst-2022.txt", 271),       # 项目总额 79.96 but 本级资金 71.37
        ("PF105", "ningxia-rst-2022.txt", 1130),      # 5349万元 with 207万元 of cost rows
        ("PF106", "ningxia-rst-2022.txt", 623),       # 安家费 900万元 twice
        ("PF106", "ningxia-rst-2022.txt", 772),       # 100000元 / 10万元
        ("PF108", "ningxia-rst-2022.txt", 282),       # 400人 × 5天 × 400元/人天 = 80万元 vs 79.96
        ("PF201", "yongning-2024-employment.txt", 59),  # 数量指标 本指标不适用此项目
        ("PF202", "yongning-2024-employment.txt", 201),  # filler name with ≥0.42万人
        ("PF203", "yongning-2024-employment.txt", 413),  # every 效益 N/A
        ("PF204", "ningxia-jycy-2024.txt", 108),       # 0 0
        ("PF301", "yongning-2024-employment.txt", 62),  # 开办招聘会 ≥20场 under 质量
        ("PF302", "ningxia-rst-2022.txt", 1387),      # 260元 under 数量
        ("PF303", "weixian-rsj-2021.txt", 782),       # satisfaction under 质量
        ("PF304", "weixian-rsj-2021.txt", 385),       # % under 成本
        ("PF305", "weixian-rsj-2021.txt", 392),       # social stability under 经济效益
        ("PF306", "weixian-rsj-2021.txt", 364),       # 以到位率作为时效指标 under 数量
        ("PF307", "yongning-2024-employment.txt", 65),  # 产出 指标 as a 二级 label
        ("PF402", "yongning-2024-employment.txt", 19),  # ≥100%
        ("PF403", "ningxia-rst-2022.txt", 449),       # 合格率 ≤95%
        ("PF404", "ningxia-rst-2022.txt", 450),       # 故障率 ≥5%
        ("PF404", "ningxia-rst-2022.txt", 309),       # 故障率 >95%
        ("PF406", "yongning-2024-employment.txt", 410),  # a document number as cost
        ("PF407", "weixian-rsj-2021.txt", 1865),      # 满意率 是
        ("PF408", "weixian-rsj-2021.txt", 1823),      # 参保人数 ≥90%
        ("PF409", "weixian-rsj-2021.txt", 2437),      # ≥1万
        ("PF410", "weixian-rsj-2021.txt", 1728),      # ≥1次数
        ("PF411", "yongning-2024-employment.txt", 380),  # ≥0.0005万人
        ("PF412", "ningxia-rst-2022.txt", 570),       # 2021年11月 in 2022
        ("PF412", "ningxia-rst-2022.txt", 1392),      # 2020年12月 in 2022
        ("PF413", "ningxia-jycy-2024.txt", 486),      # 较好
        ("PF507", "yongning-2024-employment.txt", 72),  # 城镇新增就业人数 ≥0.42万人: the region's target, in many projects
        ("PF501", "yongning-2024-employment.txt", 81),  # 重大群体性事件数量 ≤0 in many projects
        ("PF503", "ningxia-jycy-2024.txt", 399),      # 经济效益 = 社会效益
        ("PF504", "weixian-rsj-2021.txt", 264),       # ≥80% everywhere
        ("PF505", "weixian-rsj-2021.txt", 465),       # description = name
        ("PF506", "weixian-rsj-2021.txt", 74),        # a repeated paragraph
        ("PF601", "ningxia-rst-2022.txt", 898),       # goal 4期 120人次, 培训班数量 1个
        ("PF602", "weixian-rsj-2021.txt", 124),       # 所需资金20万元 vs 预算数 10
        ("PF604", "ningxia-rst-2022.txt", 1326),      # 2023年…28.7万元 in a 2022 table
        ("PF604", "ningxia-rst-2022.txt", 277),       # 2021年计划培训 in a 2022 table
        ("PF605", "ningxia-rst-2022.txt", 767),       # 档案库改造, 密集架: costed but never counted
        ("PF606", "yongning-2024-employment.txt", 272),  # one goal column cut at 岗位安
        ("PF703", "ningxia-rst-2022.txt", 269),       # 实施单位, 项目期 empty
        ("PF705", "ningxia-rst-2022.txt", 1029),      # a named indicator with no value
        ("PF706", "yongning-2024-employment.txt", 20),  # 指标2: left in
        ("PF707", "yongning-2024-employment.txt", 272),  # goal cut mid-phrase
        ("PF801", "ningxia-rst-2022.txt", 57),        # <p>
        ("PF801", "weixian-rsj-2021.txt", 3),         # TC … \f A \l 1
        ("PF802", "weixian-rsj-2021.txt", 188),       # 经经济
        ("PF802", "ningxia-rst-2022.txt", 747),       # 离校离校
        ("PF802", "yongning-2024-employment.txt", 365),  # 支付到位率支付到位率
        ("PF802", "weixian-rsj-2021.txt", 139),       # a sentence repeated
        ("PF803", "ningxia-rst-2022.txt", 455),       # 维保服务0
        ("PF805", "yongning-2024-employment.txt", 65),  # 2024.12.31钱下达率
        ("PF904", "weixian-rsj-2021.txt", 2300),      # 50%, blank, 100%
    }
    assert expected - found == set()


def test_tables_that_add_up_get_no_funds_finding(sample_report):
    funds = {(f.file.rsplit("/", 1)[-1], f.project) for f in sample_report.findings
             if f.category == "funds" and f.code != "PF109"}
    for name in ("就业专项资金", "人事就业社会保障管理经费", "职业技能鉴定及技能竞赛费", "职业技能竞赛费(就业资金)",
                 "人力资源信息系统运行维护费", "教育培训专项", "劳动人事争议调解仲裁", "业务人员培训费"):
        assert ("ningxia-rst-2022.txt", name) not in funds, name
    assert not [f for f in funds if f[0] == "yongning-2024-employment.txt"]


@pytest.mark.parametrize("fmt", ["full", "concise", "json", "jsonl"])
def test_formats(fmt):
    code, out = run("check", str(SAMPLES / "ningxia-jycy-2024.txt"), "--format", fmt, "--isolated")
    assert code == 0 and out.strip()     # warnings and hints only: below the default fail level
    if fmt == "json":
        assert json.loads(out)["summary"]["files"] == 1
    if fmt == "jsonl":
        lines = [json.loads(line) for line in out.strip().splitlines()]
        assert lines and all("code" in line for line in lines)
    if fmt == "concise":
        assert out.splitlines()[0].startswith(str(SAMPLES / "ningxia-jycy-2024.txt") + ":")


def test_full_report_fits_80_columns():
    from perflint.reporters import RenderOptions, render

    report = perflint.check([str(SAMPLES / "ningxia-rst-2022.txt")], config={})
    text = render(report, "full", RenderOptions(width=80))
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert "共检查 1 个文件、37 张表" in text
    assert not any(line != line.rstrip() for line in text.splitlines())


def test_exit_codes(tmp_path):
    sample = str(SAMPLES / "ningxia-jycy-2024.txt")
    assert run("check", sample, "--isolated")[0] == 0                     # warnings and hints only
    assert run("check", sample, "--isolated", "--fail-on", "warning")[0] == 1
    assert run("check", str(SAMPLES / "ningxia-rst-2022.txt"), "--isolated")[0] == 1   # has errors
    assert run("check", sample, "--isolated", "--fail-on", "never")[0] == 0
    assert run("check", sample, "--isolated", "--exit-zero", "--fail-on", "info")[0] == 0
    assert run("check", sample, "--isolated", "--select", "PF401")[0] == 0   # nothing found
    assert run("check", "no/such/file.txt", "--isolated")[0] == 2
    assert run("check", sample, "--isolated", "--select", "PF999")[0] == 2
    assert run("check", sample, "--isolated", "--format", "yaml")[0] == 2
    assert run("check", sample, "--isolated", "--severity", "PF104")[0] == 2


def test_select_ignore_and_severity_override():
    report = perflint.check([str(SAMPLES)], config={}, select=["funds"], ignore=["PF105"],
                            severity={"PF104": "info"})
    codes = {f.code for f in report.findings}
    assert codes and all(c.startswith("PF1") for c in codes) and "PF105" not in codes
    assert {f.severity for f in report.findings if f.code == "PF104"} == {"info"}


def test_statistics_replace_the_list_one_row_per_rule_in_the_runs_language():
    sample = str(SAMPLES / "ningxia-jycy-2024.txt")
    full = perflint.check([sample], config={})
    counts = {}
    for f in full.findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    result = CliRunner().invoke(main, ["check", sample, "--isolated", "--statistics"])
    rows = result.stdout.strip().splitlines()
    assert len(rows) == len(counts)                  # counts instead of the list, a rule once
    first = rows[0].split()
    assert int(first[0]) == max(counts.values()) and first[2] in ("错误", "警告", "提示")
    assert "共检查" not in result.stdout
    english = CliRunner().invoke(main, ["check", sample, "--isolated", "--statistics", "--lang", "en"]).stdout
    assert english.split("\n")[0].split()[2] in ("error", "warning", "info")
    data = json.loads(CliRunner().invoke(main, ["check", sample, "--isolated", "--statistics",
                                                "--format", "json"]).stdout)
    assert {row["code"]: row["count"] for row in data} == counts


def test_output_file(tmp_path):
    target = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["check", str(SAMPLES / "weixian-rsj-2021.txt"), "--isolated",
                                       "--format", "json", "-o", str(target)])
    assert result.stdout == "" and json.loads(target.read_text(encoding="utf-8"))["summary"]["projects"] == 24
    # where the report went, and what it holds, on standard error
    assert f"报告已写入 {target}" in result.stderr and "24 张表" in result.stderr


def test_fingerprints_survive_moved_lines(tmp_path):
    original = (SAMPLES / "ningxia-jycy-2024.txt").read_text(encoding="utf-8")
    shifted = tmp_path / "a.txt"
    shifted.write_text("\n\n\n" + original, encoding="utf-8")
    plain = tmp_path / "b.txt"
    plain.write_text(original, encoding="utf-8")
    a = perflint.check([str(shifted)], config={})
    b = perflint.check([str(plain)], config={})
    assert [f.line for f in a.findings] == [f.line + 3 for f in b.findings]
    # the file name differs, so compare fingerprints computed for the same path
    moved = perflint.check([str(shifted)], config={})
    assert [f.fingerprint for f in moved.findings] == [f.fingerprint for f in a.findings]


def test_rules_and_rule_commands():
    code, out = run("rules", "--isolated")
    assert code == 0 and "PF101" in out and "header-amounts-disagree" in out
    code, out = run("rule", "PF101", "--isolated")
    assert code == 0 and "## 检查内容" in out and "## 依据" in out and "tolerance" in out
    assert run("rule", "PF999", "--isolated")[0] == 2
    code, out = run("rules", "--format", "json", "--isolated")
    assert {r["category"] for r in json.loads(out)} >= {"funds", "placeholder", "tier", "value", "template"}


def test_english_report():
    code, output = run("check", str(SAMPLES / "yongning-2024-employment.txt"), "--isolated", "--lang", "en",
                       "--format", "concise", "--exit-zero")
    assert code == 0
    lines = output.strip().splitlines()
    assert lines[-1].endswith("findings") and "files" in lines[-1]
    assert any("PF805 [warning] In the 指标名称, “钱下达率” is probably a slip for “前下达率”" in line for line in lines)
    assert not any("[警告]" in line or "疑为" in line for line in lines)


def test_language_does_not_change_fingerprints():
    path = [str(SAMPLES / "ningxia-jycy-2024.txt")]
    zh = perflint.check(path, {"lang": "zh"})
    en = perflint.check(path, {"lang": "en"})
    assert [f.fingerprint for f in zh.findings] == [f.fingerprint for f in en.findings]
    # English sentences (a name they quote may come first), English hints
    assert all((f.message[:1].isascii() or f.message[:1] == "“") and f.hint[:1].isascii() for f in en.findings)
    assert all(not f.message[:1].isascii() for f in zh.findings)


def test_extreme_numbers_never_make_a_rule_fail(tmp_path):
    """Forty nines, 1e-30 and thousands of digits are noise, not amounts: no rule computes on them."""
    nines, digits = "9" * 40, "9" * 5000
    path = tmp_path / "extreme.txt"
    path.write_text(
        "2024年项目支出绩效目标表\n项目名称\t测试项目\n"
        f"项目总额\t{nines}\t其中：年度资金总额\t{nines}.5\n本级资金\t0.000000000000000000000000000000001\n"
        f"年度绩效目标\t完成任务，所需资金{nines}万元。\n一级指标\t二级指标\t三级指标\t指标值\n"
        f"产出指标\t数量指标\t培训人数\t{digits}人\n产出指标\t成本指标\t培训费\t{nines}万元\n"
        "产出指标\t成本指标\t资料费\t0.00000000000000000000000000001万元\n", encoding="utf-8")
    report = perflint.check([str(path)])
    assert report.files[0].projects == 1
    assert not [f for f in report.findings if f.code == "PF000"]


def test_the_report_is_the_same_whatever_the_hash_seed(tmp_path):
    """Python salts string hashes per process: nothing in a report may depend on a set's order
    (which of two findings on one row covers the other was once decided that way)."""
    import os
    import subprocess
    import sys

    folder = tmp_path / "docs"
    folder.mkdir()
    for k in range(2):                 # a row pasted into several tables: PF507 covers PF501
        shutil.copy(SAMPLES / "yongning-2024-employment.txt", folder / f"{k}.txt")
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"{seed}.json"
        subprocess.run([sys.executable, "-m", "perflint", "check", str(folder), "--isolated", "--format", "json",
                        "-o", str(out)], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
        outputs.append(json.loads(out.read_text(encoding="utf-8"))["findings"])
    assert any(f["covers"] for f in outputs[0])
    assert outputs[0] == outputs[1] == outputs[2]


def test_models_are_kept_whole_only_when_asked():
    path = str(SAMPLES / "ningxia-jycy-2024.txt")
    assert perflint.check([path], config={}).models is None
    report = perflint.check([path], config={}, models=True)
    assert [d.path for d in report.models] == [path]
    project = report.models[0].projects[0]
    assert project.fields and project.goals          # whole: the header and goals the page draws


def test_a_run_leaves_the_collector_as_it_found_it():
    # a run freezes what lives to its end while it checks across documents, and thaws it again;
    # a caller that keeps objects frozen itself keeps them frozen
    import gc

    sample = str(SAMPLES / "ningxia-jycy-2024.txt")
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    perflint.check([sample])
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()               # off only while the run held what it keeps
    gc.disable()
    try:
        perflint.check([sample])
        assert not gc.isenabled()       # a caller's own choice stays
    finally:
        gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        perflint.check([sample])
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
