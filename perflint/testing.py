"""Test rules with case files — perflint's own pack and any third-party pack alike.

A case file is TOML, one per rule (``PF401.toml``)::

    rule = "PF401"

    [[case]]
    name = "a rate above 100% cannot be met"
    rows = [["质量指标", "资金发放准确率", "≥105%"]]
    expect = [["PF401", "row 1"]]

    [[case]]
    name = "100% passes"
    rows = [["质量指标", "资金发放准确率", "100%"]]
    expect = []

A case describes tables compactly and the runner writes them out as a real document (the
coded-tier export of the 宁夏人社厅 sample, read as a text grid), then runs ``perflint check`` on it with only the rule under test selected:

* ``rows``: ``[二级, 名称, 指标值]`` or ``[一级, 二级, 名称, 指标值]``;
* ``header``: title (the caption; "…总表" makes a summary table), 项目名称, 主管部门, 实施单位, 项目属性, 项目期, 项目总额, 年度资金总额, 本级资金, 财政拨款,
  其他资金, 结余结转资金, 转移市县资金, 中央资金, 省级资金, goal (年度总体绩效目标);
* ``projects = [{header = {...}, rows = [...]}, ...]`` for several tables in one document;
* ``documents = [{year = 2022, projects = [...]}, ...]`` for several files (cross-document rules);
* ``schedule`` (``["25%", "50%", "", "100%"]``): one table with a 资金支出计划 (3月底, 6月底, 10月底,
  12月底; fewer values leave the last columns out), written in the ``tab-cells`` layout that has one;
  ``rows`` and ``header.goal`` may go with it;
* ``text`` (a multi-line string) for a document written out by hand, in any layout;
* ``year`` (default 2022), ``options`` (the rule's options), ``config`` (other settings).

``expect`` lists ``[code, line]`` or ``[code, line, document index]``. A line is a number, or
``"row N"`` / ``"table T row N"`` (1-based), or a header field (``"本级资金"``, ``"table 2 项目总额"``),
or ``"goal"``; in a ``schedule`` case ``"plan"`` (the 资金支出计划 heading) or ``"plan N"`` (its Nth cell).
"""
from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TIER_CODES = {"数量指标": "11", "质量指标": "12", "时效指标": "13", "成本指标": "14",
              "经济效益指标": "21", "社会效益指标": "22", "生态效益指标": "23", "可持续影响指标": "24",
              "服务对象满意度指标": "31"}
TIER1_CODES = {"产出指标": "1", "效益指标": "2", "满意度指标": "3"}
PARENT = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标",
          "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
          "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标"}
HEADER_LINES = 14           # lines of one rendered table before its first row
HEADER_FIELD_LINE = {"项目名称": 5, "主管部门": 6, "实施单位": 6, "项目属性": 7, "项目期": 7, "项目总额": 8,
                     "年度资金总额": 8, "本级资金": 9, "转移市县资金": 9, "财政拨款": 10, "中央资金": 10,
                     "其他资金": 11, "省级资金": 11, "结余结转资金": 12, "goal": 13}


@dataclass
class Case:
    rule: str
    name: str
    documents: list[str]                        # rendered texts
    expect: list[tuple[str, int, int]]
    options: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    source: str = ""


def load_cases(path: str | Path) -> list[Case]:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    rule = data["rule"]
    cases = []
    for raw in data.get("case", []):
        docs_spec = raw.get("documents") or [raw]
        texts, layouts = [], []
        for doc in docs_spec:
            if "text" in doc:
                texts.append(doc["text"])
                layouts.append(None)
            elif "schedule" in doc:
                text, lines = render_spending_plan(doc["schedule"], doc.get("header", {}), doc.get("rows", []),
                                                   doc.get("year", raw.get("year", 2021)))
                texts.append(text)
                layouts.append([lines])
            else:
                projects = doc.get("projects") or [{"header": doc.get("header", {}), "rows": doc.get("rows", [])}]
                text, lines = render_document(projects, doc.get("year", raw.get("year", 2022)))
                texts.append(text)
                layouts.append(lines)
        expect = [_expectation(e, layouts) for e in raw.get("expect", [])]
        cases.append(Case(rule, raw.get("name", f"case {len(cases) + 1}"), texts, expect,
                          raw.get("options", {}), raw.get("config", {}), str(path)))
    return cases


