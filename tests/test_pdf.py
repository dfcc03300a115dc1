"""PDF forms: ruled tables read cell by cell, tables stitched over page breaks, and PDFs that
cannot be read honestly (scans, (cid:…) text, passwords) reported as one input finding."""
from __future__ import annotations

import collections
import io

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from office_forms import pdf_without_character_map, scanned_pdf, write_pdf

import perflint
from perflint.documents import extract_file

from conftest import SAMPLES

SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.txt"))

def _codes(report, paragraphs: bool = True) -> collections.Counter:
    return collections.Counter((f.project, f.code) for f in report.findings if paragraphs or f.project)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    made = {}
    for name in ("yongning-2024-employment", "ningxia-jycy-2024", "weixian-rsj-2021"):
        write_pdf(extract_file(str(SAMPLES / f"{name}.txt")), out / f"{name}.pdf")
        made[name] = out / f"{name}.pdf"
    return made


@pytest.mark.parametrize("name", ["yongning-2024-employment", "ningxia-jycy-2024"])
def test_printed_forms_give_the_same_findings_as_text(printed, name):
    text_run = perflint.check([str(SAMPLES / f"{name}.txt")])
    pdf_run = perflint.check([str(printed[name])])
    assert pdf_run.files[0].layout == "office-grid"
    assert pdf_run.files[0].projects == text_run.files[0].projects
    assert _codes(pdf_run) == _codes(text_run)


def test_tables_findings_match_where_body_text_wraps(printed):
    """魏县: the tables match exactly; the narrative's paragraphs are rebuilt from wrapped lines,
    which the repeated-paragraph check can only see as well as the PDF keeps them."""
    text_run = perflint.check([str(SAMPLES / "weixian-rsj-2021.txt")])
    pdf_run = perflint.check([str(printed["weixian-rsj-2021"])])
    assert _codes(pdf_run, paragraphs=False) == _codes(text_run, paragraphs=False)


def test_a_table_split_over_pages_is_read_as_one(printed):
    path = printed["ningxia-jycy-2024"]
    with pdfplumber.open(str(path)) as pdf:
        first_page_rows = sum(len(t.extract()) for t in pdf.pages[0].find_tables())
        assert len(pdf.pages) > 1 and first_page_rows > 0
    doc = extract_file(str(path))
    text = extract_file(str(SAMPLES / "ningxia-jycy-2024.txt"))
    split = [p for p in doc.projects
             if len({doc.locate(i.loc)["page"] for i in p.indicators} | {doc.locate(p.loc)["page"]}) > 1]
    assert split, "the fixture should have at least one table running over a page break"
    for mine, theirs in zip(doc.projects, text.projects, strict=True):
        assert [(i.tier1, i.tier2, i.name, i.value_text) for i in mine.indicators] == \
            [(i.tier1, i.tier2, i.name, i.value_text) for i in theirs.indicators]


def test_pdf_locators_are_page_and_row(printed):
    path = printed["yongning-2024-employment"]
    findings = [f for f in perflint.check([str(path)]).findings if f.indicator and f.text]
    with pdfplumber.open(str(path)) as pdf:
        for f in findings[:10]:
            where = f.locator
            assert where["kind"] == "pdf" and where["page"] >= 1 and where["row"] >= 1
            rows = [row for t in pdf.pages[where["page"] - 1].find_tables() for row in t.extract()]
            cells = " ".join(c or "" for c in rows[where["row"] - 1])
            assert "".join(f.text.split()) in "".join(cells.split())


def _pages(*tables):
    from perflint.readers.pdf import _Page
    return [_Page(n, 100, [(0.0, "table", rows)]) for n, rows in enumerate(tables, 1)]


def test_a_row_cut_by_the_page_break_is_joined():
    """The rest of a goal cell at the top of the next page goes back into its row; a new
    indicator row at the top of a page (its 三级 and 指标值 filled) stays a row of its own."""
    from perflint.readers import GridBuilder
    from perflint.readers.pdf import _emit

    heading = ["一级指标", "二级指标", "三级指标", "指标值"]
    grid = GridBuilder("t.pdf", "pdf")
    _emit(grid, _pages(
        [["项目名称", "培训", "", ""], ["年度绩效目标", "全年培训", "", ""]],
        [["", "600人次。", "", ""], heading, ["产出指标", "数量指标", "培训人次", "600人次"]],
        [["", "", "培训天数", "3天"], ["", "", "", "（不含周末）"]],
    ))
    assert grid.source.cells == [
        ["项目名称", "培训"], ["年度绩效目标", "全年培训600人次。"], heading,
        ["产出指标", "数量指标", "培训人次", "600人次"], ["", "", "培训天数", "3天"], ["", "", "", "（不含周末）"]]
    assert [p.where for p in grid.source.places] == [
        {"page": 1, "row": 1}, {"page": 1, "row": 2}, {"page": 2, "row": 2}, {"page": 2, "row": 3},
        {"page": 3, "row": 1}, {"page": 3, "row": 2}]
    assert grid.source.places[4].locator(3) == {"kind": "pdf", "page": 3, "row": 1, "column": "指标值"}


