"""Layouts: how a family of documents arranges its tables, and how to read them into the model.

Each module in this package that defines ``LAYOUT`` is a layout; they are discovered, not
listed. For a source, every layout scores how much it looks like its own kind (``sniff``, 0–1)
and the best one above :data:`MIN_CONFIDENCE` builds the Document. A source no layout
recognises becomes a Document with an ``input`` problem, not an error.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Document, Loc, Problem
from ..readers import Source

MIN_CONFIDENCE = 0.3
#: Lines a layout's signature is first looked for in (the whole file only if that finds nothing).
SNIFF_LINES = 400


@dataclass(frozen=True)
class Layout:
    name: str
    description: str                       # one line, Chinese, shown by `perflint layouts`
    formats: tuple[str, ...]               # source formats it reads ("txt",)
    sniff: Callable[[Source], float]
    build: Callable[[Source], Document]
    #: Where self-contained parts of a document begin (0-based line indexes: each table's caption
    #: block), so a very large file can be read a part at a time. None: only as a whole.
    parts: Callable[[list[str]], list[int]] | None = None
    #: tried only when no other layout recognises the source (the generic text reading)
    fallback: bool = False


@functools.lru_cache(maxsize=1)
def all_layouts() -> tuple[Layout, ...]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        layout = getattr(module, "LAYOUT", None)
        if isinstance(layout, Layout):
            found.append(layout)
    return tuple(sorted(found, key=lambda layout: layout.name))


def _sniff(source: Source, lines: int | None) -> list[tuple[float, Layout]]:
    head = source if lines is None else Source(
        source.path, source.format, source.lines[:lines],
        cells=source.cells[:lines] if source.cells is not None else None)
    candidates = [layout for layout in all_layouts() if source.format in layout.formats]
    scored = sorted(((layout.sniff(head), layout) for layout in candidates if not layout.fallback),
                    key=lambda p: -p[0])
    if scored and scored[0][0] >= MIN_CONFIDENCE:
        return scored
    return sorted(scored + [(layout.sniff(head), layout) for layout in candidates if layout.fallback],
                  key=lambda p: -p[0])


def choose_layout(source: Source) -> Layout | None:
    """The layout the source looks most like, if any looks enough like one."""
    scored = _sniff(source, SNIFF_LINES)
    if (not scored or scored[0][0] < MIN_CONFIDENCE) and len(source.lines) > SNIFF_LINES:
        scored = _sniff(source, None)
    return scored[0][1] if scored and scored[0][0] >= MIN_CONFIDENCE else None


def build_document(source: Source, layout: Layout | None = None) -> Document:
    """The model of one source; problems instead of exceptions when it cannot be read."""
    doc = Document(path=source.path, format=source.format, encoding=source.encoding,
                   problems=list(source.problems), line_count=len(source.lines), places=source.places)
    if source.problems and not source.lines:
        return doc
    layout = layout or choose_layout(source)
    if layout is None:
        from ..readers.segment import segment
        from .form import what_is_missing
        rows = source.cells if source.cells is not None else segment(source.lines)[0]
        message, message_en = what_is_missing(rows)
        doc.problems.append(Problem("input", "unrecognised-layout", message, Loc(source.path, 1), message_en=message_en))
        return doc
    try:
        built = layout.build(source)
    except MemoryError:
        raise                  # the budget's to report
    except Exception as err:   # a layout bug must not stop a batch; say where and go on
        doc.problems.append(Problem(
            "input", "layout-failed",
            f"按“{layout.name}”版式读取时出错（{type(err).__name__}: {err}），该文件未检查",
            Loc(source.path, 1)))
        return doc
    built.problems[:0] = doc.problems
    built.encoding, built.line_count, built.format = doc.encoding, doc.line_count, doc.format
    built.places = source.places
    if not built.projects:
        built.problems.append(Problem(
            "input", "no-tables", f"按“{layout.name}”版式未找到任何项目表", Loc(source.path, 1),
            message_en=f"No project table was found in the “{layout.name}” layout"))
    return built
