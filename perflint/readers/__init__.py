"""Readers: a file's bytes → a :class:`Source` the layouts can read, never an exception.

Readers are found by file suffix through the ``perflint.readers`` entry-point group; perflint's
own readers (text, Word, Excel, PDF, and the legacy formats converted through LibreOffice) are
registered there the same way another format's reader would be. A reader knows nothing about
tiers: it decodes, lays cells out, remembers where each came from, and records what went wrong
as problems.

Text readers hand over lines. Office readers hand over rows of cells (:class:`GridBuilder`):
each table row becomes one line whose cells are joined by tabs, each paragraph one line, and
``places`` says for every line which table/row, sheet/row or page/row it was — so a finding can
point at ``表3 第5行 指标值`` or ``D12`` instead of a line number nobody can see.
"""
from __future__ import annotations

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Loc, Place, Problem
from ..plugins import entry_points


@dataclass(slots=True)
class Source:
    """What a reader hands to the layouts: the lines of one file, 1-based by position.

    ``cells`` and ``places`` are set by readers of table formats: the exact text of every cell
    of each line (cells may hold line breaks, lines may not) and where each line came from.
    """

    path: str
    format: str
    lines: list[str] = field(default_factory=list)
    encoding: str | None = None
    problems: list[Problem] = field(default_factory=list)
    budget_year: int | None = None     # set by configuration to override what the document says
    cells: list[list[str]] | None = None
    places: list[Place] | None = None
    #: cells cut from text: merged and empty cells are missing, so positions cannot be trusted
    ragged: bool = False

    def problem(self, code: str, message: str) -> Source:
        """Record an ``input`` problem about the whole file (and return the source, for readers)."""
        self.problems.append(Problem("input", code, message, Loc(self.path, 1)))
        return self


Reader = Callable[[str, bytes], Source]


class GridBuilder:
    """Collects the rows and paragraphs of a table format in reading order."""

    def __init__(self, path: str, format: str, kind: str | None = None):
        self.source = Source(path, format, cells=[], places=[])
        self.kind = kind or format

    def paragraph(self, text: str, **where) -> None:
        for piece in text.splitlines() or [""]:
            if piece.strip():
                self.row([piece], (), **where)

    def table(self, rows: list[list[str]], **where) -> None:
        """A whole table (a merged cell once, the cells it spans blank), each row named by its
        column headings or labels; ``where`` says which table, and each row gets its number."""
        for r, (cells, columns) in enumerate(zip(rows, column_names(rows), strict=True), 1):
            self.row(cells, columns, **where, row=r)

    def row(self, cells: list[str], columns: tuple[str, ...] = (), **where) -> None:
        cells = [c.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").strip() for c in cells]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            return
        first = next((i for i, c in enumerate(cells) if c), 0)
        self.source.lines.append("\t".join(" ".join(c.split("\n")) for c in cells))
        self.source.cells.append(cells)
        self.source.places.append(Place(self.kind, where, columns, first))


#: Column headings of an indicator table; a row with two of them names the columns below it.
HEADINGS = frozenset(("一级指标", "二级指标", "三级指标", "指标值", "绩效指标描述", "指标值确定依据",
                      "指标名称", "指标内容", "绩效指标", "指标性质", "度量单位", "计量单位",
                      "3月底", "6月底", "9月底", "10月底", "12月底"))
_NAME_LIMIT = 16


def column_names(rows: list[list[str]]) -> list[tuple[str, ...]]:
    """A name for every cell of a table, for locations: under a heading row, the heading of its
    column; above it, the label nearest to its left on the same row (whose value the cell is)."""
    named: list[tuple[str, ...]] = []
    headings: list[str] | None = None
    for cells in rows:
        keys = ["".join(c.split()) for c in cells]
        if next((k for k in keys if k), "").startswith("项目名称"):
            headings = None        # the next project's table begins
        if sum(k in HEADINGS for k in keys) >= 2:
            headings = keys
        if headings is not None and not any(k.startswith("资金支出计划") for k in keys):
            names = [headings[i] if i < len(headings) else "" for i in range(len(cells))]
            # a heading merged over several columns is written once: carry it right
            for i in range(1, len(names)):
                names[i] = names[i] or names[i - 1]
        else:
            # the label is the nearest filled cell on the left (a label cell names itself)
            names, label = [], ""
            for k in keys:
                names.append((label or k)[:_NAME_LIMIT])
                label = k or label
        named.append(tuple(names))
    return named


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # the compound-file header of .doc/.xls/.wps/.et


def is_encrypted_office(data: bytes) -> bool:
    """An OOXML file with an open password is stored as an OLE compound file, not a zip."""
    return data[:8] == OLE_MAGIC and "EncryptedPackage".encode("utf-16-le") in data


def is_old_office(data: bytes) -> bool:
    """An old binary Word/Excel/WPS file — often renamed to .docx or .xlsx by hand."""
    return data[:8] == OLE_MAGIC and not is_encrypted_office(data)


ENCRYPTED = "文件设置了打开密码（已加密），无法读取；请取消密码后另存再检查"
CORRUPT = "文件已损坏或不是有效的 {kind} 文件{error}，无法读取；请用 {app} 打开后另存再检查"


def open_office(grid: GridBuilder, data: bytes, load: Callable, *, old: str, kind: str, app: str):
    """``(opened, None)``, or ``(None, source)`` when the file is password-protected, damaged,
    or an old binary file under the new name (then converted like one, see readers.legacy)."""
    if is_encrypted_office(data):
        return None, grid.source.problem("encrypted", ENCRYPTED)
    if is_old_office(data):
        from .legacy import read_legacy
        return None, read_legacy(grid.source.path, data, old=old)
    try:
        return load(io.BytesIO(data)), None
    except MemoryError:
        raise                    # the budget's to report, not a damaged file
    except Exception as err:     # a damaged file raises whatever its broken part makes the parser raise
        return None, grid.source.problem("corrupt", CORRUPT.format(kind=kind, error=_why(err), app=app))


def _why(err: BaseException) -> str:
    from ..i18n import damage

    reason = damage(err)
    return f"（{reason}）" if reason else ""


@functools.lru_cache(maxsize=1)
def _readers() -> dict[str, Reader]:
    found: dict[str, Reader] = {}
    for ep in entry_points(group="perflint.readers"):
        try:
            found[ep.name.lower()] = ep.load()
        except Exception:       # a broken third-party reader must not stop the run
            continue
    from .text import read_text
    found.setdefault("txt", read_text)
    return found


def supported_suffixes() -> tuple[str, ...]:
    return tuple("." + s for s in sorted(_readers()))


def reader_for(path: str) -> Reader | None:
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return _readers().get(suffix)
