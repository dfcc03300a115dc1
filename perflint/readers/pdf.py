"""The PDF reader (pdfplumber, on page objects from pdfium): ruled tables cell by cell, the text
around them line by line.

A table that runs over a page break is read as one: rows of the next page follow on, a heading
row repeated at the top of the page is left to the layout to skip, and a row cut in two by the
break (the next page's first row holding only the rest of some cells) is joined back. Text in a
cell that wrapped over several lines is joined the way it was written (no space between Chinese
characters). Locations are page and row: ``{"kind":"pdf","page":4,"row":7}``, the row counted
among the table rows of that page.

A PDF without a text layer (a scan) or whose text comes out as ``(cid:123)`` (fonts without a
character map) is not guessed at: it is one ``input`` problem that says so.
"""
from __future__ import annotations

import io
import itertools
import logging
import re
from bisect import bisect_left, bisect_right
from operator import itemgetter

from ..model import Place
from . import HEADINGS, GridBuilder, Source, column_names

_CID = re.compile(r"\(cid:\d+\)")
_PAGE_FURNITURE = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[，,/共]\s*共?\s*\d+\s*页)?|\d{1,4})\s*$")


def read_pdf(path: str, data: bytes) -> Source:
    # pdfminer logs every odd font it meets; what matters reaches the user as a finding
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    grid = GridBuilder(path, "pdf")
    import pdfplumber
    try:        # a damaged or locked file fails on opening or only on its first page
        pdf = pdfplumber.open(io.BytesIO(data))
        try:
            fast = _pdfium(data)
            try:
                pages = []
                for k, page in enumerate(pdf.pages):
                    try:
                        pages.append(_read_page(page, fast, k))
                    finally:
                        page.close()        # its characters and layout let go as soon as it is read
            finally:
                if fast is not None:
                    fast.close()
        finally:
            # not pdf.close(): it forgets its pages, then makes and closes every page anew, leaving
            # the pages read here — and all they hold — to the next full garbage collection. The
            # stream is ours (a BytesIO), so letting go of the page list is all there is to do.
            pdf.flush_cache()
    except MemoryError:
        raise                   # the budget's to report, not a damaged file
    except Exception as err:
        if _is_password_error(err):
            return grid.source.problem("encrypted", "PDF 设置了打开密码（已加密），无法读取；请取消密码后再检查")
        return grid.source.problem("corrupt", "PDF 文件已损坏或不是有效的 PDF，无法读取")
    chars = sum(p.chars for p in pages)
    if not chars:
        return grid.source.problem(
            "no-text-layer", f"PDF 没有文字层（共 {len(pages)} 页，可能是扫描件或图片），无法检查其中的表格")
    text = "".join(t for p in pages for t in p.all_text())
    garbled = len(_CID.findall(text))
    if garbled and garbled * 6 > len(text) / 10:
        return grid.source.problem(
            "garbled-text", f"PDF 的文字无法正确提取（出现 {garbled} 处“(cid:数字)”乱码，字体缺少编码表），"
                            "检查结果会不可信，未做检查")
    if not any(kind == "table" for page in pages for kind, _ in page.items):
        return _text_only(grid.source, pages)
    _emit(grid, pages)
    return grid.source


def _text_only(source: Source, pages: list[_Page]) -> Source:
    """A PDF without ruled tables (cells drawn without lines): its text, line by line, for the
    layouts that read text exports of PDFs; locations are pages."""
    source.format, source.cells = "txt", None
    for page in pages:
        for _, (text, _) in page.items:
            source.lines.append(text)
            source.places.append(Place("pdf", {"page": page.number}))
    return source


class _Page:
    """What one page holds, top to bottom: ("text", line) and ("table", rows) items."""

    def __init__(self, number: int, chars: int, items: list[tuple[float, str, object]]):
        self.number, self.chars = number, chars
        self.items = [(kind, content) for _, kind, content in sorted(items, key=lambda t: t[0])]

    def all_text(self) -> list[str]:
        out = []
        for kind, content in self.items:
            out.extend([content[0]] if kind == "text" else [c for row in content for c in row])
        return out


def _pdfium(data: bytes):
    """The document opened with pdfium as well, to take its pages' objects from (see
    pdfium_objects); None when pdfium cannot open it (pdfminer then reads every page)."""
    try:
        import pypdfium2
        return pypdfium2.PdfDocument(data)
    except MemoryError:
        raise
    except Exception:
        return None


