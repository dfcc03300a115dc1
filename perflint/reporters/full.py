"""The terminal report: grouped by file and project, severity in colour, the offending text and a
hint under each message, and a summary at the end. CJK characters are two cells wide; rich
measures them, so the columns line up on an 80-column terminal."""
from __future__ import annotations

import io
from itertools import groupby

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("full",)
LEVEL = {"error": ("错误", "bold red"), "warning": ("警告", "yellow"), "info": ("提示", "cyan")}
MAX_TEXT_CELLS = 60


def clip(text: str, cells: int = MAX_TEXT_CELLS) -> str:
    """At most ``cells`` terminal cells, with an ellipsis when cut."""
    text = " ".join(text.split())
    if cell_len(text) <= cells:
        return text
    out, used = "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells - 1:
            break
        out += ch
        used += w
    return out + "…"


def render(report, options) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width or 100, force_terminal=options.color,
                      color_system="standard" if options.color else None, highlight=False,
                      soft_wrap=False, emoji=False)
    layouts = {f.path: f for f in report.files}
    for path, file_findings in groupby(report.findings, key=lambda f: f.file):
        info = layouts.get(path)
        head = Text(path, style="bold")
        if info is not None and info.layout:
            head.append(f"  （{info.layout}，{info.budget_year or '年度未知'}，{info.projects} 张表）", style="dim")
        console.print(head)
        for project, items in groupby(file_findings, key=lambda f: f.project):
            items = list(items)
            if project:
                console.print(Text(f"  ▸ {project}", style="bold"))
            table = Table.grid(padding=(0, 1))
            table.add_column(justify="right", no_wrap=True, min_width=5)
            table.add_column(no_wrap=True)
            table.add_column(no_wrap=True)
            table.add_column(overflow="fold")
            for f in items:
                label, style = LEVEL[f.severity]
                body = Text(f.message)
                if f.indicator:
                    body.append(f"\n指标：{f.indicator}", style="dim")
                if f.text:
                    body.append(f"\n原文：{clip(f.text)}", style="dim")
                if f.hint:
                    body.append(f"\n提示：{f.hint}", style="green")
                table.add_row(str(f.line or ""), Text(label, style=style), Text(f.code, style="bold"), body)
            console.print(table)
        console.print()
    for path in (f.path for f in report.files if f.error):
        if not any(x.file == path for x in report.findings):
            console.print(Text(f"{path}：{layouts[path].error}", style="red"))
    s = report.summary
    sev = s["by_severity"]
    summary = Text(f"共检查 {s['files']} 个文件、{s['projects']} 张表，发现 {s['findings']} 个问题")
    if s["findings"]:
        summary.append("：")
        summary.append(f"错误 {sev['error']}", style="bold red")
        summary.append("，")
        summary.append(f"警告 {sev['warning']}", style="yellow")
        summary.append("，")
        summary.append(f"提示 {sev['info']}", style="cyan")
    console.print(summary)
    for warning in report.warnings:
        console.print(Text(f"注意：{warning}", style="yellow"))
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n"))
