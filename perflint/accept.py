"""Findings a reviewer has checked and accepted, with who, when and why.

``perflint accept FINGERPRINT --reason "…"`` writes an entry to ``perflint-accepted.toml``, found
like the configuration (the nearest one at or above the working directory; a new one is made
there). A run takes out the findings the file accepts: they leave the exit code and the counts,
and every report lists them apart with their reasons. An entry that no longer matches any finding
is reported, as ruff reports an unused ``noqa``, so the file does not fill with stale excuses.

Entries are keyed as baselines are (see perflint/baseline.py): the file's path from the accept
file's own folder and the fingerprint within that file, so an acceptance holds however the
folder is spelled and in another checkout.

    [[accepted]]
    file = "2024/表3.docx"
    key = "9f0c…"
    code = "PF402"
    reason = "该指标确需 100% 完成，已核实"
    by = "张三"
    at = "2026-12-04T15:30:00+08:00"
    message = "…"              # for people reading the file
"""
from __future__ import annotations

import datetime
import getpass
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .baseline import keyed
from .files import replacing
from .findings import Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE_NAME = "perflint-accepted.toml"


class AcceptError(Exception):
    """The accept file cannot be read or written, or names no such finding (a usage error)."""


@dataclass(frozen=True)
class Acceptance:
    file: str
    key: str
    code: str
    reason: str
    by: str = ""
    at: str = ""
    message: str = ""


@dataclass
class AcceptResult:
    path: str
    accepted: list[tuple[Finding, Acceptance]] = field(default_factory=list)
    unused: list[Acceptance] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"path": self.path,
                "findings": [{**f.to_json(), "reason": a.reason, "by": a.by, "at": a.at} for f, a in self.accepted],
                "unused": [{"file": a.file, "code": a.code, "reason": a.reason, "message": a.message}
                           for a in self.unused]}


def find(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest accept file at or above ``start`` (the working directory)."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / FILE_NAME).is_file():
            return folder / FILE_NAME
    return None


def read(path: str | Path) -> list[Acceptance]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AcceptError(f"接受文件不存在：{path}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise AcceptError(f"接受文件 {path} 无法读取：{err}") from None
    entries = data.get("accepted", [])
    if not isinstance(entries, list):
        raise AcceptError(f"{path}：accepted 应为 [[accepted]] 表的列表")
    out = []
    for k, e in enumerate(entries, 1):
        if not isinstance(e, dict) or not all(isinstance(e.get(x), str) and e.get(x) for x in ("file", "key", "reason")):
            raise AcceptError(f"{path}：第 {k} 条 [[accepted]] 缺少 file、key 或 reason")
        out.append(Acceptance(e["file"], e["key"], str(e.get("code", "")), e["reason"], str(e.get("by", "")),
                              str(e.get("at", "")), str(e.get("message", ""))))
    return out


def apply(report, path: str | Path) -> AcceptResult:
    """Take the accepted findings out of the report; note the entries that match nothing."""
    entries = read(path)
    by_key = {(a.file, a.key): a for a in entries}
    result = AcceptResult(str(path))
    used: set[tuple[str, str]] = set()
    kept = []
    for f, key in keyed(report.findings, path):
        acceptance = by_key.get(key)
        if acceptance is None:
            kept.append(f)
        else:
            result.accepted.append((f, acceptance))
            used.add(key)
    report.findings = kept
    result.unused = [a for a in entries if (a.file, a.key) not in used]
    report.accepted = result
    return result


def add(path: str | Path, findings: list[Finding], reason: str, by: str | None = None) -> int:
    """Append entries accepting ``findings`` to the accept file at ``path`` (made when missing);
    a finding already accepted gets its new reason. Returns how many were written."""
    reason = reason.strip()
    if not reason:
        raise AcceptError("请用 --reason 写明接受的理由")
    existing = read(path) if Path(path).exists() else []
    when = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    who = by or _user()
    fresh = {(file, key): Acceptance(file, key, f.code, reason, who, when, f.message)
             for f, (file, key) in keyed(findings, path)}
    entries = [a for a in existing if (a.file, a.key) not in fresh] + list(fresh.values())
    text = "# 已核实并接受的问题（perflint accept 写入；每条写明理由）\n"
    for a in entries:
        text += "\n[[accepted]]\n" + "".join(f"{name} = {_toml_string(getattr(a, name))}\n"
                                             for name in ("file", "key", "code", "reason", "by", "at", "message"))
    try:
        with replacing(path) as temporary:
            Path(temporary).write_text(text, encoding="utf-8")
    except OSError as err:
        from .i18n import os_error

        raise AcceptError(f"无法写入接受文件 {path}：{os_error(err)}") from None
    return len(fresh)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:       # no login name (a container): leave it blank rather than fail
        return ""


def _toml_string(value: str) -> str:
    """A TOML basic string."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
