"""The terminal report: grouped by file and project, severity in colour, the offending text and a
hint under each message, and a summary at the end. CJK characters are two cells wide; the columns
line up on an 80-column terminal, and every line fits the terminal's width.

Laid out by hand, line by line (perflint/cells.py measures and wraps): a table library lays out
every row of a large run again and again, which made this report five times slower than JSON."""
from __future__ import annotations

from itertools import groupby

from ..cells import cells, pad, wrap
from ..i18n import accepted_lines, baseline_lines, skipped_lines, where, words
from . import rendered

ESCAPES_CONTROLS = True      # document text may carry terminal escapes: shown, never acted on
FORMATS = ("full",)
#: ANSI styles (only when colour is asked for)
STYLE = {"error": "1;31", "warning": "33", "info": "36"}
BOLD, DIM, GREEN, RED, YELLOW = "1", "2", "32", "31", "33"
MAX_TEXT_CELLS = 60


def clip(text: str, limit: int = MAX_TEXT_CELLS) -> str:
    """At most ``limit`` terminal cells, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit // 2 or cells(text) <= limit:
        return text
    return wrap(text, limit - 1)[0] + "…"


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
    return rendered(write, report, options)


def write(report, options, stream) -> None:
    """The report, written a file at a time: a run of half a million findings is never held as
    one text (nor its findings all in memory, when they wait on disk)."""
    w = words(options.lang)
    width = options.width or 100

    def styled(text: str, style: str | None) -> str:
        return f"\x1b[{style}m{text}\x1b[0m" if style and options.color and text else text

    out: list[str] = []
    layouts = {f.path: f for f in report.files}
    with_findings: set[str] = set()
    # the severity column as wide as its widest word, so every group's text starts in one column
    severity_cells = max(cells(w[s]) for s in STYLE)
    for path, file_findings in groupby(report.findings, key=lambda f: f.file):
        if out:
            stream.write("\n".join(out) + "\n")
            out = []
        with_findings.add(path)
        file_findings = list(file_findings)
        info = layouts.get(path)
        places = [_place(f, w) for f in file_findings]
        prefixes: dict[tuple, str] = {}
        # and the place column as wide as the file's widest place, for the same reason
        place_cells = min(30, max(5, *(cells(p) for p in places)))
        right = info is None or info.layout != "office-grid"    # line numbers right, cells' places left
        head = styled(path, BOLD)
        if info is not None and info.layout:
            details = w["comma"].join((info.layout, str(info.budget_year or w["year-unknown"]),
                                       w["tables"].format(n=info.projects)))
            head += styled(f"  {w['open'].strip()}{details}{w['close']}", DIM)
        out.append(head)
        k = 0
        for project, items in groupby(file_findings, key=lambda f: f.project):
            if project:
                named = wrap(f"▸ {project}", width - 2)
                out += [styled(("  " if k == 0 else "    ") + line, BOLD) for k, line in enumerate(named)]
            for f in items:
                place = places[k]
                k += 1
                code = f.code
                prefix = prefixes.get((place, f.severity, code))
                if prefix is None:
                    label = w[f.severity]
                    shown = pad(place, place_cells, right) if cells(place) <= place_cells else place
                    prefix = prefixes[(place, f.severity, code)] = (
                        f"{shown} {styled(label, STYLE[f.severity])}{' ' * (severity_cells - cells(label))} "
                        f"{styled(code, BOLD)} ")
                indent = " " * (place_cells + severity_cells + len(code) + 3)
                body = width - len(indent)
                message = wrap(f.message, body)
                out.append(prefix + message[0])
                out += [indent + line for line in message[1:]]
                for extra, style in ((f.indicator and w["indicator"] + f.indicator, DIM),
                                     (f.text and w["text"] + clip(f.text), DIM),
                                     (f.hint and w["hint"] + f.hint, GREEN),
                                     (f.covers and w["covers"] + "、".join(f.covers), DIM)):
                    if extra:
                        out += [indent + styled(line, style) for line in wrap(extra, body)]
        out.append("")
    for path in (f.path for f in report.files if f.error):
        if path not in with_findings:
            out.append(styled(f"{path}{w['colon']}{layouts[path].error}", RED))
    s = report.summary
    summary = w["summary"].format(**s)
    if s["findings"]:
        for k, level in enumerate(("error", "warning", "info")):
            summary += (w["colon"] if k == 0 else w["comma"]) + styled(
                w["count"].format(label=w[level], n=s["by_severity"][level]), STYLE[level])
    out.append(summary)
    if options.group_by:
        from .batch import lines as batch_lines

        out += ["", *batch_lines(report, options.group_by, options.lang)]
    out += [styled(line, DIM) for line in skipped_lines(report, w) + baseline_lines(report, w) + accepted_lines(report, w)]
    out += [styled(f"{w['note']}{warning}", YELLOW) for warning in report.warnings]
    stream.write("\n".join(out).rstrip("\n") + "\n")
