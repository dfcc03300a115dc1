"""Findings held on disk while a large run goes on, so that its memory stays flat.

A sweep of 50,000 tables can find half a million problems. The run finishes each file's findings
where the file is checked; the cross-document rules add theirs at the end; each file's two sets are
then joined and written out in order. :class:`Buckets` holds findings by file, taken back a file
at a time; :class:`Spool` is the run's findings in their final order, walked as often as the
reporters need. Both count what they hold against one :class:`Allowance`:

* findings held in memory share one copy of each text (tables copied from a template are told
  the same thing in the same words, file after file);
* once the process's memory passes ``MEMORY_MB`` (or the stores hold ``SPILL_AT`` findings), the
  store being added to moves what it holds to a temporary file (marshalled, in chunks) and goes on;
  as many findings as were held then is the ceiling from there on, since the memory they leave
  is taken again by the next ones;
* a finding is written to disk at most once: a file's findings with nothing to join are handed
  to the report's spool where they are.

A run of 20,000 tables stays in memory, one of 50,000 does not. Temporary files are deleted when
they are closed, or when the process ends.
"""
from __future__ import annotations

import itertools
import marshal
import operator
import os
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .findings import Finding, as_rows, from_rows

#: the memory (resident, in MB) above which the run's stores move findings to disk
MEMORY_MB = 200
#: findings the stores hold before the memory is looked at again (and the fewest worth a spill)
BATCH = 20_000
#: findings held in memory at most, whatever the memory says (where it cannot be read)
SPILL_AT = 400_000
#: growth of the memory since the last spill that is looked at again (what is not findings)
MARGIN_MB = 8
#: the share of MEMORY_MB from which findings that may go without one copy of each text (see
#: Buckets) have theirs shared too: below it, sharing them only costs time
CROWDED = 0.75


