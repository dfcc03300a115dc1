"""-j N on this machine (perflint/pool.py): a worker process that dies takes only the file it was
checking with it — checked again alone, and reported as not checked (PF001) when it kills that
process too — and the run goes on to the same report for every other file."""
from __future__ import annotations

import os
import shutil
from concurrent.futures.process import BrokenProcessPool

import pytest

import perflint
from perflint.pool import LocalPool

from conftest import SAMPLES


def _start() -> None:
    pass


def _refuse_to_start() -> None:
    raise RuntimeError("this worker cannot start")


def _task(item: tuple[str, str]) -> tuple[str, str]:
    path, name = item
    if name.startswith("boom"):
        os._exit(3)         # as a segfault or the system's out-of-memory killer would end it
    return "checked", name


def _not_checked(path: str, name: str) -> tuple[str, str]:
    return "not checked", name


def _outcomes(named: list[tuple[str, str]], jobs: int = 2, start=_start) -> list:
    pool = LocalPool(jobs, start, (), _task)
    try:
        return list(pool.outcomes(named, _not_checked))
    finally:
        pool.shutdown()


@pytest.mark.parametrize("dying", [[0], [7], [3, 4], [2, 11, 12, 29], [29]])
def test_each_dying_file_is_reported_and_every_other_is_checked_in_order(dying):
    named = [(f"p{k}", f"boom{k}" if k in dying else f"file{k}") for k in range(30)]
    assert _outcomes(named) == [("not checked" if name.startswith("boom") else "checked", name)
                                for _, name in named]


@pytest.mark.parametrize("ahead", [1, 3])
def test_files_handed_over_a_few_at_a_time_come_back_the_same(monkeypatch, ahead):
    import perflint.pool

    monkeypatch.setattr(perflint.pool, "AHEAD", ahead)
    named = [(f"p{k}", f"boom{k}" if k in (0, 4, 5) else f"file{k}") for k in range(12)]
    assert _outcomes(named) == [("not checked" if name.startswith("boom") else "checked", name)
                                for _, name in named]


def test_a_pool_of_one_recovers_too():
    named = [(f"p{k}", f"boom{k}" if k == 1 else f"file{k}") for k in range(4)]
    assert [state for state, _ in _outcomes(named, jobs=1)] == ["checked", "not checked", "checked", "checked"]


def test_workers_that_cannot_start_stop_the_run_rather_than_blame_every_file():
    named = [(f"p{k}", f"file{k}") for k in range(3)]
    with pytest.raises(BrokenProcessPool):
        _outcomes(named, start=_refuse_to_start)


KILLER = '''"""XX900 kill-the-worker — 检查 boom.txt 的进程退出（测试用）

## 检查内容
无。
## 为何重要
测试多进程检查时工作进程意外退出。
## 示例
无。
## 依据
无。
"""
import multiprocessing
import os
import signal

from perflint.api import Document, RuleContext, rule


@rule(code="XX900", name="kill-the-worker", category="structure", severity="info", target=Document)
def check(doc: Document, ctx: RuleContext):
    if doc.path.endswith("boom.txt") and multiprocessing.parent_process() is not None:   # (not the test's own)
        os.kill(os.getpid(), signal.SIGKILL)
    return ()
'''


def test_a_file_that_kills_its_worker_is_not_checked_and_the_report_is_otherwise_the_same(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    rules = tmp_path / "local_rules"
    rules.mkdir()
    (rules / "killer.py").write_text(KILLER, encoding="utf-8")
    config = tmp_path / "perflint.toml"
    config.write_text('rule-paths = ["local_rules"]\n', encoding="utf-8")
    without = perflint.check([str(folder)], config=str(config), jobs=2)
    (folder / "boom.txt").write_text("项目名称：爆炸\n", encoding="utf-8")
    report = perflint.check([str(folder)], config=str(config), jobs=2)

    findings = list(report.findings)
    boom = [f for f in findings if f.file.endswith("boom.txt")]
    assert [(f.code, f.severity) for f in boom] == [("PF001", "error")]
    assert "工作进程意外退出" in boom[0].message and "未检查" in boom[0].message
    assert [r.error is not None for r in report.files if r.path.endswith("boom.txt")] == [True]
    assert [f for f in findings if f not in boom] == list(without.findings)
    assert [r for r in report.files if not r.path.endswith("boom.txt")] == without.files
