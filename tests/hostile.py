"""Hostile and malformed inputs, made on the spot: resource bombs in office files, odd names,
terminal escapes. Used by the fuzz tests and by ``benchmarks/fuzz.py``.

Bombs are written part by part (a zip member opened for writing takes its content in chunks), so
making a gigabyte bomb never holds the gigabyte in memory.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  '<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _override(part: str, kind: str) -> str:
    return f'<Override PartName="/{part}" ContentType="{kind}"/>'


def xlsx(path: Path, cells: str = '<c r="A1" t="inlineStr"><is><t>项目名称</t></is></c>',
         merges: str = "", shared_strings: int = 0) -> Path:
    """A minimal workbook of one sheet; ``cells`` is the XML of its first row's cells, ``merges``
    mergeCell elements, ``shared_strings`` how many short shared strings to write (a bomb when large)."""
    sheet_kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    book_kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    sst_kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    overrides = _override("xl/workbook.xml", book_kind) + _override("xl/worksheets/sheet1.xml", sheet_kind)
    if shared_strings:
        overrides += _override("xl/sharedStrings.xml", sst_kind)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(overrides=overrides))
        z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                  f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                                  f'</Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
                                      f'<sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared_strings:
            rels += f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        merged = f"<mergeCells>{merges}</mergeCells>" if merges else ""
        z.writestr("xl/worksheets/sheet1.xml",
                   f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1">{cells}</row></sheetData>{merged}</worksheet>')
        if shared_strings:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
                part.write(f'<sst xmlns="{_MAIN}">'.encode())
                _repeat(part, b"<si><t>a</t></si>", shared_strings)
                part.write(b"</sst>")
    return path


def docx(path: Path, paragraphs: int) -> Path:
    """A Word file whose body is ``paragraphs`` empty paragraphs (a bomb when large)."""
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(overrides=_override("word/document.xml", kind)))
        z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                  f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
                                  f'</Relationships>')
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<w:document xmlns:w="{word}"><w:body>'.encode())
            _repeat(part, b"<w:p/>", paragraphs)
            part.write(b"</w:body></w:document>")
    return path


def _repeat(stream, unit: bytes, times: int, chunk: int = 1 << 16) -> None:
    block = unit * chunk
    full, rest = divmod(times, chunk)
    for _ in range(full):
        stream.write(block)
    stream.write(unit * rest)


def bombs(folder: Path, scale: int = 1) -> dict[str, Path]:
    """The bombs of the hostile-input report, in ``folder``. ``scale`` 1 makes them just past the
    default limits (quick, for CI); 16 makes the gigabyte ones."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "far-cell": xlsx(folder / "far-cell.xlsx", cells='<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'),
        "merged-sheet": xlsx(folder / "merged-sheet.xlsx", merges='<mergeCell ref="A1:XFD1048576"/>'),
        "paragraphs": docx(folder / "paragraphs.docx", paragraphs=12_000_000 * scale),
        "shared-strings": xlsx(folder / "shared-strings.xlsx", shared_strings=4_200_000 * scale),
    }


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()
