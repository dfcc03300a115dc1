"""Bounded work per file: what a file is inspected for before it is parsed, and the time and
memory budget it is read and checked under.

A real form is a few hundred rows; a file built to exhaust the reader (a sheet whose one cell is
XFD1048576, a merged range over the whole sheet, a Word part that inflates to a gigabyte of empty
paragraphs) is not. :func:`inspect` reads only what a file declares — a zip's directory, a
sheet's extent and merged ranges, counted XML elements, a PDF's pages and objects, a text's
longest line — and names the first limit exceeded. Nothing is parsed into objects, so the
inspection itself stays small: office parts are inflated a chunk at a time and counted.

What escapes the inspection still runs under :func:`budget`: the CPU time and the memory growth
of one file's reading and checking are watched (a profiling timer, every quarter of a CPU second,
in the main thread of the process doing the work: the run's own, or each worker's with ``-j``),
and the address space is capped as a backstop. Either ends that file's work with
:class:`OverBudget` (or ``MemoryError``), which the run reports as a PF001 finding for the file
and goes on. A single call into C code (one regular expression over one line, one XML parse) is
not interrupted midway; the static limits bound how large such a call can be.

Limits are set in ``[limits]`` of perflint.toml (see :data:`KEYS`); the defaults are generous for
real forms.
"""
from __future__ import annotations

import io
import os
import re
import signal
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

try:
    import resource
except ImportError:          # not on Windows: no address-space cap there, the watch still runs
    resource = None          # type: ignore[assignment]

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    seconds: float = 120.0          # CPU seconds to read and check one file (one part of a huge text)
    memory_mb: int = 2048           # memory the work on one file may add
    part_mb: int = 64               # one part of a .docx/.xlsx, inflated
    total_mb: int = 256             # all parts of a .docx/.xlsx, inflated
    ratio: int = 200                # inflated size over stored size, for a part over 1 MB
    parts: int = 10_000             # parts in a .docx/.xlsx
    sheet_cells: int = 2_000_000    # rows × columns a sheet's cells span
    merged_cells: int = 1_000_000   # cells covered by merged ranges in a workbook
    elements: int = 1_000_000       # paragraphs, table cells, sheet cells and shared strings
    pdf_pages: int = 2_000
    pdf_objects: int = 1_000_000
    line_chars: int = 100_000       # characters in one line of a text file


#: ``[limits]`` keys as written in perflint.toml, and the field each sets.
KEYS = {f.name.replace("_", "-"): f.name for f in fields(Limits)}

#: What each limit is called in a message.
_NAMES = {
    "seconds": "每个文件的处理时间", "memory_mb": "每个文件的内存", "part_mb": "单个部件解压后的大小",
    "total_mb": "解压后的总大小", "ratio": "压缩比", "parts": "部件数", "sheet_cells": "工作表的单元格范围",
    "merged_cells": "合并单元格覆盖的单元格数", "elements": "段落、单元格等元素的个数",
    "pdf_pages": "PDF 页数", "pdf_objects": "PDF 对象数", "line_chars": "单行的字符数",
}


#: The same, in English (--lang en).
_NAMES_EN = {
    "seconds": "CPU time for one file", "memory_mb": "Memory for one file", "part_mb": "One part, inflated",
    "total_mb": "All parts, inflated", "ratio": "Compression ratio", "parts": "Parts",
    "sheet_cells": "Cells spanned by a sheet", "merged_cells": "Cells covered by merged ranges",
    "elements": "Paragraphs, cells and other elements", "pdf_pages": "PDF pages",
    "pdf_objects": "PDF objects", "line_chars": "Characters in one line",
}


class LimitExceeded(Exception):
    """A file exceeds one of the static limits."""

    def __init__(self, key: str, found: str, limit: str, found_en: str | None = None):
        self.key = key
        self.message_en = (f"{_NAMES_EN[key]}: {found_en or found}, beyond the limit of {limit} ([limits] {_key(key)}); "
                           "the file was not read, to keep from exhausting the machine")
        super().__init__(f"{_NAMES[key]}为 {found}，超过限制 {limit}（[limits] {_key(key)}），"
                         "为防止耗尽资源未读取此文件")


