"""Hostile and malformed inputs, made on the spot: resource bombs in office files, odd names,
terminal escapes. Used by the fuzz tests and by ``benchmarks/fuzz.py``.

Bombs are written part by part (a zip member opened for writing takes its content in chunks), so
making a gigabyte bomb never holds the gigabyte in memory.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
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


# ---- fuzzing: hostile strings, mutated files, odd names -------------------------------------------

#: Strings a hostile or broken table may carry: terminal escapes, markup, spreadsheet formulas,
#: numbers no table states in earnest, direction overrides, NUL and other controls.
HOSTILE = (
    "\x1b]52;c;ZXZpbA==\x07", "\x1b[2J\x1b[H", "\x1b]0;标题\x07", "\x1b[31m红\x1b[0m", "\x9b2J",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]></x><y>", "&amp;&lt;",
    '=HYPERLINK("http://example.invalid","点我")', "=1+1", "@SUM(A1:A9)", "+cmd|' /C calc'!A0", "-2+3",
    "9" * 5000, "1e999999", "-1e-999", "NaN", "Infinity", "-0", "0x1F", "１２３，４５６．７８万元",
    "≥" * 300, "\u202e反向文字", "\u200b\u200d\ufeff", "\x00\x01\x7f", "\U0001f600",
    "万" * 2000, "（" * 500, "%" * 100, "\t\t\t", "\r\n\r\n", "\\x1b", "“" * 50,
)

_SUFFIXES = (".txt", ".docx", ".xlsx", ".pdf", ".csv", ".html")
#: File names as reviewers receive them: GBK from a Chinese Windows zip tool, escapes, markup.
ODD_NAMES = (b"\xb1\xa8\xb1\xed", b"bad\xff\xfe", "\x1b[2J清屏".encode(), "<i>表<b>".encode(),
             " 空 格 ".encode(), "名".encode() * 60, b"-o", b"--format=json", b"#?&%")


def mutate(data: bytes, rng, kind: str) -> bytes:
    """``data`` changed the way a hostile or damaged file is: for text, hostile strings put into
    lines (mostly into cells); for office files, hostile strings put into their XML text, or the
    zip damaged; for any file, bytes flipped or the file cut short."""
    how = rng.random()
    if kind in (".txt", ".csv", ".html") and how < 0.7:
        return _into_text(data, rng)
    if kind in (".docx", ".xlsx") and how < 0.5:
        return _into_zip_text(data, rng)
    if how < 0.85:
        out = bytearray(data)
        for _ in range(rng.randint(1, 12)):
            if out:
                out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    return data[:rng.randrange(max(len(data), 1))]


def _hostile(rng) -> str:
    return "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 3)))


def _into_text(data: bytes, rng) -> bytes:
    text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    for _ in range(rng.randint(1, 8)):
        k = rng.randrange(len(lines))
        cells = lines[k].split("\t")
        c = rng.randrange(len(cells))
        cells[c] = cells[c][:rng.randint(0, len(cells[c]))] + _hostile(rng) if rng.random() < 0.5 else _hostile(rng)
        lines[k] = "\t".join(cells)
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _into_zip_text(data: bytes, rng) -> bytes:
    from xml.sax.saxutils import escape
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = {i.filename: z.read(i) for i in z.infolist()}
    except zipfile.BadZipFile:
        return data
    # XML 1.0 cannot hold most control characters: those go in as the escapes a file may carry
    legal = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    for name, content in members.items():
        if not name.endswith(".xml") or b"<w:t" not in content and b"<t" not in content and b"<v>" not in content:
            continue
        pieces = re.split(rb"(<(?:w:t|t|v)(?:\s[^>]*)?>)", content)
        for k in range(2, len(pieces), 2):
            if rng.random() < 0.15:
                end = pieces[k].find(b"<")
                text = escape(legal.sub(lambda m: f"\\x{ord(m.group()):02x}", _hostile(rng))).encode()
                pieces[k] = text + pieces[k][end:]
        members[name] = b"".join(pieces)
    return zipped(members)


def odd_name(rng, suffix: str) -> bytes:
    return rng.choice(ODD_NAMES) + str(rng.randrange(10**6)).encode() + suffix.encode()


def seeds(folder: Path) -> dict[str, bytes]:
    """One well-formed file per format to mutate: a sample table as text, Word, Excel, PDF, CSV
    and a web page."""
    from office_forms import write_docx, write_pdf, write_xlsx

    from perflint.documents import extract_file
    folder.mkdir(parents=True, exist_ok=True)
    sample = Path(__file__).resolve().parent.parent / "samples" / "ningxia-jycy-2024.txt"
    doc = extract_file(str(sample))
    doc.projects = doc.projects[:2]
    write_docx(doc, folder / "seed.docx")
    write_xlsx(doc, folder / "seed.xlsx")
    write_pdf(doc, folder / "seed.pdf")
    text = sample.read_bytes()
    rows = [line.split("\t") for line in text.decode("utf-8").splitlines()[:60]]
    html = "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    return {".txt": text, ".docx": (folder / "seed.docx").read_bytes(), ".xlsx": (folder / "seed.xlsx").read_bytes(),
            ".pdf": (folder / "seed.pdf").read_bytes(),
            ".csv": "\n".join(",".join(r) for r in rows).encode("utf-8"),
            ".html": f"<html><body>{html}</body></html>".encode()}


def make_batch(folder: Path, seed_files: dict[str, bytes], rng, count: int) -> list[bytes]:
    """``count`` mutated files with odd names in ``folder``; their paths, as bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for _ in range(count):
        suffix = rng.choice(_SUFFIXES)
        data = mutate(seed_files[suffix], rng, suffix)
        path = os.fsencode(folder) + b"/" + (odd_name(rng, suffix) if rng.random() < 0.3
                                              else f"f{rng.randrange(10**9)}{suffix}".encode())
        with open(path, "wb") as f:
            f.write(data)
        made.append(path)
    return made


