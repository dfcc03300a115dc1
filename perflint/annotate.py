"""The user's own file handed back with perflint's findings in it, never changed in place.

A Word file gets a comment (author "perflint") on each cell that has findings: the severity, the
code, the message and the fix, one paragraph per finding. An Excel file gets a cell comment and a
fill colour by the worst severity of the cell's findings. Findings about the whole file (or a
place the copy cannot point at) go on the document's first paragraph or the first sheet's A1, so
none is dropped. A PDF or a text file cannot carry comments: it gets the HTML report of its
findings instead.

The copy is written beside the others in the output folder as ``name.perflint.docx`` (or
``.xlsx``, ``.html``), through a temporary file renamed into place, so an interrupted run never
leaves half a copy; the input is only read.
"""
from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .files import replacing
from .findings import SEVERITY_RANK, Finding
from .i18n import words

AUTHOR = "perflint"
#: fill colours of an Excel cell by the worst severity of its findings (those of the HTML report)
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


@dataclass(frozen=True)
class Annotated:
    source: str          # the file checked
    copy: str            # what was written
    kind: str            # "docx", "xlsx" or "html"
    placed: int          # findings placed at their own cell or paragraph
    general: int         # findings placed at the start (the whole file, or no place to point at)


class AnnotateError(Exception):
    """The copy could not be written (the reason, in the user's words)."""


def annotate_file(path: str, findings: list[Finding], out_dir: str, report=None, lang: str = "zh") -> Annotated:
    """Write the annotated copy of ``path`` into ``out_dir``; ``findings`` are its findings,
    ``report`` the run's report (for the HTML copy of a PDF or text file)."""
    suffix = os.path.splitext(path)[1].lower()
    stem = os.path.splitext(os.path.basename(path))[0]
    kind = suffix.lstrip(".") if suffix in (".docx", ".xlsx") else "html"
    target = os.path.join(out_dir, f"{stem}.perflint.{kind}")
    if os.path.abspath(target) == os.path.abspath(path):
        raise AnnotateError(f"输出文件与原文件相同：{path}")
    w = words(lang)
    try:
        if kind == "docx":
            return Annotated(path, target, kind, *_write(target, lambda tmp: _docx(path, findings, tmp, w)))
        if kind == "xlsx":
            return Annotated(path, target, kind, *_write(target, lambda tmp: _xlsx(path, findings, tmp, w)))
    except MemoryError:
        raise
    except Exception:           # a file its reader could not open either: its findings say why
        target = os.path.join(out_dir, f"{stem}.perflint.html")
    from dataclasses import replace

    from .files import shown_name
    from .reporters import RenderOptions, write_file

    name = findings[0].file if findings else shown_name(path)
    own = replace(report, findings=findings, files=[r for r in report.files if r.path == name])
    write_file(own, "html", target, RenderOptions(lang=lang))
    return Annotated(path, target, "html", len(findings), 0)


def _write(target: str, build) -> tuple[int, int]:
    with replacing(target) as temporary:
        return build(temporary)


def comment_text(findings: Iterable[Finding], w: dict[str, str]) -> str:
    """One paragraph per finding: ``[错误] PF103 message（建议：hint）``."""
    lines = []
    for f in sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.code)):
        line = f"[{w[f.severity]}] {f.code} {f.message}"
        if f.hint:
            line += f"{w['open']}{w['hint']}{f.hint}{w['close']}"
        lines.append(line)
    return "\n".join(lines)


# ---- Word ---------------------------------------------------------------------------------------

