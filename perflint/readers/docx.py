"""The Word reader (.docx, with python-docx): paragraphs and tables in reading order.

A merged cell is one logical cell: its text sits in the first grid column and row it covers, the
columns and rows it spans are left blank — which is how the text exports read by the other
layouts look too, so the layout fills 一级/二级 down over a merged block the same way. Every
line remembers its table, row and column heading (``{"kind":"docx","table":3,"row":5,
"column":"指标值"}``); paragraphs remember their number.
"""
from __future__ import annotations

from . import GridBuilder, Source, open_office


def read_docx(path: str, data: bytes) -> Source:
    grid = GridBuilder(path, "docx")
    import docx

    document, failed = open_office(grid, data, docx.Document, old="doc", kind="Word（.docx）", app="Word 或 WPS")
    if failed is not None:
        return failed
    try:
        read_body(grid, document)
    finally:
        _let_go(document)
    if not grid.source.lines:
        grid.source.problem("empty-file", "Word 文件中没有文字或表格，没有可检查的内容")
    return grid.source


def _let_go(document) -> None:
    """The opened file's parts let go of now. python-docx links a package and its parts both ways
    (through their relationships), so the whole document — its XML trees included — would wait
    for the next full garbage collection, which perflint makes rare: a sweep of Word files grew
    by several megabytes a file. Emptying the parts and the package undoes the loops."""
    try:
        package = document.part.package
        for part in list(package.iter_parts()):
            part.__dict__.clear()
        package.__dict__.clear()
        document.__dict__.clear()       # (its body names it as its parent)
    except Exception:       # another python-docx's insides: left to the garbage collector
        pass


def read_body(grid: GridBuilder, document) -> None:
    from docx.table import Table
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            grid.table(table_rows(block), table=tables)
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
