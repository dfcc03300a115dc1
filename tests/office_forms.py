"""Render an extracted Document as the Word and Excel forms offices fill in.

The forms are built from the model, not from the text: a 项目名称 row and the other header
labels with their values merged across the row, the amounts, goals and spending plan, then the
indicator table with a 绩效指标 side label and 一级/二级 cells merged down over their rows —
the shape of the printed 项目支出绩效目标表. Reading such a file back must give the same
findings as the text it was extracted from.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from perflint import vocabulary
from perflint.model import Document, Project


@dataclass
class Form:
    """One table: rows of cell texts and merged ranges (0-based, inclusive)."""

    caption: list[str]
    rows: list[list[str]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def forms_of(doc: Document) -> list[Form]:
    return [form_of(doc, p) for p in doc.projects]


def form_of(doc: Document, project: Project) -> Form:
    describe = any(i.description for i in project.indicators)
    basis = any(i.basis for i in project.indicators)
    headings = (["绩效指标", "一级指标", "二级指标", "三级指标"] + (["绩效指标描述"] if describe else [])
                + ["指标值"] + (["指标值确定依据"] if basis else []))
    width = len(headings)
    form = Form([project.title or "项目支出绩效目标表", f"单位：{project.unit or '万元'}"])

    def labelled(label: str, text: str) -> None:
        form.rows.append([label, text] + [""] * (width - 2))
        form.merges.append((len(form.rows) - 1, 1, len(form.rows) - 1, width - 1))

    labelled("项目名称", project.name)
    for name in dict.fromkeys([*doc.template_fields, *project.fields]):
        if name in vocabulary.current().table("fields") and name != "项目名称":
            labelled(name, project.fields[name].text if name in project.fields else "")
    for name, amount in project.amounts.items():
        if not amount.derived:
            labelled(name, amount.text if amount.value is not None else "")
    for goal in project.goals:
        labelled(goal.label, goal.text)
    if project.schedule is not None:
        columns = list(project.schedule.columns)[: width - 1]
        form.rows.append(["资金支出计划", *columns] + [""] * (width - 1 - len(columns)))
        values = [v.text if v is not None else "" for v in project.schedule.values][: len(columns)]
        form.rows.append(["", *values] + [""] * (width - 1 - len(values)))
        form.merges.append((len(form.rows) - 2, 0, len(form.rows) - 1, 0))
    form.rows.append(headings)
    body_start = len(form.rows)
    _indicator_rows(form, project, headings)
    _merge_down(form, body_start, 1)
    _merge_down(form, body_start, 2)
    if len(form.rows) > body_start:
        form.merges.append((body_start - 1, 0, len(form.rows) - 1, 0))   # the 绩效指标 side label
    return form


def _indicator_rows(form: Form, project: Project, headings: list[str]) -> None:
    """Indicators, unused slots and unplaced rows in the order the table had them."""
    at = {h: k for k, h in enumerate(headings)}
    items = ([(i.loc.line, 0, "indicator", i) for i in project.indicators]
             + [(s.loc.line, 1, "slot", s) for s in project.empty_slots]
             + [(p.loc.line, 2, "unplaced", p) for p in project.problems
                if p.code == "unplaced-row" and p.loc is not None])
    last = (None, None)
    for _, _, kind, item in sorted(items, key=lambda t: (t[0], t[1])):
        row = [""] * len(headings)
        if kind == "unplaced":
            row[1] = item.text or item.message
            form.rows.append(row)
            last = (None, None)
            continue
        if kind == "indicator":
            tier1, tier2 = item.tier1_label, item.tier2_label
            row[at["三级指标"]] = item.name
            row[at["指标值"]] = item.value_text
            if "绩效指标描述" in at:
                row[at["绩效指标描述"]] = item.description or ""
            if "指标值确定依据" in at:
                row[at["指标值确定依据"]] = item.basis or ""
        else:
            tier1 = last[0]
            slot_named = item.label.rstrip(":：").startswith("指标")
            tier2 = (last[1] if slot_named else item.label)
            if slot_named:
                row[at["三级指标"]] = item.label
        if tier1 and tier1 != last[0]:
            row[1] = tier1
            last = (tier1, None)
        if tier2 and tier2 != last[1]:
            row[2] = tier2
        last = (last[0] or tier1, tier2 or last[1])
        form.rows.append(row)


def _merge_down(form: Form, start: int, column: int) -> None:
    """Merge each written 一级/二级 cell down over the blank cells under it."""
    top = None
    for r in range(start, len(form.rows) + 1):
        text = form.rows[r][column] if r < len(form.rows) else "end"
        ends_block = r == len(form.rows) or text or (column == 2 and form.rows[r][1])
        if ends_block:
            if top is not None and r - 1 > top:
                form.merges.append((top, column, r - 1, column))
            top = r if r < len(form.rows) and text else None


def write_docx(doc: Document, path) -> None:
    write_forms_docx([p.text for p in doc.paragraphs], forms_of(doc), path)


def write_forms_docx(paragraphs: list[str], forms: list[Form], path) -> None:
    import docx

    out = docx.Document()
    for paragraph in paragraphs:
        out.add_paragraph(paragraph)
    for form in forms:
        for line in form.caption:
            out.add_paragraph(line)
        table = out.add_table(rows=len(form.rows), cols=len(form.rows[0]))
        for r, cells in enumerate(form.rows):
            for c, text in enumerate(cells):
                if text:
                    table.cell(r, c).text = text
        for r1, c1, r2, c2 in form.merges:
            table.cell(r1, c1).merge(table.cell(r2, c2))
    out.save(str(path))


def write_xlsx(doc: Document, path, sheets: int = 2) -> None:
    write_forms_xlsx([p.text for p in doc.paragraphs], forms_of(doc), path, sheets)


def write_forms_xlsx(paragraphs: list[str], forms: list[Form], path, sheets: int = 2) -> None:
    """Several tables per sheet, spread over ``sheets`` sheets; paragraphs at the top of the first."""
    import openpyxl

    book = openpyxl.Workbook()
    per_sheet = max(1, -(-len(forms) // sheets))
    book.remove(book.active)
    for s in range(0, max(1, len(forms)), per_sheet):
        sheet = book.create_sheet(f"表{s // per_sheet + 1}")
        row = 1
        if s == 0:
            for paragraph in paragraphs:
                sheet.cell(row, 1, paragraph)
                row += 1
        for form in forms[s:s + per_sheet]:
            row += 1
            for line in form.caption:
                sheet.cell(row, 1, line)
                row += 1
            for r, cells in enumerate(form.rows):
                for c, text in enumerate(cells):
                    if text:
                        sheet.cell(row + r, c + 1).value = text
            for r1, c1, r2, c2 in form.merges:
                sheet.merge_cells(start_row=row + r1, start_column=c1 + 1,
                                  end_row=row + r2, end_column=c2 + 1)
            row += len(form.rows)
    book.save(str(path))


#: a Chinese TrueType font on the machine (tests/install-browser.sh installs it), for PDFs that
#: embed their font as Word and WPS print them
EMBEDDABLE_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def write_pdf(doc: Document, path, pagesize=None, ruled: bool = True, embed: bool = False) -> None:
    write_forms_pdf([p.text for p in doc.paragraphs], forms_of(doc), path, pagesize, ruled, embed)


def write_forms_pdf(paragraphs: list[str], forms: list[Form], path, pagesize=None, ruled: bool = True,
                    embed: bool = False) -> None:
    """The forms printed to PDF with ruled cells (reportlab), each table flowing over as many
    pages as it needs, as a form printed from Word does; ``ruled=False`` draws no cell borders.
    The text is in STSong-Light, a standard font the file names but does not hold (as reportlab
    and iText write Chinese); ``embed`` writes it in :data:`EMBEDDABLE_FONT`, held in the file."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if embed:
        font = "WenQuanYi"
        pdfmetrics.registerFont(TTFont(font, EMBEDDABLE_FONT, subfontIndex=0))
    else:
        font = "STSong-Light"
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    style = ParagraphStyle("cell", fontName=font, fontSize=7, leading=9, wordWrap="CJK")
    size = pagesize or landscape(A4)
    from xml.sax.saxutils import escape  # reportlab reads <…> in text as markup

    story = [Paragraph(escape(p), style) for p in paragraphs]
    for form in forms:
        story += [Spacer(1, 12)] + [Paragraph(escape(line), style) for line in form.caption]
        width = len(form.rows[0])
        widths = [40] + [(size[0] - 100) / (width - 1)] * (width - 1)
        data = [[Paragraph(escape(text), style) if text else "" for text in row] for row in form.rows]
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP")] + ([("GRID", (0, 0), (-1, -1), 0.5, "black")] if ruled else [])
        # reportlab cannot break a merged cell over pages; a long vertical merge is printed as
        # its text at the top and blank cells under it, which reads the same
        commands += [("SPAN", (c1, r1), (c2, r2)) for r1, c1, r2, c2 in form.merges if r2 - r1 < 6]
        story.append(Table(data, colWidths=widths, style=TableStyle(commands)))
    SimpleDocTemplate(str(path), pagesize=size, leftMargin=30, rightMargin=30).build(story)


def pdf_without_character_map(lines: int = 30) -> bytes:
    """A PDF whose text is in a CID font with no ToUnicode map — what a form printed through
    some drivers looks like: the glyphs show, the characters cannot be recovered."""
    glyphs = "".join(f"{0x1000 + k:04X}" for k in range(24))
    content = "".join(f"BT /F1 12 Tf 50 {800 - 20 * i} Td <{glyphs}> Tj ET\n" for i in range(lines)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo"
        b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def scanned_pdf() -> bytes:
    """A page with only drawn shapes and no text layer, as a scanner produces."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for i in range(10):
        page.rect(50, 100 + 60 * i, 400, 40, fill=1)
    page.save()
    return buffer.getvalue()
