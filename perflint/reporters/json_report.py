"""JSON: the whole report as one document (the public contract), written finding by finding (the
lines JSON Lines writes too: see write_findings)."""
from __future__ import annotations

import codecs
import itertools
import json
import os
import shutil
import sys
import tempfile
from json.encoder import encode_basestring

from . import rendered

FORMATS = ("json",)
MACHINE_READABLE = True


def render(report, options) -> str:
    return rendered(write, report, options)


def write(report, options, stream) -> None:
    """The report to a text ``stream``, its findings written by :func:`write_findings`."""
    put, binary = bytes_to(stream)
    head = report.to_json(findings=False)
    text = json.dumps(head, ensure_ascii=False, indent=2)
    put((text[:-2] + ',\n  "findings": [').encode("utf-8", _LONE))      # reopen the object for the findings list
    write_findings(put, binary, report.findings, options, before_first=b"\n    ", between=b",\n    ")
    put(b"\n  ]\n}\n")
    if binary is not None:
        binary.flush()


def bytes_to(stream):
    """How bytes are written to a text ``stream``: UTF-8 bytes (a large run writes hundreds of
    megabytes) given straight to the stream's byte buffer when it encodes to UTF-8 (a file, most
    standard outputs), decoded for any other stream; and that buffer, or None."""
    encoding = getattr(stream, "encoding", None)
    binary = getattr(stream, "buffer", None) if encoding and codecs.lookup(encoding).name == "utf-8" else None
    if binary is not None:
        stream.flush()          # what the text layer holds goes first
        return binary.write, binary

    def put(data: bytes) -> None:
        stream.write(data.decode("utf-8"))
    return put, None


