"""Configuration files, rule options and rule packs."""
from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

import perflint
import perflint.run as perflint_run
from perflint.cli import main
from perflint.config import ConfigError, find_config, from_mapping, load

from conftest import SAMPLES

SAMPLE = str(SAMPLES / "ningxia-jycy-2024.txt")


@pytest.fixture
def in_dir(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_config_found_walking_up(in_dir):
    (in_dir / "perflint.toml").write_text('fail-on = "warning"\nignore = ["PF204"]\n', encoding="utf-8")
    deep = in_dir / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == in_dir / "perflint.toml"
    os.chdir(deep)
    settings = load()
    assert settings.fail_on == "warning" and settings.ignore == ["PF204"]


def test_pyproject_table(in_dir):
    (in_dir / "pyproject.toml").write_text('[tool.perflint]\nprofile = "mof-2021"\n[tool.perflint.severity]\nPF402 = "warning"\n',
                                           encoding="utf-8")
    settings = load()
    assert settings.profile == "mof-2021" and settings.severity == {"PF402": "warning"}


@pytest.mark.parametrize("text, words", [
    ('nonsense = 1', "nonsense"),
    ('fail-on = "sometimes"', "fail-on"),
    ('select = "PF1"', "select"),
    ('budget-year = "2022"', "budget-year"),
    ('[severity]\nPF101 = "fatal"', "severity.PF101"),
    ('this is not toml', "TOML"),
])
def test_config_mistakes_exit_2_and_say_why(in_dir, text, words):
    (in_dir / "perflint.toml").write_text(text, encoding="utf-8")
    code, out = run("check", SAMPLE)
    assert code == 2 and words in out


def test_rule_options_are_checked(in_dir):
    (in_dir / "perflint.toml").write_text('[rules.PF104]\nmin-share = "0.95"\n', encoding="utf-8")
    report = perflint.check([SAMPLE], select=["PF104"])
    assert [f.code for f in report.findings] == []          # 90 < 95% of 100: now PF105's concern
    (in_dir / "perflint.toml").write_text('[rules.PF104]\nno-such-option = 1\n', encoding="utf-8")
    assert run("check", SAMPLE)[0] == 2
    (in_dir / "perflint.toml").write_text('[rules.PF999]\ntolerance = 1\n', encoding="utf-8")
    assert run("check", SAMPLE)[0] == 2
    (in_dir / "perflint.toml").write_text('[rules.PF104]\nmin-share = [1]\n', encoding="utf-8")
    assert run("check", SAMPLE)[0] == 2


def test_options_by_rule_name(in_dir):
    settings = from_mapping({"rules": {"placeholder-in-required-slot": {"placeholder-words": ["暂不涉及"]}}})
    report = perflint.check([SAMPLE], settings, select=["PF201"])
    assert report.findings == []


def test_per_file_ignores(in_dir):
    (in_dir / "perflint.toml").write_text(f'[per-file-ignores]\n"{os.path.basename(SAMPLE)}" = ["placeholder", "PF5"]\n',
                                          encoding="utf-8")
    codes = {f.code for f in perflint.check([SAMPLE]).findings}
    assert codes and not any(c.startswith(("PF2", "PF5")) for c in codes)


def test_config_show(in_dir):
    (in_dir / "perflint.toml").write_text('ignore = ["PF204"]\n[rules.PF103]\ntolerance = "0.02"\n', encoding="utf-8")
    code, out = run("config", "--show")
    assert code == 0 and 'ignore = ["PF204"]' in out and "[rules.PF103]" in out and "perflint.toml" in out


def test_isolated_ignores_config(in_dir):
    (in_dir / "perflint.toml").write_text('select = ["PF401"]\n', encoding="utf-8")
    assert run("check", SAMPLE, "--isolated", "--format", "concise")[1].count("PF204") == 7


def test_local_rule_folder(in_dir):
    folder = in_dir / "local_rules"
    folder.mkdir()
    (folder / "long_names.py").write_text('''"""XX001 name-too-long — 指标名称过长

## 检查内容
名称超过 20 个字。
## 为何重要
难读。
## 示例
不通过：很长的名称。
## 依据
本地规定。
"""
from perflint.api import Indicator, RuleContext, rule


@rule(code="XX001", name="name-too-long", category="text", severity="info", target=Indicator)
def check(ind: Indicator, ctx: RuleContext):
    if len(ind.name) > 20:
        yield ctx.finding(at=ind, message="指标名称过长")
''', encoding="utf-8")
    (in_dir / "perflint.toml").write_text('rule-paths = ["local_rules"]\nselect = ["XX"]\n', encoding="utf-8")
    report = perflint.check([SAMPLE])
    assert report.findings and {f.code for f in report.findings} == {"XX001"}
    code, out = run("rules")
    assert "XX001" in out


def test_broken_pack_is_a_warning_and_duplicate_codes_are_refused(in_dir):
    folder = in_dir / "local_rules"
    folder.mkdir()
    (folder / "broken.py").write_text("raise RuntimeError('oops')\n", encoding="utf-8")
    (folder / "dup.py").write_text('''"""PF101 my-own-pf101 — 冒名的规则"""
from perflint.api import Project, RuleContext, rule


@rule(code="PF101", name="my-own-pf101", category="funds", severity="error", target=Project)
def check(project: Project, ctx: RuleContext):
    yield ctx.finding(at=project, message="不应出现")
''', encoding="utf-8")
    (in_dir / "perflint.toml").write_text('rule-paths = ["local_rules"]\n', encoding="utf-8")
    report = perflint.check([SAMPLE], select=["PF101"])
    assert not any("不应出现" in f.message for f in report.findings)
    assert any("无法加载" in w for w in report.warnings)
    assert any("重复" in w and "PF101" in w for w in report.warnings)


def test_an_indicator_rule_is_called_only_for_the_value_kinds_it_names(in_dir):
    from perflint.documents import extract_file

    folder = in_dir / "local_rules"
    folder.mkdir()
    (folder / "dates.py").write_text('''"""XX003 every-date — 每个日期
"""
from perflint.api import Indicator, RuleContext, rule


@rule(code="XX003", name="every-date", category="value", severity="info", target=Indicator, kinds=["date"])
def check(ind: Indicator, ctx: RuleContext):
    yield ctx.finding(at=ind, message="日期", evidence=ind.value.kind + ":" + ind.name)
''', encoding="utf-8")
    (in_dir / "perflint.toml").write_text('rule-paths = ["local_rules"]\nselect = ["XX003"]\n', encoding="utf-8")
    sample = str(SAMPLES / "ningxia-rst-2022.txt")
    report = perflint.check([sample])
    dated = [i for p in extract_file(sample).projects for i in p.indicators if "date" in i.value.kinds]
    # a date on its own, or as one part of a value that lists several
    assert {i.value.kind for i in dated} == {"date", "multi"}
    assert sorted(f.line for f in report.findings) == sorted(i.loc.line for i in dated)


@pytest.mark.parametrize("target, kinds", [("Project", ["date"]), ("Indicator", ["dates"])])
def test_kinds_are_for_indicator_rules_and_known_kinds(target, kinds):
    from perflint import api

    with pytest.raises(ValueError, match="kinds"):
        api.rule(code="XX004", name="wrong-kinds", category="value", severity="info",
                 target=getattr(api, target), kinds=kinds)


def test_a_crashing_rule_becomes_a_finding(in_dir):
    folder = in_dir / "local_rules"
    folder.mkdir()
    (folder / "crash.py").write_text('''"""XX002 always-crashes — 总是出错"""
from perflint.api import Project, RuleContext, rule


@rule(code="XX002", name="always-crashes", category="text", severity="info", target=Project)
def check(project: Project, ctx: RuleContext):
    raise ValueError("boom")
''', encoding="utf-8")
    (in_dir / "perflint.toml").write_text('rule-paths = ["local_rules"]\nselect = ["XX002"]\n', encoding="utf-8")
    report = perflint.check([SAMPLE])
    assert len(report.findings) == 7 and {f.code for f in report.findings} == {"PF000"}
    assert "XX002" in report.findings[0].message


def test_python_api_accepts_dicts_and_returns_the_contract():
    report = perflint.check([SAMPLE], config={"select": ["PF104"], "fail-on": "warning"})
    data = report.to_json()
    assert data["summary"]["findings"] == 1 and data["findings"][0]["code"] == "PF104"
    assert report.exit_code("warning") == 1 and report.exit_code("error") == 0
    with pytest.raises(ConfigError):
        perflint.check([SAMPLE], config={"select": ["nothing-like-this"]})


def test_vocabulary_from_configuration_names_a_table_perflint_did_not_know(tmp_path):
    from perflint import vocabulary
    from perflint.config import ConfigError
    from perflint.run import check

    table = tmp_path / "t.txt"
    table.write_text("资助项目称谓\t乡村图书室\n本年安排数\t12\n一级指标\t二级指标\t三级指标\t指标值\n"
                     "产出指标\t数量指标\t新建图书室\t3个\n", encoding="utf-8")
    from perflint.documents import extract_file
    try:
        before = extract_file(str(table)).projects[0]
        assert before.name == "" and before.amount("年度资金总额") is None
        check([str(table)], config={"vocabulary": {"fields": {"项目名称": ["资助项目称谓"]},
                                                   "amounts": {"年度资金总额": ["本年安排数"]}}})
        after = extract_file(str(table)).projects[0]
        assert after.name == "乡村图书室" and after.amount("年度资金总额") == 12
    finally:
        vocabulary._EXTRA.clear()
        vocabulary._reset()
    with pytest.raises(ConfigError):
        check([str(table)], config={"vocabulary": {"labels": {"x": ["y"]}}})
    with pytest.raises(ConfigError):
        check([str(table)], config={"vocabulary": {"fields": {"项目名称": 3}}})


_CORPUS_RULES = '''"""XX501 same-name-elsewhere — 同名表出现在多个文件中

## 检查内容
两个文件中有同名的表。
## 为何重要
可能重复申报。
## 示例
不通过：两个文件都有“综合业务费”。
## 依据
本地规定。
"""
from perflint.api import Anchor, Corpus, RuleContext, exact_groups, rule


def tables(document, ctx: RuleContext):
    for project in document.projects:
        yield project.name, Anchor.of(document, project)


@rule(code="XX501", name="same-name-elsewhere", category="template", severity="info", target=Corpus,
      collect=tables)
def check(corpus: Corpus, ctx: RuleContext):
    for group in exact_groups(corpus.items, key=lambda item: item[0]):
        if len({at.file for _, at in group}) > 1:
            for _, at in group:
                yield ctx.finding(at=at, message=f"“{at.project}”在 {len(group)} 张表中出现")


@rule(code="XX502", name="same-name-elsewhere-slim", category="template", severity="info", target=Corpus)
def check_documents(corpus: Corpus, ctx: RuleContext):
    seen = {}
    for doc, project in corpus.projects():          # no collect: each file's slim Document
        seen.setdefault(project.name, []).append((doc, project))
    for name, places in seen.items():
        if len({doc.path for doc, _ in places}) > 1:
            for doc, project in places:
                yield ctx.finding(at=project, document=doc, project=project,
                                  message=f"“{name}”在 {len(places)} 张表中出现")
'''


def test_a_packs_cross_document_rule_collects_compact_items_or_gets_slim_documents(in_dir):
    folder = in_dir / "local_rules"
    folder.mkdir()
    (folder / "corpus_rules.py").write_text(_CORPUS_RULES, encoding="utf-8")
    (in_dir / "perflint.toml").write_text('rule-paths = ["local_rules"]\nselect = ["XX5"]\n', encoding="utf-8")
    shutil.copy(SAMPLE, in_dir / "a.txt")
    shutil.copy(SAMPLE, in_dir / "b.txt")
    one = perflint.check([str(in_dir / "a.txt"), str(in_dir / "b.txt")])
    two = perflint.check([str(in_dir / "a.txt"), str(in_dir / "b.txt")], jobs=2)
    by_code = {code: [(f.file, f.line, f.project, f.message, f.location.coordinates) for f in one.findings
                      if f.code == code] for code in ("XX501", "XX502")}
    assert by_code["XX501"] and by_code["XX501"] == by_code["XX502"]    # the same places either way
    assert {f.file for f in one.findings} == {str(in_dir / "a.txt"), str(in_dir / "b.txt")}
    assert [f.to_json() for f in two.findings] == [f.to_json() for f in one.findings]


_PARTITIONED_RULE = '''"""XX503 same-name-in-parts — 同名表出现在多个文件中（分部分比较）
"""
import json
import os

from perflint.api import Anchor, Corpus, RuleContext, exact_groups, rule


def tables(document, ctx: RuleContext):
    for project in document.projects:
        yield project.name, Anchor.of(document, project)


def name_of(item):
    return KEY


@rule(code="XX503", name="same-name-in-parts", category="template", severity="info", target=Corpus,
      collect=tables, partition_by=name_of)
def check(corpus: Corpus, ctx: RuleContext):
    with open(os.environ["CALLS"], "a", encoding="utf-8") as calls:      # what each part was given
        calls.write(json.dumps(sorted({name for name, _ in corpus.items})) + "\\n")
    for group in exact_groups(corpus.items, key=lambda item: item[0]):
        if len({at.file for _, at in group}) > 1:
            for _, at in group:
                yield ctx.finding(at=at, message=f"“{at.project}”在 {len(group)} 张表中出现")
'''


@pytest.mark.parametrize("key", ["item[0]", "[item[0]]"])
def test_a_rule_whose_items_part_by_key_runs_in_parts_with_the_same_report(in_dir, monkeypatch, key):
    """Each part is given the items of its keys; a key that cannot be hashed (a list) leaves the
    whole rule to the first part. The report is the same either way."""
    import json

    folder = in_dir / "local_rules"
    folder.mkdir()
    (folder / "parts.py").write_text(_PARTITIONED_RULE.replace("KEY", key), encoding="utf-8")
    (in_dir / "perflint.toml").write_text('rule-paths = ["local_rules"]\nselect = ["XX503"]\n', encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SAMPLE, in_dir / name)
    calls = in_dir / "calls.jsonl"
    monkeypatch.setenv("CALLS", str(calls))
    paths = [str(in_dir / name) for name in ("a.txt", "b.txt", "c.txt")]
    one = perflint.check(paths)
    whole = [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]
    calls.unlink()
    two = perflint.check(paths, jobs=2)
    parts = [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]
    calls.unlink()
    # a run of one process takes many items a part at a time (here: any), at most MOST_PARTS
    monkeypatch.setattr(perflint_run, "PART_BYTES", 1)
    apart = perflint.check(paths)
    one_by_one = [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]
    assert len(whole) == 1 and len(whole[0]) > 2 and len(parts) == 2 and len(one_by_one) == perflint_run.MOST_PARTS
    # each name in one part only, every name in some part
    for taken in (parts, one_by_one):
        assert sorted(name for part in taken for name in part) == whole[0]
    if key.startswith("["):
        assert sorted(parts) == [[], whole[0]]
        assert sorted(one_by_one) == [[], [], [], whole[0]]
    assert one.findings and [f.to_json() for f in two.findings] == [f.to_json() for f in one.findings]
    assert [f.to_json() for f in apart.findings] == [f.to_json() for f in one.findings]
    assert {f.code for f in one.findings} == {"XX503"}       # (no failure of the rule's)


@pytest.mark.parametrize("target, partition_by", [("Project", len), ("Corpus", "name")])
def test_partition_by_is_a_function_for_cross_document_rules(target, partition_by):
    from perflint import api

    with pytest.raises(ValueError, match="partition_by"):
        api.rule(code="XX504", name="wrong-parts", category="template", severity="info",
                 target=getattr(api, target), partition_by=partition_by)


def test_a_partition_key_that_fails_runs_the_rule_whole(in_dir, monkeypatch):
    folder = in_dir / "local_rules"
    folder.mkdir()
    broken = _PARTITIONED_RULE.replace("    return item[0]\n", "    return item[0][99]\n")    # IndexError
    (folder / "parts.py").write_text(broken, encoding="utf-8")
    (in_dir / "perflint.toml").write_text('rule-paths = ["local_rules"]\nselect = ["XX503"]\n', encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        shutil.copy(SAMPLE, in_dir / name)
    monkeypatch.setenv("CALLS", str(in_dir / "calls.jsonl"))
    paths = [str(in_dir / name) for name in ("a.txt", "b.txt")]
    one = perflint.check(paths)
    two = perflint.check(paths, jobs=2)
    assert one.findings and [f.to_json() for f in two.findings] == [f.to_json() for f in one.findings]
    assert {f.code for f in one.findings} == {"XX503"}       # (no failure of the rule's)
