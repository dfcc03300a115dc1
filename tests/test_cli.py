"""The command line: the public JSON contracts of `value` and `extract`, and exit codes."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from perflint.cli import main

from conftest import SAMPLES


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_value_json_contract():
    code, out = run("value", "--format", "json", "≥0.42万人", "2024年12月31日前", "60 人，3 天")
    assert code == 0
    data = json.loads(out)
    assert [set(d) >= {"text", "kind", "comparator", "value", "unit", "date", "parts"} for d in data] == [True] * 3
    assert (data[0]["kind"], data[0]["comparator"], data[0]["value"], data[0]["unit"]) == ("quantity", ">=", 4200, "人")
    assert (data[1]["kind"], data[1]["comparator"], data[1]["date"]) == ("date", "<=", "2024-12-31")
    assert [(p["value"], p["unit"]) for p in data[2]["parts"]] == [(60, "人"), (3, "天")]


def test_value_year_option_places_relative_dates():
    code, out = run("value", "--format", "json", "--year", "2022", "年底前")
    assert json.loads(out)[0]["date"] == "2022-12-31"


def test_value_text_output_is_chinese():
    code, out = run("value", "≥0.42万人")
    assert code == 0 and out.strip() == "≥0.42万人\t数量 ≥4200人"


def test_extract_json_contract():
    code, out = run("extract", str(SAMPLES / "ningxia-rst-2022.txt"), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 1
    doc = data["documents"][0]
    assert {"path", "layout", "budget_year", "unit", "projects"} <= set(doc)
    project = doc["projects"][0]
    assert {"name", "line", "amounts", "indicators"} <= set(project)
    assert project["amounts"]["年度资金总额"] == 73398 and project["amounts"]["中央资金"] == 61388
    indicator = project["indicators"][0]
    assert {"tier1", "tier2", "name", "value_text", "value", "line"} <= set(indicator)
    assert indicator["value"]["kind"] == "quantity"


def test_extract_directory_and_filters(tmp_path):
    code, out = run("extract", str(SAMPLES), "--format", "json", "--exclude", "weixian*")
    paths = [d["path"] for d in json.loads(out)["documents"]]
    assert code == 0 and len(paths) == 3 and not any("weixian" in p for p in paths)
    code, out = run("extract", str(SAMPLES), "--format", "json", "--include", "*2024*.txt")
    assert len(json.loads(out)["documents"]) == 2


def test_extract_output_file(tmp_path):
    target = tmp_path / "model.json"
    code, out = run("extract", str(SAMPLES / "weixian-rsj-2021.txt"), "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["documents"][0]["projects"]) == 24


def test_usage_errors_exit_2():
    assert run("extract", "no/such/dir")[0] == 2
    assert run("value")[0] == 2
    assert run("extract", str(SAMPLES), "--format", "yaml")[0] == 2
    assert run("no-such-command")[0] == 2


def test_bad_file_in_a_batch_does_not_stop_it(tmp_path):
    (tmp_path / "good.txt").write_bytes((SAMPLES / "ningxia-jycy-2024.txt").read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 500)
    code, out = run("extract", str(tmp_path), "--format", "json")
    docs = {d["path"].rsplit("/", 1)[-1]: d for d in json.loads(out)["documents"]}
    assert code == 0
    assert docs["bad.txt"]["problems"][0]["category"] == "input"
    assert len(docs["good.txt"]["projects"]) == 7


@pytest.mark.parametrize("fmt", ["json", "sarif", "html", "xlsx"])
def test_a_report_that_cannot_be_written_is_one_line_and_exit_2(tmp_path, fmt):
    target = tmp_path / "missing" / f"report.{fmt}"
    result = CliRunner().invoke(main, ["check", str(SAMPLES / "yongning-2024-employment.txt"),
                                       "--format", fmt, "-o", str(target)])
    assert result.exit_code == 2
    assert "无法写入报告" in result.output and "所在文件夹不存在" in result.output
    assert "Traceback" not in result.output and not target.exists()


def test_a_written_report_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["check", str(SAMPLES / "yongning-2024-employment.txt"),
                                       "--format", "json", "-o", str(target), "--exit-zero"])
    assert result.exit_code == 0
    assert json.loads(target.read_text("utf-8"))["summary"]["files"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_closed_standard_streams_are_no_traceback(tmp_path):
    import subprocess
    import sys

    sample = str(SAMPLES / "yongning-2024-employment.txt")
    code = ("import sys; sys.stdout = None; from perflint.cli import main; "
            f"main(['check', {sample!r}])")
    closed_out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert closed_out.returncode == 2 and "Traceback" not in closed_out.stderr
    assert "标准输出不可用" in closed_out.stderr
    code = ("import sys; sys.stdout = sys.stderr = None; from perflint.cli import main; "
            f"main(['check', {sample!r}, '--format', 'json', '-o', {str(tmp_path / 'x.json')!r}])")
    both_closed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    # the report goes to its file; the exit code still says there are findings
    assert both_closed.returncode == 1 and "Traceback" not in both_closed.stderr
    assert (tmp_path / "x.json").exists()


def test_extract_streams_the_same_json_one_document_at_a_time(tmp_path):
    from perflint.documents import extract_file

    paths = sorted(SAMPLES.glob("*.txt"))[:2]
    out = tmp_path / "model.json"
    code, _ = run("extract", *map(str, paths), "--format", "json", "-o", str(out))
    expected = json.dumps({"schema_version": 1, "documents": [extract_file(str(p)).to_json() for p in paths]},
                          ensure_ascii=False, indent=2) + "\n"
    assert code == 0 and out.read_text(encoding="utf-8") == expected


def test_the_command_as_a_process_keeps_its_report_exit_code_and_exit_handlers(tmp_path):
    # the process leaves without tearing its objects down (cli.entry): what it wrote, its exit
    # code and the exit handlers registered on the way stay as they would be
    import subprocess
    import sys

    sample = str(SAMPLES / "ningxia-rst-2022.txt")       # errors in it: exit code 1
    args = ["check", sample, "--isolated", "--no-cache", "--format", "json"]
    inside = CliRunner().invoke(main, args)
    code = ("import atexit, sys; from perflint.cli import entry; "
            "atexit.register(lambda: print('handler ran', file=sys.stderr)); "
            f"sys.argv = ['perflint', *{args!r}]; entry()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == inside.exit_code == 1
    assert json.loads(done.stdout) == json.loads(inside.stdout)
    assert done.stderr.strip().endswith("handler ran")


def test_a_thread_still_running_at_the_end_is_waited_for():
    import subprocess
    import sys

    code = ("import sys, threading, time; from perflint.cli import entry; "
            "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start(); "
            "sys.argv = ['perflint', '--version']; entry()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "thread done"


@pytest.mark.parametrize("given, kept", [(None, "1"), ("4", "4")])
def test_the_command_asks_numpy_for_one_blas_thread_unless_told(given, kept):
    # perflint never uses BLAS: the threads numpy's would start at import only spin
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    code = ("import atexit, os, sys; from perflint.cli import entry; "
            "atexit.register(lambda: print(os.environ.get('OPENBLAS_NUM_THREADS'))); "
            "sys.argv = ['perflint', '--version']; entry()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == kept
