"""Old binary formats (.doc, .xls, .wps, .et): converted through LibreOffice when it is installed.

The file is copied into a private temporary folder and converted there (the original is never
touched); the .docx or .xlsx that comes out is read by the Word or Excel reader. Without
LibreOffice the file is one ``input`` finding saying how to convert it. A file that is really
a .docx or .xlsx under an old name (a common rename) is read directly.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from . import ENCRYPTED, Source, is_encrypted_office
from .docx import read_docx
from .xlsx import read_xlsx

#: What each old format becomes, and the reader of that.
TARGETS = {"doc": ("docx", read_docx), "wps": ("docx", read_docx), "xls": ("xlsx", read_xlsx),
           "et": ("xlsx", read_xlsx)}
TIMEOUT_SECONDS = 180
_APPS = {"doc": "Word 或 WPS", "wps": "WPS 文字", "xls": "Excel 或 WPS 表格", "et": "WPS 表格或 Excel"}


def read_legacy(path: str, data: bytes, old: str | None = None) -> Source:
    """``old`` names the format when the file's suffix does not (a .doc renamed .docx)."""
    suffix = old or path.rsplit(".", 1)[-1].lower()
    target, read = TARGETS.get(suffix, TARGETS["doc"])
    if data[:2] == b"PK":         # already OOXML, only named the old way
        return read(path, data)
    if is_encrypted_office(data):
        return Source(path, suffix).problem("encrypted", ENCRYPTED)
    office = libreoffice()
    if office is None:
        return Source(path, suffix).problem(
            "needs-conversion",
            (f"文件扩展名是 .{path.rsplit('.', 1)[-1]}，内容却是" if old else "")
            + f".{suffix} 旧版二进制格式，需要 LibreOffice 转换后才能检查，本机未安装 LibreOffice；"
            f"请用{_APPS.get(suffix, 'Word 或 WPS')}另存为 .{target} 后再检查，"
            "或安装 LibreOffice（如 apt install libreoffice-writer libreoffice-calc）")
    converted, error = convert(office, data, suffix, target)
    if converted is None:
        return Source(path, suffix).problem(
            "conversion-failed", f"用 LibreOffice 把 .{suffix} 转换为 .{target} 失败（{error}），未检查")
    return read(path, converted)     # the model says docx/xlsx: that is what was read


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(office: str, data: bytes, suffix: str, target: str) -> tuple[bytes | None, str]:
    """The converted file's bytes, or None and why not."""
    with tempfile.TemporaryDirectory(prefix="perflint-") as folder:
        source = os.path.join(folder, f"input.{suffix}")
        with open(source, "wb") as f:
            f.write(data)
        # a private profile: a LibreOffice already open on the desktop would otherwise take the job
        profile = "file://" + os.path.join(folder, "profile")
        command = [office, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", folder, source]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            return None, f"超过 {TIMEOUT_SECONDS} 秒"
        except OSError as err:
            from ..i18n import os_error
            return None, os_error(err)
        result = os.path.join(folder, f"input.{target}")
        if not os.path.exists(result):
            message = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip()
            return None, message[:200] or f"退出码 {done.returncode}"
        with open(result, "rb") as f:
            return f.read(), ""