def test_a_scanned_pdf_is_one_input_finding(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf())
    findings = perflint.check([str(tmp_path / "scan.pdf")]).findings
    assert [(f.code, f.category) for f in findings] == [("PF001", "input")]
    assert "文字层" in findings[0].message and "扫描" in findings[0].message


def test_cid_garbage_is_one_input_finding_not_a_flood(tmp_path):
    (tmp_path / "cid.pdf").write_bytes(pdf_without_character_map())
    findings = perflint.check([str(tmp_path / "cid.pdf")]).findings
    assert [(f.code, f.category) for f in findings] == [("PF001", "input")]
    assert "(cid:" in findings[0].message and findings[0].locator == {"kind": "pdf"}


def test_password_protected_and_corrupt_pdfs(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=StandardEncryption("secret", canPrint=0))
    page.drawString(50, 800, "project")
    page.save()
    (tmp_path / "locked.pdf").write_bytes(buffer.getvalue())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not a pdf at all")
    by_file = {f.file.rsplit("/", 1)[-1]: f for f in perflint.check([str(tmp_path)]).findings}
    assert "密码" in by_file["locked.pdf"].message
    assert by_file["broken.pdf"].code == "PF001" and "损坏" in by_file["broken.pdf"].message


def test_a_pdf_without_cell_borders_is_read_as_text(tmp_path):
    """No ruled table anywhere: the text, line by line, goes to the layouts for PDF text exports."""
    write_pdf(extract_file(str(SAMPLES / "ningxia-jycy-2024.txt")), tmp_path / "plain.pdf", ruled=False)
    doc = extract_file(str(tmp_path / "plain.pdf"))
    assert doc.layout == "pdf-lines" and len(doc.projects) >= 5
    assert doc.projects[0].name == "业务人员培训费"
    assert doc.locate(doc.projects[0].loc) == {"kind": "pdf", "page": 1}


# ---- page objects from pdfium (see perflint/readers/pdfium_objects.py) ----------------------------

def _pdfminer_only(monkeypatch):
    import perflint.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "_pdfium", lambda data: None)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    """The samples printed with their font held in the file, as Word and WPS print them: the
    PDFs pdfium reads (see perflint/readers/pdfium_objects.py)."""
    import os

    from office_forms import EMBEDDABLE_FONT

    if not os.path.exists(EMBEDDABLE_FONT):
        if os.environ.get("PERFLINT_REQUIRE_BROWSER"):
            pytest.fail(f"{EMBEDDABLE_FONT} is required (tests/install-browser.sh installs it)")
        pytest.skip(f"{EMBEDDABLE_FONT} not installed (tests/install-browser.sh installs it)")
    out = tmp_path_factory.mktemp("pdf-embedded")
    made = {}
    for name in SAMPLE_NAMES:
        write_pdf(extract_file(str(SAMPLES / f"{name}.txt")), out / f"{name}.pdf", embed=True)
        made[name] = out / f"{name}.pdf"
    return made


