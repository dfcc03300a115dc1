"""A PDF page's characters and ruling lines from pdfium, in the shape pdfplumber gives them.

pdfplumber finds tables and lines of text well, but gets the page's objects from pdfminer, whose
pure-Python content-stream interpreter is about 95% of the time a PDF takes to read. pdfium (the
C library under pypdfium2, a dependency of pdfplumber's too) interprets the same page in a
fraction of that. :func:`page_objects` builds pdfplumber's ``objects`` dictionary — ``char``,
``line``, ``rect``, ``curve`` — from pdfium with pdfminer's geometry: a character's box runs
from its baseline's descent up one font size, and its width is its advance; a path is split into
subpaths, each a line (two points), a rectangle (four axis-aligned corners, closed) or a curve,
as pdfminer classifies them. The reader hands it to the page (``page._objects``), so pdfplumber's
table finding, and the reader's text extraction (pdfplumber's, read faster: see pdf.py), run on it
as on pdfminer's.

Coordinates are pdfminer's: from the corner of the page's media box. Where pdfium's answer could
differ from pdfminer's — a page turned by its /Rotate, text that is not upright, text in a font the
file does not embed, objects inside a form XObject, shading or an unknown object type —
:class:`Unsupported` is raised and the reader lets pdfminer read that page. A font left out of the
file (STSong-Light and the other standard CJK fonts, as reportlab and iText write them) is drawn
by pdfium with whatever font the machine has: without a Chinese font installed, its text page
drops characters (“补助” read as “补”, “≥12处” as “12”), so the same file would read differently
from one machine to the next. pdfminer takes such a font's widths from the file alone.
"""
from __future__ import annotations

import ctypes
import functools
import re
import types

_MOVE, _LINE, _BEZIER = 2, 0, 1          # FPDF_SEGMENT_*
_TEXT, _PATH, _IMAGE, _SHADING, _FORM = 1, 2, 3, 4, 5     # FPDF_PAGEOBJ_*
_SUBPATH = re.compile(r"m[^m]+")


class Unsupported(Exception):
    """The page holds something read here differently from pdfminer: read it with pdfminer."""


def page_objects(pdfium_page, plumber_page) -> dict[str, list[dict]]:
    """pdfplumber's ``objects`` for the page (see the module's doc)."""
    import pypdfium2.raw as raw

    height = plumber_page.height
    mb_x0, mb_top = plumber_page.mediabox[:2]
    # pdfminer reads a page in the coordinates of its media box (origin at the box's corner,
    # turned as the page is turned); pdfium gives the page's own: a turned page is pdfminer's
    if plumber_page.page_obj.rotate % 360:
        raise Unsupported("a rotated page")
    origin = tuple(plumber_page.page_obj.mediabox[:2])
    doctop = plumber_page.initial_doctop
    number = plumber_page.page_number
    objects: dict[str, list[dict]] = {}

    def place(obj: dict) -> dict:
        obj["top"] = (height - obj["y1"]) + mb_top
        obj["bottom"] = (height - obj["y0"]) + mb_top
        obj["doctop"] = doctop + obj["top"]
        if mb_x0 != 0:
            obj["x0"] += mb_x0
            obj["x1"] += mb_x0
        obj["page_number"] = number
        return obj

    textpage = pdfium_page.get_textpage()
    try:
        alike: dict[int | None, bool] = {}      # by the font's handle: a page uses a few fonts many times
        texts: dict[int, tuple[float, float, float]] = {}      # text object → its d, e, f (see _chars)
        calls = _declared(raw)
        page, tp = _address(pdfium_page.raw), _address(textpage.raw)
        # the page's own objects by their handles (what pypdfium2's get_objects(max_depth=1)
        # gives, without a Python object with a finalizer for each of tens of thousands)
        for index in range(calls.count_objects(page)):
            obj = calls.get_object(page, index)
            if not obj:
                raise Unsupported("a page object pdfium cannot give")
            kind = calls.object_type(obj)
            if kind == _TEXT:
                texts[obj] = _check_text_object(obj, raw, calls, alike)
            elif kind == _PATH:
                for shape in _paths(obj, raw, calls, height, mb_top, origin):
                    objects.setdefault(shape["object_type"], []).append(place(shape))
            elif kind != _IMAGE:
                raise Unsupported(f"page object of type {kind}")
        chars = _chars(textpage, tp, raw, calls, texts, (height, mb_top, doctop, number, *origin))
    finally:
        textpage.close()
    if chars:
        if mb_x0 != 0:
            for c in chars:
                c["x0"] += mb_x0
                c["x1"] += mb_x0
        objects["char"] = chars
    return objects


