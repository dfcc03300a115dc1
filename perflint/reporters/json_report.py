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
        self._files: dict[str, str] = {}
        self._encode = json.JSONEncoder(ensure_ascii=False).encode

    def __call__(self, f) -> str:
        head = self._heads.get(f[:4])
        if head is None:
            head = self._heads[f[:4]] = (f'{{"code": {_text(f.code)}, "name": {_text(f.name)}, '
                                         f'"category": {_text(f.category)}, "severity": {_text(f.severity)}, ')
        at = f.location
        file = self._files.get(at.file)
        if file is None:
            file = self._files[at.file] = _text(at.file)
        locator = (self._encode(dict(at.coordinates)) if at.coordinates is not None
                   else _NULL if not at.line else f'{{"kind": "txt", "line": {at.line!r}}}')
        covers = "[" + ", ".join(map(_text, f.covers)) + "]"
        return (f'{head}"message": {_text(f.message)}, "hint": {_maybe(f.hint)}, "file": {file}, '
                f'"line": {_number(at.line)}, "project": {_maybe(f.project)}, "indicator": {_maybe(f.indicator)}, '
                f'"text": {_maybe(f.text)}, "fingerprint": {_text(f.fingerprint)}, "locator": {locator}, '
                f'"covers": {covers}, "count": {f.count!r}, "end_line": {_number(at.end_line)}}}')


_NULL = "null"
_text = encode_basestring       # what json.dumps(ensure_ascii=False) writes for a str


def _maybe(text: str | None) -> str:
    return _NULL if text is None else _text(text)


def _number(n: int | None) -> str:
    return _NULL if n is None else repr(n)