def test_pdfium_gives_pdfminers_lines_and_characters(embedded):
    import pypdfium2

    from perflint.readers.pdfium_objects import page_objects

    path = embedded["ningxia-jycy-2024"]
    fast = pypdfium2.PdfDocument(path.read_bytes())
    spaces_on_their_own = 0
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages):
            mine, theirs = page_objects(fast[number], page), page.objects     # every page: none is pdfminer's
            assert set(mine) == set(theirs)
            for kind in set(mine) - {"char"}:        # ruling lines: the same to the hundredth
                def edges(objects):
                    return sorted((round(o["x0"], 2), round(o["x1"], 2), round(o["top"], 2), round(o["bottom"], 2))
                                  for o in objects)
                assert edges(mine[kind]) == edges(theirs[kind]), (number, kind)
            # characters: the same text in the same order, spaces included, each within a fraction
            # of a point (a glyph's advance comes from the font program in pdfium, from the PDF's
            # own width table in pdfminer)
            assert "".join(c["text"] for c in mine["char"]) == "".join(c["text"] for c in theirs["char"])
            for a, b in zip(mine["char"], theirs["char"], strict=True):
                assert abs(a["x0"] - b["x0"]) < 0.2 and abs(a["top"] - b["top"]) < 0.5
                assert abs(a["x1"] - b["x1"]) < 0.5 and abs(a["bottom"] - b["bottom"]) < 0.5
            spaces_on_their_own += any(c["text"] == " " and c["fontname"] != theirs["char"][k - 1]["fontname"]
                                       for k, c in enumerate(theirs["char"]) if k)
    # the subsetting writer puts a space in a font of its own, so its text object holds nothing
    # else: pdfium's text page leaves such an object out, and the reader puts the space back
    assert spaces_on_their_own
    fast.close()


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_pdfium_and_pdfminer_give_the_same_findings(embedded, name, monkeypatch):
    fast = perflint.check([str(embedded[name])])
    _pdfminer_only(monkeypatch)
    slow = perflint.check([str(embedded[name])])
    assert [f.to_json() for f in fast.findings] == [f.to_json() for f in slow.findings]
    assert fast.files[0].projects == slow.files[0].projects > 0


def test_text_in_a_font_the_file_does_not_hold_is_read_by_pdfminer(printed, embedded):
    """pdfium draws a font left out of the file with whatever font the machine has (without a
    Chinese one it drops characters): such a page is pdfminer's, on every machine alike."""
    import pypdfium2

    from perflint.readers.pdfium_objects import Unsupported, page_objects

    for path, held in ((printed["ningxia-jycy-2024"], False), (embedded["ningxia-jycy-2024"], True)):
        fast = pypdfium2.PdfDocument(path.read_bytes())
        with pdfplumber.open(str(path)) as pdf:
            if held:
                assert page_objects(fast[0], pdf.pages[0])["char"]
            else:
                with pytest.raises(Unsupported, match="does not embed"):
                    page_objects(fast[0], pdf.pages[0])
        fast.close()


def test_a_page_pdfium_cannot_read_is_read_by_pdfminer(embedded, monkeypatch):
    import perflint.readers.pdfium_objects as pdfium_objects

    whole = perflint.check([str(embedded["yongning-2024-employment"])])
    calls = []

    def failing(fast_page, page):
        calls.append(page.page_number)
        raise (pdfium_objects.Unsupported("rotated text") if len(calls) % 2 else RuntimeError("pdfium failed"))

    monkeypatch.setattr(pdfium_objects, "page_objects", failing)
    mixed = perflint.check([str(embedded["yongning-2024-employment"])])
    assert len(calls) > 1
    assert [f.to_json() for f in mixed.findings] == [f.to_json() for f in whole.findings]


def _reshaped(path, tmp_path, change) -> str:
    """A copy of the PDF with ``change`` made to each page (through pypdfium2's raw functions)."""
    import pypdfium2
    import pypdfium2.raw as raw

    pdf = pypdfium2.PdfDocument(path.read_bytes())
    for number in range(len(pdf)):
        page = pdf[number]
        change(raw, page.raw)
        page.close()
    out = tmp_path / f"reshaped-{path.name}"
    with open(out, "wb") as f:
        pdf.save(f)
    pdf.close()
    return str(out)