def resident_mb() -> float | None:
    """The process's resident memory, where the system says it cheaply (Linux); else None."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1 << 20)
    except (OSError, ValueError, IndexError, AttributeError):
        return None



class Allowance:
    """How many findings a run's stores hold in memory together. Every ``BATCH`` findings more,
    the process's memory is looked at: above ``MEMORY_MB`` (or past ``SPILL_AT`` findings), the
    store whose findings are done (the report's) or else the one holding the most moves them to
    disk. A run that fits stays in memory and pays nothing."""

    def __init__(self, memory_mb: float | None = None, batch: int | None = None, spill_at: int | None = None):
        self.memory_mb = MEMORY_MB if memory_mb is None else memory_mb
        self.batch = BATCH if batch is None else batch
        self.spill_at = SPILL_AT if spill_at is None else spill_at
        self.held = 0
        self._next_look = self.batch
        self._resident_after = 0.0        # the memory after the last spill
        self._texts: dict[str, str] = {}
        self._stores: list = []
        #: memory is getting short (past CROWDED of the ceiling, or half the findings allowed):
        #: the stores share every finding's texts from now on
        self.crowded = False

    def join(self, store) -> None:
        self._stores.append(store)

    def shared(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """``findings`` with one copy of each text that the findings held in memory repeat
        (tables copied from one template are told the same thing in the same words, in every
        file). The copies are let go at each spill: they are kept for the findings in memory.
        (The texts a run repeats by the thousand: message, project, indicator, hint, text and
        evidence; a rule's code, name, category and severity are its own, made once.)"""
        one, new = self._texts.setdefault, tuple.__new__
        for f in findings:      # (spelled out: every finding of a run passes here)
            yield new(Finding, (f[0], f[1], f[2], f[3], one(f[4], f[4]), f[5], one(f[6], f[6]), one(f[7], f[7]),
                                one(f[8], f[8]), one(f[9], f[9]), one(f[10], f[10]), *f[11:]))

    def written(self, store, items: list) -> tuple[int, int] | None:
        """``items`` written to ``store``'s temporary file: where they are, or None when the disk
        refuses (a read-only or full temporary folder) — then nothing spills any more and the
        run goes on in memory, as it would have without the allowance."""
        try:
            if store._disk is None:
                store._disk = _Disk()
            return store._disk.put(items)
        except OSError:
            self.memory_mb = self.spill_at = float("inf")
            return None

    def grew(self, count: int) -> None:
        self.held += count
        if self.held < self._next_look:
            return
        resident = resident_mb()
        # the process's memory seldom shrinks once grown: after a spill, the room the findings
        # left is taken again by the next ones. So memory over the ceiling counts only when it
        # grew past what it was after the last spill; meanwhile as many findings as were held
        # when it first went over is the ceiling (learned once, lowered only)
        over = resident is not None and resident > max(self.memory_mb, self._resident_after + MARGIN_MB)
        self.crowded = self.crowded or (resident > CROWDED * self.memory_mb if resident is not None
                                        else 2 * self.held >= self.spill_at)
        if over:
            self.spill_at = min(self.spill_at, max(self.held, self.batch))
        if over or self.held >= self.spill_at:
            done = [s for s in self._stores if isinstance(s, Spool) and s.held >= s.chunk]
            (done or [max(self._stores, key=lambda s: s.held)])[0].spill()
            self._texts.clear()
            self._resident_after = resident_mb() or 0.0
        self._next_look = self.held + self.batch


class _Disk:
    """Lists of findings appended to one temporary file, each read back by its (offset, length).

    Written with ``marshal`` as plain tuples: three times faster than pickling the named tuples
    one by one, and a large run moves every finding out and back at least once. A finding holding
    something marshal cannot write (a rule pack's own object) sends its list through pickle."""

    def __init__(self):
        self._file = tempfile.TemporaryFile(prefix="perflint-")
        self._end = 0

    def put(self, items: list) -> tuple[int, int]:
        data = packed(items)
        self._file.seek(self._end)
        self._file.write(data)
        self._file.flush()          # (read back with os.pread, past Python's buffer)
        at = (self._end, len(data))
        self._end += len(data)
        return at

    def get(self, at: tuple[int, int]) -> list:
        # read at the offset without moving the file's position: a report written in two
        # processes (reporters/json_report.py) reads one file from both at once
        offset, length = at
        if not hasattr(os, "pread"):        # (Windows, where no report is written from two processes)
            self._file.seek(offset)
            return unpacked(self._file.read(length))
        fd, parts = self._file.fileno(), []
        while length:
            part = os.pread(fd, length, offset)
            if not part:
                raise OSError(f"the temporary file ends before {length} more bytes")
            parts.append(part)
            offset, length = offset + len(part), length - len(part)
        return unpacked(b"".join(parts))

    def close(self) -> None:
        self._file.close()


def packed(findings: list) -> bytes:
    """Findings as bytes: ``marshal`` of plain tuples (three times faster than pickling the named
    tuples, and a third of their memory), or pickle for a finding holding something marshal
    cannot write (a rule pack's own object)."""
    try:
        return b"m" + marshal.dumps(as_rows(findings))
    except ValueError:
        return b"p" + pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(data: bytes) -> list:
    """The findings :func:`packed` wrote."""
    body = memoryview(data)[1:]
    return from_rows(marshal.loads(body)) if data[:1] == b"m" else pickle.loads(body)


def to_file(findings: Iterable, folder: str, size: int = 2_000) -> str:
    """Findings packed ``size`` at a time, as they come, into a temporary file in ``folder``:
    what a worker process hands back for many findings (its path, not the findings — tens of
    thousands of them would otherwise come back as one large message, whole in memory in both
    processes). :func:`from_file` reads it back and deletes it."""
    coming = iter(findings)
    return frames_to_file((packed(chunk) for chunk in iter(lambda: list(itertools.islice(coming, size)), [])),
                          folder, ".findings")


def from_file(path: str) -> Iterator:
    """The findings :func:`to_file` wrote, a chunk at a time; the file is deleted once read (or
    once the reading stops)."""
    try:
        for data in frames(path):
            yield from unpacked(data)
    finally:
        os.unlink(path)


def frames_to_file(chunks: Iterable[bytes], folder: str, suffix: str) -> str:
    """Byte strings, each after its length, in a new temporary file in ``folder`` (removed again
    if writing them fails); read back by :func:`frames`."""
    with tempfile.NamedTemporaryFile(prefix="perflint-", suffix=suffix, dir=folder, delete=False) as f:
        try:
            for data in chunks:
                f.write(len(data).to_bytes(8, "little"))
                f.write(data)
        except BaseException:
            f.close()
            os.unlink(f.name)
            raise
    return f.name


def frames(path: str) -> Iterator[bytes]:
    """The byte strings :func:`frames_to_file` wrote, in order."""
    with open(path, "rb") as f:
        while head := f.read(8):
            yield f.read(int.from_bytes(head, "little"))


#: what a tally counts a finding under: (code, name, severity, category)
_KIND = operator.itemgetter(0, 1, 3, 2)


def _tally(findings: Iterable) -> Counter:
    return Counter(map(_KIND, findings))


class Buckets:
    """Findings by file: added as they come, taken a file at a time (see the module's doc)."""

    def __init__(self, allowance: Allowance, share: bool | None = True):
        self.allowance = allowance
        # one copy of each text (see Allowance.shared): for findings that came apart, each file's
        # from another process. None: only once memory is crowded, for findings that share their
        # texts in large part already (a cross-document rule's, made from shared items, or read
        # back from a worker a chunk at a time, each chunk sharing its own): while memory is
        # plentiful, sharing them again only costs time; once it is not, their copies would
        # make the run spill sooner (50,007 tables with -j 2: 278 → 256 MB at the peak)
        self.share = share
        self._held: dict[str, list] = {}
        # a file's findings on disk: (where, how many, their tally) — what a Spool adopting them needs
        self._on_disk: dict[str, list[tuple[tuple[int, int], int, Counter]]] = {}
        self.held = 0
        self._disk: _Disk | None = None
        self._handed = False        # a Spool holds places on the disk: it closes with the Spool
        allowance.join(self)

    def add(self, file: str, findings: Iterable, share: bool | None = None) -> None:
        """``findings`` of ``file`` added after those it has; ``share``: whether their texts are
        shared (see Allowance.shared), if not as the store does."""
        items = self._held.setdefault(file, [])
        before = len(items)
        if share is None:
            share = self.share if self.share is not None else self.allowance.crowded
        items.extend(self.allowance.shared(findings) if share else findings)
        self.held += len(items) - before
        self.allowance.grew(len(items) - before)

    def spill(self) -> None:
        for file, items in list(self._held.items()):
            if items:
                at = self.allowance.written(self, items)
                if at is None:
                    return              # no room on disk: the rest stay in memory
                self._on_disk.setdefault(file, []).append((at, len(items), _tally(items)))
            del self._held[file]
            self.held -= len(items)
            self.allowance.held -= len(items)

    @property
    def spilled(self) -> bool:
        return self._disk is not None

    def files(self) -> set[str]:
        return set(self._held) | set(self._on_disk)

    def take(self, file: str) -> list:
        """The file's findings in the order they were added; they are no longer held."""
        out = []
        for at, _, _ in self._on_disk.pop(file, ()):
            out.extend(self._disk.get(at))
        out.extend(self._release(file))
        return out

    def hand_over(self, file: str, to: Spool) -> None:
        """The file's findings, as they are, appended to ``to``: those on disk stay where they
        are (a finding is written at most once however many stores it passes through)."""
        for at, count, tally in self._on_disk.pop(file, ()):
            to.adopt(self._disk, at, count, tally)
            self._handed = True
        to.extend(self._release(file))

    def _release(self, file: str) -> list:
        held = self._held.pop(file, [])
        self.held -= len(held)
        self.allowance.held -= len(held)
        return held

    def clear(self) -> None:
        """Nothing held any more (what was held is let go)."""
        for file in list(self._held):
            self._release(file)
        self._on_disk.clear()

    def close(self) -> None:
        if self._disk is not None and not self._handed:
            self._disk.close()


class Spool(Sequence):
    """The run's findings in order: appended once, walked as often as reporters need. Its parts
    are lists in memory and chunks on disk (its own, or another store's it adopted)."""

    def __init__(self, allowance: Allowance, chunk: int = 10_000):
        self.allowance, self.chunk = allowance, chunk
        self._held: list = []                      # the open tail, in memory
        self._parts: list[list | tuple[_Disk, tuple[int, int], int]] = []   # before it, in order
        self._length = 0
        self.held = 0
        self._disk: _Disk | None = None
        self._on_disk = False       # once some are, the rest follow a chunk at a time
        #: how many of each (code, name, severity, category): the summary without a pass over disk
        self.tally: Counter = Counter()
        allowance.join(self)

    def extend(self, findings: Iterable) -> None:
        before = len(self._held)
        self._held.extend(findings)
        added = len(self._held) - before
        self._length += added
        self.held += added
        self.tally.update(map(_KIND, self._held[before:]))
        if self._on_disk and self.held >= self.chunk and self.allowance.spill_at != float("inf"):
            self.allowance.held += added
            self.spill()            # once on disk, written a chunk at a time
        else:
            self.allowance.grew(added)

    def adopt(self, disk: _Disk, at: tuple[int, int], count: int, tally: Counter) -> None:
        """``count`` findings another store wrote to ``disk`` at ``at``, next in order."""
        if self._held:
            self._parts.append(self._held)
            self._held = []
        self._parts.append((disk, at, count))
        self._on_disk = True
        self._length += count
        self.tally.update(tally)

    def spill(self) -> None:
        """Every part held in memory written to disk, a chunk at a time."""
        parts: list = []
        pending = [*self._parts, self._held]
        for k, part in enumerate(pending):
            if type(part) is tuple:
                parts.append(part)
                continue
            while part:
                piece = part[:self.chunk]
                at = self.allowance.written(self, piece)
                if at is None:          # no room on disk: what is left stays in memory
                    self._parts, self._held = parts + [p for p in pending[k:] if p], []
                    return
                parts.append((self._disk, at, len(piece)))
                del part[:len(piece)]
                self.held -= len(piece)
                self.allowance.held -= len(piece)
                self._on_disk = True
        self._parts, self._held = parts, []

    def finished(self) -> list | Spool:
        """What the report keeps: a list when it all fitted in memory, else this spool; either
        with its tally."""
        return Tallied(self._held, self.tally) if not self._parts else self

    def _walk(self) -> Iterator[list | tuple]:
        yield from self._parts
        yield self._held

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator:
        return self.iter_from(0)

    def iter_from(self, start: int) -> Iterator:
        """The findings from the ``start``-th on; the parts before it are passed over unread."""
        for part in self._walk():
            count = part[2] if type(part) is tuple else len(part)
            if start >= count:
                start -= count
                continue
            found = part[0].get(part[1]) if type(part) is tuple else part
            yield from (itertools.islice(found, start, None) if start else found)
            start = 0

    def __getitem__(self, index: Any):
        if isinstance(index, slice):
            return list(itertools.islice(self, *index.indices(self._length)))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        for part in self._walk():
            count = part[2] if type(part) is tuple else len(part)
            if index < count:
                return part[0].get(part[1])[index] if type(part) is tuple else part[index]
            index -= count
        raise IndexError(index)

    def __bool__(self) -> bool:
        return self._length > 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and all(
            a == b for a, b in zip(self, other, strict=True))

    __hash__ = None     # type: ignore[assignment]  (mutable while the run builds it)


class Tallied(list):
    """A run's findings that fitted in memory, with their tally (see Spool.tally)."""

    def __init__(self, findings: list, tally: Counter):
        super().__init__(findings)
        self.tally = tally
