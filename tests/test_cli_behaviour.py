"""The command line behaves like the linters people know (ruff, sqlfluff): help that fits a
terminal and is in Chinese throughout, -V, exit 130 on Ctrl-C, a report written to a file
announced, standard input, --show-files/--show-settings, configuration found per file."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from perflint.cells import cells as _cells
from perflint.cli import main
from perflint.reporters import formats

from conftest import SAMPLES

SAMPLE = SAMPLES / "ningxia-jycy-2024.txt"


def invoke(*args, **kwargs):
    return CliRunner().invoke(main, list(args), terminal_width=80, **kwargs)


@pytest.mark.parametrize("command", [[], ["check"], ["annotate"], ["serve"], ["accept"], ["merge"], ["cache"], ["extract"], ["value"], ["rules"], ["rule"], ["config"],
                                     ["layouts"]])
@pytest.mark.parametrize("columns", [80, 120])
def test_help_fits_the_terminal_and_never_cuts_a_word(command, columns):
    out = subprocess.run([sys.executable, "-m", "perflint", *command, "--help"], capture_output=True,
                         text=True, env={"COLUMNS": str(columns), "PATH": ""}).stdout
    assert out.startswith("用法:")
    assert all(_cells(line) <= columns for line in out.splitlines()), out
    assert "Show this message" not in out and "Show the version" not in out
    assert "示例" in out                                           # every command shows how it is used
    if command == ["check"]:
        assert all(re.search(rf"\b{f}\b", out) for f in formats())     # every format, whole
        assert "退出码" in out
    if not command:
        assert "perflint check" in out


def test_version_and_click_words_in_chinese():
    assert invoke("-V").output.strip().startswith("perflint ")
    assert invoke("--version").exit_code == 0
    missing = invoke("check")
    assert missing.exit_code == 2 and "缺少参数" in missing.output and "Missing" not in missing.output
    typo = invoke("chek")
    assert typo.exit_code == 2 and "没有命令" in typo.output and "check" in typo.output


def test_ctrl_c_exits_130_without_a_traceback_or_a_half_written_report(tmp_path, monkeypatch):
    import perflint.run

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(perflint.run, "check", interrupted)
    target = tmp_path / "report.json"
    result = invoke("check", str(SAMPLE), "--isolated", "--format", "json", "-o", str(target))
    assert result.exit_code == 130
    assert "已中断" in result.output and "Aborted" not in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_document_on_standard_input(tmp_path):
    text = SAMPLE.read_bytes()
    named = invoke("check", "-", "--stdin-filename", "宁夏.txt", "--isolated", "--format", "json", input=text)
    data = json.loads(named.stdout)
    assert data["summary"]["projects"] == 7 and {f["file"] for f in data["findings"]} == {"宁夏.txt"}
    plain = invoke("check", "-", "--isolated", "--format", "concise", input=text)
    assert plain.stdout.startswith("-:") and plain.exit_code in (0, 1)
    docx = shutil.which("true")      # any path: --stdin-filename without - is a usage error
    assert invoke("check", str(SAMPLE), "--stdin-filename", str(docx)).exit_code == 2


def test_show_files_and_show_settings_check_nothing(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "a.txt")
    shutil.copy(SAMPLE, folder / "sub" / "b.txt")
    (folder / "sub" / "perflint.toml").write_text('ignore = ["PF204"]\n', encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")
    shown = invoke("check", str(folder), "--show-files")
    assert shown.exit_code == 0
    lines = shown.output.splitlines()
    assert lines[0] == str(folder / "a.txt")
    assert lines[1].startswith(str(folder / "sub" / "b.txt")) and "sub/perflint.toml" in lines[1]
    assert "notes.json" in lines[2] and "格式不支持" in lines[2]
    settings = invoke("check", str(folder / "sub" / "b.txt"), "--show-settings")
    assert settings.exit_code == 0 and 'ignore = ["PF204"]' in settings.output
    assert "sub/perflint.toml" in settings.output


def test_each_file_is_checked_with_its_nearest_configuration(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    (folder / "strict").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "plain.txt")
    shutil.copy(SAMPLE, folder / "strict" / "quiet.txt")
    (folder / "strict" / "perflint.toml").write_text(
        'ignore = ["PF204"]\n[severity]\nPF416 = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = json.loads(invoke("check", "docs", "--format", "json").stdout)
    codes = {}
    for f in data["findings"]:
        codes.setdefault(f["file"].rsplit("/", 1)[1], []).append((f["code"], f["severity"]))
    assert ("PF204", "info") in codes["plain.txt"]
    assert not any(code == "PF204" for code, _ in codes["quiet.txt"])
    assert ("PF416", "error") in codes["quiet.txt"] and ("PF416", "warning") in codes["plain.txt"]
    # worker processes find each file's configuration the same way
    parallel = json.loads(invoke("check", "docs", "--format", "json", "-j", "2").stdout)
    assert [(f["file"], f["code"], f["severity"]) for f in parallel["findings"]] == \
        [(f["file"], f["code"], f["severity"]) for f in data["findings"]]
    # the command line wins over every file's configuration
    data = json.loads(invoke("check", "docs", "--format", "json", "--ignore", "PF416").stdout)
    assert not any(f["code"] == "PF416" for f in data["findings"])
    # a configuration given, or none wanted: one for all
    data = json.loads(invoke("check", "docs", "--format", "json", "--isolated").stdout)
    assert sum(f["code"] == "PF204" for f in data["findings"]) == 2 * sum(
        code == "PF204" for code, _ in codes["plain.txt"])
    # the statistics keep a rule on one row when files give it different severities
    stats = invoke("check", "docs", "--statistics").stdout.splitlines()
    assert sum(" PF416 " in row for row in stats) == 1 and "错误" in next(r for r in stats if " PF416 " in r)


def test_the_pre_commit_hook_runs_perflint_on_every_supported_file():
    import yaml

    from perflint.readers import supported_suffixes

    root = SAMPLES.parent
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "perflint")
    assert all(re.search(hook["files"], f"docs/表{suffix}") for suffix in supported_suffixes())
    assert re.search(hook["exclude"], "docs/~$表.docx") and not re.search(hook["exclude"], "docs/表.docx")
    command = hook["entry"].split()
    assert command[0] == "perflint"
    tables = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]            # as pre-commit passes them
    done = subprocess.run([sys.executable, "-m", "perflint", *command[1:], *tables], capture_output=True, text=True)
    assert done.returncode == 1 and "PF" in done.stdout     # the samples hold errors: the commit is stopped


def test_shell_completion_knows_the_commands_and_formats():
    env = {"COMP_WORDS": "perflint check --format j", "COMP_CWORD": "3", "_PERFLINT_COMPLETE": "bash_complete",
           "PATH": ""}
    done = subprocess.run([sys.executable, "-m", "perflint"], capture_output=True, text=True, env=env)
    assert "plain,json" in done.stdout and "plain,jsonl" in done.stdout and "plain,junit" in done.stdout


def test_the_browser_install_script_shows_why_apt_failed(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in {"apt-get": 'echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 42 (apt)"; exit 100',
                       "id": "echo 0", "fc-list": "exit 0", "mktemp": f"echo {tmp_path}/log", "rm": "exit 0",
                       "cat": f"{shutil.which('cat')} \"$@\""}.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    script = SAMPLES.parent / "tests" / "install-browser.sh"
    done = subprocess.run(["/bin/sh", str(script)], capture_output=True, text=True,
                          env={"PATH": str(bin_dir), "CHROMIUM": "/nonexistent"})
    assert done.returncode == 1
    assert "Could not get lock" in done.stderr and "wait for it to finish" in done.stderr


def test_the_readme_json_example_shows_todays_counts(monkeypatch):
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("### The JSON report", 1)[1].split("```json", 1)[1].split('"files": [', 1)[0]
    shown = {key: int(n) for key, n in re.findall(r'"(files|projects|findings|error|warning|info|funds|skipped)": (\d+)',
                                                   example)}
    monkeypatch.chdir(SAMPLES.parent)
    data = json.loads(invoke("check", "samples", "--isolated", "--format", "json").stdout)
    s = data["summary"]
    actual = {"files": s["files"], "projects": s["projects"], "findings": s["findings"], **s["by_severity"],
              "funds": s["by_category"]["funds"], "skipped": s["skipped"]}
    assert shown == actual
    assert data["skipped"] == {"unsupported": ["samples/README.md"]}


def test_the_terminal_report_labels_hints_apart_from_severities_and_aligns_its_columns():
    out = invoke("check", str(SAMPLES / "weixian-rsj-2021.txt"), "--isolated", "--no-color").output
    assert "建议：" in out and "提示：" not in out                    # 提示 is a severity only
    # every finding's text starts in one column, whatever the group
    starts = {line.index(" PF") for line in out.splitlines() if re.match(r"\s+\d+\s+(错误|警告|提示)\s+PF\d{3}", line)}
    assert len(starts) == 1, starts
    english = invoke("check", str(SAMPLES / "weixian-rsj-2021.txt"), "--isolated", "--no-color", "--lang", "en").output
    starts = {m.start(2) for line in english.splitlines()
              if (m := re.match(r"\s+\d+\s+(error|warning|info)\s+(PF\d{3})", line))}
    assert len(starts) == 1, starts


def test_no_python_words_reach_the_user(tmp_path):
    rule = invoke("rule", "PF103", "--isolated").output
    assert 'tolerance = "0"' in rule and "Decimal" not in rule
    reference = (SAMPLES.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "DOMAIN" not in reference and "Decimal(" not in reference
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook at all")
    locked = tmp_path / "locked.txt"
    locked.write_text("项目名称\t测试\n", encoding="utf-8")
    locked.chmod(0)
    try:
        data = json.loads(invoke("check", str(tmp_path), "--isolated", "--format", "json").stdout)
    finally:
        locked.chmod(0o644)
    messages = " ".join(f["message"] for f in data["findings"])
    assert not re.search(r"BadZipFile|OSError|Errno|Error\b|Exception", messages), messages
    assert "文件已损坏" in messages
    import os
    if os.geteuid() != 0:                      # root reads any file
        assert "没有读写权限" in messages


@pytest.mark.parametrize("lang, said", [("zh", "内部错误"), ("en", "internal error")])
def test_a_defect_of_perflint_is_said_as_one_with_exit_2_never_1(monkeypatch, lang, said):
    import perflint.run

    def broken(*args, **kwargs):
        raise RuntimeError("a defect")

    monkeypatch.setattr(perflint.run, "check", broken)
    result = invoke("check", str(SAMPLE), "--lang", lang)
    assert result.exit_code == 2
    assert said in result.stderr and "RuntimeError: a defect" in result.stderr