def test_a_media_box_away_from_the_origin_reads_as_pdfminer_reads_it(embedded, tmp_path, monkeypatch):
    """pdfminer reads a page from the corner of its media box; pdfium from the page's origin."""
    import pypdfium2

    from perflint.readers.pdfium_objects import page_objects

    def shift(raw, page):
        raw.FPDFPage_SetMediaBox(page, 20.0, 10.0, 861.89, 605.28)

    path = _reshaped(embedded["ningxia-jycy-2024"], tmp_path, shift)
    fast = pypdfium2.PdfDocument(path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.page_obj.mediabox[:2] == (20, 10)
        mine, theirs = page_objects(fast[0], page), page.objects
        for a, b in zip(mine["char"], theirs["char"], strict=True):
            assert abs(a["x0"] - b["x0"]) < 0.2 and abs(a["top"] - b["top"]) < 0.5
        assert sorted(round(o["top"]) for o in mine["line"]) == sorted(round(o["top"]) for o in theirs["line"])
    fast.close()
    shifted = perflint.check([path])
    _pdfminer_only(monkeypatch)
    assert [f.to_json() for f in shifted.findings] == [f.to_json() for f in perflint.check([path]).findings]


def test_a_turned_page_is_read_by_pdfminer(embedded, tmp_path):
    import pypdfium2

    from perflint.readers.pdfium_objects import Unsupported, page_objects

    path = _reshaped(embedded["ningxia-jycy-2024"], tmp_path, lambda raw, page: raw.FPDFPage_SetRotation(page, 1))
    fast = pypdfium2.PdfDocument(path)
    with pdfplumber.open(path) as pdf:
        with pytest.raises(Unsupported, match="rotated"):
            page_objects(fast[0], pdf.pages[0])
    fast.close()


def test_reading_a_pdf_leaves_no_page_holding_its_characters(printed, embedded):
    """Each page lets go of its characters and layout as soon as it is read, not at the next full
    garbage collection: a sweep of PDFs (where perflint raises the collector's thresholds) grew
    by the size of every file it had read."""
    import gc

    import pdfplumber.page

    for path in (printed["weixian-rsj-2021"], embedded["ningxia-jycy-2024"]):
        gc.collect()
        gc.disable()
        try:
            extract_file(str(path))
            holding = [p for p in gc.get_objects() if isinstance(p, pdfplumber.page.Page)
                       and ("_objects" in p.__dict__ or "_layout" in p.__dict__)]
        finally:
            gc.enable()
        assert holding == []


# ---- a cell's text: pdfplumber's extract_text, read faster (see perflint/readers/pdf.py) ----------

def _char(text: str, x0: float, width: float, top: float, height: float, upright: bool = True) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + height,
            "doctop": top + 800, "upright": upright, "size": height}


_CHARS = st.builds(
    _char, st.sampled_from(["中", "文", "1", "a", " ", "\u3000", "ﬁ", "%", "。"]),
    st.floats(0, 60, allow_nan=False).map(lambda x: round(x, 1)), st.sampled_from([0.0, 2.0, 5.5, 7.0]),
    # tops on a few lines, some within pdfplumber's 3-point tolerance of each other
    st.sampled_from([10.0, 11.5, 12.9, 13.0, 16.0, 19.2, 30.0]), st.sampled_from([7.0, 9.0]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_CHARS, max_size=30))
def test_a_cells_text_is_pdfplumbers(chars):
    from pdfplumber.utils import extract_text

    from perflint.readers.pdf import text_of

    assert text_of(chars) == (extract_text(chars) if chars else "")


@pytest.mark.parametrize("odd", [_char("转", 5, 7, 10, 7, upright=False), _char("", 5, 7, 10, 7),
                                 _char("aﬁ", 5, 7, 10, 7), _char("(cid:12)", 5, 7, 10, 7)])
def test_a_cell_with_rotated_empty_or_many_letter_characters_is_read_by_pdfplumber(odd):
    from pdfplumber.utils import extract_text

    from perflint.readers.pdf import text_of

    chars = [_char("项", 0, 7, 10, 7), odd, _char("目", 14, 7, 10, 7)]
    assert text_of(chars) == extract_text(chars)


def test_every_cell_of_the_printed_samples_reads_as_pdfplumber_reads_it(printed, embedded, monkeypatch):
    from pdfplumber.utils import extract_text

    import perflint.readers.pdf as pdf_reader

    cells, mine = [], pdf_reader.text_of

    def both(chars):
        cells.append((mine(chars), extract_text(chars) if chars else ""))
        return cells[-1][0]

    monkeypatch.setattr(pdf_reader, "text_of", both)
    for path in (printed["weixian-rsj-2021"], embedded["ningxia-jycy-2024"]):
        extract_file(str(path))
    assert len(cells) > 1000
    assert [ours for ours, _ in cells] == [theirs for _, theirs in cells]


def _lines(lines: list[dict]) -> list[dict]:
    return [{k: line[k] for k in ("text", "x0", "top", "x1", "bottom")} for line in lines]


@settings(max_examples=400, deadline=None)
@given(st.lists(_CHARS, max_size=30))
def test_a_pages_text_lines_are_pdfplumbers(chars):
    from pdfplumber.utils import chars_to_textmap

    from perflint.readers.pdf import text_lines

    assert _lines(text_lines(chars)) == (_lines(chars_to_textmap(chars).extract_text_lines()) if chars else [])


def test_the_printed_samples_text_lines_are_pdfplumbers(printed, embedded):
    from perflint.readers.pdf import text_lines

    compared = 0
    for path in (printed["weixian-rsj-2021"], embedded["ningxia-jycy-2024"]):
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                assert _lines(text_lines(page.chars)) == _lines(page.extract_text_lines())
                compared += len(page.chars)
    assert compared > 10_000
