"""Findings held on disk while a large run goes on, so that its memory stays flat.

A sweep of 50,000 tables can find half a million problems. The run finishes each file's findings
where the file is checked; the cross-document rules add theirs at the end; each file's two sets are
then joined and written out in order. :class:`Buckets` holds findings by file in memory until
there are ``spill_at`` of them, then moves them to a temporary file (pickled, a file's findings
at a time) and goes on; :class:`Spool` is the run's findings in their final order — a list until
it grows past ``spill_at``, then a temporary file read back in chunks each time it is walked.
Temporary files are deleted when they are closed, or when the process ends.
"""
from __future__ import annotations

import itertools
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

#: findings held in memory before they go to disk (about 1 KB each once finished): a run of
#: 10,000 tables stays in memory, one of 50,000 does not
SPILL_AT = 150_000


class _Disk:
    """Pickled lists appended to one temporary file, each read back by its (offset, length)."""

    def __init__(self):
        self._file = tempfile.TemporaryFile(prefix="perflint-")
        self._end = 0

    def put(self, items: list) -> tuple[int, int]:
        data = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(data)
        at = (self._end, len(data))
        self._end += len(data)
        return at

    def get(self, at: tuple[int, int]) -> list:
        offset, length = at
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))

    def close(self) -> None:
        self._file.close()


class Buckets:
    """Findings by file: added as they come, taken a file at a time (see the module's doc)."""

    def __init__(self, spill_at: int = SPILL_AT):
        self.spill_at = spill_at
        self._held: dict[str, list] = {}
        self._on_disk: dict[str, list[tuple[int, int]]] = {}
        self._count = 0
        self._disk: _Disk | None = None

    def add(self, file: str, findings: Iterable) -> None:
        items = self._held.setdefault(file, [])
        before = len(items)
        items.extend(findings)
        self._count += len(items) - before
        if self._count >= self.spill_at:
            self._spill()

    def _spill(self) -> None:
        if self._disk is None:
            self._disk = _Disk()
        for file, items in self._held.items():
            if items:
                self._on_disk.setdefault(file, []).append(self._disk.put(items))
        self._held.clear()
        self._count = 0

    @property
    def spilled(self) -> bool:
        return self._disk is not None

    def files(self) -> set[str]:
        return set(self._held) | set(self._on_disk)

    def take(self, file: str) -> list:
        """The file's findings in the order they were added; they are no longer held."""
        out = []
        for at in self._on_disk.pop(file, ()):
            out.extend(self._disk.get(at))
        held = self._held.pop(file, [])
        self._count -= len(held)
        out.extend(held)
        return out

    def close(self) -> None:
        if self._disk is not None:
            self._disk.close()


class Spool(Sequence):
    """The run's findings in order: appended once, walked as often as reporters need."""

    def __init__(self, spill_at: int = SPILL_AT, chunk: int = 20_000):
        self.spill_at, self.chunk = spill_at, chunk
        self._held: list = []
        self._chunks: list[tuple[tuple[int, int], int]] = []    # (where, how many)
        self._length = 0
        self._disk: _Disk | None = None
        #: how many of each (code, name, severity, category): the summary without a pass over disk
        self.tally: Counter = Counter()

    def extend(self, findings: Iterable) -> None:
        before = len(self._held)
        self._held.extend(findings)
        self._length += len(self._held) - before
        self.tally.update((f.code, f.name, f.severity, f.category) for f in self._held[before:])
        if self._disk is not None or self._length >= self.spill_at:
            while len(self._held) >= self.chunk:
                self._write(self._held[:self.chunk])
                del self._held[:self.chunk]

    def _write(self, items: list) -> None:
        if self._disk is None:
            self._disk = _Disk()
        self._chunks.append((self._disk.put(items), len(items)))

    def finished(self) -> list | Spool:
        """What the report keeps: a plain list when it all fitted in memory, else this spool."""
        return self._held if self._disk is None else self     # (a list counts its own)

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator:
        for at, _ in self._chunks:
            yield from self._disk.get(at)
        yield from self._held

    def __getitem__(self, index: Any):
        if isinstance(index, slice):
            return list(itertools.islice(self, *index.indices(self._length)))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        for at, count in self._chunks:
            if index < count:
                return self._disk.get(at)[index]
            index -= count
        return self._held[index]

    def __bool__(self) -> bool:
        return self._length > 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and all(
            a == b for a, b in zip(self, other, strict=True))

    __hash__ = None     # type: ignore[assignment]  (mutable while the run builds it)
