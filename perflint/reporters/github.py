"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding,
shown as annotations on the file and line."""
from __future__ import annotations

from ..i18n import where, words

ESCAPES_CONTROLS = True      # document text may carry terminal escapes: shown, never acted on
FORMATS = ("github",)
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report, options) -> str:
    w = words(options.lang)
    lines = []
    for f in report.findings:
        context = w["comma"].join(x for x in (f.project, f.indicator) if x)
        if f.locator and f.locator.get("kind") != "txt":     # no line to annotate: say the cell
            context = w["comma"].join(x for x in (where(f, w), context) if x)
        message = f.message + (f"{w['open']}{context}{w['close']}" if context else "")
        if f.hint:
            message += f"\n{f.hint}"
        lines.append(f"::{COMMAND[f.severity]} file={_property(f.file)},line={f.line or 1},"
                     f"title={_property(f'{f.code} {f.name}')}::{_data(message)}")
    return "\n".join(lines)