def _read_page(page, fast=None, number: int = 0) -> _Page:
    """One page: its tables' rows and the lines of text around them. ``fast`` is the document
    opened with pdfium: the page's objects are taken from there (see pdfium_objects), unless the
    page holds something pdfium reads differently from pdfminer or pdfium fails on it — then
    pdfminer reads the page, as it reads every page without pdfium."""
    if fast is not None:
        _objects_from_pdfium(page, fast, number)
    tables = _find_tables(page)
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, str, object]] = []
    by_height = _by_height(page.chars) if tables else None
    for table in tables:
        rows = [[_cell_text(c) for c in row] for row in _extract(table, *by_height)]
        items.append((table.bbox[1], "table", rows))

    lines = [line for line in text_lines(_outside(page.chars, boxes, by_height))
             if line["text"].strip() and not _PAGE_FURNITURE.match(line["text"])]
    # the text area reaches as far right as the widest line or table on the page
    right = max([line["x1"] for line in lines] + [box[2] for box in boxes], default=0)
    for top, text, open_end in _paragraphs(lines, right):
        items.append((top, "text", (text, open_end)))
    return _Page(page.page_number, len(page.chars), items)


def _outside(chars: list[dict], boxes: list[tuple], by_height: tuple | None) -> list[dict]:
    """The characters whose middle is in none of the boxes (the tables), in their order; those
    at the height of a box found by bisection (``by_height``: see :func:`_by_height`)."""
    if not boxes:
        return chars
    heights, placed = by_height
    inside = set()
    for x0, top, x1, bottom in boxes:
        for k, c in placed[bisect_left(heights, top):bisect_right(heights, bottom)]:
            if x0 <= (c["x0"] + c["x1"]) / 2 <= x1:
                inside.add(k)
    return [c for k, c in enumerate(chars) if k not in inside]


def _objects_from_pdfium(page, fast, number: int) -> None:
    from .pdfium_objects import page_objects

    fast_page = None
    try:
        fast_page = fast[number]
        page._objects = page_objects(fast_page, page)
    except MemoryError:
        raise                   # the budget's to report
    except Exception:           # Unsupported, or pdfium's own failure: pdfminer reads the page
        pass
    finally:
        if fast_page is not None:
            fast_page.close()


def _find_tables(page) -> list:
    """pdfplumber's ``page.find_tables()`` (default settings: ruling lines), with the cells
    found from the lines' crossings by :func:`_cells`."""
    from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

    finder = TableFinder.__new__(TableFinder)
    finder.page, finder.settings = page, TableSettings.resolve(None)
    edges = finder.get_edges()
    intersections = edges_to_intersections(edges, finder.settings.intersection_x_tolerance,
                                           finder.settings.intersection_y_tolerance)
    return [Table(page, group) for group in cells_to_tables(_cells(intersections))]


def _cells(intersections: dict) -> list[tuple]:
    """pdfplumber's ``intersections_to_cells``: from each crossing (in order), the smallest cell
    whose corners are crossings joined by shared lines. The same search, with each crossing's
    lines made into sets once and the crossings below and to the right of it looked up, not
    found by a pass over all the rest."""
    from pdfplumber.utils import obj_to_bbox

    vertical = {p: set(map(obj_to_bbox, e["v"])) for p, e in intersections.items()}
    horizontal = {p: set(map(obj_to_bbox, e["h"])) for p, e in intersections.items()}

    def connects(p1: tuple, p2: tuple) -> bool:
        return ((p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2]))
                or (p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])))

    points = sorted(intersections)
    column: dict[float, list[tuple]] = {}       # same x, in order of y
    row: dict[float, list[tuple]] = {}          # same y, in order of x
    for point in points:
        column.setdefault(point[0], []).append(point)
        row.setdefault(point[1], []).append(point)
    place_in_column = {p: k for line in column.values() for k, p in enumerate(line)}
    place_in_row = {p: k for line in row.values() for k, p in enumerate(line)}
    cells = []
    for pt in points[:-1]:
        below = column[pt[0]][place_in_column[pt] + 1:]
        right = row[pt[1]][place_in_row[pt] + 1:]
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def _by_height(chars: list[dict]) -> tuple[list[float], list[tuple[int, dict]]]:
    """The page's characters in order of their middle's height (with their place on the page),
    and those heights, to find a row's characters by bisection."""
    placed = sorted(enumerate(chars), key=lambda ic: (ic[1]["top"] + ic[1]["bottom"]) / 2)
    return [(c["top"] + c["bottom"]) / 2 for _, c in placed], placed


