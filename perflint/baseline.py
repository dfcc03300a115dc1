"""Baselines: the findings a reviewer has already seen, by fingerprint, so a re-check of an
edited document reports only what is new — and which old findings no longer occur.

The file is JSON (``{"schema_version": 1, "tool": "perflint", "findings": [...]}``), one entry per
finding with its file — relative to the baseline file's own folder — and its ``key`` (the
fingerprint within that file), and, for people reading the file, code, line, project and message.
Fingerprints ignore line numbers, so moving rows does not make old findings new; keying by the
path from the baseline's folder makes a baseline match however the checked folder is spelled
(``bl/``, ``./bl``, an absolute path, ``.`` from inside it) and wherever the tree is checked out.
Entries of older baselines without a ``key`` match by their whole ``fingerprint``.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .findings import key_within
from .report import Report

SCHEMA_VERSION = 1


class BaselineError(Exception):
    """The baseline file is missing, unreadable or not a perflint baseline (a usage error)."""


@dataclass
class BaselineResult:
    path: str
    suppressed: int = 0                                   # findings already in the baseline
    gone: list[dict] = field(default_factory=list)        # baseline entries that no longer occur

    def to_json(self) -> dict:
        return {"path": self.path, "suppressed": self.suppressed, "gone": self.gone}


def _relative(file: str, folder: str) -> str:
    """``file`` as seen from ``folder``, in forward slashes (the same on every machine)."""
    try:
        return os.path.relpath(os.path.realpath(file), folder).replace(os.sep, "/")
    except ValueError:          # another drive on Windows: no relative path exists
        return os.path.realpath(file).replace(os.sep, "/")


def _folder(path: str | Path) -> str:
    return os.path.dirname(os.path.realpath(path))


def keyed(findings, path: str | Path):
    """Each finding with its key for a file kept at ``path`` (a baseline or an accept file): the
    finding's path from that file's folder, and its fingerprint within its own file."""
    folder = _folder(path)
    relative: dict[str, str] = {}
    for f in findings:
        if f.file not in relative:
            relative[f.file] = _relative(f.file, folder)
        yield f, (relative[f.file], key_within(f))


def write(report: Report, path: str | Path) -> int:
    entries = [{"file": file, "key": key, "fingerprint": f.fingerprint,
                "code": f.code, "line": f.line, "project": f.project, "message": f.message}
               for f, (file, key) in keyed(report.findings, path)]
    data = {"schema_version": SCHEMA_VERSION, "tool": "perflint", "findings": entries}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(entries)


def read(path: str | Path) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"基线文件不存在：{path}（先用 --write-baseline 生成）") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BaselineError(f"基线文件无法读取：{path}（{err}）") from None
    if not isinstance(data, dict) or data.get("tool") != "perflint" or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path} 不是 perflint 的基线文件（应由 --write-baseline 生成）")
    return [e for e in data["findings"] if isinstance(e, dict)
            and (isinstance(e.get("fingerprint"), str) or isinstance(e.get("key"), str))]


def apply(report: Report, path: str | Path) -> BaselineResult:
    """Drop the report's findings that the baseline holds; note the baseline's entries not seen."""
    entries = read(path)
    known = {(e.get("file"), e["key"]) for e in entries if isinstance(e.get("key"), str)}
    unkeyed = {e["fingerprint"] for e in entries if not isinstance(e.get("key"), str)}
    seen: set = set()
    result = BaselineResult(str(path))
    kept = []
    for f, key in keyed(report.findings, path):
        if key in known or f.fingerprint in unkeyed:
            result.suppressed += 1
            seen.update((key, f.fingerprint))
        else:
            kept.append(f)
    report.findings = kept
    result.gone = [e for e in entries if ((e.get("file"), e["key"]) if isinstance(e.get("key"), str)
                                          else e["fingerprint"]) not in seen]
    report.baseline = result
    return result