class OverBudget(BaseException):
    """The time or memory budget of one file's work is spent. A BaseException, so that a reader's
    or rule's ``except Exception`` cannot swallow it."""

    def __init__(self, key: str, found: str, limit: str, found_en: str | None = None, limit_en: str | None = None):
        self.key = key
        spent_en = "used CPU time of" if key == "seconds" else "grew memory by"
        self.message_en = (f"Reading and checking this file {spent_en} {found_en or found}, beyond the limit of {limit_en or limit} "
                           f"([limits] {_key(key)}); stopped, the file was not checked")
        spent = "用了 CPU 时间" if key == "seconds" else "占用的内存增加了"
        super().__init__(f"读取和检查此文件{spent} {found}，超过限制 {limit}（[limits] {_key(key)}），"
                         "已停止；此文件未检查")


def _key(name: str) -> str:
    return name.replace("_", "-")


def from_mapping(data: dict, where: str) -> Limits:
    """``[limits]`` of a configuration; unknown keys and values that are not positive numbers are
    configuration errors (raised as ValueError with a Chinese message)."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ValueError(f"{where}：[limits] 中未知的限制 {', '.join(unknown)}（可用：{', '.join(KEYS)}）")
    given = {}
    for key, value in data.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f"{where}：[limits] {key} 应为正数")
        given[KEYS[key]] = value if KEYS[key] == "seconds" else int(value)
    return Limits(**given)


# ---- static inspection ----------------------------------------------------------------------------

def inspect(data: bytes, suffix: str, limits: Limits) -> LimitExceeded | None:
    """The first static limit ``data`` exceeds, or None. A file too damaged to inspect is left
    to its reader, which reports it."""
    try:
        if data[:4] == b"PK\x03\x04":
            _inspect_zip(data, limits)
        elif data[:5] == b"%PDF-" or suffix == ".pdf":
            _inspect_pdf(data, limits)
        elif suffix in (".txt", ".csv", ".tsv", ".html", ".htm"):
            _inspect_text(data, limits)
    except LimitExceeded as exceeded:
        return exceeded
    except MemoryError:
        raise
    except Exception:       # damaged (a bad zip, a broken deflate stream…): the reader reports it
        return None
    return None


def _check(key: str, found: float, limit: float, shown=None) -> None:
    if found > limit:
        show = shown or (lambda n: f"{n:,}")
        raise LimitExceeded(key, show(found), show(limit))


def _mb(n: float) -> str:
    return f"{n / MB:,.0f} MB"


_CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"')
_MERGE = re.compile(rb'<mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
_WORD_ELEMENT = re.compile(rb"<w:(?:p|tc)[\s/>]")
_SHARED_STRING = re.compile(rb"<si[\s/>]")


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _inspect_zip(data: bytes, limits: Limits) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        _check("parts", len(infos), limits.parts)
        for info in infos:
            _check("part_mb", info.file_size, limits.part_mb * MB, _mb)
            if info.file_size > MB:
                ratio = info.file_size / max(info.compress_size, 1)
                _check("ratio", round(ratio), limits.ratio, lambda n: f"{n:,.0f}:1")
        _check("total_mb", sum(i.file_size for i in infos), limits.total_mb * MB, _mb)
        elements = merged = 0
        for info in infos:
            name = info.filename
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                rows = columns = 0
                # the cells written, not the declared <dimension>: the reader goes as far as they do
                for chunk in _chunks(z, info):
                    cells = _CELL_REF.findall(chunk)
                    elements += len(cells)
                    for letters, row in cells:
                        columns, rows = max(columns, _column(letters)), max(rows, int(row))
                    for m in _MERGE.finditer(chunk):
                        merged += (abs(_column(m.group(3)) - _column(m.group(1))) + 1) * \
                                  (abs(int(m.group(4)) - int(m.group(2))) + 1)
                    _check("merged_cells", merged, limits.merged_cells)
                    _check("sheet_cells", rows * columns, limits.sheet_cells)
            elif name == "xl/sharedStrings.xml":
                elements += sum(len(_SHARED_STRING.findall(chunk)) for chunk in _chunks(z, info))
            elif name.startswith("word/") and name.endswith(".xml"):
                elements += sum(len(_WORD_ELEMENT.findall(chunk)) for chunk in _chunks(z, info))
            else:
                continue
            _check("elements", elements, limits.elements)


def _chunks(z: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = MB) -> Iterator[bytes]:
    """The part inflated a chunk at a time, each chunk ending after a ``>`` so no tag is cut."""
    carry = b""
    with z.open(info) as f:
        while True:
            block = f.read(size)
            if not block:
                break
            block = carry + block
            cut = block.rfind(b">") + 1
            carry = block[cut:][-4096:]      # a tag is short; a longer run without ">" is text
            yield block[:cut]
    if carry:
        yield carry


_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def _inspect_pdf(data: bytes, limits: Limits) -> None:
    _check("pdf_objects", sum(1 for _ in _PDF_OBJECT.finditer(data)), limits.pdf_objects)
    try:
        import pypdfium2
    except ImportError:
        return
    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception:           # damaged or locked: the reader says which
        return
    try:
        _check("pdf_pages", len(pdf), limits.pdf_pages)
    finally:
        pdf.close()


def _inspect_text(data: bytes, limits: Limits) -> None:
    # the common cases: a file shorter than the limit (no line of it can be longer), and one whose
    # lines all are, in one quick pass
    if len(data) < limits.line_chars or max(map(len, data.split(b"\n"))) < limits.line_chars:
        return
    # lines of at least as many bytes as the limit has characters are the candidates (anchored at
    # line starts, so the scan is linear); each is then measured in characters (UTF-8 Chinese
    # is three bytes a character)
    for m in re.finditer(rb"(?m)^[^\n]{%d}[^\n]*" % limits.line_chars, data):
        line = m.group()
        chars = len(line.decode("utf-8", "replace")) if len(line) < 4 * limits.line_chars else len(line)
        check_line(chars, data.count(b"\n", 0, m.start()) + 1, limits)


def check_line(chars: int, number: int, limits: Limits) -> None:
    """A text line of ``chars`` characters, line ``number`` of its file."""
    if chars > limits.line_chars:
        raise LimitExceeded("line_chars", f"{chars:,}（第 {number} 行）", f"{limits.line_chars:,}",
                            f"{chars:,} (line {number})")


# ---- the budget --------------------------------------------------------------------------------

def _resident() -> int:
    """Resident memory of this process in bytes (Linux; 0 where unknown)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _virtual() -> int:
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


