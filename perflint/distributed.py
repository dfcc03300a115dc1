"""Reading and checking files on a dask.distributed cluster (``--executor dask``).

The per-file work — read, model, the file's own rules and findings finished, the compact items
the cross-document checks compare — runs on the workers, one task per file; the client gathers the outcomes in the
files' order and does the cross-document checks and the report, so the report is the same as a
one-process run's. Files are read by the workers by their path: on a real cluster the paths must
be the same on every worker (a shared NFS or SMB folder; an object store mounted through fsspec),
and so must any local rule folders (rule-paths).

The per-file CPU and memory budget is watched in a process's main thread, and dask runs tasks in
worker threads: on dask the static limits (sizes, cells, pages) still hold, the budget does not.
"""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from typing import Any

#: each worker's plans, by the run they belong to (a worker serves many tasks of one run)
_plans: dict[str, Any] = {}


def check_on_worker(named: tuple[str, str], key: str, setup: tuple):
    """One file's outcome, on a worker (see run._check_path)."""
    from .run import Plans, _checked

    if key not in _plans:
        settings, overrides, discover, keep, cache = setup
        _plans.clear()                       # one run at a time is enough to keep
        _plans[key] = (Plans(settings, overrides, discover, cache), keep)
    plans, keep = _plans[key]
    path, name = named
    return _checked(path, name, plans, keep)


class _Cluster:
    """The client, and the local cluster when this run made one: shut down together, as a
    process pool is (the run treats both alike)."""

    def __init__(self, client, cluster=None):
        self.client, self.cluster = client, cluster

    def shutdown(self, cancel_futures: bool = True) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def dask_map(named: list[tuple[str, str]], setup: tuple, jobs: int, scheduler: str | None
             ) -> tuple[_Cluster, Iterator]:
    """Submit one task per file; the cluster and the outcomes, in the files' order."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        from .run import UsageError

        raise UsageError("--executor dask 需要安装 dask：pip install 'perflint[dask]'") from None
    if scheduler:
        cluster = _Cluster(Client(scheduler))
    else:
        local = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                             dashboard_address=":0")
        cluster = _Cluster(Client(local), local)
    key = hashlib.sha256(pickle.dumps(setup)).hexdigest()
    shared = cluster.client.scatter(setup, broadcast=True)     # sent to each worker once

    def submit(item: tuple[str, str]):
        return cluster.client.submit(check_on_worker, item, key, shared, pure=False)

    return cluster, _outcomes(submit, named)


def _outcomes(submit, named: list[tuple[str, str]]) -> Iterator:
    """The files' outcomes in order, each file submitted as a task :data:`pool.AHEAD` at most
    ahead of the one awaited (see pool.hand_over) (a task waiting on the scheduler and its future on the client keep
    a few KB each). A task the scheduler gave up on, its workers having died under it again and
    again (``allowed-failures``), stops the run with the file named: a worker dies with every
    task it holds, and which of them killed it dask does not say, so no file is reported as not
    checked on that ground (``-j N`` on one machine finds out, see pool.py)."""
    from distributed import KilledWorker

    from .pool import hand_over
    from .run import UsageError

    futures: dict[int, Any] = {}
    handed = 0
    for k, (_, name) in enumerate(named):
        handed = hand_over(futures, handed, k, len(named), lambda j: submit(named[j]))
        try:
            yield futures.pop(k).result()
        except KilledWorker:
            raise UsageError(f"dask 的工作进程反复意外退出（内存耗尽被系统终止，或读取库崩溃），调度器放弃了 {name} 的检查"
                             f"（原因也可能是同在一个工作进程上的其他文件），检查已停止；在本机用 -j N 检查这些文件，"
                             f"使进程退出的文件会单独报告为未检查") from None
