"""The CSV reader: a table saved as comma-, tab- or semicolon-separated values.

Decoded like text (UTF-8, UTF-16, GB18030 — Excel on a Chinese Windows saves CSV as GBK), cut
into cells with the standard library's csv module, and handed over as one table whose cells
remember their row and column letter (``{"kind": "csv", "row": 12, "column": "D"}``).
"""
from __future__ import annotations

import csv
import io

from . import GridBuilder, Source
from .text import decode_text


def read_csv(path: str, data: bytes) -> Source:
    grid = GridBuilder(path, "csv")
    text, encoding = decode_text(data)
    if text is None:
        return grid.source.problem("undecodable", "无法识别 CSV 文件的编码，请另存为 UTF-8 CSV 后再检查")
    grid.source.encoding = encoding
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    from openpyxl.utils import get_column_letter
    for r, cells in enumerate(csv.reader(io.StringIO(text), dialect), 1):
        letters = tuple(get_column_letter(c) for c in range(1, len(cells) + 1))
        grid.row(cells, letters, row=r)
    if not grid.source.lines:
        grid.source.problem("empty-file", "CSV 文件中没有任何内容，没有可检查的内容")
    return grid.source
