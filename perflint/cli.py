"""The ``perflint`` command.

Imports are deferred to the commands that need them, so ``perflint value`` starts quickly.
Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage or configuration error.
"""
from __future__ import annotations

import errno
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
    from .config import Settings
    from .documents import extract_file
    from .run import UsageError, select_files

    try:
        selection = select_files(paths, Settings(include=list(include), exclude=list(exclude)))
    except UsageError as err:
        _fail(str(err))
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
    from .i18n import WORDS, describe

    def at(loc) -> str:
        return describe(doc.locate(loc), WORDS["zh"], column=False)

    head = (f"{doc.path}：版式 {doc.layout or '未识别'}，预算年度 {doc.budget_year or '未知'}，"
            f"{len(doc.projects)} 张表")
    lines = [head]
    for p in doc.projects:
        total = p.amount("年度资金总额")
        money = f"{total}{p.unit or ''}" if total is not None else "金额未填"
        kind = "（总表）" if p.kind == "summary" else ""
        lines.append(f"  {at(p.loc)}  {p.name}{kind}  年度资金 {money}  指标 {len(p.indicators)} 个")
        for problem in p.problems:
            lines.append(f"    {at(problem.loc)}  {problem.message}")
    for problem in doc.problems:
        where = f"{at(problem.loc)}  " if problem.loc and doc.format == "txt" else ""
        lines.append(f"  {where}{problem.message}")
    return "\n".join(lines)


