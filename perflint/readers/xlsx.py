"""The Excel reader (.xlsx, with openpyxl): every sheet, every table on it, cell by cell.

A merged range is one logical cell (openpyxl leaves the cells it covers empty), numbers are
written back as the sheet shows them (``0.00`` keeps two decimals, ``0%`` a percentage) so the
rules see the table's precision, and formulas give their last computed value. Every line
remembers its sheet and row, every cell its column letter: ``{"kind":"xlsx","sheet":"表1",
"cell":"D12"}``.
"""
from __future__ import annotations

import datetime
import re

from . import GridBuilder, Source, open_office

_DECIMALS = re.compile(r"0\.(0+)")


def read_xlsx(path: str, data: bytes) -> Source:
    grid = GridBuilder(path, "xlsx")
    import openpyxl
    from openpyxl.utils import get_column_letter

    book, failed = open_office(grid, data, lambda f: openpyxl.load_workbook(f, data_only=True),
                               old="xls", kind="Excel（.xlsx）", app="Excel 或 WPS")
    if failed is not None:
        return failed
    for sheet in book.worksheets:
        letters = tuple(get_column_letter(c) for c in range(1, (sheet.max_column or 1) + 1))
        for r, row in enumerate(sheet.iter_rows(), 1):
            grid.row([cell_text(cell) for cell in row], letters, sheet=sheet.title, row=r)
    if not grid.source.lines:
        grid.source.problem("empty-file", "Excel 文件中没有任何单元格内容，没有可检查的内容")
    return grid.source


def cell_text(cell) -> str:
    """The text a reader of the sheet sees in the cell."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        fmt = cell.number_format or "General"
        decimals = _DECIMALS.search(fmt)
        places = len(decimals.group(1)) if decimals else None
        if "%" in fmt:
            number = value * 100
            return f"{number:.{places}f}%" if places is not None else f"{number:g}%"
        if places is not None:
            return f"{value:.{places}f}"
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, datetime.datetime):
        return f"{value:%Y-%m-%d}" if value.time() == datetime.time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    return str(value)
