"""One line per finding: ``path:line: CODE [severity] message（项目，指标）``; for Word, Excel
and PDF files the cell instead of the line: ``path:[表3 第5行 指标值]: …``."""
from __future__ import annotations

from ..i18n import accepted_lines, baseline_lines, skipped_lines, where, words
from . import rendered

ESCAPES_CONTROLS = True      # document text may carry terminal escapes: shown, never acted on
FORMATS = ("concise",)


def render(report, options) -> str:
    return rendered(write, report, options)


def write(report, options, stream) -> None:
    """Written a thousand lines at a time, never the whole report as one text."""
    w = words(options.lang)
    lines = []
    for f in report.findings:
        context = w["comma"].join(x for x in (f.project, f.indicator) if x)
        place = where(f, w) if f.locator and f.locator.get("kind") != "txt" else ""
        at = f"[{place}]" if place else f.line or 1        # a whole office file: its first line
        lines.append(f"{f.file}:{at}: {f.code} [{w[f.severity]}] {f.message}"
                     + (f"{w['open']}{context}{w['close']}" if context else ""))
        if len(lines) == 1000:
            stream.write("\n".join(lines) + "\n")
            lines = []
    lines.append(w["summary-short"].format(**report.summary))
    lines += skipped_lines(report, w)
    lines += baseline_lines(report, w) + accepted_lines(report, w)
    if options.group_by:
        from .batch import lines as batch_lines

        lines += batch_lines(report, options.group_by, options.lang)
    stream.write("\n".join(lines) + "\n")
