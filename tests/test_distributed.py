"""--executor dask: the per-file work on dask.distributed workers (a LocalCluster of 2 started
here), the cross-document checks on the client — and the report identical to a one-process run."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import perflint
from perflint.cli import main
from perflint.reporters import render

from conftest import SAMPLES

REALWORLD = SAMPLES.parent / "tests" / "data" / "realworld"
distributed = pytest.importorskip("dask.distributed")


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


def test_a_dask_run_gives_the_one_process_report(folder, cluster):
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
