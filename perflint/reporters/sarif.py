"""SARIF 2.1.0 (code-scanning tools, IDEs): one run, the selected rules as the driver's rules,
one result per finding with its fingerprint, so tools can track a finding across runs."""
from __future__ import annotations

import json
import os
from pathlib import PureWindowsPath

from .. import __version__
from ..i18n import where, words

FORMATS = ("sarif",)
MACHINE_READABLE = True
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(report, options) -> dict:
    rules = sorted({r.code: r for r in report.rules}.values(), key=lambda r: r.code)
    index = {r.code: k for k, r in enumerate(rules)}
    en = options.lang == "en"
    driver_rules = []
    for r in rules:
        title_en, fix_en = r.english
        driver_rules.append({
            "id": r.code, "name": r.name,
            "shortDescription": {"text": title_en if en else r.title},
            "fullDescription": {"text": title_en if en else r.title},
            "help": {"text": (fix_en or title_en) if en else r.doc.strip(), "markdown": r.doc.strip()},
            "defaultConfiguration": {"level": LEVEL[r.severity], "enabled": r.default},
            "properties": {"category": r.category, "tags": [r.category]},
        })
    results = []
    accepted = getattr(report, "accepted", None)
    reasons = {id(f): a for f, a in (accepted.accepted if accepted is not None else ())}
    # accepted findings are results with a suppression (SARIF's way of saying "checked, and why")
    for f in [*report.findings, *(f for f, _ in (accepted.accepted if accepted is not None else ()))]:
        result = {
            "ruleId": f.code,
            "level": LEVEL[f.severity],
            "message": {"text": f.message + (f"\n{f.hint}" if f.hint else "")},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.file)},
                "region": {"startLine": f.line or 1, **({"snippet": {"text": f.text}} if f.text else {})},
            }}],
            "partialFingerprints": {"perflint/v1": f.fingerprint},
            "properties": {"category": f.category, "project": f.project, "indicator": f.indicator,
                           "hint": f.hint, "covers": list(f.covers), "count": f.count},
        }
        if f.locator and f.locator.get("kind") != "txt":
            # a Word/Excel/PDF place has no line a viewer could open: say the cell in words too
            result["locations"][0]["message"] = {"text": where(f, words(options.lang))}
            result["properties"]["locator"] = f.locator
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if id(f) in reasons:
            a = reasons[id(f)]
            result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": a.reason,
                                       "properties": {"by": a.by, "at": a.at}}]
        results.append(result)
    return {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "perflint", "version": __version__,
                                "informationUri": "https://pypi.org/project/perflint/",
                                "rules": driver_rules}},
            "artifacts": [{"location": {"uri": _uri(fr.path)}} for fr in report.files],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def render(report, options) -> str:
    return json.dumps(sarif(report, options), ensure_ascii=False, indent=2)


def _uri(path: str) -> str:
    """A path as a SARIF uri: forward slashes for a Windows path; a backslash in a POSIX name
    (an escaped byte of a name that is not UTF-8, see files.shown_name) stays what it is."""
    return PureWindowsPath(path).as_posix() if os.sep == "\\" else path
