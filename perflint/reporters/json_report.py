"""JSON: the whole report as one document (the public contract), written finding by finding."""
from __future__ import annotations

import codecs
import json
from json.encoder import encode_basestring

from . import rendered

FORMATS = ("json",)
MACHINE_READABLE = True


def render(report, options) -> str:
    return rendered(write, report, options)


def write(report, options, stream) -> None:
    """The report to a text ``stream``. Its findings are made as UTF-8 bytes (a large run writes
    hundreds of megabytes): given straight to the stream's byte buffer when it encodes to
    UTF-8 (a file, most standard outputs), decoded for any other stream."""
    encoding = getattr(stream, "encoding", None)
    binary = getattr(stream, "buffer", None) if encoding and codecs.lookup(encoding).name == "utf-8" else None
    if binary is not None:
        stream.flush()          # what the text layer holds goes first
        put = binary.write
    else:
        def put(data: bytes) -> None:
            stream.write(data.decode("utf-8"))
    head = report.to_json(findings=False)
    text = json.dumps(head, ensure_ascii=False, indent=2)
    put((text[:-2] + ',\n  "findings": [').encode("utf-8", _LONE))      # reopen the object for the findings list
    block: list[bytes] = []
    separator = b"\n    "
    shown = _Shown()
    for finding in report.findings:
        block.append(shown(finding))
        if len(block) == 250:           # written a few hundred at a time, not a write per finding
            put(separator + b",\n    ".join(block))
            separator, block = b",\n    ", []
    if block:
        put(separator + b",\n    ".join(block))
    put(b"\n  ]\n}\n")
    if binary is not None:
        binary.flush()


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