try:
    _PAGE = os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):
    _PAGE = 4096

TICK = 0.25     # CPU seconds between two looks at the clock and the memory


@contextmanager
def budget(limits: Limits):
    """Run the block under ``limits.seconds`` of CPU time and ``limits.memory_mb`` of added
    memory. Watched only in a process's main thread (signals are delivered there); elsewhere the
    block runs unwatched."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    start, resident = time.process_time(), _resident()
    allowed = limits.memory_mb * MB

    def look(signum, frame):
        spent = time.process_time() - start
        if spent > limits.seconds:
            raise OverBudget("seconds", f"{spent:.1f} 秒", f"{limits.seconds:g} 秒", f"{spent:.1f} s", f"{limits.seconds:g} s")
        if resident and _resident() - resident > allowed:
            raise OverBudget("memory_mb", _mb(_resident() - resident), _mb(allowed))

    previous = signal.signal(signal.SIGPROF, look)
    cap = _cap_address_space(allowed)
    signal.setitimer(signal.ITIMER_PROF, TICK, TICK)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, previous)
        if cap is not None:
            resource.setrlimit(resource.RLIMIT_AS, cap)


def _cap_address_space(allowed: int):
    """Cap the address space at what is mapped now plus twice the allowance (mapped is more
    than resident, so this only stops what the watch cannot: one huge allocation in C). The
    previous limits, to restore; None when not capped."""
    if resource is None or not hasattr(resource, "RLIMIT_AS"):
        return None
    mapped = _virtual()
    if not mapped:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = mapped + 2 * allowed
    if soft != resource.RLIM_INFINITY and soft <= cap:
        return None
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        return None
    return soft, hard
