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

from ..i18n import accepted_lines, baseline_lines, skipped_lines, where, words

ESCAPES_CONTROLS = True      # document text may carry terminal escapes: shown, never acted on
FORMATS = ("full",)
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
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


def _place(f, w) -> str:
    """Where a finding is, as the place column shows it: a line (range) in a text, a cell's
    place in an office file."""
    if f.locator and f.locator.get("kind") != "txt":
        return where(f, w)
    at = str(f.line or "")
    if f.end_line and f.end_line != f.line and f.line:
        at += f"–{f.end_line}"
    return at


def render(report, options) -> str:
    w = words(options.lang)
    buffer = io.StringIO()
    console = Console(file=buffer, width=options.width or 100, force_terminal=options.color,
                      color_system="standard" if options.color else None, highlight=False,
                      soft_wrap=False, emoji=False)
    layouts = {f.path: f for f in report.files}
    # the severity column as wide as its widest word, so every group's text starts in one column
    severity_cells = max(cell_len(w[s]) for s in STYLE)
    for path, file_findings in groupby(report.findings, key=lambda f: f.file):
        file_findings = list(file_findings)
        info = layouts.get(path)
        # and the place column as wide as the file's widest place, for the same reason
        place_cells = min(30, max(5, *(cell_len(_place(f, w)) for f in file_findings)))
        head = Text(path, style="bold")
        if info is not None and info.layout:
            details = w["comma"].join((info.layout, str(info.budget_year or w["year-unknown"]),
                                       w["tables"].format(n=info.projects)))
            head.append(f"  {w['open'].strip()}{details}{w['close']}", style="dim")
        console.print(head)
        for project, items in groupby(file_findings, key=lambda f: f.project):
            items = list(items)
            if project:
                console.print(Text(f"  ▸ {project}", style="bold"))
            table = Table.grid(padding=(0, 1))
            # line numbers right-aligned; a cell's place (表3 第5行 指标值) reads from the left
            table.add_column(justify="right" if info is None or info.layout != "office-grid" else "left",
                             no_wrap=True, min_width=place_cells)
            table.add_column(no_wrap=True, min_width=severity_cells)
            table.add_column(no_wrap=True)
            table.add_column(overflow="fold")
            for f in items:
                label, style = w[f.severity], STYLE[f.severity]
                body = Text(f.message)
                if f.indicator:
                    body.append(f"\n{w['indicator']}{f.indicator}", style="dim")
                if f.text:
                    body.append(f"\n{w['text']}{clip(f.text)}", style="dim")
                if f.hint:
                    body.append(f"\n{w['hint']}{f.hint}", style="green")
                if f.covers:
                    body.append(f"\n{w['covers']}{'、'.join(f.covers)}", style="dim")
                at = _place(f, w)
                table.add_row(at, Text(label, style=style), Text(f.code, style="bold"), body)
            console.print(table)
        console.print()
    for path in (f.path for f in report.files if f.error):
        if not any(x.file == path for x in report.findings):
            console.print(Text(f"{path}{w['colon']}{layouts[path].error}", style="red"))
    s = report.summary
    summary = Text(w["summary"].format(**s))
    if s["findings"]:
        for k, level in enumerate(("error", "warning", "info")):
            summary.append(w["colon"] if k == 0 else w["comma"])
            summary.append(w["count"].format(label=w[level], n=s["by_severity"][level]), style=STYLE[level])
    console.print(summary)
    if options.group_by:
        from .batch import lines as batch_lines

        console.print()
        for line in batch_lines(report, options.group_by, options.lang):
            console.print(Text(line))
    for line in skipped_lines(report, w) + baseline_lines(report, w) + accepted_lines(report, w):
        console.print(Text(line, style="dim"))
    for warning in report.warnings:
        console.print(Text(f"{w['note']}{warning}", style="yellow"))
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n"))
