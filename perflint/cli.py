"""The ``perflint`` command.

Imports are deferred to the commands that need them, so ``perflint value`` starts quickly.
Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage or configuration error.
"""
from __future__ import annotations

import json
import sys

import click

from . import __version__

EXIT_USAGE = 2


class _Group(click.Group):
    """Usage errors exit with 2 and a Chinese hint (click already uses 2)."""


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="perflint")
def main() -> None:
    """perflint —— 预算绩效目标表检查工具。

    \b
    perflint extract samples/          读取表格，输出结构化模型
    perflint value "≥0.42万人"          解析指标值
    """


@main.command("value")
@click.argument("texts", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式")
@click.option("--year", type=int, default=None, help="预算年度，用于补全“年底前”等未写年份的日期")
def value_command(texts: tuple[str, ...], fmt: str, year: int | None) -> None:
    """解析一个或多个指标值，显示类型、比较符、数值与单位。"""
    from .values import parse_value

    values = [parse_value(t).resolve(year) for t in texts]
    if fmt == "json":
        click.echo(json.dumps([v.to_json() for v in values], ensure_ascii=False, indent=2))
        return
    for v in values:
        click.echo(f"{v.text}\t{describe(v)}")


def describe(v) -> str:
    """One line in Chinese: 数量 ≥ 4200 人."""
    from .values import json_number

    kind = {"quantity": "数量", "percent": "百分比", "date": "日期", "duration": "时长",
            "boolean": "是否", "qualitative": "定性", "placeholder": "占位/不适用", "empty": "空",
            "multi": "多项", "text": "文字"}[v.kind]
    if v.kind == "multi":
        return f"{kind}：" + "；".join(describe(p) for p in v.parts)
    bits = [kind]
    symbol = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}.get(v.comparator or "", "")
    if v.date:
        bits.append(f"{symbol}{v.date.isoformat()}")
    elif v.relative and v.month_day:
        bits.append(f"{symbol}当年{v.month_day[0]}月{v.month_day[1]}日")
    elif v.number is not None:
        bits.append(f"{symbol}{json_number(v.number)}{v.unit or ''}")
    elif v.truth is not None:
        bits.append("是" if v.truth else "否")
    if v.approx:
        bits.append("（约数）")
    if v.label:
        bits.append(f"前缀：{v.label}")
    if v.note:
        bits.append(f"附注：{v.note}")
    return " ".join(bits)


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="写入文件而不是标准输出")
@click.option("--include", multiple=True, help="只处理匹配的文件（glob，可重复）")
@click.option("--exclude", multiple=True, help="跳过匹配的文件（glob，可重复）")
def extract_command(paths: tuple[str, ...], fmt: str, output: str | None,
                    include: tuple[str, ...], exclude: tuple[str, ...]) -> None:
    """读取文件中的绩效目标表，输出结构化模型（表头金额、目标、指标及其解析后的值）。"""
    from .extract import extract_file
    from .files import collect
    from .readers import supported_suffixes

    selection = collect(list(paths), supported_suffixes(), include, exclude)
    for missing in selection.missing:
        click.echo(f"perflint: 路径不存在：{missing}", err=True)
    if selection.missing:
        sys.exit(EXIT_USAGE)
    documents = [extract_file(p) for p in selection.files]
    if fmt == "json":
        text = json.dumps({"schema_version": 1, "documents": [d.to_json() for d in documents]},
                          ensure_ascii=False, indent=2)
    else:
        text = "\n".join(summarise(d) for d in documents)
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        click.echo(text)


def summarise(doc) -> str:
    """A short human summary of one extracted document."""
    head = (f"{doc.path}：版式 {doc.layout or '未识别'}，预算年度 {doc.budget_year or '未知'}，"
            f"{len(doc.projects)} 张表")
    lines = [head]
    for p in doc.projects:
        total = p.amount("年度资金总额")
        money = f"{total}{p.unit or ''}" if total is not None else "金额未填"
        kind = "（总表）" if p.kind == "summary" else ""
        lines.append(f"  第{p.loc.line}行  {p.name}{kind}  年度资金 {money}  指标 {len(p.indicators)} 个")
        for problem in p.problems:
            lines.append(f"    第{problem.loc.line}行  {problem.message}")
    for problem in doc.problems:
        where = f"第{problem.loc.line}行  " if problem.loc else ""
        lines.append(f"  {where}{problem.message}")
    return "\n".join(lines)


@main.command("layouts")
def layouts_command() -> None:
    """列出可识别的表格版式。"""
    from .layouts import all_layouts

    for layout in all_layouts():
        click.echo(f"{layout.name:12} {layout.description}")


if __name__ == "__main__":
    main()
