"""The web page reader (.html/.htm, with lxml): tables and the text around them, in reading order.

Budget offices publish their tables as web pages; reviewers save them. A ``rowspan``/``colspan``
cell is one logical cell, written once in its first row and column with the cells it covers
left blank — the same grid the Word reader gives, so the form interpreter reads both alike.
Text outside tables becomes paragraphs (captions such as 单位：万元 and goal paragraphs).
Every line remembers its table, row and column heading (``{"kind": "html", "table": 2, "row":
5, "column": "指标值"}``) or its paragraph.
"""
from __future__ import annotations

from . import GridBuilder, Source
from .text import decode_text

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "section", "article",
                     "center", "header", "footer", "blockquote", "pre", "ul", "ol", "dd", "dt", "caption"})
_SKIP = frozenset({"script", "style", "head", "noscript", "template", "svg"})
MAX_SPAN = 1000          # a rowspan/colspan beyond this is a broken page, not a table


def read_html(path: str, data: bytes) -> Source:
    grid = GridBuilder(path, "html")
    text, encoding = decode_text(data)
    if text is None:
        return grid.source.problem("undecodable", "无法识别网页文件的编码，请在浏览器中另存为 UTF-8 网页后再检查")
    import lxml.html
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except MemoryError:
        raise
    except Exception:      # lxml raises ParserError for an empty or broken document
        return grid.source.problem("corrupt", "网页文件无法解析，请在浏览器中另存后再检查")
    grid.source.encoding = encoding
    _Walker(grid).walk(root)
    if not grid.source.lines:
        grid.source.problem("empty-file", "网页中没有文字或表格，没有可检查的内容")
    return grid.source


class _Walker:
    def __init__(self, grid: GridBuilder):
        self.grid, self.buffer, self.tables, self.paragraphs = grid, [], 0, 0

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text:
            self.paragraphs += 1
            self.grid.paragraph(text, paragraph=self.paragraphs)

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP:
            return
        if tag == "table":
            self.flush()
            self.tables += 1
            self.grid.table(table_rows(el), table=self.tables)
            return
        if tag in _BLOCKS:
            self.flush()
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if tag in _BLOCKS:
            self.flush()


def table_rows(table) -> list[list[str]]:
    """The table as a grid of texts: spanned cells written once (top-left), covered cells blank."""
    covered: set[tuple[int, int]] = set()
    rows: list[list[str]] = []
    trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    for r, tr in enumerate(trs):
        cells: list[str] = []
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in covered:
                cells.append("")
                c += 1
            text = "\n".join(" ".join(line.split()) for line in _cell_text(td).splitlines()).strip()
            span = _span(td.get("colspan"))
            down = _span(td.get("rowspan"))
            cells.extend([text] + [""] * (span - 1))
            for rr in range(1, min(down, len(trs) - r)):
                for cc in range(span):
                    covered.add((r + rr, c + cc))
            c += span
        while (r, c) in covered:
            cells.append("")
            c += 1
        rows.append(cells)
    return rows


def _cell_text(td) -> str:
    """A cell's text with <br> and block boundaries kept as line breaks."""
    for br in td.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return td.text_content()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int((value or "1").strip()), MAX_SPAN))
    except ValueError:
        return 1
