"""Layout ``text-grid``: text exports of tables, cut into a grid of cells and read as a form.

The text is cut into a grid of cells (tab, ``|``, aligned spaces, one cell per line, run-together
text: :mod:`perflint.readers.segment`) and handed to the same form interpreter Word and Excel
tables go through (:mod:`perflint.layouts.form`). The layouts made for the sample exports
(tsv-coded, tsv-slotted, pdf-lines, tab-cells) claim their own documents first; the coded-tier
export (tsv-coded) reads exactly the same way through this path.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document, map_lines
from ..readers import Source
from ..readers.segment import rows_of_streams, segment, split_line
from . import Layout, form
from .captions import table_parts

SCORE = 0.45      # below the export layouts' own scores, above the minimum


def _grid(source: Source) -> tuple[Source, list[int] | None]:
    rows, how = segment(source.lines)
    rows, row_lines = rows_of_streams(rows)
    if row_lines is None:
        return replace(source, cells=rows, ragged=True), None
    # rows are no longer lines: read them as lines of their own, then give back the file's lines
    return replace(source, lines=["\t".join(r) for r in rows], cells=rows, ragged=True), row_lines


def sniff(source: Source) -> float:
    grid, _ = _grid(source)
    # a name label or an indicator heading row is enough to try (build says what is missing)
    found = any(form.starts_table(cells) or form.is_heading_row(cells) for cells in grid.cells)
    return SCORE if found else 0.0


def build(source: Source) -> Document:
    grid, row_lines = _grid(source)
    doc = form.build(grid, "text-grid")
    if row_lines is not None:
        doc = map_lines(doc, lambda line: row_lines[line - 1] + 1 if 1 <= line <= len(row_lines) else line)
    return doc


def _is_start(line: str) -> bool:
    return form.starts_table(split_line(line))


# a very large text file is read a part at a time, cut where a table's caption block begins
parts = table_parts(_is_start)

LAYOUT = Layout("text-grid", "其他文本导出的表格：按制表符、竖线、空格、每格一行或连写文字切分成单元格后按表读取",
                ("txt",), sniff, build, parts, fallback=True)