def _docx(path: str, findings: list[Finding], target: str, w: dict[str, str]) -> tuple[int, int]:
    import docx
    from docx.table import Table, _Cell

    document = docx.Document(path)
    tables, paragraphs = [], []
    for block in document.iter_inner_content():
        (tables if isinstance(block, Table) else paragraphs).append(block)
    at_cell: dict[tuple, list[Finding]] = defaultdict(list)
    general: list[Finding] = []
    for f in findings:
        where = f.locator or {}
        anchor = None
        if where.get("kind") == "docx" and "table" in where and "row" in where \
                and 1 <= where["table"] <= len(tables):
            anchor = ("cell", where["table"], where["row"], where.get("column"))
        elif where.get("kind") == "docx" and 1 <= where.get("paragraph", 0) <= len(paragraphs):
            anchor = ("paragraph", where["paragraph"])
        (at_cell[anchor] if anchor else general).append(f)
    placed = 0
    for anchor, found in at_cell.items():
        runs = None
        if anchor[0] == "cell":
            cell = _cell(tables[anchor[1] - 1], anchor[2], anchor[3], _Cell)
            if cell is not None:
                runs = _runs_of(cell.paragraphs)
        else:
            runs = _runs_of([paragraphs[anchor[1] - 1]])
        if runs is None:
            general.extend(found)
            continue
        document.add_comment(runs, text=comment_text(found, w), author=AUTHOR, initials="PL")
        placed += len(found)
    if general:
        first = paragraphs[0] if paragraphs else None
        if first is None:
            first = document.add_paragraph()
        document.add_comment(_runs_of([first]), text=comment_text(general, w), author=AUTHOR, initials="PL")
    document.save(target)
    return placed, len(general)


def _cell(table, row: int, column: str | None, cell_class):
    """The cell of ``table`` at ``row`` (1-based) whose column is named ``column`` (its heading
    or label, as the reader named it), or the row's first filled cell."""
    from .readers import column_names
    from .readers.docx import table_rows

    trs = table._tbl.tr_lst
    if not 1 <= row <= len(trs):
        return None
    grid = table_rows(table)
    names = column_names(grid)[row - 1]
    cells = grid[row - 1]
    if column and column in names:
        at = names.index(column)
    else:
        at = next((i for i, c in enumerate(cells) if c.strip()), 0)
    tr = trs[row - 1]
    position = tr.grid_before or 0
    for tc in tr.tc_lst:
        span = max(1, tc.grid_span or 1)
        if position <= at < position + span:
            return cell_class(tc, table)
        position += span
    return cell_class(tr.tc_lst[-1], table) if tr.tc_lst else None


def _runs_of(paragraphs) -> list:
    """The runs a comment is anchored on: every run with text, or a new empty run in the first
    paragraph of an empty cell."""
    runs = [run for p in paragraphs for run in p.runs if run.text]
    if runs:
        return runs
    first = paragraphs[0]
    return [first.runs[0] if first.runs else first.add_run("")]


# ---- Excel --------------------------------------------------------------------------------------

def _xlsx(path: str, findings: list[Finding], target: str, w: dict[str, str]) -> tuple[int, int]:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    book = openpyxl.load_workbook(path)
    at_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    general: list[Finding] = []
    for f in findings:
        where = f.locator or {}
        if where.get("kind") == "xlsx" and where.get("sheet") in book.sheetnames and where.get("cell"):
            at_cell[(where["sheet"], where["cell"])].append(f)
        else:
            general.append(f)
    if general:
        at_cell[(book.sheetnames[0], "A1")].extend(general)
    for (sheet, coordinate), found in at_cell.items():
        cell = book[sheet][coordinate]
        if type(cell).__name__ == "MergedCell":      # a merged range: its top-left cell holds it
            for merged in book[sheet].merged_cells.ranges:
                if coordinate in merged:
                    cell = book[sheet].cell(merged.min_row, merged.min_col)
                    break
        text = comment_text(found, w)
        if cell.comment is not None and cell.comment.author != AUTHOR:
            text = f"{cell.comment.text}\n—— perflint ——\n{text}"     # the sheet's own comment stays
        comment = Comment(text, AUTHOR)
        comment.width, comment.height = 360, min(600, 60 + 40 * len(found))
        cell.comment = comment
        worst = max((f.severity for f in found), key=SEVERITY_RANK.__getitem__)
        cell.fill = PatternFill("solid", start_color=FILLS[worst], end_color=FILLS[worst])
    book.save(target)
    return len(findings) - len(general), len(general)
