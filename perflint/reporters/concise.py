"""One line per finding: ``path:line: CODE [severity] message（项目 · 指标）``."""
from __future__ import annotations

FORMATS = ("concise",)
LEVEL = {"error": "错误", "warning": "警告", "info": "提示"}


def render(report, options) -> str:
    lines = []
    for f in report.findings:
        where = "，".join(x for x in (f.project, f.indicator) if x)
        lines.append(f"{f.file}:{f.line or 1}: {f.code} [{LEVEL[f.severity]}] {f.message}"
                     + (f"（{where}）" if where else ""))
    s = report.summary
    lines.append(f"共 {s['files']} 个文件、{s['projects']} 张表，{s['findings']} 个问题")
    return "\n".join(lines)