def _split(values: tuple[str, ...]) -> list[str]:
    """Options given several times or comma-separated: --select PF1,PF2 --select funds."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _severity_overrides(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in _split(values):
        code, sep, level = item.partition("=")
        if not sep or level not in ("error", "warning", "info"):
            raise click.BadParameter(f"“{item}”应写成 代码=级别，例如 PF402=info", param_hint="--severity")
        out[code.strip()] = level
    return out


def config_options(fn):
    """--config and --isolated, shared by every command that reads the configuration."""
    fn = click.option("--isolated", is_flag=True, help="忽略所有配置文件")(fn)
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                        help="配置文件（默认向上查找 perflint.toml 或 pyproject.toml 的 [tool.perflint]）")(fn)


def _settings(config_path: str | None, isolated: bool):
    """The configuration in force, or exit 2 saying what is wrong with it."""
    from .config import ConfigError, load

    try:
        return load(config_path, isolated=isolated)
    except ConfigError as err:
        _fail(str(err))


#: why a report could not be written, in the user's words (errno → reason)
_WRITE_ERRORS = {errno.ENOENT: "所在文件夹不存在", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
                 errno.EROFS: "文件系统只读", errno.ENOSPC: "磁盘空间不足", errno.EISDIR: "这是一个文件夹",
                 errno.ENOTDIR: "路径中有一段不是文件夹"}


def _usable(stream) -> bool:
    """A standard stream that exists and is open (a program started with it closed has None)."""
    return stream is not None and not getattr(stream, "closed", False)


def _is_terminal(stream) -> bool:
    try:
        return _usable(stream) and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _fail(message: str) -> None:
    click.echo(f"perflint: {message}", err=True)
    sys.exit(EXIT_USAGE)


@main.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("--select", multiple=True, help="只启用这些规则（代码、代码前缀、名称或类别，可逗号分隔）")
@click.option("--extend-select", multiple=True, help="在默认规则之外再启用这些规则")
@click.option("--ignore", multiple=True, help="停用这些规则")
@click.option("--severity", "severity", multiple=True, metavar="CODE=LEVEL",
              help="改变规则的严重程度，例如 PF402=info（可重复）")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="发现此级别及以上的问题时退出码为 1（默认 error）")
@click.option("--exit-zero", is_flag=True, help="无论发现什么问题，退出码都为 0")
@click.option("--format", "fmt", default="full", show_default=True,
              help="输出格式：full、concise、json、jsonl、sarif、junit、github、xlsx（需 -o）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="写入文件")
@click.option("--statistics", is_flag=True, help="按规则统计问题数量（机器可读格式时输出到标准错误）")
@click.option("--no-color", is_flag=True, help="不使用颜色")
@click.option("--include", multiple=True, help="只检查匹配的文件（glob，可重复）")
@click.option("--exclude", multiple=True, help="跳过匹配的文件（glob，可重复）")
@click.option("--profile", type=click.Choice(["local", "mof-2021"]), default=None,
              help="指标体系：local（三级指标，默认）或 mof-2021（财预〔2021〕101号）")
@click.option("--budget-year", type=int, default=None, help="指定预算年度，覆盖文件中的年度")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="报告语言：zh（中文，默认）或 en（English）")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="只报告不在此基线文件中的新问题，并列出基线中已不再出现的问题")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), default=None,
              help="把本次发现的全部问题写入基线文件")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="同时检查的文件数（多进程；0 为 CPU 核数），结果与逐个检查相同")
@config_options
def check_command(paths, select, extend_select, ignore, severity, fail_on, exit_zero, fmt, output,
                  statistics, no_color, include, exclude, profile, budget_year, lang, baseline_path,
                  write_baseline_path, jobs, config_path, isolated):
    """检查绩效目标表：资金、占位、指标层级、指标值与模板问题。"""
    import os

    from . import baseline
    from .config import ConfigError
    from .i18n import words
    from .reporters import RenderOptions, formats, is_binary, is_machine_readable, write, write_file
    from .run import UsageError, check

    if fmt not in formats():
        raise click.BadParameter(f"可用格式：{', '.join(formats())}", param_hint="--format")
    if is_binary(fmt) and not output:
        raise click.BadParameter(f"{fmt} 格式需要用 -o 指定输出文件", param_hint="--format")
    settings = _settings(config_path, isolated)
    try:
        progress = _progress_bar()
        report = check(list(paths), settings, progress=progress, jobs=jobs,
                       select=_split(select) or None, extend_select=_split(extend_select),
                       ignore=_split(ignore), severity=_severity_overrides(severity),
                       fail_on=fail_on, include=list(include), exclude=list(exclude),
                       profile=profile, budget_year=budget_year, lang=lang)
        progress.close()
        if write_baseline_path:
            written = baseline.write(report, write_baseline_path)
            click.echo(f"perflint: 已把 {written} 个问题写入基线 {write_baseline_path}", err=True)
        if baseline_path:
            baseline.apply(report, baseline_path)
    except (ConfigError, UsageError, baseline.BaselineError) as err:
        _fail(str(err))
    if output is None and not _usable(sys.stdout):
        # started with standard output closed (>&-) or absent: the report would vanish unseen
        _fail("标准输出不可用（已关闭），报告无法输出；请用 -o 指定报告文件")
    color = not no_color and output is None and _is_terminal(sys.stdout) and "NO_COLOR" not in os.environ
    width = None
    if output is None and _is_terminal(sys.stdout):
        import shutil

        width = shutil.get_terminal_size().columns
    options = RenderOptions(color=color, width=width, lang=settings.lang)
    if output:
        try:
            write_file(report, fmt, output, options)
        except OSError as err:
            # a missing or read-only folder, a full disk: one line and exit 2, no partial file
            _fail(f"无法写入报告 {output}：{_WRITE_ERRORS.get(err.errno, err.strerror or str(err))}")
    else:
        write(report, fmt, sys.stdout, options)
    if statistics:
        lines = [f"{count:6d}  {code}  {name}  [{level}]" for code, name, level, count in report.statistics()]
        click.echo("\n".join(lines) if lines else words(settings.lang)["no-findings"],
                   err=is_machine_readable(fmt) or bool(output))
    for warning in report.warnings:
        click.echo(f"perflint: {words(settings.lang)['note']}{warning}", err=True)
    sys.exit(0 if exit_zero else report.exit_code(settings.fail_on))


class _progress_bar:
    """A rich progress bar on standard error, only when it is a terminal and the run is long."""

    MIN_FILES = 10

    def __init__(self):
        self.progress = self.task = None

    def __call__(self, done: int, total: int, path: str) -> None:
        if self.progress is None:
            if total < self.MIN_FILES or not _is_terminal(sys.stderr):
                return
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("检查中", total=total)
        from .reporters import visible
        self.progress.update(self.task, completed=done, description=f"检查 {visible(path[-40:])}")

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown：完整的规则参考（docs/rules.md 即由此生成）")
@click.option("--pack", default=None, help="只列出这个规则包的规则（内置规则包为 builtin）")
@config_options
def rules_command(fmt, pack, config_path, isolated):
    """列出所有规则：代码、名称、类别、默认级别和说明。"""
    from .engine import load_packs

    settings = _settings(config_path, isolated)
    loaded = load_packs(settings.rule_paths)
    if pack:
        loaded.rules = [r for r in loaded.rules if r.pack == pack]
    if fmt == "markdown":
        from .ruledocs import reference

        click.echo(reference(loaded.rules), nl=False)
    elif fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category,
                                "severity": r.severity, "target": r.target_name, "summary": r.title,
                                "default": r.default, "pack": r.pack} for r in loaded.rules],
                              ensure_ascii=False, indent=2))
    else:
        for r in loaded.rules:
            flag = "" if r.default else "（默认不启用）"
            click.echo(f"{r.code}  {r.name:34} {r.category:12} {r.severity:8} {r.title}{flag}")
    for warning in loaded.warnings:
        click.echo(f"perflint: 注意：{warning}", err=True)


@main.command("rule")
@click.argument("code")
@config_options
def rule_command(code, config_path, isolated):
    """显示一条规则的完整说明（检查内容 / 为何重要 / 示例 / 依据）。"""
    from .engine import load_packs

    settings = _settings(config_path, isolated)
    rules = load_packs(settings.rule_paths).rules
    found = next((r for r in rules if r.code == code.upper() or r.name == code), None)
    if found is None:
        _fail(f"没有规则“{code}”（perflint rules 可列出全部规则）")
    from .ruledocs import options_of

    click.echo(found.doc.strip())
    click.echo("")
    click.echo(f"类别：{found.category}　默认级别：{found.severity}　检查对象：{found.target_name}"
               f"　规则包：{found.pack}" + ("" if found.default else "　默认不启用"))
    if found.options is not None:
        click.echo(f"选项（在配置文件的 [rules.{found.code}] 中设置）：")
        for key, default in options_of(found):
            click.echo(f"  {key} = {default!r}")


@main.command("config")
@click.option("--show", is_flag=True, help="显示合并后的配置")
@config_options
def config_command(show, config_path, isolated):
    """显示配置（perflint config --show）。"""
    from .config import to_toml

    click.echo(to_toml(_settings(config_path, isolated)))


@main.command("layouts")
def layouts_command() -> None:
    """列出可识别的表格版式。"""
    from .layouts import all_layouts

    for layout in all_layouts():
        click.echo(f"{layout.name:12} {layout.description}")


if __name__ == "__main__":
    main()
