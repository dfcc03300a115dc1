"""One line per finding: ``path:line: CODE [severity] message（项目，指标）``."""
from __future__ import annotations

from ..i18n import baseline_lines, words

FORMATS = ("concise",)


def render(report, options) -> str:
    w = words(options.lang)
    lines = []
    for f in report.findings:
        where = w["comma"].join(x for x in (f.project, f.indicator) if x)
        lines.append(f"{f.file}:{f.line or 1}: {f.code} [{w[f.severity]}] {f.message}"
                     + (f"{w['open']}{where}{w['close']}" if where else ""))
    lines.append(w["summary-short"].format(**report.summary))
    lines += baseline_lines(report, w)
    return "\n".join(lines)
