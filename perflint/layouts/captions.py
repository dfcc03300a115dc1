"""Where tables begin and end in a text export, and the caption block above each one.

Shared by the layouts that read text exports line by line: a table runs from the row that starts
it (a 项目名称 row) to the caption block of the next table (附件 / …目标表 / （2022年度） / 单位：万元
lines), and that caption block gives the table's title and money unit.
"""
from __future__ import annotations

import functools
import re

from .common import detect_unit, squash

# A caption may carry a leftover Word field code after 表 ("…目标表 TC 1、…目标表 \f C \l 1").
_CAPTION = re.compile(r"^(附件\d*|.*绩效目标(?:总)?表(?:TC.*)?|[(（]\s*\d{4}\s*年度?\s*[)）]|单位\s*[:：].*)$")


def table_parts(is_start):
    """Where each table's caption block begins (the parts a large file can be read in), for
    layouts whose tables start at a row ``is_start`` recognises."""
    return lambda lines: [first for first, _, _ in table_spans(lines, is_start)]


@functools.lru_cache(maxsize=4096)
def is_caption(line: str) -> bool:
    # (tables copied from a template repeat their captions and rows: each line is looked at once)
    return bool(_CAPTION.match(squash(line.replace("\t", ""))))


def table_spans(lines: list[str], is_start) -> list[tuple[int, int, int]]:
    """(caption start, table start, table end) for each table, 0-based, end exclusive.

    A table runs from its 项目名称 row to the caption block of the next table (附件 / …目标表 /
    （2022年度） / 单位：万元 lines), so stray lines after the last row stay with their table.
    """
    starts = [i for i, line in enumerate(lines) if is_start(line)]
    spans = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or is_caption(lines[end - 1])):
            end -= 1
        caption = start
        while caption > (spans[-1][2] if spans else 0) and (
                not lines[caption - 1].strip() or is_caption(lines[caption - 1])):
            caption -= 1
        spans.append((caption, start, end))
    return spans


def caption_of(lines: list[str], first: int, start: int) -> tuple[str | None, int | None, str | None]:
    """The table's title, the line it is on (1-based), and the unit from its caption block."""
    title = title_line = None
    for i in range(first, start):
        text = squash(lines[i].replace("\t", " "))
        at = text.find("绩效目标")
        # the caption may carry leftovers after its end (a Word field code): 表 need not be last
        if at >= 0 and "表" in text[at:] and len(text) <= 160:
            title, title_line = " ".join(lines[i].split()), i + 1
            break
    unit = detect_unit("\n".join(lines[first:start]))
    return title, title_line, unit
