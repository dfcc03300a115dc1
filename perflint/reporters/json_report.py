"""JSON: the whole report as one document (the public contract), written finding by finding."""
from __future__ import annotations

import json
from json.encoder import encode_basestring

from . import rendered

FORMATS = ("json",)
MACHINE_READABLE = True


def render(report, options) -> str:
    return rendered(write, report, options)


def write(report, options, stream) -> None:
    head = report.to_json(findings=False)
    text = json.dumps(head, ensure_ascii=False, indent=2)
    stream.write(text[:-2] + ',\n  "findings": [')      # reopen the object for the findings list
    block: list[str] = []
    separator = "\n    "
    shown = _Shown()
    for finding in report.findings:
        block.append(shown(finding))
        if len(block) == 1000:          # written a thousand at a time, not a write per finding
            stream.write(separator + ",\n    ".join(block))
            separator, block = ",\n    ", []
    if block:
        stream.write(separator + ",\n    ".join(block))
    stream.write("\n  ]\n}\n")


class _Shown:
    """A finding's ``to_json()`` as one line of JSON, written out directly: the same text as
    ``json.dumps(f.to_json(), ensure_ascii=False)`` in three quarters of the time (a large run
    writes hundreds of thousands), its rule's fields and its file's name encoded once.
    tests/test_reports.py holds it to that, field by field."""

    def __init__(self):
        self._heads: dict[tuple, str] = {}
        # texts (messages, names, values, files) encoded once each: table after table is told the
        # same thing in the same words; and each line's own fields
        self._texts: dict[str | None, str] = {None: _NULL}
        self._lines: dict[int | None, tuple[str, str]] = {None: (_NULL, _NULL), 0: ("0", _NULL)}
        self._encode = json.JSONEncoder(ensure_ascii=False).encode

    def __call__(self, f) -> str:
        head = self._heads.get(f[:4])
        if head is None:
            head = self._heads[f[:4]] = (f'{{"code": {_text(f.code)}, "name": {_text(f.name)}, '
                                         f'"category": {_text(f.category)}, "severity": {_text(f.severity)}, ')
        file, line, coordinates, end_line = f.location
        shown = self._texts.get
        number, locator = self._lines.get(line) or self._line(line)
        if coordinates is not None:
            locator = self._encode(dict(coordinates))
        return (f'{head}"message": {shown(f.message) or self._text(f.message)}, '
                f'"hint": {shown(f.hint) or self._text(f.hint)}, "file": {shown(file) or self._text(file)}, '
                f'"line": {number}, "project": {shown(f.project) or self._text(f.project)}, '
                f'"indicator": {shown(f.indicator) or self._text(f.indicator)}, '
                f'"text": {shown(f.text) or self._text(f.text)}, "fingerprint": {_text(f.fingerprint)}, '
                f'"locator": {locator}, "covers": {"[" + ", ".join(map(_text, f.covers)) + "]" if f.covers else "[]"}, '
                f'"count": {f.count!r}, "end_line": {_NULL if end_line is None else repr(end_line)}}}')

    def _text(self, text: str) -> str:
        if len(self._texts) > _HELD:         # (a run of many distinct texts: start again)
            self._texts = {None: _NULL}
        shown = self._texts[text] = _text(text)
        return shown

    def _line(self, line: int) -> tuple[str, str]:
        """A line's number and its locator (a text file's), as written."""
        shown = self._lines[line] = (repr(line), f'{{"kind": "txt", "line": {line!r}}}')
        return shown


#: texts kept encoded at most (a run's distinct messages, names and values are a few thousand)
_HELD = 4096
_NULL = "null"
_text = encode_basestring       # what json.dumps(ensure_ascii=False) writes for a str