def _extract(table, heights: list[float], placed: list[tuple[int, dict]]) -> list[list[str | None]]:
    """pdfplumber's ``Table.extract()`` — a cell holds the characters whose middle lies in it,
    its text is ``extract_text`` of them in page order — with each row's characters found by
    bisection instead of a pass over the whole page per row, and each cell's by bisection over
    the row's, from left to right."""
    out = []
    for row in table.rows:
        _, top, _, bottom = row.bbox
        in_row = sorted(((c["x0"] + c["x1"]) / 2, k, c)
                        for k, c in placed[bisect_left(heights, top):bisect_left(heights, bottom)])
        middles = [m for m, _, _ in in_row]
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            x0, top, x1, bottom = cell
            chosen = sorted((k, c) for _, k, c in in_row[bisect_left(middles, x0):bisect_left(middles, x1)]
                            if top <= (c["top"] + c["bottom"]) / 2 < bottom)
            cells.append(text_of([c for _, c in chosen]))
        out.append(cells)
    return out


def text_of(chars: list[dict]) -> str:
    """pdfplumber's ``extract_text(chars)`` with its default settings, a third of the time: the
    words (see :func:`_words`) clustered into lines by their tops, joined by spaces and line
    breaks. Rotated characters and characters of other than one letter go to pdfplumber's own
    (tests/test_pdf.py holds the two to the same text)."""
    if not chars:
        return ""
    if not all(c["upright"] and len(c["text"]) == 1 for c in chars):
        from pdfplumber.utils import extract_text

        return extract_text(chars)
    return "\n".join(" ".join(w[1] for w in line) for line in _clustered(_words(chars), _FIRST))


def text_lines(chars: list[dict]) -> list[dict]:
    """pdfplumber's ``extract_text_lines()`` of a page holding ``chars`` (default settings; each
    line's text, x0, top, x1 and bottom), a third of the time: the words (see :func:`_words`) in
    their order, a line for each run of them clustered together by their tops. Rotated characters
    and characters of other than one letter go to pdfplumber's own (tests/test_pdf.py holds the
    two to the same lines)."""
    if not all(c["upright"] and len(c["text"]) == 1 for c in chars):
        from pdfplumber.utils import chars_to_textmap

        return chars_to_textmap(chars).extract_text_lines(return_chars=False)
    words = _words(chars)
    cluster = _cluster_of(words, _FIRST)
    lines = []
    for _, run in itertools.groupby(words, key=lambda w: cluster[w[0]]):
        run = list(run)
        of_line = [c for _, _, of_word in run for c in of_word]
        lines.append({"text": " ".join(w[1] for w in run), "x0": min(c["x0"] for c in of_line),
                      "top": min(w[0] for w in run), "x1": max(c["x1"] for c in of_line),
                      "bottom": max(c["bottom"] for c in of_line)})
    return lines


def _words(chars: list[dict]) -> list[tuple[float, str, list[dict]]]:
    """pdfplumber's words (WordExtractor, default settings) of upright characters (see
    :func:`_word`): the characters clustered into lines by their tops, each line read left to
    right, a blank, a step back, a gap of more than 3 points or a top 3 points off starting a
    new word."""
    if not _LIGATURES:
        from pdfplumber.utils.text import LIGATURES

        _LIGATURES.update({ord(ligature): letters for ligature, letters in LIGATURES.items()})
    words = []
    for line in _clustered(chars, _TOP):
        line.sort(key=_X0)
        word: list[dict] = []
        for c in line:
            if c["text"].isspace():
                if word:
                    words.append(_word(word))
                    word = []
                continue
            if word:
                last = word[-1]
                if c["x0"] < last["x0"] or c["x0"] > last["x1"] + _TOLERANCE or abs(c["top"] - last["top"]) > _TOLERANCE:
                    words.append(_word(word))
                    word = []
            word.append(c)
        if word:
            words.append(_word(word))
    return words


_TOLERANCE = 3          # pdfplumber's default x and y tolerance
_TOP, _X0, _FIRST = itemgetter("top"), itemgetter("x0"), itemgetter(0)


def _word(chars: list[dict]) -> tuple[float, str, list[dict]]:
    """A word as (top, text, its characters): its text with ligatures spelled out, as pdfplumber
    writes them."""
    return min(c["top"] for c in chars), "".join(map(_TEXT, chars)).translate(_LIGATURES), chars


_TEXT = itemgetter("text")
_LIGATURES: dict[int, str] = {}     # pdfplumber's, for str.translate: filled when first needed


def _cluster_of(items: list, key) -> dict:
    """pdfplumber's clusters of the keys (``make_cluster_dict(keys, 3)``): the distinct keys in
    order, a new cluster wherever one is more than 3 above the one before; key → cluster."""
    cluster, k, last = {}, 0, None
    for value in sorted(set(map(key, items))):
        if last is not None and not value <= last + _TOLERANCE:
            k += 1
        cluster[value] = k
        last = value
    return cluster


def _clustered(items: list, key) -> list[list]:
    """pdfplumber's ``cluster_objects(items, key, 3)``: the items of each cluster (see
    :func:`_cluster_of`) in their order, the clusters in order of their keys."""
    cluster = _cluster_of(items, key)
    out: list[list] = [[] for _ in range(max(cluster.values(), default=-1) + 1)]
    for item in items:
        out[cluster[key(item)]].append(item)
    return out