def render_document(projects: list[dict], year: int = 2022) -> tuple[str, list[dict[str, int]]]:
    """Tables written as tab-separated rows with coded tiers (1-产出指标), and where each table's rows and header fields are."""
    lines: list[str] = []
    places = []
    for k, project in enumerate(projects, 1):
        h = {"项目名称": f"测试项目{k}", "主管部门": "测试主管部门", "实施单位": "测试实施单位",
             "项目属性": "02-经常性项目", "项目期": "1年", **project.get("header", {})}
        start = len(lines)
        lines += [
            "附件", h.get("title", "部门项目支出预算绩效目标表"), f"({year}年度)", "单位：万元",
            f"项目名称\t\t{h['项目名称']}",
            f"主管部门\t{h['主管部门']}\t实施单位\t{h['实施单位']}",
            f"项目属性\t{h['项目属性']}\t项目期\t{h['项目期']}",
            f"项目总额\t{h.get('项目总额', '')}\t其中：年度资金总额\t{h.get('年度资金总额', '')}",
            f"其中：本级资金\t资金总额\t{h.get('本级资金', '')}\t其中：转移市县（区）资金\t资金总额\t{h.get('转移市县资金', '')}",
            f"\t其中：财政拨款\t{h.get('财政拨款', '')}\t\t其中：中央资金\t{h.get('中央资金', '')}",
            f"\t其他资金\t{h.get('其他资金', '')}\t\t自治区资金\t{h.get('省级资金', '')}",
            f"\t结余结转资金\t{h.get('结余结转资金', '')}\t\t",
            f"年度总体绩效目标\t{h.get('goal', '完成本年度工作任务。')}",
            "一级指标\t二级指标\t三级指标\t指标值",
        ]
        for row in project.get("rows", []):
            tier1, tier2, name, value = row if len(row) == 4 else (PARENT.get(row[0], ""), *row)
            t1 = f"{TIER1_CODES.get(tier1, '')}-{tier1}" if tier1 in TIER1_CODES else tier1
            t2 = f"{TIER_CODES[tier2]}-{tier2}" if tier2 in TIER_CODES else tier2
            lines.append(f"{t1}\t{t2}\t{name}\t{value}")
        places.append({"start": start, **{f: start + n for f, n in HEADER_FIELD_LINE.items()}})
        lines.append("")
    return "\n".join(lines) + "\n", places


PLAN_COLUMNS = ("3月底", "6月底", "10月底", "12月底")


def render_spending_plan(plan: list[str], header: dict, rows: list, year: int = 2021) -> tuple[str, dict[str, int]]:
    """One table in the ``tab-cells`` layout (one cell per line), the layout with a 资金支出计划."""
    lines = [f"{year}年部门预算", "1.测试项目绩效目标表", "\t316001测试局本级", "\t单位：万元", "",
             "\t项目编码", "\t130434211Y0DO65S99Z10", "\t项目名称", f"\t{header.get('项目名称', '测试项目')}", "",
             "\t预算规模及资金用途", "\t预算数", f"\t{header.get('预算数', '10.00')}", "\t其中：财政资金",
             f"\t{header.get('预算数', '10.00')}", "\t其他资金", "\t0", "", "\t", "\t用于测试工作。", ""]
    places = {"plan": len(lines) + 1}
    lines += ["\t资金支出计划（%）", *(f"\t{c}" for c in PLAN_COLUMNS), "", "\t"]
    for k, cell in enumerate(plan, 1):
        places[f"plan {k}"] = len(lines) + 1
        lines.append(f"\t{cell}")
    lines += ["", "\t绩效目标", f"\t{header.get('goal', '完成测试工作。')}", "", "",
              *(f"\t{h}" for h in ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"))]
    for row in rows or [["数量指标", "测试次数", "4次"]]:
        tier1, tier2, name, value = row if len(row) == 4 else (PARENT.get(row[0], ""), *row)
        lines += ["", f"\t{tier1}", f"\t{tier2}", f"\t{name}", f"\t{name}", f"\t{value}", "\t工作计划"]
    return "\n".join(lines) + "\n", places


_ROW = re.compile(r"^(?:table\s*(\d+)\s+)?row\s*(\d+)$")
_FIELD = re.compile(r"^(?:table\s*(\d+)\s+)?(\S+)$")


def _expectation(e: list, layouts: list) -> tuple[str, int, int]:
    code, where = e[0], e[1]
    doc = e[2] if len(e) > 2 else 0
    if isinstance(where, int):
        return code, where, doc
    places = layouts[doc]
    if places is None:
        raise ValueError(f"symbolic line {where!r} needs a rendered document, not raw text")
    if where.strip() in places[0] and where.startswith("plan"):
        return code, places[0][where.strip()], doc
    m = _ROW.match(where.strip())
    if m:
        table = int(m.group(1) or 1)
        return code, places[table - 1]["start"] + HEADER_LINES + int(m.group(2)), doc
    m = _FIELD.match(where.strip())
    if m and m.group(2) in HEADER_FIELD_LINE:
        return code, places[int(m.group(1) or 1) - 1][m.group(2)], doc
    raise ValueError(f"cannot read expected line {where!r}")


def case_findings(case: Case, lang: str | None = None) -> tuple[list, dict[str, int]]:
    """The findings of the rule under test for one case, and each document's index by path;
    in ``lang`` ("zh" or "en") when given, else in the case's configured language."""
    from .run import check

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, text in enumerate(case.documents):
            path = Path(tmp) / f"doc{k}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        config = {**case.config, "select": [case.rule],
                  "rules": {case.rule: case.options} if case.options else {}}
        if lang is not None:
            config["lang"] = lang
        report = check(paths, config)
    return [f for f in report.findings if f.code == case.rule], {p: k for k, p in enumerate(paths)}


def run_case(case: Case) -> list[tuple[str, int, int]]:
    """Findings of the rule under test for one case, as (code, line, document index)."""
    findings, index = case_findings(case)
    return sorted((f.code, f.line or 0, index.get(f.file, -1)) for f in findings)