#: the PDF standard fonts, which pdfium carries itself: drawn alike on every machine unembedded
_STANDARD_FONTS = frozenset({
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
    "Times-BoldItalic", "Symbol", "ZapfDingbats"})


def _check_text_object(obj: int, raw, calls, alike: dict[int | None, bool]) -> tuple[float, float, float]:
    """Unsupported unless pdfium reads the text object as pdfminer does on any machine: upright,
    in a font the file holds (or a standard one). Its vertical scale and where it starts (d, e, f)
    are returned."""
    matrix = _matrix(obj, raw, calls)
    if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
        raise Unsupported("text that is not upright")
    font = calls.text_font(obj)
    if font not in alike:
        alike[font] = bool(font) and _drawn_alike_everywhere(ctypes.cast(font, raw.FPDF_FONT), raw)
    if not alike[font]:
        raise Unsupported("text in a font the file does not embed")
    return matrix.d, matrix.e, matrix.f


def _drawn_alike_everywhere(font, raw) -> bool:
    """The font is in the file, or one of the standard fonts pdfium carries."""
    if raw.FPDFFont_GetIsEmbedded(font) == 1:
        return True
    name_of = getattr(raw, "FPDFFont_GetBaseFontName", None)     # pdfium of 2024 on
    if name_of is None:
        return False
    size = name_of(font, None, 0)
    buffer = ctypes.create_string_buffer(max(size, 1))
    name_of(font, buffer, size)
    return buffer.value.decode("latin-1") in _STANDARD_FONTS


def _chars(textpage, tp: int, raw, calls, texts: dict[int, tuple[float, float, float]],
           page: tuple[float, float, float, int, float, float]) -> list[dict]:
    """The text page's characters, in pdfminer's shape (see the module's doc), placed on the page
    as pdfplumber places them (``page``: its height, its media box's top, its top in the
    document, its number, and the corner of its media box, pdfminer's origin; the x of a media
    box not at 0 is for the caller to add, as pdfplumber does). A character's matrix
    is its text object's, and its size the object's font size scaled by it: both are asked for
    once per object (``texts``: each text object's d, e, f), not once per character.

    A text object none of whose characters the text page keeps is a space written on its own (in
    a font of its own, as subsetting writers put it), which the text page replaces by a space it
    infers at the same place, where pdfminer keeps the character: that space is put back (see
    :func:`_left_out_space`). Any other object left out makes the page Unsupported."""
    count = raw.FPDFText_CountChars(textpage.raw)
    text = _text(textpage.raw, raw, count)
    box = raw.FS_RECTF()
    box_at = ctypes.byref(box)
    # (called for every character of every page: looked up once)
    generated, unmapped, object_of = calls.generated, calls.unmapped, calls.text_object
    box_of, size_of = calls.char_box, calls.font_size
    height, mb_top, doctop, number, origin_x, origin_y = page
    out = []
    sizes: dict[int, float] = {}            # text object → its characters' size
    inferred = []                           # (index in out, x, y) of each space the text page inferred
    for i, char in enumerate(text):
        if char in " \r\n" and generated(tp, i) == 1:
            if char == " ":
                box_of(tp, i, box_at)
                inferred.append((len(out), box.left, box.bottom))
            continue             # a space or line break pdfium inferred; pdfminer has none
        if unmapped(tp, i) == 1:
            raise Unsupported("a character without a Unicode mapping")   # pdfminer says (cid:N)
        obj = object_of(tp, i)
        size = sizes.get(obj)
        if size is None:
            if obj not in texts:
                raise Unsupported("a character of no text object of the page")
            size = sizes[obj] = size_of(tp, i) * texts[obj][0]
        box_of(tp, i, box_at)
        x0, x1, y0 = box.left - origin_x, box.right - origin_x, box.bottom - origin_y
        y1 = y0 + size
        top = (height - y1) + mb_top
        out.append({"text": char, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "width": x1 - x0,
                    "height": size, "size": size, "upright": True, "object_type": "char",
                    "top": top, "bottom": (height - y0) + mb_top, "doctop": doctop + top, "page_number": number})
    left_out = [texts[obj][1:] for obj in texts if obj not in sizes]
    if left_out:
        spaces = {}
        for place in left_out:
            k = next((k for k, x, y in inferred if abs(x - place[0]) < 0.01 and abs(y - place[1]) < 0.01), None)
            if k is None or k in spaces:
                raise Unsupported("a text object the text page leaves out")
            spaces[k] = place[0] - origin_x, place[1] - origin_y
        for k in sorted(spaces, reverse=True):
            out.insert(k, _left_out_space(spaces[k], out[k - 1] if k else None, out[k] if k < len(out) else None))
    return out


