"""Old .doc/.wps/.et files: converted through LibreOffice when it is there, else a clear finding."""
from __future__ import annotations

import os
import stat

from office_forms import write_docx

import perflint
from perflint.documents import extract_file

from conftest import SAMPLES

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024      # how every .doc/.wps/.et begins


def test_without_libreoffice_the_finding_says_how_to_convert(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    (tmp_path / "old.doc").write_bytes(OLE)
    (tmp_path / "old.et").write_bytes(OLE)
    by_file = {f.file.rsplit("/", 1)[-1]: f for f in perflint.check([str(tmp_path)]).findings}
    assert set(by_file) == {"old.doc", "old.et"}
    assert "LibreOffice" in by_file["old.doc"].message and ".docx" in by_file["old.doc"].message
    assert ".xlsx" in by_file["old.et"].message and by_file["old.et"].category == "input"


def _fake_soffice(tmp_path, script: str):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text("#!/bin/sh\n" + script)
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def test_with_libreoffice_the_converted_file_is_checked(tmp_path, monkeypatch):
    """A stand-in soffice 'converts' by copying the .docx made from a sample into --outdir."""
    write_docx(extract_file(str(SAMPLES / "yongning-2024-employment.txt")), tmp_path / "made.docx")
    bin_dir = _fake_soffice(tmp_path, (
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        f'cp "{tmp_path / "made.docx"}" "$2/input.docx"\n'))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    (tmp_path / "form.doc").write_bytes(OLE)
    original = OLE
    report = perflint.check([str(tmp_path / "form.doc")])
    assert report.files[0].layout == "office-grid" and report.files[0].projects == 11
    assert report.findings and all(f.locator["kind"] == "docx" for f in report.findings)
    assert (tmp_path / "form.doc").read_bytes() == original       # the input is never written


def test_a_failed_conversion_is_a_finding(tmp_path, monkeypatch):
    bin_dir = _fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2\nexit 1\n')
    monkeypatch.setenv("PATH", str(bin_dir))
    (tmp_path / "broken.wps").write_bytes(OLE)
    findings = perflint.check([str(tmp_path / "broken.wps")]).findings
    assert [f.code for f in findings] == ["PF001"]
    assert "转换" in findings[0].message and "could not be loaded" in findings[0].message


def test_an_ooxml_file_under_an_old_name_is_read_directly(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    write_docx(extract_file(str(SAMPLES / "ningxia-jycy-2024.txt")), tmp_path / "renamed.doc")
    report = perflint.check([str(tmp_path / "renamed.doc")])
    assert report.files[0].projects == 7


def test_an_old_file_renamed_to_the_new_suffix_is_converted_not_called_corrupt(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    (tmp_path / "renamed.docx").write_bytes(OLE)
    (tmp_path / "renamed.xlsx").write_bytes(OLE)
    by_file = {f.file.rsplit("/", 1)[-1]: f.message for f in perflint.check([str(tmp_path)]).findings}
    assert "扩展名是 .docx，内容却是.doc" in by_file["renamed.docx"]
    assert "内容却是.xls" in by_file["renamed.xlsx"] and "LibreOffice" in by_file["renamed.xlsx"]


def test_a_real_libreoffice_round_trip(tmp_path):
    """With LibreOffice installed: an .xls saved by it from a sample's form reads like the text."""
    import shutil
    import subprocess

    import pytest
    from office_forms import write_xlsx

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    name = "yongning-2024-employment"
    write_xlsx(extract_file(str(SAMPLES / f"{name}.txt")), tmp_path / f"{name}.xlsx")
    subprocess.run([office, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "xls", "--outdir", str(tmp_path / "old"), str(tmp_path / f"{name}.xlsx")],
                   check=True, capture_output=True, timeout=180)
    old = perflint.check([str(tmp_path / "old" / f"{name}.xls")])
    text = perflint.check([str(SAMPLES / f"{name}.txt")])
    assert old.files[0].projects == text.files[0].projects == 11
    assert sorted((f.project, f.code) for f in old.findings) == sorted((f.project, f.code) for f in text.findings)
