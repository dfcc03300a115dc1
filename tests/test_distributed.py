"""--executor dask: the per-file work on dask.distributed workers (a LocalCluster of 2 started
here), the cross-document checks on the client — and the report identical to a one-process run."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import perflint
import perflint.run
from perflint.cli import main
from perflint.reporters import render

from conftest import SAMPLES

REALWORLD = SAMPLES.parent / "tests" / "data" / "realworld"
distributed = pytest.importorskip("dask.distributed")
dask = pytest.importorskip("dask")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for path in SAMPLES.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    for path in (REALWORLD / "yuanzhou" / "yuanzhou_2022_shuiyuan.docx", REALWORLD / "wuhai" / "wuhai_2021_zaisheng.xlsx"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


@pytest.mark.parametrize("ahead", [4096, 2])      # files submitted at once, or two at a time
def test_a_dask_run_gives_the_one_process_report(folder, cluster, monkeypatch, ahead):
    import perflint.pool

    monkeypatch.setattr(perflint.pool, "AHEAD", ahead)
    local = perflint.check([str(folder)], config={})
    remote = perflint.check([str(folder)], config={}, executor="dask", scheduler=cluster.scheduler_address)
    assert render(remote, "json") == render(local, "json")
    assert any(f.code == "PF501" for f in remote.findings)        # the cross-document checks ran


def test_the_command_line_with_a_local_cluster_and_a_scheduler(folder, cluster):
    one = CliRunner().invoke(main, ["check", str(folder), "--isolated", "--format", "json"]).stdout
    on_cluster = CliRunner().invoke(main, ["check", str(folder), "--isolated", "--format", "json", "--executor", "dask",
                                           "--scheduler", cluster.scheduler_address]).stdout
    assert on_cluster == one
    own = CliRunner().invoke(main, ["check", str(folder), "--isolated", "--format", "json", "--executor", "dask",
                                    "-j", "2"]).stdout
    assert own == one


def test_a_file_that_keeps_killing_dask_workers_stops_the_run_naming_it(tmp_path):
    from test_pool import KILLER

    folder = tmp_path / "tables"
    folder.mkdir()
    shutil.copy(SAMPLES / "ningxia-jycy-2024.txt", folder)
    (folder / "boom.txt").write_text("项目名称：爆炸\n", encoding="utf-8")
    (tmp_path / "local_rules").mkdir()
    (tmp_path / "local_rules" / "killer.py").write_text(KILLER, encoding="utf-8")
    config = tmp_path / "perflint.toml"
    config.write_text('rule-paths = ["local_rules"]\n', encoding="utf-8")
    # (the scheduler gives a task up at its first death, not after three more)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as c, \
            pytest.raises(perflint.run.UsageError, match="boom.txt"):
        perflint.check([str(folder)], config=str(config), executor="dask", scheduler=c.scheduler_address)
