"""Layout ``text-grid``: any text export of a table that is not one of the sample exports.

The text is cut into a grid of cells (tab, ``|``, aligned spaces, one cell per line, run-together
text: :mod:`perflint.readers.segment`) and handed to the same form interpreter Word and Excel
tables go through (:mod:`perflint.layouts.form`). The layouts made for particular exports
(tsv-coded, tsv-slotted, pdf-lines, tab-cells) claim their own documents with a higher score.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Document
from ..readers import Source
from ..readers.segment import segment
from . import Layout, form

SCORE = 0.45      # below the export layouts' own scores, above the minimum


def _grid(source: Source) -> Source:
    rows, how = segment(source.lines)
    return replace(source, cells=rows, ragged=True)


def sniff(source: Source) -> float:
    grid = _grid(source)
    return SCORE if form.table_spans(grid.cells) else 0.0


def build(source: Source) -> Document:
    return form.build(_grid(source), "text-grid")


LAYOUT = Layout("text-grid", "其他文本导出的表格：按制表符、竖线、对齐空格、每格一行或连写文字切分成单元格后按表读取",
                ("txt",), sniff, build, None, fallback=True)