@functools.lru_cache(maxsize=1)
def _declared(raw) -> types.SimpleNamespace:
    """The pdfium functions called for every object, path segment and character of a page,
    declared here with plain pointers (handles pass as integers): a call through pypdfium2's own
    declarations, which check each argument's pointer type, costs about twice as much, and a page
    of a table has thousands of characters."""
    def declared(function, returns, *takes):
        return ctypes.CFUNCTYPE(returns, *takes)(ctypes.cast(function, ctypes.c_void_p).value)

    handle, index, out = ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
    return types.SimpleNamespace(
        count_objects=declared(raw.FPDFPage_CountObjects, ctypes.c_int, handle),
        get_object=declared(raw.FPDFPage_GetObject, handle, handle, index),
        object_type=declared(raw.FPDFPageObj_GetType, ctypes.c_int, handle),
        object_matrix=declared(raw.FPDFPageObj_GetMatrix, ctypes.c_int, handle, out),
        text_font=declared(raw.FPDFTextObj_GetFont, handle, handle),
        text_object=declared(raw.FPDFText_GetTextObject, handle, handle, index),
        generated=declared(raw.FPDFText_IsGenerated, ctypes.c_int, handle, index),
        unmapped=declared(raw.FPDFText_HasUnicodeMapError, ctypes.c_int, handle, index),
        char_box=declared(raw.FPDFText_GetLooseCharBox, ctypes.c_int, handle, index, out),
        font_size=declared(raw.FPDFText_GetFontSize, ctypes.c_double, handle, index),
        count_segments=declared(raw.FPDFPath_CountSegments, ctypes.c_int, handle),
        get_segment=declared(raw.FPDFPath_GetPathSegment, handle, handle, index),
        segment_point=declared(raw.FPDFPathSegment_GetPoint, ctypes.c_int, handle, out, out),
        segment_type=declared(raw.FPDFPathSegment_GetType, ctypes.c_int, handle),
        segment_closes=declared(raw.FPDFPathSegment_GetClose, ctypes.c_int, handle),
        stroke_width=declared(raw.FPDFPageObj_GetStrokeWidth, ctypes.c_int, handle, out),
        draw_mode=declared(raw.FPDFPath_GetDrawMode, ctypes.c_int, handle, out, out))


def _matrix(obj: int, raw, calls):
    """A page object's transform matrix (FS_MATRIX)."""
    matrix = raw.FS_MATRIX()
    if not calls.object_matrix(obj, ctypes.byref(matrix)):
        raise Unsupported("a page object without a matrix")
    return matrix


def _address(pointer) -> int:
    """A pypdfium2 handle's address (read off the pointer's bytes: ctypes.cast would leave a
    reference cycle behind)."""
    return ctypes.c_void_p.from_buffer(pointer).value


