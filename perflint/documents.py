"""From files to Documents: read, recognise the layout, build the model.

A very large text file (a whole province's tables merged into one export) is not read whole:
:func:`extract_parts` decodes it as a stream and builds it a part at a time — a few thousand
lines, cut where a table's caption begins — so memory stays bounded by the part, not the file.
Line numbers are those of the whole file. Checks that compare tables with each other then see
the tables of one part at a time.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

from .i18n import os_error
from .layouts import build_document, choose_layout
from .layouts.common import detect_budget_year
from .limits import Limits, check_line, inspect
from .model import Document, Loc, Problem, shift_lines
from .readers import Source, reader_for
from .readers.text import read_text, stream_lines

#: Text files larger than this are read as a stream, a part at a time.
STREAM_ABOVE_BYTES = 64 << 20
#: Lines read before a part is cut (at the last table that begins in them).
PART_LINES = 50_000


def extract_file(path: str, budget_year: int | None = None, limits: Limits | None = None,
                 name: str | None = None) -> Document:
    """The model of one file. Never raises: unreadable input becomes an ``input`` problem, and
    so does a file beyond ``limits`` (see :mod:`perflint.limits`). ``name`` is what the file is
    called in the model and the report when its path is not fit to show (see
    :func:`perflint.files.shown_name`)."""
    name = name or path
    reader = reader_for(path)
    if reader is None:
        suffix = os.path.splitext(name)[1] or "（无扩展名）"
        return Document(name, format=suffix.lstrip("."), problems=[Problem(
            "input", "unsupported-format", f"不支持的文件类型 {suffix}，未检查", Loc(name, 1))])
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        return Document(name, problems=[Problem(
            "input", "unreadable", f"无法读取文件：{os_error(err)}", Loc(name, 1))])
    exceeded = inspect(data, os.path.splitext(path)[1].lower(), limits or Limits())
    if exceeded is not None:
        return over_limit(name, str(exceeded), exceeded.message_en)
    try:
        source: Source = reader(name, data)
    except MemoryError:
        raise                  # the budget's to report, not a reader bug
    except Exception as err:   # a reader bug must not stop the batch
        return Document(name, problems=[Problem(
            "input", "reader-failed", f"读取文件时出错（{type(err).__name__}: {err}）", Loc(name, 1))])
    source.budget_year = budget_year
    return build_document(source)


def over_limit(name: str, message: str, message_en: str | None = None, code: str = "over-limit") -> Document:
    """The model of a file not read because it exceeds a limit or its budget (or ``code``
    another reason it was not checked): its one problem."""
    return Document(name, problems=[Problem("input", code, message, Loc(name, 1), message_en=message_en)])


def extract_parts(path: str, budget_year: int | None = None, limits: Limits | None = None,
                  name: str | None = None) -> Iterator[Document]:
    """The model of one file in parts: one Document for most files; for a text file over
    :data:`STREAM_ABOVE_BYTES`, one per part of about :data:`PART_LINES` lines."""
    limits = limits or Limits()
    name = name or path
    try:
        large = reader_for(path) is read_text and os.path.getsize(path) > STREAM_ABOVE_BYTES
    except OSError:
        large = False
    if not large:
        yield extract_file(path, budget_year, limits, name)
        return
    try:
        encoding, lines, message = stream_lines(path)
    except OSError as err:
        yield Document(name, problems=[Problem(
            "input", "unreadable", f"无法读取文件：{os_error(err)}", Loc(name, 1))])
        return
    if lines is None:
        yield Document(name, problems=[Problem("input", "undecodable", message, Loc(name, 1))])
        return
    yield from _parts(name, encoding, _bounded(lines, limits), budget_year)


def _bounded(lines: Iterator[str], limits: Limits) -> Iterator[str]:
    """The lines of a streamed file, each within the line limit."""
    for number, line in enumerate(lines, 1):
        check_line(len(line), number, limits)
        yield line


def _parts(path: str, encoding: str, lines: Iterator[str], budget_year: int | None) -> Iterator[Document]:
    buffer: list[str] = []
    offset = 0              # lines of the file before the buffer
    layout = None
    ended = False
    while not ended:
        before = len(buffer)
        for line in lines:
            buffer.append(line)
            if len(buffer) - before >= PART_LINES:
                break
        else:
            ended = True
        if layout is None:
            first = Source(path, "txt", buffer, encoding)
            layout = choose_layout(first)
            if layout is None or layout.parts is None:
                # no layout to cut by: read the rest and build the file whole
                buffer.extend(lines)
                yield build_document(Source(path, "txt", buffer, encoding, budget_year=budget_year))
                return
            budget_year = budget_year or detect_budget_year(buffer)
        starts = [i for i in layout.parts(buffer) if i > 0]
        cut = len(buffer) if ended or not starts else starts[-1]
        if not ended and not starts and len(buffer) < 4 * PART_LINES:
            continue        # one table longer than a part: read on before cutting
        part = build_document(Source(path, "txt", buffer[:cut], encoding, budget_year=budget_year), layout)
        if offset:
            shift_lines(part, offset)
        yield part
        offset += cut
        buffer = buffer[cut:]
