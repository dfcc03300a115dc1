"""Rule documentation as Markdown: one rule (``perflint rule CODE``) or the whole reference
(``perflint rules --format markdown`` → docs/rules.md). Generated from the rules themselves, so
the reference cannot drift from the code; a test regenerates it and compares."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .engine import CATEGORIES, Rule

CATEGORY_TITLES = {
    "input": "input — 文件无法读取或识别", "funds": "funds — 资金对不上", "placeholder": "placeholder — 必填处填了占位词",
    "tier": "tier — 指标放错了层级", "value": "value — 指标值本身有问题", "template": "template — 照抄模板",
    "consistency": "consistency — 文字、表头与指标不一致", "structure": "structure — 表格不完整",
    "text": "text — 文字错误", "schedule": "schedule — 资金支出计划",
}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def options_of(r: Rule) -> list[tuple[str, object]]:
    """(config key, default) for each option of the rule."""
    if r.options is None:
        return []
    defaults = r.options()
    return [(f.name.replace("_", "-"), getattr(defaults, f.name)) for f in dataclasses.fields(r.options)]


def toml_value(v: object) -> str:
    """An option's default as it is written in perflint.toml (``"0.02"``, ``["暂无"]``, ``true``),
    never as Python prints it (``Decimal('0.02')``)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return str(v)
    if isinstance(v, tuple | list | set | frozenset):
        items = sorted(v, key=str) if isinstance(v, set | frozenset) else v
        return "[" + ", ".join(toml_value(x) for x in items) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{toml_value(str(k))} = {toml_value(x)}" for k, x in v.items()) + "}"
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'



def rule_markdown(r: Rule, heading: str = "##") -> str:
    """One rule: heading, facts, its doc sections, and its options with defaults."""
    title_en, _ = r.english
    body = r.doc.strip().split("\n", 1)[1].strip() if "\n" in r.doc.strip() else ""
    body = body.replace("\n## ", f"\n{heading}# ")
    if body.startswith("## "):
        body = f"{heading}# " + body[3:]
    lines = [f"{heading} {r.code} {r.name} — {r.title}", "",
             f"类别 `{r.category}` · 默认级别 `{r.severity}`（{SEVERITY_ZH[r.severity]}）· 检查对象 `{r.target_name}`"
             + ("" if r.default else " · 默认不启用") + f" · *{title_en}*", "", body]
    opts = options_of(r)
    if opts:
        lines += ["", f"{heading}# 选项（`[rules.{r.code}]`）", "", "| 选项 | 默认值 |", "|---|---|"]
        lines += [f"| `{key}` | `{toml_value(default)}` |" for key, default in opts]
    return "\n".join(lines).rstrip() + "\n"


def reference(rules: Iterable[Rule]) -> str:
    """docs/rules.md: an index by category, then every rule in full."""
    rules = sorted(rules, key=lambda r: r.code)
    out = ["# perflint 规则参考", "",
           "本文件由 `perflint rules --format markdown` 生成，请勿手工修改；改规则的文档字符串后重新生成。",
           "每条规则的“依据”列出所依据的财政部文件；没有全国性文件规定的阈值列为选项，"
           "可在配置文件的 `[rules.CODE]` 中修改。", ""]
    for category in CATEGORIES:
        members = [r for r in rules if r.category == category]
        if not members:
            continue
        out += [f"## {CATEGORY_TITLES.get(category, category)}", "", "| 代码 | 名称 | 级别 | 检查内容 |", "|---|---|---|---|"]
        out += [f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {SEVERITY_ZH[r.severity]} | {r.title} |"
                for r in members]
        out.append("")
    out += ["---", ""]
    for r in rules:
        out += [rule_markdown(r), ""]
    return "\n".join(out).rstrip() + "\n"
