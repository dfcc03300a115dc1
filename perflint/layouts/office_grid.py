"""Layout ``office-grid``: the tables of Word, Excel and PDF files, read cell by cell.

The readers give every table row as cells in their real grid columns (a merged cell once, in
its first column and row), so positions below the heading row are trusted. What the cells mean
is the form interpreter's job (:mod:`perflint.layouts.form`), the same for every format.
"""
from __future__ import annotations

from ..model import Document
from ..readers import Source
from . import Layout, form
from .captions import table_parts

FORMATS = ("docx", "xlsx", "pdf", "html", "csv")


def sniff(source: Source) -> float:
    rows = source.cells if source.cells is not None else [line.split("\t") for line in source.lines]
    if not form.table_spans(rows):
        return 0.0
    headers = sum(1 for cells in rows if form.is_heading_row(cells))
    return min(1.0, 0.7 + headers / 100)


def build(source: Source) -> Document:
    return form.build(source, "office-grid")


def _is_start(line: str) -> bool:
    return form.starts_table(line.split("\t"))


parts = table_parts(_is_start)

LAYOUT = Layout("office-grid", "Word、Excel、PDF、网页、CSV 中的表格：按单元格所在列读取（各地单项目表、多项目汇总表、部门整体支出表）",
                FORMATS, sniff, build, parts)
