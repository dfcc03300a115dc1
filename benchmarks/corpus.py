"""A synthetic corpus made by varying the samples, for precision/recall and for speed.

    python benchmarks/corpus.py generate --tables 10000 --out /tmp/corpus   # files + expected.jsonl
    python benchmarks/corpus.py score /tmp/corpus [--limit 200]             # precision / recall
    python benchmarks/corpus.py speed /tmp/corpus                           # tables/s, peak memory

Each generated file is a copy of one sample with its projects renamed and, with probability
``--defects``, a few defects injected in place (values edited on their own line, so line numbers
stay put). Every injected defect is recorded in ``expected.jsonl`` with the finding it must produce.

Scoring checks each variant on its own and compares its findings with those of the unmodified
sample: an expected finding that is missing lowers recall; a finding that neither the original nor
an injection explains lowers precision; a finding of the original that disappears (away from the
edited lines) is a regression in reading — except template findings, which compare projects and
so may change when any project of the file is edited (counted as side effects).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


@dataclass
class Injection:
    file: str
    code: str
    line: int               # where the finding must be reported
    edit_line: int          # the line that was edited
    project: str
    description: str


def _replace_once(line: str, old: str, new: str) -> str | None:
    return line.replace(old, new, 1) if old and line.count(old) == 1 else None


def _candidates(doc):
    """(project, indicator) pairs whose value can be edited in place."""
    from perflint.api import vocab

    for project in doc.projects:
        if project.kind == "summary":
            continue
        for ind in project.indicators:
            if ind.value_text and "\n" not in ind.value_text:
                yield project, ind, vocab


def _defects(doc, budget_year):
    """Possible injections for one document: (project, line to edit, old text, new text, code, line of finding, why)."""
    from perflint.api import vocab

    out = []
    for project, ind, _ in _candidates(doc):
        v, edit = ind.value, (ind.value_loc or ind.loc).line
        at = ind.loc.line
        if ind.tier2 == "质量指标" and v.kind == "percent" and vocab.is_rate(ind.name) and vocab.polarity(ind.name) == 1:
            out.append((project, edit, ind.value_text, "105%", "PF401", at, "比率超过100%"))
            out.append((project, edit, ind.value_text, "≤90%", "PF403", at, "正向指标设上限"))
        if ind.tier2 == "数量指标" and v.kind == "quantity" and v.unit in ("人", "人次", "个", "场", "次", "项", "期"):
            out.append((project, edit, ind.value_text, "本指标不适用此项目", "PF201", at, "数量指标填不适用"))
            out.append((project, edit, ind.value_text, "≥0", "PF405", at, "目标值≥0"))
            if v.number and v.number > 1 and not v.scale:
                out.append((project, edit, ind.value_text, v.written_number, "PF409", at, "去掉单位"))
            if v.unit == "人":
                out.append((project, edit, ind.value_text, "≥0.0005万人", "PF411", at, "用万表示5人"))
        if ind.tier2 == "服务对象满意度指标" and v.kind == "percent":
            out.append((project, edit, ind.value_text, "是", "PF407", at, "满意度写“是”"))
        if v.kind == "date" and v.date is not None and not v.relative and budget_year and v.date.year == budget_year:
            year = str(budget_year)
            if ind.value_text.count(year) == 1:
                out.append((project, edit, ind.value_text, ind.value_text.replace(year, str(budget_year - 1)),
                            "PF412", at, "日期改到上一年"))
    if doc.layout == "pdf-lines":    # perturb an amount: the annual total no longer equals its parts
        for project in doc.projects:
            annual = project.amounts.get("年度资金总额")
            if annual and annual.value and annual.text and not annual.derived:
                out.append((project, annual.loc.line, annual.text, f"{annual.value + 1}", "PF101",
                            annual.loc.line, "年度资金总额改大1"))
    return out


def generate(tables: int, out: Path, defects: float = 0.4, seed: int = 1, per_file: int = 3) -> dict:
    """Write copies of the samples until ``tables`` tables exist; return a summary."""
    from perflint.documents import extract_file

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    originals = [(p, p.read_text(encoding="utf-8"), extract_file(str(p))) for p in SAMPLES]
    written, injected, copies = 0, [], 0
    origins: dict[str, str] = {}
    with open(out / "expected.jsonl", "w", encoding="utf-8") as expected:
        while written < tables:
            for path, text, doc in originals:
                copies += 1
                lines = text.split("\n")
                name = f"{copies:05d}-{path.stem}.txt"
                for project in doc.projects:                  # renamed projects
                    loc = project.fields["项目名称"].loc.line - 1 if "项目名称" in project.fields else None
                    if loc is not None and project.name:
                        new = _replace_once(lines[loc], project.name, f"{project.name}（第{copies}批）")
                        lines[loc] = new if new is not None else lines[loc]
                if rng.random() < defects:
                    edited = set()
                    options = _defects(doc, doc.budget_year)
                    rng.shuffle(options)
                    projects_hit = set()
                    for project, edit, old, new, code, at, why in options:
                        if len(projects_hit) >= per_file:
                            break
                        if id(project) in projects_hit or edit in edited:
                            continue
                        changed = _replace_once(lines[edit - 1], old, new)
                        if changed is None:
                            continue
                        lines[edit - 1] = changed
                        edited.add(edit)
                        projects_hit.add(id(project))
                        item = Injection(name, code, at, edit, project.name, why)
                        injected.append(item)
                        expected.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
                (out / name).write_text("\n".join(lines), encoding="utf-8")
                origins[name] = path.name
                written += len(doc.projects)
                if written >= tables:
                    break
    (out / "origins.json").write_text(json.dumps(origins, ensure_ascii=False), encoding="utf-8")
    return {"files": copies, "tables": written, "injected": len(injected)}


def score(corpus: Path, limit: int | None = None) -> dict:
    """Precision and recall of the injected defects, each variant checked on its own."""
    import perflint

    expected: dict[str, list[dict]] = {}
    for line in (corpus / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        expected.setdefault(item["file"], []).append(item)
    files = sorted(expected)[:limit] if limit else sorted(expected)
    origins = json.loads((corpus / "origins.json").read_text(encoding="utf-8"))
    baseline_cache: dict[str, set] = {}
    found = missed = false_positive = regressions = side_effects = 0
    details = []
    for name in files:
        origin = origins[name]
        if origin not in baseline_cache:
            base = perflint.check([str(ROOT / "samples" / origin)], config={})
            baseline_cache[origin] = {(f.code, f.line) for f in base.findings}
        baseline = baseline_cache[origin]
        report = perflint.check([str(corpus / name)], config={})
        got = {(f.code, f.line) for f in report.findings}
        injections = expected[name]
        edited = {i["edit_line"] for i in injections} | {i["line"] for i in injections}
        touched = {i["project"] for i in injections}
        wanted = {(i["code"], i["line"]) for i in injections}
        found += len(wanted & got)
        missed += len(wanted - got)
        for code, line in sorted(wanted - got):
            details.append(f"missed {name}:{line} {code}")
        touched_lines = _project_lines(report, touched)
        for code, line in sorted(got - baseline - wanted):
            if line in edited or (line in touched_lines and code.startswith("PF5")):
                continue   # a different finding on an edited line, or a template check in an edited table
            false_positive += 1
            details.append(f"unexpected {name}:{line} {code}")
        for code, line in sorted(baseline - got):
            if line in edited or line in touched_lines:
                continue
            if code.startswith("PF5"):
                side_effects += 1   # template checks compare projects: editing one changes its partners'
                continue
            regressions += 1
            details.append(f"regression {name}:{line} {code}")
    total = found + missed
    return {"files": len(files), "expected": total, "found": found,
            "recall": found / total if total else 1.0,
            "precision": found / (found + false_positive) if found + false_positive else 1.0,
            "false_positives": false_positive, "regressions": regressions,
            "template_side_effects": side_effects, "details": details[:30]}


def _project_lines(report, names: set[str]) -> set[int]:
    return {f.line for f in report.findings if f.project and any(f.project == n for n in names)}


def speed(corpus: Path) -> dict:
    """One `perflint check` process over the whole corpus: wall time and peak memory."""
    exe = Path(sys.executable).with_name("perflint")
    out = corpus.parent / f"{corpus.name}-report.json"
    cmd = ["/usr/bin/time", "-v", str(exe), "check", str(corpus), "--format", "json", "-o", str(out),
           "--exit-zero", "--isolated"]
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    report = json.loads(Path(out).read_text(encoding="utf-8"))
    tables = report["summary"]["projects"]
    return {"files": report["summary"]["files"], "tables": tables, "seconds": round(elapsed, 2),
            "tables_per_second": round(tables / elapsed), "peak_mb": round(peak_kb / 1024, 1),
            "findings": report["summary"]["findings"], "returncode": run.returncode}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--tables", type=int, default=10_000)
    g.add_argument("--out", type=Path, required=True)
    g.add_argument("--defects", type=float, default=0.4)
    g.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("score")
    s.add_argument("corpus", type=Path)
    s.add_argument("--limit", type=int, default=None)
    p = sub.add_parser("speed")
    p.add_argument("corpus", type=Path)
    args = parser.parse_args()
    if args.command == "generate":
        print(json.dumps(generate(args.tables, args.out, args.defects, args.seed), ensure_ascii=False))
    elif args.command == "score":
        print(json.dumps(score(args.corpus, args.limit), ensure_ascii=False, indent=2))
    else:
        result = speed(args.corpus)
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