def _paragraphs(lines: list[dict], right: float) -> list[tuple[float, str, bool]]:
    """Visual lines joined into paragraphs: a line that runs to the right edge of the text
    continues on the next line when that follows at the usual line spacing. The flag says the
    last line ran to the edge too (the paragraph may go on at the top of the next page)."""
    if not lines:
        return []
    out: list[tuple[float, list[str]]] = []
    previous = None
    for line in lines:
        height = line["bottom"] - line["top"]
        full = previous is not None and previous["x1"] >= right - 2 * height
        close = previous is not None and line["top"] - previous["bottom"] <= 0.8 * height
        if full and close:
            out[-1][1].append(line["text"])
        else:
            out.append((line["top"], [line["text"]]))
        previous = line
    last_full = previous["x1"] >= right - 2 * (previous["bottom"] - previous["top"])
    return [(top, join_wrapped(texts), k == len(out) - 1 and last_full)
            for k, (top, texts) in enumerate(out)]


def _cell_text(cell: str | None) -> str:
    """A cell's lines joined back the way they were written."""
    return join_wrapped(cell.split("\n")) if cell else ""


def join_wrapped(pieces: list[str]) -> str:
    """Lines a word processor wrapped, joined back: a wrap between Latin words took a space
    away; anywhere else (Chinese, inside a number) it took nothing."""
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and _latin(out[-1]) and _latin(piece[0]) and not (out[-1].isdigit() and piece[0].isdigit()):
            out += " "
        out += piece
    return out


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _emit(grid: GridBuilder, pages: list[_Page]) -> None:
    """Rows in reading order, tables continued over page breaks stitched back together."""
    # [kind, content, where, flag]: for a row, it is the first of a page and may continue the
    # table above; for text, its last line ran to the edge and may go on on the next page
    entries: list[list] = []
    table_open = False             # the last thing read was a table row (page furniture aside)
    for page in pages:
        row_on_page = 0
        for k, (kind, content) in enumerate(page.items):
            if kind == "text":
                text, open_end = content
                last = entries[-1] if entries else None
                if k == 0 and last is not None and last[0] == "text" and last[3]:
                    last[1], last[3] = join_wrapped([last[1], text]), open_end   # runs on over the page
                else:
                    entries.append(["text", text, {"page": page.number}, open_end])
                table_open = False
                continue
            for k, cells in enumerate(content):
                row_on_page += 1
                continued = k == 0 and table_open and row_on_page == 1
                entries.append(["row", cells, {"page": page.number, "row": row_on_page}, continued])
            table_open = True
    rows = [e for e in entries if e[0] == "row"]
    names = column_names([e[1] for e in rows])
    kept: list[tuple[list, tuple[str, ...]]] = []
    for entry, columns in zip(rows, names, strict=True):
        if entry[3] and kept and _continues(kept[-1][0][1], entry[1], kept[-1][1]):
            last = kept[-1][0][1]
            for i, text in enumerate(entry[1]):
                if text:
                    last[i] = join_wrapped([last[i], text]) if last[i] else text
            entry[0] = "joined"
            continue
        kept.append((entry, columns))
    named = {id(entry): columns for entry, columns in kept}
    for entry in entries:
        kind, content, where, _ = entry
        if kind == "text":
            grid.paragraph(content, **where)
        elif kind == "row":
            grid.row(content, named[id(entry)], **where)


def _continues(last: list[str], first: list[str], names: tuple[str, ...]) -> bool:
    """Whether the first row of a page is the rest of the last row of the page before, cut by
    the page break: same columns, nothing in the leftmost (label or 一级) cell, text only where
    the last row had text — and under an indicator heading, not a whole row of its own (a new
    indicator has its 三级 and its 指标值)."""
    if len(last) != len(first) or first[0] or sum(_key(t) in HEADINGS for t in last) >= 2:
        return False
    filled = [i for i, t in enumerate(first) if t]
    if not filled or not all(last[i] for i in filled):
        return False
    column = {name: i for i, name in reversed(list(enumerate(names)))}
    if "三级指标" in column and "指标值" in column:
        tiers = [column[n] for n in ("一级指标", "二级指标") if n in column]
        if any(first[i] for i in tiers):
            return False
        return not (first[column["三级指标"]] and first[column["指标值"]])
    return True


def _key(text: str) -> str:
    return "".join(text.split())


def _is_password_error(err: BaseException) -> bool:
    while err is not None:
        if "password" in type(err).__name__.lower() or "password" in str(err).lower():
            return True
        err = err.__cause__ or err.__context__
    return False