def _left_out_space(place: tuple[float, float], before: dict | None, after: dict | None) -> dict:
    """The space a text object of its own held, as pdfminer gives it: from where the object starts
    to the next character on its line, as high as the characters beside it on the line (those
    whose box holds its baseline; pdfium's text page keeps only a point for it)."""
    x, baseline = place
    beside = [c for c in (before, after) if c is not None and c["y0"] < baseline < c["y1"]]
    if not beside:
        raise Unsupported("a text object the text page leaves out, alone on its line")
    like = beside[0]
    x1 = after["x0"] if after is not None and after is beside[-1] and after["x0"] > x else x
    return {**like, "text": " ", "x0": x, "x1": x1, "width": x1 - x}


def _text(tp, raw, count: int) -> str:
    """The page's characters, one per index: in one call, unless a character outside the Basic
    Multilingual Plane takes two UTF-16 units (then one call per character)."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = raw.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[:2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    return "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))


def _paths(obj: int, raw, calls, height: float, mb_top: float, origin: tuple[float, float]) -> list[dict]:
    """A path object as pdfminer's lines, rectangles and curves (one per subpath), in pdfminer's
    coordinates (from ``origin``, the corner of the page's media box)."""
    matrix = _matrix(obj, raw, calls)
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    e, f = matrix.e - origin[0], matrix.f - origin[1]
    segments = []
    x, y = ctypes.c_float(), ctypes.c_float()
    x_at, y_at = ctypes.byref(x), ctypes.byref(y)
    for k in range(calls.count_segments(obj)):
        segment = calls.get_segment(obj, k)
        calls.segment_point(segment, x_at, y_at)
        kind = calls.segment_type(segment)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        op = {_MOVE: "m", _LINE: "l", _BEZIER: "c"}.get(kind)
        if op is None:
            raise Unsupported(f"path segment of type {kind}")
        segments.append((op, point))
        if calls.segment_closes(segment):
            segments.append(("h", None))
    # three Bézier points are one "c" operation in pdfminer's path
    path: list[tuple[str, tuple]] = []
    run: list[tuple] = []
    for op, point in segments:
        if op == "c":
            run.append(point)
            if len(run) == 3:
                path.append(("c", tuple(run)))
                run = []
            continue
        path.append((op, (point,) if point is not None else ()))
    shape = "".join(op for op, _ in path)
    if not shape.startswith("m"):
        return []
    stroke_width = ctypes.c_float()
    calls.stroke_width(obj, ctypes.byref(stroke_width))
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    calls.draw_mode(obj, ctypes.byref(mode), ctypes.byref(stroke))
    width = stroke_width.value * (abs(a * d - b * c) ** 0.5 if (a, b, c, d) != (1, 0, 0, 1) else 1)
    out = []
    for m in _SUBPATH.finditer(shape):
        out.append(_shape(path[m.start():m.end()], width, bool(stroke.value), mode.value != 0,
                          mode.value == 1, height, mb_top))
    return out


def _shape(path: list, linewidth: float, stroke: bool, fill: bool, evenodd: bool, height: float,
           mb_top: float) -> dict:
    """One subpath classified as pdfminer does (converter.paint_path)."""
    shape = "".join(op for op, _ in path)
    start = path[0][1][-1]
    pts = [points[-1] if op != "h" else start for op, points in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    kind = "curve"
    if shape in ("mlh", "ml"):
        kind = "line"
        pts = pts[:2]
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            kind = "rect"
            pts = [pts[0], pts[2]]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)

    def coord(p):
        return p[0], height - p[1] + mb_top

    obj = {"x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0,
           "linewidth": linewidth, "stroke": stroke, "fill": fill, "evenodd": evenodd,
           "object_type": kind, "dash": None}
    if kind == "curve":
        obj["pts"] = [coord(p) for p in pts]
        obj["path"] = [(op, *(coord(p) for p in points)) for op, points in path]
    elif kind == "line":
        obj["pts"] = [coord(p) for p in pts]
    return obj