def digests(paths: list[bytes]) -> dict[bytes, str]:
    return {p: hashlib.sha256(open(p, "rb").read()).hexdigest() for p in paths}


_RAW_MARKUP = ("<script>alert(1)", "<img src=x onerror")


def verify(folder: Path, out: Path, paths: list[bytes]) -> list[str]:
    """Check ``folder`` as a user would and list every broken promise: a traceback or an exit
    code other than 0/1, an internal error (PF000), a file not reported, an input changed, a
    report that does not parse or validate, markup from the input live in the HTML, a formula
    or link in the workbook, a raw control character in a terminal format."""
    import jsonschema
    import openpyxl
    from click.testing import CliRunner

    import perflint
    from perflint.cli import main
    from perflint.reporters import render, write_file

    broken: list[str] = []
    before = digests(paths)
    out.mkdir(parents=True, exist_ok=True)
    result = CliRunner().invoke(main, ["check", str(folder), "--no-color"])
    if result.exit_code not in (0, 1) or (result.exception and not isinstance(result.exception, SystemExit)):
        broken.append(f"terminal run: exit {result.exit_code}, {result.exception!r}")
    if _CONTROL.search(result.output.replace("\n", "").replace("\t", "")):
        broken.append("terminal output holds a raw control character")
    report = perflint.check([str(folder)])
    if len(report.files) != len(paths):
        broken.append(f"{len(paths)} files given, {len(report.files)} reported")
    broken += [f"PF000 in {f.file}: {f.message[:120]}" for f in report.findings if f.code == "PF000"]
    broken += [f"over budget: {f.file}" for f in report.findings
               if f.code == "PF001" and "已停止" in f.message]
    for fmt in ("json", "sarif", "html", "full", "concise", "github", "junit", "jsonl"):
        try:
            text = render(report, fmt)
        except Exception as err:            # noqa: BLE001 - any failure is what we look for
            broken.append(f"{fmt}: {err!r}")
            continue
        if fmt == "json":
            json.loads(text)
        elif fmt == "jsonl":
            [json.loads(line) for line in text.splitlines() if line]
        elif fmt == "sarif":
            jsonschema.validate(json.loads(text), SARIF_SCHEMA)
        elif fmt == "html":
            broken += [f"html: live markup {m}" for m in _RAW_MARKUP if m in text]
        elif _CONTROL.search(text.replace("\n", "").replace("\t", "").replace("\r", "")):
            broken.append(f"{fmt}: raw control character")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as err:
            broken.append(f"{fmt}: not writable as UTF-8 ({err.reason})")
    book_path = out / "report.xlsx"
    write_file(report, "xlsx", str(book_path))
    book = openpyxl.load_workbook(book_path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or cell.hyperlink is not None:
                    broken.append(f"xlsx: formula or link at {sheet.title}!{cell.coordinate}")
    if digests(paths) != before:
        broken.append("an input file was changed")
    return broken


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SARIF_SCHEMA = json.loads(
    (Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
