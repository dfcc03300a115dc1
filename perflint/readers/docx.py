"""The Word reader (.docx, with python-docx): paragraphs and tables in reading order.

A merged cell is one logical cell: its text sits in the first grid column and row it covers, the
columns and rows it spans are left blank — which is how the text exports read by the other
layouts look too, so the layout fills 一级/二级 down over a merged block the same way. Every
line remembers its table, row and column heading (``{"kind":"docx","table":3,"row":5,
"column":"指标值"}``); paragraphs remember their number.
"""
from __future__ import annotations

import io

from . import GridBuilder, Source, column_names, is_encrypted_office, is_old_office

ENCRYPTED = "文件设置了打开密码（已加密），无法读取；请取消密码后另存再检查"
CORRUPT = "文件已损坏或不是有效的 {kind} 文件（{error}），无法读取；请用 {app} 打开后另存再检查"


def read_docx(path: str, data: bytes) -> Source:
    grid = GridBuilder(path, "docx")
    if is_encrypted_office(data):
        return grid.source.problem("encrypted", ENCRYPTED)
    if is_old_office(data):      # an old binary file given the new name: convert it like one
        from .legacy import read_legacy
        return read_legacy(path, data, old="doc")
    try:
        import docx
        document = docx.Document(io.BytesIO(data))
    except Exception as err:     # a damaged file raises whatever its broken part makes the parser raise
        return grid.source.problem("corrupt", CORRUPT.format(
            kind="Word（.docx）", error=type(err).__name__, app="Word 或 WPS"))
    read_body(grid, document)
    if not grid.source.lines:
        grid.source.problem("empty-file", "Word 文件中没有文字或表格，没有可检查的内容")
    return grid.source


def read_body(grid: GridBuilder, document) -> None:
    from docx.table import Table
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            rows = table_rows(block)
            for r, (cells, columns) in enumerate(zip(rows, column_names(rows)), 1):
                grid.row(cells, columns, table=tables, row=r)
        else:
            paragraphs += 1
            grid.paragraph(block.text, paragraph=paragraphs)


def table_rows(table) -> list[list[str]]:
    """The table as a grid of texts, merged cells written once (top-left), spans left blank."""
    from docx.table import _Cell
    rows: list[list[str]] = []
    for tr in table._tbl.tr_lst:
        cells: list[str] = [""] * (tr.grid_before or 0)
        for tc in tr.tc_lst:
            continued = tc.vMerge == "continue"
            text = "" if continued else _Cell(tc, table).text
            span = max(1, tc.grid_span or 1)
            cells.extend([text] + [""] * (span - 1))
        rows.append(cells)
    return rows