def write_findings(put, binary, findings, options, *, before_first: bytes, between: bytes) -> None:
    """Each finding as one line of JSON (see _Shown) through ``put``, ``before_first`` before
    the first and ``between`` between two. A large report with processes to spare (``-j N``,
    ``binary`` the stream's byte buffer) has its later parts written by forks of this process
    (the findings shared with them, not copied) while this one writes the first."""
    count = len(findings)
    parts = min(getattr(options, "processes", 1), count // (SPLIT_AT // 2)) if binary is not None else 1
    cuts = [count * k // parts for k in range(parts + 1)] if parts > 1 else [0, count]
    apart = [_Apart.begin(findings, start, end, between)
             for start, end in zip(cuts[1:-1], cuts[2:], strict=True)]
    try:
        _write_findings(put, itertools.islice(findings, cuts[1]), before_first, between)
        for k, part in enumerate(apart, 1):
            written = part.written() if part is not None else None
            if written is not None:
                binary.flush()
                with written:
                    shutil.copyfileobj(written, binary, 1 << 20)
            else:       # (no fork, or it failed: written here)
                _write_findings(put, itertools.islice(_from(findings, cuts[k]), cuts[k + 1] - cuts[k]),
                                between, between)
    finally:            # (a write that failed here: the forks are still waited for, their files closed)
        for part in apart:
            if part is not None:
                part.discard()


def _write_findings(put, findings, first: bytes, between: bytes) -> None:
    """Findings as lines, ``first`` before the first of them and ``between`` between two."""
    block: list[bytes] = []
    separator = first
    shown = _Shown()
    for finding in findings:
        block.append(shown(finding))
        if len(block) == 250:           # written a few hundred at a time, not a write per finding
            put(separator + between.join(block))
            separator, block = between, []
    if block:
        put(separator + between.join(block))


#: findings from which a report is written in two processes, given a second one (and in a part
#: of at least half as many for each more): below it, the fork and copying what it wrote cost
#: more than they save. Writing 112,526 findings took 0.36 s of a 6 s run with -j 2, and 0.29 in
#: two parts: the fork 3 ms, copying its part back 15 ms
SPLIT_AT = 20_000


def _from(findings, start: int):
    """The findings from the ``start``-th on (a report's on disk: without reading those before)."""
    iter_from = getattr(findings, "iter_from", None)
    return iter_from(start) if iter_from is not None else itertools.islice(findings, start, None)


class _Apart:
    """The findings from ``start`` to ``end`` (not the list's first), written as the report's
    lines by a forked process into a temporary file. Only where a fork is safe (Linux: a run's
    worker pools are shut down by then, and the forked process only renders and writes, then
    leaves without any clean-up). :meth:`written` is the file, or None when the process failed:
    the caller writes them itself, and the report is the same."""

    def __init__(self, pid: int, out):
        self.pid: int | None = pid
        self._out = out

    @classmethod
    def begin(cls, findings, start: int, end: int, between: bytes) -> _Apart | None:
        if sys.platform != "linux":
            return None
        try:
            out = tempfile.TemporaryFile(prefix="perflint-")
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            out.close()
            return None
        if pid == 0:
            status = 1
            try:
                fd = out.fileno()

                def put(data: bytes) -> None:
                    view = memoryview(data)
                    while view:
                        view = view[os.write(fd, view):]

                _write_findings(put, itertools.islice(_from(findings, start), end - start), between, between)
                status = 0
            finally:
                os._exit(status)
        return cls(pid, out)

    def written(self):
        """The file holding the lines, from its start; None when they were not all written."""
        try:
            _, status = os.waitpid(self.pid, 0)
            done = os.waitstatus_to_exitcode(status) == 0
        except (OSError, ValueError):
            done = False
        self.pid = None
        if not done:
            self._out.close()
            return None
        self._out.seek(0)
        return self._out

    def discard(self) -> None:
        """The process waited for (if it was not yet) and its file closed."""
        if self.pid is not None:
            try:
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None
        self._out.close()


class _Shown:
    """A finding's ``to_json()`` as one line of JSON in UTF-8, made directly: the same bytes as
    ``json.dumps(f.to_json(), ensure_ascii=False).encode()`` without a dict, an encoder or a
    UTF-8 encoding per finding (a large run writes hundreds of thousands), its rule's fields and
    the texts it repeats encoded once. tests/test_reports.py holds it to that, field by field."""

    def __init__(self):
        self._heads: dict[tuple, bytes] = {}
        # texts (messages, names, values, files) encoded once each: table after table is told the
        # same thing in the same words; and each line's own fields
        self._texts: dict[str | None, bytes] = {None: _NULL}
        self._lines: dict[int | None, tuple[bytes, bytes]] = {None: (_NULL, _NULL), 0: (b"0", _NULL)}
        # an office file's places (table and row, sheet and cell…): many findings point at one
        self._locators: dict[tuple, bytes] = {}
        self._encode = json.JSONEncoder(ensure_ascii=False).encode

    def __call__(self, f) -> bytes:
        head = self._heads.get(f[:4])
        if head is None:
            head = self._heads[f[:4]] = (f'{{"code": {_text(f.code)}, "name": {_text(f.name)}, '
                                         f'"category": {_text(f.category)}, "severity": {_text(f.severity)}, '
                                         f'"message": ').encode("utf-8", _LONE)
        file, line, coordinates, end_line = f.location
        shown = self._texts.get
        number, locator = self._lines.get(line) or self._line(line)
        if coordinates is not None:
            try:
                locator = self._locators.get(coordinates) or self._locator(coordinates)
            except TypeError:       # a place holding a list (a rule pack's own): not kept
                locator = self._encode(dict(coordinates)).encode("utf-8", _LONE)
        covers, count = f.covers, f.count
        return b"".join((
            head, shown(f.message) or self._text(f.message),
            b', "hint": ', shown(f.hint) or self._text(f.hint),
            b', "file": ', shown(file) or self._text(file),
            b', "line": ', number,
            b', "project": ', shown(f.project) or self._text(f.project),
            b', "indicator": ', shown(f.indicator) or self._text(f.indicator),
            b', "text": ', shown(f.text) or self._text(f.text),
            b', "fingerprint": ', _text(f.fingerprint).encode("utf-8", _LONE),
            b', "locator": ', locator,
            b', "covers": ', f'[{", ".join(map(_text, covers))}]'.encode("utf-8", _LONE) if covers else b"[]",
            b', "count": ', b"1" if count == 1 else repr(count).encode(),
            b', "end_line": ', _NULL if end_line is None else repr(end_line).encode(), b"}"))

    def _text(self, text: str | None) -> bytes:
        if len(self._texts) > _HELD:         # (a run of many distinct texts: start again)
            self._texts = {None: _NULL}
        shown = self._texts[text] = _text(text).encode("utf-8", _LONE)
        return shown

    def _locator(self, coordinates: tuple) -> bytes:
        shown = self._encode(dict(coordinates)).encode("utf-8", _LONE)
        if len(self._locators) > _HELD:
            self._locators = {}
        self._locators[coordinates] = shown
        return shown

    def _line(self, line: int) -> tuple[bytes, bytes]:
        """A line's number and its locator (a text file's), as written."""
        shown = self._lines[line] = (repr(line).encode(), f'{{"kind": "txt", "line": {line!r}}}'.encode())
        return shown


#: texts kept encoded at most (a run's distinct messages, names and values are a few thousand)
_HELD = 4096
_NULL = b"null"
_text = encode_basestring       # what json.dumps(ensure_ascii=False) writes for a str
#: a lone surrogate (no UTF-8 for it) is written as JSON's own escape, ``\ud800``, which reads back the same
_LONE = "backslashreplace"
