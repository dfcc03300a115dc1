"""One self-contained HTML page for auditors: works offline (no CDN, no external file), opens in
any browser, prints cleanly.

A summary by severity and category with a bar chart (inline SVG), filters by severity and
category and a search box (a few lines of inline script over ``data-`` attributes), then every
file and table with its findings: where, severity, rule, message, the offending text and the
fix. Every piece of document text goes through :func:`html.escape`; no document text is ever
placed inside the script.
"""
from __future__ import annotations

import datetime
from html import escape
from itertools import groupby

from .. import __version__
from ..engine import CATEGORIES, SEVERITIES
from ..i18n import where, words

ESCAPES_CONTROLS = True      # control characters are not allowed in HTML text: shown as escapes
FORMATS = ("html",)
MACHINE_READABLE = True      # no terminal colours; meant for a file (-o report.html)

COLOURS = {"error": "#c62828", "warning": "#ef6c00", "info": "#1565c0"}

STYLE = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;color:#222;background:#f6f7f9}
header{background:#24364d;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.8;font-size:13px}main{padding:16px 24px;max-width:1400px}
section.card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 16px;margin-bottom:16px}
h2{font-size:17px;margin:4px 0 10px}h3{font-size:15px;margin:14px 0 6px}
.totals{display:flex;gap:12px;flex-wrap:wrap}.total{border:1px solid #dde1e6;border-radius:6px;padding:8px 14px;min-width:90px}
.total b{display:block;font-size:22px}.sev-error{color:#c62828}.sev-warning{color:#ef6c00}.sev-info{color:#1565c0}
.filters{display:flex;gap:18px;flex-wrap:wrap;align-items:center}.filters fieldset{border:1px solid #dde1e6;border-radius:6px}
.filters label{margin-right:10px;white-space:nowrap}#search{padding:4px 8px;width:260px}
table.findings{border-collapse:collapse;width:100%;font-size:13px;background:#fff}
table.findings th,table.findings td{border:1px solid #e1e4e8;padding:5px 7px;vertical-align:top;text-align:left}
table.findings th{background:#eef1f5}td.where{white-space:nowrap;color:#555}td.code{white-space:nowrap}
.badge{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px;white-space:nowrap}
.badge.error{background:#c62828}.badge.warning{background:#ef6c00}.badge.info{background:#1565c0}
.text{color:#555;background:#f3f3f3;padding:1px 4px;white-space:pre-wrap}.fix{color:#2e7d32}
details.file{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin-bottom:12px;padding:6px 12px}
details.file>summary{font-weight:bold;cursor:pointer;padding:4px 0}.meta{color:#666;font-weight:normal;font-size:13px}
tr.hidden,details.hidden,.project.hidden{display:none}ul.plain{margin:4px 0;padding-left:20px}
@media print{.filters{display:none}details.file{break-inside:avoid-page}}
"""

SCRIPT = """
(function(){
  var boxes=document.querySelectorAll('.filters input[type=checkbox]');
  var search=document.getElementById('search');
  function apply(){
    var on={severity:{},category:{}};
    boxes.forEach(function(b){on[b.name][b.value]=b.checked;});
    var q=(search.value||'').trim().toLowerCase(), shown=0;
    document.querySelectorAll('tr.finding').forEach(function(r){
      var ok=on.severity[r.dataset.severity]&&on.category[r.dataset.category]&&
             (!q||r.textContent.toLowerCase().indexOf(q)>=0);
      r.classList.toggle('hidden',!ok); if(ok){shown++;}
    });
    document.querySelectorAll('.project').forEach(function(p){
      p.classList.toggle('hidden',!p.querySelector('tr.finding:not(.hidden)'));
    });
    document.querySelectorAll('details.file').forEach(function(d){
      d.classList.toggle('hidden',!d.querySelector('tr.finding:not(.hidden)'));
    });
    document.getElementById('shown').textContent=shown;
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  search.addEventListener('input',apply);
})();
"""


def render(report, options) -> str:
    lang = "en" if options.lang == "en" else "zh"
    w = words(lang)
    label = {k[5:]: v for k, v in w.items() if k.startswith("html-")}
    names = {c: w[f"category-{c}"] for c in CATEGORIES}
    summary = report.summary
    out = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width,initial-scale=1">',
           f"<title>{escape(label['title'])}</title><style>{STYLE}</style></head><body>",
           f"<header><h1>{escape(label['title'])}</h1><p>perflint {escape(__version__)} · "
           f"{label['generated']} {datetime.datetime.now():%Y-%m-%d %H:%M} · "
           f"{escape(w['summary'].format(**summary))}</p></header><main>"]
    counts: dict[str, dict[str, int]] = {}
    for f in report.findings:
        by_severity = counts.setdefault(f.category, {})
        by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
    out.append(_summary(summary, counts, w, label, names))
    out.append(_filters(summary, w, label, names))
    out.append(_findings(report, w, label, names))
    out.append(_files(report, label))
    out.append(_accepted(report, w))
    if options.group_by:
        out.append(_batch(report, options))
    out.append(f"</main><script>{SCRIPT}</script></body></html>")
    return "\n".join(out)


def _summary(summary: dict, counts: dict, w: dict, label: dict, names: dict) -> str:
    totals = [f'<div class="total"><b>{summary["files"]}</b>{label["files"]}</div>',
              f'<div class="total"><b>{summary["projects"]}</b>{label["tables"]}</div>',
              f'<div class="total"><b>{summary["findings"]}</b>{label["findings"]}</div>']
    totals += [f'<div class="total sev-{s}"><b>{summary["by_severity"][s]}</b>{escape(w[s])}</div>'
               for s in SEVERITIES]
    return (f'<section class="card" id="summary"><h2>{label["summary"]}</h2><div class="totals">{"".join(totals)}'
            f'</div><h3>{label["by-category"]}</h3>{_chart(summary, counts, names)}</section>')


def _chart(summary: dict, counts: dict, names: dict) -> str:
    """Horizontal bars, one per category, split by severity: inline SVG, no script needed."""
    rows = [c for c in CATEGORIES if summary["by_category"].get(c)]
    if not rows:
        return "<p>—</p>"
    widest = max(summary["by_category"][c] for c in rows)
    bar_h, label_w, chart_w = 22, 120, 520
    parts = [f'<svg id="chart" role="img" width="{label_w + chart_w + 60}" height="{len(rows) * (bar_h + 6) + 6}" '
             f'xmlns="http://www.w3.org/2000/svg" font-size="12">']
    for k, c in enumerate(rows):
        y = 4 + k * (bar_h + 6)
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(names.get(c, c))}</text>')
        x = label_w
        for s in SEVERITIES:
            n = counts.get(c, {}).get(s, 0)
            if not n:
                continue
            width = max(1.0, chart_w * n / widest)
            parts.append(f'<rect class="bar" data-category="{c}" data-severity="{s}" x="{x:.1f}" y="{y}" '
                         f'width="{width:.1f}" height="{bar_h}" fill="{COLOURS[s]}"><title>{n}</title></rect>')
            x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{summary["by_category"][c]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _filters(summary: dict, w: dict, label: dict, names: dict) -> str:
    severities = "".join(f'<label><input type="checkbox" name="severity" value="{s}" checked> '
                         f'<span class="sev-{s}">{escape(w[s])}</span> ({summary["by_severity"][s]})</label>'
                         for s in SEVERITIES)
    categories = "".join(f'<label><input type="checkbox" name="category" value="{c}" checked> '
                         f'{escape(names.get(c, c))} ({summary["by_category"].get(c, 0)})</label>'
                         for c in CATEGORIES)
    shown = label["shown"].format(n=summary["findings"], total=summary["findings"])
    return (f'<section class="card filters"><fieldset><legend>{label["severity"]}</legend>{severities}</fieldset>'
            f'<fieldset><legend>{label["category"]}</legend>{categories}</fieldset>'
            f'<input id="search" type="search" placeholder="{escape(label["search"])}"><span>{shown}</span></section>')


def _findings(report, w: dict, label: dict, names: dict) -> str:
    out = []
    info = {f.path: f for f in report.files}
    for path, file_findings in groupby(report.findings, key=lambda f: f.file):
        file_findings = list(file_findings)
        meta = info.get(path)
        details = f" · {escape(meta.layout)} · {meta.projects} {label['tables']}" if meta and meta.layout else ""
        out.append(f'<details class="file" open><summary>{escape(path)} <span class="meta">'
                   f'{len(file_findings)} {label["findings"]}{details}</span></summary>')
        by_project: dict[str, list] = {}
        for f in file_findings:
            by_project.setdefault(f.project or "", []).append(f)
        for project, items in by_project.items():
            out.append(f'<div class="project"><h3>{escape(project) if project else label["no-project"]}</h3>'
                       f'<table class="findings"><thead><tr><th>{label["where"]}</th><th>{label["severity"]}</th>'
                       f'<th>{label["rule"]}</th><th>{label["finding"]}</th><th>{label["fix"]}</th></tr></thead><tbody>')
            out.extend(_row(f, w, label, names) for f in items)
            out.append("</tbody></table></div>")
        out.append("</details>")
    return "\n".join(out)


def _row(f, w: dict, label: dict, names: dict) -> str:
    body = [escape(f.message)]
    if f.indicator:
        body.append(f'<br><small>{label["indicator"]}：{escape(f.indicator)}</small>')
    if f.text:
        body.append(f'<br><small>{label["text"]}：<span class="text">{escape(f.text)}</span></small>')
    if f.covers:
        body.append(f'<br><small>{escape(w["covers"])}{escape("、".join(f.covers))}</small>')
    return (f'<tr class="finding" data-severity="{escape(f.severity)}" data-category="{escape(f.category)}" '
            f'data-fingerprint="{escape(f.fingerprint)}"><td class="where">{escape(where(f, w))}</td>'
            f'<td><span class="badge {escape(f.severity)}">{escape(w[f.severity])}</span></td>'
            f'<td class="code" title="{escape(f.name)}">{escape(f.code)}<br><small>{escape(names.get(f.category, f.category))}</small></td>'
            f'<td>{"".join(body)}</td><td class="fix">{escape(f.hint or "")}</td></tr>')


def _batch(report, options) -> str:
    """The batch view by department or unit, as a table."""
    from .batch import rows

    headings, body = rows(report, options.group_by, options.lang)
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    cells = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in r) + "</tr>" for r in body)
    title = words(options.lang)["group-title"].format(level=headings[0])
    return (f'<section class="card" id="batch"><h2>{escape(title)}</h2>'
            f'<table class="batch"><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table></section>')


def _accepted(report, w: dict) -> str:
    """The accepted findings, apart, with who accepted them and why; and stale acceptances."""
    from ..i18n import accepted_lines

    lines = accepted_lines(report, w, shown=10_000)
    if not lines:
        return ""
    items = "".join(f"<li>{escape(line.strip())}</li>" for line in lines[1:])
    return f'<section class="card" id="accepted"><h2>{escape(lines[0])}</h2><ul>{items}</ul></section>'


def _files(report, label: dict) -> str:
    unread = [f for f in report.files if f.error]
    with_findings = {f.file for f in report.findings}
    clean = [f for f in report.files if not f.error and f.path not in with_findings]
    out = []
    if unread:
        out.append(f'<section class="card" id="unread"><h2>{label["unread"]}</h2><ul class="plain">'
                   + "".join(f"<li>{escape(f.path)}：{escape(f.error)}</li>" for f in unread) + "</ul></section>")
    if clean:
        out.append(f'<section class="card" id="clean"><h2>{label["clean"]}</h2><ul class="plain">'
                   + "".join(f"<li>{escape(f.path)}</li>" for f in clean) + "</ul></section>")
    return "".join(out)
