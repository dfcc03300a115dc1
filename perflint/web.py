"""The pages of ``perflint serve`` (see perflint/serve.py): the drop page, and the results of a
check — each table drawn as a table, the rows with findings highlighted by severity and numbered,
the findings beside it in plain words, a verdict at the top, and the downloads.

Everything is self-contained (no CDN: the page works offline), fits a 1366-pixel laptop screen,
and prints (the findings go under their table, the controls are left out). Every text from a
document goes through :func:`html.escape`.
"""
from __future__ import annotations

from html import escape

from .findings import SEVERITY_RANK, key_within
from .i18n import where, words

STYLE = """
*{box-sizing:border-box}body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;
margin:0;color:#222;background:#f5f6f8;font-size:14px}
header{background:#1f4e79;color:#fff;padding:12px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.85}main{max-width:1320px;margin:0 auto;padding:16px}
#drop{display:block;border:3px dashed #8aa4c2;border-radius:10px;background:#fff;padding:28px;text-align:center;cursor:pointer;
font-size:16px}#drop.over{background:#e8f0fa;border-color:#1f4e79}#drop input{display:none}
#status{margin:12px 0;font-size:15px}.refused,.error-box{background:#fde2e1;border:1px solid #e0a3a0;padding:10px;
border-radius:6px}
.verdict{font-size:18px;font-weight:bold;padding:10px 14px;border-radius:6px;margin:8px 0}
.verdict.ok{background:#e2f4e3;color:#1d6b2a}.verdict.bad{background:#fde2e1;color:#9b1c1c}
.verdict.unread{background:#fff4d6;color:#7a5200}
section.file{background:#fff;border:1px solid #d8dde5;border-radius:8px;padding:12px 16px;margin:14px 0}
section.file h2{margin:0 0 4px;font-size:17px}.downloads a{margin-right:14px}
.project{margin:14px 0;border-top:1px solid #e3e6ea;padding-top:10px}.project h3{margin:0 0 8px;font-size:15px}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;align-items:start}
table.form{border-collapse:collapse;width:100%;font-size:13px}
table.form td,table.form th{border:1px solid #c9ced6;padding:4px 6px;vertical-align:top;word-break:break-all}
table.form th{background:#eef1f5;font-weight:normal;text-align:left;white-space:nowrap}
tr.sev-error td{background:#ffc7ce}tr.sev-warning td{background:#ffeb9c}tr.sev-info td{background:#ddebf7}
tr[data-mark] td.hit{outline:2px solid #b03a2e;outline-offset:-2px;font-weight:bold}
.mark{display:inline-block;min-width:18px;padding:0 4px;border-radius:9px;background:#1f4e79;color:#fff;
font-size:11px;text-align:center;margin-right:4px}
ol.findings{margin:0;padding:0;list-style:none}ol.findings li{border-left:4px solid #999;background:#fafbfc;
margin:0 0 8px;padding:6px 8px}li.sev-error{border-color:#c0392b!important}li.sev-warning{border-color:#d4a017!important}
li.sev-info{border-color:#3b7dd8!important}.badge{font-weight:bold;margin-right:4px}.hint{color:#1d6b2a;margin-top:2px}
.where{color:#666;font-size:12px}li.accepted{opacity:.55}button.accept{float:right;font-size:12px}
@media (max-width:1000px){.cols{grid-template-columns:1fr}}
@media print{header,#drop,#status,button.accept,.downloads{display:none}body{background:#fff}
.cols{grid-template-columns:1fr}section.file{border:none;page-break-inside:auto}tr{page-break-inside:avoid}
tr.sev-error td,tr.sev-warning td,tr.sev-info td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

SCRIPT = """
const drop=document.getElementById('drop'),input=document.getElementById('file'),
status=document.getElementById('status'),results=document.getElementById('results');
const token=document.body.dataset.token;const q=token?('?token='+encodeURIComponent(token)):'';
drop.addEventListener('click',()=>input.click());
drop.addEventListener('dragover',e=>{e.preventDefault();drop.classList.add('over')});
drop.addEventListener('dragleave',()=>drop.classList.remove('over'));
drop.addEventListener('drop',e=>{e.preventDefault();drop.classList.remove('over');send(e.dataTransfer.files)});
input.addEventListener('change',()=>send(input.files));
async function send(files){if(!files.length)return;const form=new FormData();
for(const f of files)form.append('file',f,f.name);
status.textContent='正在检查 '+files.length+' 个文件……';results.innerHTML='';const t0=performance.now();
try{const r=await fetch('/check'+q,{method:'POST',body:form});results.innerHTML=await r.text();
status.textContent=r.ok?('检查完成（'+((performance.now()-t0)/1000).toFixed(1)+' 秒）'):'未能检查';
document.body.dataset.done=r.ok?'yes':'refused';}
catch(err){status.textContent='连接失败：'+err;document.body.dataset.done='failed'}
input.value='';}
results.addEventListener('click',async e=>{const b=e.target.closest('button.accept');if(!b)return;
const reason=prompt('接受这个问题的理由（将写入接受文件）：');if(!reason)return;
const r=await fetch('/accept'+q,{method:'POST',headers:{'Content-Type':'application/json'},
body:JSON.stringify({file:b.dataset.file,key:b.dataset.key,code:b.dataset.code,message:b.dataset.message,reason})});
if(r.ok){b.closest('li').classList.add('accepted');b.textContent='已接受';b.disabled=true}
else{alert((await r.json()).error||'未能接受')}});
"""


def page(settings, token: str = "") -> str:
    """The drop page."""
    limits = f"每个文件不超过 {settings.max_file_mb} MB，一次最多 {settings.max_files} 个文件"
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>预算绩效目标表检查</title>'
            f"<style>{STYLE}</style></head><body data-token=\"{escape(token)}\">"
            f"<header><h1>预算绩效目标表检查</h1><p>把表格拖进来，看看哪里需要修改。文件只在本机检查，检查完即删除。</p></header>"
            f'<main><label id="drop">把 Word、Excel、PDF 或文本格式的绩效目标表拖到这里，或<b>点击选择文件</b>'
            f'<br><small>{escape(limits)}</small>'
            f'<input id="file" type="file" multiple accept=".docx,.xlsx,.pdf,.txt,.html,.htm,.csv,.doc,.xls,.wps,.et">'
            f'</label><div id="status"></div><div id="results"></div></main><script>{SCRIPT}</script></body></html>')


def render_results(report, files: list[tuple[str, str]], downloads: dict, lang: str = "zh") -> str:
    """The results of one check: a verdict for all, the report downloads, then each file."""
    w = words(lang)
    by_file: dict[str, list] = {}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    counts = report.summary["by_severity"]
    unread = sum(1 for r in report.files if r.error)
    out = [f'<div class="verdict {"bad" if counts["error"] or counts["warning"] else "ok"}" id="overall">'
           f"{escape(_verdict(counts))}{f'；{unread} 个文件无法检查' if unread else ''}{escape(w['open'])}{escape(w['summary'].format(**report.summary))}"
           f"{escape(w['close'])}</div>",
           '<p class="downloads">' + "".join(f'<a download="{escape(name)}" href="{url}">下载{escape(name)}</a>'
                                             for name, url in downloads["reports"]) + "</p>"]
    results = {r.path: r for r in report.files}
    models = {doc.path: doc for doc in report.models or ()}
    for _, name in files:
        out.append(_file(models.get(name), name, by_file.get(name, []), results.get(name),
                         downloads["copies"].get(name), w))
    return "\n".join(out)


def _verdict(counts: dict[str, int], error: str | None = None) -> str:
    if error:
        return "无法检查"
    if counts.get("error") or counts.get("warning"):
        parts = [f"{counts['error']} 个错误"] if counts.get("error") else []
        parts += [f"{counts['warning']} 个警告"] if counts.get("warning") else []
        return "需修改：" + "、".join(parts)
    return "可以提交" + (f"（另有 {counts['info']} 条提示供参考）" if counts.get("info") else "")


def _file(document, name: str, findings: list, result, copy, w: dict) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    error = result.error if result is not None else None
    kind = "unread" if error else ("bad" if counts["error"] or counts["warning"] else "ok")
    verdict = _verdict(counts, error) + (f"：{error}" if error else "")
    out = [f'<section class="file" data-file="{escape(name)}"><h2>{escape(name)}</h2>',
           f'<div class="verdict {kind}">{escape(verdict)}</div>']
    if copy:
        label = "下载带批注的副本" if not copy[0].endswith(".html") else "下载这份文件的检查报告"
        out.append(f'<p class="downloads"><a class="copy" download="{escape(copy[0])}" href="{copy[1]}">'
                   f"{label}（{escape(copy[0])}）</a></p>")
    projects = document.projects if document is not None and not error else []
    shown: set[int] = set()
    for project in projects:
        mine = [f for f in findings if f.project == project.name and id(f) not in shown]
        shown.update(id(f) for f in mine)
        out.append(_project(project, mine, name, w))
    rest = [f for f in findings if id(f) not in shown]
    if rest:
        out.append('<div class="project"><h3>整个文件</h3>' + _finding_list(rest, {}, name, w) + "</div>")
    out.append("</section>")
    return "".join(out)


def _project(project, findings: list, name: str, w: dict) -> str:
    """One table drawn as a table, the rows with findings coloured by their worst severity and
    numbered, the findings beside it."""
    rows: list[tuple[int | None, list[str], bool]] = []        # (line, cells, is heading)
    for label, field in project.fields.items():
        rows.append((field.loc.line, [label, field.text], False))
    for label, amount in project.amounts.items():
        if not amount.derived:
            rows.append((amount.loc.line, [label, amount.text], False))
    for goal in project.goals:
        rows.append((goal.loc.line, [goal.label, goal.text], False))
    rows.append((None, ["一级指标", "二级指标", "三级指标", "指标值"], True))
    for ind in project.indicators:
        rows.append((ind.loc.line, [ind.tier1 or "", ind.tier2 or "", ind.name, ind.value_text], False))
    # each finding marks the first row on its line (or the table's name row)
    lines = {line for line, _, head in rows if line and not head}
    marks: dict[int, list] = {}
    numbers: dict[int, int] = {}
    for f in sorted(findings, key=lambda f: f.line or 0):
        line = f.line if f.line in lines else None
        if line is not None:
            marks.setdefault(line, []).append(f)
    for k, line in enumerate(sorted(marks), 1):
        numbers[line] = k
    body = []
    marked: set[int] = set()
    for line, cells, head in rows:
        if head:
            body.append("<tr>" + "".join(f"<th>{escape(c)}</th>" for c in cells) + "</tr>")
            continue
        found = marks.get(line, []) if line not in marked else []
        marked.add(line)
        severity = max((f.severity for f in found), key=SEVERITY_RANK.__getitem__) if found else None
        mark = f'<span class="mark">{numbers[line]}</span>' if found else ""
        cls = f' class="sev-{severity}" data-mark="{numbers[line]}"' if found else ""
        hits = {_cell_of(f) for f in found}
        if len(cells) == 2:
            body.append(f"<tr{cls}><th>{mark}{escape(cells[0])}</th><td colspan=\"3\"{_HIT if found else ''}>"
                        f"{escape(cells[1])}</td></tr>")
        else:
            body.append(f"<tr{cls}>" + "".join(
                f"<td{_HIT if k in hits else ''}>{mark if k == 0 else ''}{escape(c)}</td>"
                for k, c in enumerate(cells)) + "</tr>")
    line_of = {id(f): (f.line if f.line in marks else None) for f in findings}
    listed = _finding_list(findings, {k: numbers[v] for k, v in line_of.items() if v is not None}, name, w)
    return (f'<div class="project"><h3>{escape(project.name or "（未命名的表）")}</h3><div class="cols">'
            f'<table class="form">{"".join(body)}</table><div>{listed}</div></div></div>')


#: which cell of an indicator row a finding's column names (its heading in a Word or PDF table)
_CELLS = (("指标值", 3), ("目标值", 3), ("三级", 2), ("指标名称", 2), ("二级", 1), ("一级", 0))


def _cell_of(f) -> int | None:
    column = (f.locator or {}).get("column") or ""
    return next((k for word, k in _CELLS if word in column), None)


_HIT = ' class="hit"'


def _finding_list(findings: list, numbers: dict[int, int], name: str, w: dict) -> str:
    if not findings:
        return '<p class="none">这张表没有发现问题。</p>'
    items = []
    for f in sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.line or 0)):
        mark = f'<span class="mark">{numbers[id(f)]}</span>' if id(f) in numbers else ""
        hint = f'<div class="hint">{escape(w["hint"])}{escape(f.hint)}</div>' if f.hint else ""
        place = where(f, w)
        items.append(
            f'<li class="sev-{f.severity}" data-code="{escape(f.code)}">'
            f'<button class="accept" data-file="{escape(name)}" data-key="{escape(key_within(f))}" '
            f'data-code="{escape(f.code)}" data-message="{escape(f.message)}">接受…</button>'
            f'{mark}<span class="badge">{escape(w[f.severity])}</span>{escape(f.message)}'
            f'<div class="where">{escape(f.code)}{" · " + escape(place) if place else ""}</div>{hint}</li>')
    return f'<ol class="findings">{"".join(items)}</ol>'
