"""Checking files in worker processes on this machine (``-j N``).

A ``concurrent.futures.ProcessPoolExecutor`` whose workers check one file at a time, its outcomes
taken in the files' order. A worker that dies — killed by the system when memory runs out, or a
crash inside a reader's native library on a hostile file — breaks the executor, and with it every
file it still held. The run goes on: the files the dead worker can have been checking are checked
again, each alone in a process of its own; one that kills that process too is reported as not
checked (``unchecked``: PF001 for the file), and the rest go on in a new pool. A file is never
lost, and a broken file costs the run only itself.
"""
from __future__ import annotations

import concurrent.futures.process as executor
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

Named = tuple[str, str]         # (path, shown name)

#: files handed to the pool beyond the one whose outcome is awaited: enough that a slow file (a
#: long PDF) does not leave the workers idle behind it, few enough that what waits stays small
#: (the executor keeps about 2 KB for each file handed to it: a sweep of 50,000 one-table files,
#: handed over at once, was 100 MB)
AHEAD = 4096

#: the files an executor queues for its workers beyond one each (CPython has one, as a constant)
_QUEUED = getattr(executor, "EXTRA_QUEUED_CALLS", 1)


class LocalPool:
    """``jobs`` worker processes, each made by ``initializer(*initargs)``, that run ``task`` on
    one file at a time (``task((path, name))`` gives the file's outcome); made again when a
    worker dies. Other work (the cross-document checks) is submitted to it as to an executor."""

    def __init__(self, jobs: int, initializer: Callable, initargs: tuple, task: Callable[[Named], Any]):
        self.jobs = jobs
        self._initializer, self._initargs, self._task = initializer, initargs, task
        self._pool = self._new(jobs)

    def _new(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, initializer=self._initializer, initargs=self._initargs)

    def submit(self, fn: Callable, /, *args: Any) -> Future:
        return self._pool.submit(fn, *args)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)

    def outcomes(self, named: list[Named], unchecked: Callable[[str, str], Any]) -> Iterator[Any]:
        """Each file's outcome, in the files' order; ``unchecked(path, name)`` is the outcome of
        a file whose checking process died, checked alone. Files are handed to the pool
        :data:`AHEAD` at most beyond the one awaited."""
        futures: dict[int, Future] = {}
        settled: dict[int, Any] = {}        # files checked alone after a worker died
        handed = 0                          # the files handed to the pool so far, in order
        for k in range(len(named)):
            handed = hand_over(futures, handed, k, len(named), lambda j: self._hand(named[j]))
            while k not in settled:
                try:
                    settled[k] = futures.pop(k).result()
                except BrokenProcessPool:
                    self._recover(k, handed, named, futures, settled, unchecked)
            yield settled.pop(k)

    def _hand(self, item: Named) -> Future:
        """A file handed to the pool: its future, broken when the pool broke before (the break
        is then seen where the file's outcome is awaited, as any other)."""
        try:
            return self._pool.submit(self._task, item)
        except BrokenProcessPool as err:
            broken: Future = Future()
            broken.set_exception(err)
            return broken

    def _recover(self, k: int, handed: int, named: list[Named], futures: dict[int, Future],
                 settled: dict[int, Any], unchecked: Callable[[str, str], Any]) -> None:
        """After a worker died, file ``k`` being the first not finished (and ``handed`` the
        files the pool was given). The executor hands files out in the order they were
        submitted, and holds at most one per worker and a queue of one per worker and one more:
        the file that killed the worker is among that many first unfinished ones (unless
        results on their way back push it further: then the new pool breaks too, and the next
        ones are tried — each break settles at least file ``k``, so the run ends). Each of
        those is checked alone; the others go to a new pool."""
        self._pool.shutdown(wait=True)
        unfinished = [j for j in range(k, handed) if j not in settled and not _done(futures.get(j))]
        suspects = unfinished[:2 * self.jobs + _QUEUED]
        for j in suspects:
            futures.pop(j, None)
            settled[j] = self._alone(named[j], unchecked)
        self._pool = self._new(self.jobs)
        for j in unfinished[len(suspects):]:
            futures[j] = self._hand(named[j])

    def _alone(self, item: Named, unchecked: Callable[[str, str], Any]) -> Any:
        """One file's outcome from a process of its own, or ``unchecked``'s when it dies too —
        unless no worker can start at all (its set-up fails): that is no file's doing."""
        try:
            return self._run_alone(self._task, item)
        except BrokenProcessPool:
            self._run_alone(int)        # (raises again when a worker cannot even start)
            return unchecked(*item)

    def _run_alone(self, fn: Callable, *args: Any) -> Any:
        pool = self._new(1)
        try:
            return pool.submit(fn, *args).result()
        finally:
            pool.shutdown(wait=True)


def hand_over(futures: dict[int, Any], handed: int, k: int, count: int, submit: Callable[[int], Any]) -> int:
    """Files ``handed`` on (of ``count``) submitted into ``futures`` (``submit(j)`` for the j-th),
    up to :data:`AHEAD` beyond file ``k``, the one awaited: how many are handed now."""
    while handed < min(k + AHEAD, count):
        futures[handed] = submit(handed)
        handed += 1
    return handed


def _done(future: Future | None) -> bool:
    """Whether a file's work finished with its outcome (not with its pool's breaking)."""
    return future is not None and future.done() and not future.cancelled() and future.exception() is None
