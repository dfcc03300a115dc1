"""The ``perflint`` command.

Imports are deferred to the commands that need them, so ``perflint value`` starts quickly.
Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage or configuration error.
"""
from __future__ import annotations

import errno
import json
import re
import sys
from contextlib import contextmanager

import click

from . import __version__
from .cells import cells as _cells
from .i18n import os_error

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: a defect of perflint's own (ruff's code for it; usage and configuration errors share it)
EXIT_INTERNAL = 2


def _wrap(text: str, width: int, indent: str = "", subsequent: str = "") -> list[str]:
    """Lines of at most ``width`` cells (see perflint/cells.py); a paragraph starting with \\b is
    kept as written (click's convention, for examples)."""
    from .cells import wrap

    lines: list[str] = []
    for k, paragraph in enumerate(re.split(r"\n\s*\n", text.strip("\n"))):
        if k:
            lines.append("")
        if paragraph.lstrip(" ").startswith("\b"):
            lines += [indent + line for line in paragraph.split("\n")[1:]]
            continue
        # a line break beside a Chinese character is no space (Chinese has none between words)
        paragraph = re.sub(r"(?<=[^\x00-\xff])\s*\n\s*(?=[^\x00-\xff])|(?<=[，。；：、）》”])\s*\n\s*|"
                           r"\s*\n\s*(?=[（《“])", "", paragraph)
        wrapped = wrap(" ".join(paragraph.split()), width - max(_cells(indent), _cells(subsequent)))
        lines += [(indent if n == 0 else subsequent) + line for n, line in enumerate(wrapped)]
    return lines


class _Formatter(click.HelpFormatter):
    """click's help, wrapped by terminal cells rather than characters, so Chinese help fits an
    80-column terminal and a Latin word (``github``, ``--format``) is never cut in two."""

    def write_text(self, text: str) -> None:
        pad = " " * self.current_indent
        self.write("\n".join(_wrap(text, self.width, pad, pad)) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((_cells(r[0]) for r in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = _wrap(second, max(self.width - first_col - self.current_indent, 20))
            pad = " " * (first_col + self.current_indent)
            self.write("\n".join([lines[0] if lines else "", *(pad + line if line else "" for line in lines[1:])]) + "\n")


class _Context(click.Context):
    formatter_class = _Formatter


class _Command(click.Command):
    context_class = _Context


class _Group(click.Group):
    """The perflint command group: help wrapped for Chinese, click's own words in the run's
    language, usage errors exit 2, Ctrl-C exits 130 (as a shell reports SIGINT) without a
    traceback or click's “Aborted!”."""

    context_class = _Context
    command_class = _Command

    def main(self, args=None, prog_name=None, **extra):
        args = list(sys.argv[1:] if args is None else args)
        from .i18n import localise_click

        localise_click("en" if _asks_english(args) else "zh")
        extra["standalone_mode"] = False
        try:
            code = super().main(args, prog_name or "perflint", **extra)
        except (click.Abort, KeyboardInterrupt, EOFError):
            click.echo("\nperflint: " + click.core._("Aborted!"), err=True)
            sys.exit(EXIT_INTERRUPTED)
        except click.ClickException as err:
            err.show()
            sys.exit(err.exit_code)
        except OSError as err:
            if err.errno != errno.EPIPE:         # the reader of our output went away (| head)
                _internal_error(args)
            sys.exit(1)
        except Exception:
            _internal_error(args)
        sys.exit(code if isinstance(code, int) else 0)


def _internal_error(args: list[str]) -> None:
    """A defect of perflint's own, said as one (with the traceback the maintainers need) and
    exit 2, as ruff does: never exit 1, which says the files hold findings."""
    import traceback

    said = ("perflint: internal error (a defect of perflint itself; please report it to the maintainers with "
            "what follows):" if _asks_english(args) else
            "perflint: 内部错误（这是 perflint 自身的缺陷，请连同以下信息报告给维护者）：")
    try:
        print(said, file=sys.stderr)
        traceback.print_exc()
    except (OSError, ValueError, AttributeError):     # standard error closed or absent
        pass
    sys.exit(EXIT_INTERNAL)


def entry() -> None:
    """The ``perflint`` command as a process: :func:`main`, then the exit without tearing the
    interpreter's objects down one by one. A run's report is a million objects at 10,000 tables:
    freeing them, and one last collection, took a third of a second for nothing. Exit handlers
    still run and output is flushed; with a thread still running, the exit is Python's own."""
    import atexit
    import gc
    import os
    import threading

    from .run import FEW_COLLECTIONS

    # a command is one run to its end (see run._few_collections): the thresholds are not restored,
    # which would walk the report's young objects once more
    gc.set_threshold(*FEW_COLLECTIONS)
    # numpy (imported for comparing many tables' indicator sets) starts a BLAS thread per core
    # that perflint never uses: the threads only spin, taking CPU from the run and its workers.
    # One is asked for, unless the user says otherwise (the command owns its process)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        main()
        code = 0
    except SystemExit as stop:
        if threading.active_count() > 1:
            raise
        code = 0 if stop.code is None else stop.code
        if not isinstance(code, int):       # sys.exit("a message"): shown, as Python does, and 1
            print(code, file=sys.stderr)
            code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):       # a reader gone (| head), a stream closed (>&-)
            pass
    os._exit(code)


def _asks_english(args: list[str]) -> bool:
    return "--lang=en" in args or any(a == "--lang" and b == "en" for a, b in zip(args, args[1:], strict=False))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="perflint", message="%(prog)s %(version)s",
                      help="显示版本号并退出")
def main() -> None:
    """perflint —— 预算绩效目标表检查工具：读取项目支出绩效目标表（.docx .xlsx .pdf .txt .html
    .csv，.doc/.xls 需 LibreOffice），找出资金、指标、取值与文字中的问题。

    \b
    示例：
      perflint check 2024年绩效目标表/          检查一个文件夹里的所有表格
      perflint check 表.docx --format html -o 报告.html
      perflint check docs/ --statistics         只看每条规则的问题数
      perflint rule PF103                       一条规则的说明、依据与示例
      perflint extract 表.xlsx                  读取表格，输出结构化模型
      perflint value "≥0.42万人"                  解析一个指标值

    退出码：0 未发现达到失败级别的问题；1 发现了；2 用法或配置错误（或 perflint 内部错误）；130 被 Ctrl-C 中断。
    """


@main.command("value", epilog="""\b
示例：
  perflint value "≥0.42万人"                  数量 ≥4200 人
  perflint value "2024年12月31日前" --year 2024
  perflint value "≥95%" "60 人，3 天" --format json""")
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


@main.command("extract", epilog="""\b
示例：
  perflint extract 表.docx                    每张表的名称、年度资金和指标数
  perflint extract docs/ --format json -o 模型.json
  perflint extract docs/ --exclude drafts/""")
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
    from .files import shown_name
    from .run import UsageError, select_files

    try:
        selection = select_files(paths, Settings(include=list(include), exclude=list(exclude)))
    except UsageError as err:
        _fail(str(err))
    # one document at a time, read, written and let go: memory stays flat however many files
    documents = (extract_file(p, name=shown_name(p)) for p in selection.files)
    pieces = _extract_json(documents) if fmt == "json" else _extract_text(documents)
    if output:
        from .files import replacing

        try:
            with replacing(output) as temporary, open(temporary, "w", encoding="utf-8") as f:
                f.writelines(pieces)
        except OSError as err:
            _fail(f"无法写入 {output}：{os_error(err)}")
    else:
        for piece in pieces:
            sys.stdout.write(piece)


def _extract_json(documents):
    """The extract JSON, a document at a time, laid out exactly as one ``json.dumps(…, indent=2)``."""
    import textwrap

    yield '{\n  "schema_version": 1,\n  "documents": ['
    first = True
    for doc in documents:
        body = textwrap.indent(json.dumps(doc.to_json(), ensure_ascii=False, indent=2), "    ")
        yield ("\n" if first else ",\n") + body
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"


def _extract_text(documents):
    first = True
    for doc in documents:
        yield ("" if first else "\n") + summarise(doc)
        first = False
    yield "\n"


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


@main.command("check", epilog="""\b
示例：
  perflint check docs/                       检查文件夹及子文件夹里的表格
  perflint check 表.docx -o 报告.html --format html
  perflint check docs/ --select funds --fail-on warning
  perflint check docs/ --statistics          每条规则的问题数，代替问题清单
  perflint check - --stdin-filename 表.docx < 表.docx
  perflint check docs/ --write-baseline 基线.json     记下现有问题
  perflint check docs/ --baseline 基线.json           之后只看新问题

退出码：0 没有达到失败级别（--fail-on，默认 error）的问题；1 有；2 用法或配置错误；
130 被 Ctrl-C 中断（-o 的报告文件不会只写一半）。""")
@click.argument("paths", nargs=-1, required=True)
@click.option("--select", multiple=True, help="只启用这些规则（代码、代码前缀、名称或类别，可逗号分隔）")
@click.option("--extend-select", multiple=True, help="在默认规则之外再启用这些规则")
@click.option("--ignore", multiple=True, help="停用这些规则")
@click.option("--severity", "severity", multiple=True, metavar="CODE=LEVEL",
              help="改变规则的严重程度，例如 PF402=info（可重复）")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="发现此级别及以上的问题时退出码为 1（默认 error）")
@click.option("--exit-zero", is_flag=True, help="无论发现什么问题，退出码都为 0")
@click.option("--format", "fmt", default="full", show_default=True, metavar="FORMAT",
              shell_complete=lambda ctx, param, incomplete: _formats_starting(incomplete),
              help="输出格式：full（终端，默认）, concise（每个问题一行）, json, jsonl, sarif, junit, "
                   "github（GitHub 注释）, html（网页报告）, xlsx（问题清单，需 -o）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="把报告写入文件（写完才替换，中断时不会留下半个文件）")
@click.option("--statistics", is_flag=True, help="只显示每条规则的问题数，不列出问题（--format json 时为 JSON）")
@click.option("--show-files", is_flag=True, help="只列出将要检查的文件和跳过的文件，不检查")
@click.option("--show-settings", is_flag=True, help="只显示第一个文件所用的配置（来源与全部设置），不检查")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="路径为 - 时，从标准输入读取的文档的名称（扩展名决定格式，默认 .txt）")
@click.option("--no-color", is_flag=True, help="不使用颜色")
@click.option("--include", multiple=True, help="只检查匹配的文件（.gitignore 式模式，可重复）")
@click.option("--exclude", multiple=True, help="跳过匹配的文件或文件夹（.gitignore 式模式，如 drafts/，可重复）")
@click.option("--profile", type=click.Choice(["local", "mof-2021"]), default=None,
              help="指标体系：local（三级指标，默认）或 mof-2021（财预〔2021〕101号）")
@click.option("--budget-year", type=int, default=None, help="指定预算年度，覆盖文件中的年度")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="报告语言：zh（中文，默认）或 en（English）")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None,
              help="只报告不在此基线文件中的新问题，并列出基线中已不再出现的问题")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), default=None,
              help="把本次发现的全部问题写入基线文件")
@click.option("--group-by", type=click.Choice(["department", "unit"]), default=None,
              help="按主管部门（department）或实施单位（unit）统计各自的表格数和问题数（终端、html 报告；xlsx 总是包含）")
@click.option("--no-cache", is_flag=True, help="不使用结果缓存（未改动的文件不必重读；perflint cache clean 清空）")
@click.option("--accepted", "accepted_path", type=click.Path(dir_okay=False), default=None,
              help="接受文件（默认向上查找 perflint-accepted.toml；用 perflint accept 写入）")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="同时检查的文件数（多进程；0 为 CPU 核数），结果与逐个检查相同")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="在哪里读取和检查各个文件：local（本机进程）或 dask（dask.distributed 集群，需 pip install 'perflint[dask]'）")
@click.option("--shard", default=None, metavar="K/N",
              help="只检查 N 部分中的第 K 部分，把结果写入 -o 指定的文件，之后用 perflint merge 合并成一份报告")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="--executor dask 时的调度器地址（如 tcp://10.0.0.5:8786；不给则在本机启动 -j 个工作进程）")
@config_options
def check_command(paths, select, extend_select, ignore, severity, fail_on, exit_zero, fmt, output,
                  statistics, show_files, show_settings, stdin_filename, no_color, include, exclude,
                  profile, budget_year, lang, baseline_path, write_baseline_path, group_by, no_cache,
                  accepted_path, jobs, shard, executor, scheduler, config_path, isolated):
    """检查绩效目标表：资金、占位、指标层级、指标值与模板问题。

    PATHS 是文件或文件夹（- 为标准输入）。每个文件使用离它最近的 perflint.toml 或
    pyproject.toml 的 [tool.perflint]（从文件所在文件夹向上查找）；命令行选项优先。"""
    import os

    from . import accept, baseline
    from .config import ConfigError
    from .i18n import words
    from .reporters import RenderOptions, formats, is_binary
    from .run import UsageError, check

    if fmt not in formats():
        raise click.BadParameter(f"可用格式：{', '.join(formats())}", param_hint="--format")
    if is_binary(fmt) and not output and not statistics:
        raise click.BadParameter(f"{fmt} 格式需要用 -o 指定输出文件", param_hint="--format")
    config = {} if isolated else config_path      # None: each file's nearest configuration
    part = _shard(shard, output) if shard else None
    overrides = dict(select=_split(select) or None, extend_select=_split(extend_select),
                     ignore=_split(ignore), severity=_severity_overrides(severity), fail_on=fail_on,
                     include=list(include), exclude=list(exclude), profile=profile,
                     budget_year=budget_year, lang=lang)
    with _standard_input(paths, stdin_filename) as (paths, names):
        if show_files or show_settings:
            _show(paths, names, config, overrides, show_files)
            return
        progress = _progress_bar()
        try:
            report = check(list(paths), config, progress=progress, jobs=jobs, names=names, cache=not no_cache,
                           executor=executor, scheduler=scheduler, shard=part, **overrides)
            if part is not None:
                _write_part(report, output)
                return
            if write_baseline_path:
                written = baseline.write(report, write_baseline_path)
                click.echo(f"perflint: 已把 {written} 个问题写入基线 {write_baseline_path}", err=True)
            if baseline_path:
                baseline.apply(report, baseline_path)
            accepted_file = accepted_path or (None if isolated else accept.find())
            if accepted_file:
                accept.apply(report, accepted_file)
        except (ConfigError, UsageError, baseline.BaselineError, accept.AcceptError) as err:
            _fail(str(err))
        finally:
            progress.close()                      # Ctrl-C too: the bar does not stay on screen
    settings = report.settings
    w = words(settings.lang)
    if output is None and not _usable(sys.stdout):
        # started with standard output closed (>&-) or absent: the report would vanish unseen
        _fail("标准输出不可用（已关闭），报告无法输出；请用 -o 指定报告文件")
    color = not no_color and output is None and _is_terminal(sys.stdout) and "NO_COLOR" not in os.environ
    width = None
    if output is None and _is_terminal(sys.stdout):
        import shutil

        width = shutil.get_terminal_size().columns
    # the processes -j gave the run, free again by now, may write its report
    processes = (jobs or os.cpu_count() or 1) if executor == "local" else 1
    options = RenderOptions(color=color, width=width, lang=settings.lang, group_by=group_by, processes=processes)
    if statistics:
        text = _statistics(report, w, settings.lang, as_json=fmt in ("json", "jsonl"))
        if output:
            _write_text(output, text)
        else:
            click.echo(text)
    else:
        _deliver(report, fmt, output, options)
    if output:
        # the report went to a file: say where, and what it holds
        click.echo(f"perflint: {w['written'].format(path=output)}{w['open']}"
                   f"{w['summary'].format(**report.summary)}{w['close']}", err=True)
    for warning in report.warnings:
        click.echo(f"perflint: {w['note']}{warning}", err=True)
    sys.exit(0 if exit_zero else report.exit_code(settings.fail_on))


def _deliver(report, fmt: str, output: str | None, options) -> None:
    """The report to its file (whole or not at all) or to standard output."""
    from .reporters import write, write_file
    from .run import long_lived

    with long_lived():      # the report, a few hundred thousand findings
        if output:
            try:
                write_file(report, fmt, output, options)
            except OSError as err:
                # a missing or read-only folder, a full disk: one line and exit 2, no partial file
                _fail(f"无法写入报告 {output}：{os_error(err)}")
        else:
            write(report, fmt, sys.stdout, options)


def _formats_starting(prefix: str) -> list[str]:
    from .reporters import formats

    return [f for f in formats() if f.startswith(prefix)]


def _shard(value: str, output: str | None) -> tuple[int, int]:
    """``--shard K/N`` as (K, N); a usage error unless 1 ≤ K ≤ N and -o names the part's file."""
    k, sep, n = value.partition("/")
    if not (sep and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise click.BadParameter(f"“{value}”应写成 K/N，例如 2/8（共 8 部分中的第 2 部分）", param_hint="--shard")
    if not output:
        raise click.BadParameter("需要用 -o 指定这一部分结果的文件", param_hint="--shard")
    return int(k), int(n)


PART_MAGIC = "perflint-part-1"


def _write_part(part, output: str) -> None:
    import pickle

    from .files import replacing

    try:
        with replacing(output) as temporary, open(temporary, "wb") as f:
            pickle.dump((PART_MAGIC, part), f, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError as err:
        _fail(f"无法写入 {output}：{os_error(err)}")
    k, n = part.shard
    click.echo(f"perflint: 第 {k}/{n} 部分（{len(part.outcomes)} 个文件）已写入 {output}；"
               "全部完成后用 perflint merge 合并", err=True)


@main.command("merge", epilog="""\b
示例：
  perflint check docs/ --shard 1/2 -o part1.bin    （在第一台机器上）
  perflint check docs/ --shard 2/2 -o part2.bin    （在第二台机器上）
  perflint merge part1.bin part2.bin --format html -o 报告.html

合并结果与一次检查全部文件相同（跨文件的检查在合并时进行）。只合并自己生成的部分文件。""")
@click.argument("parts", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", default="full", show_default=True, metavar="FORMAT", help="输出格式（同 perflint check）")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="把报告写入文件")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="发现此级别及以上的问题时退出码为 1（默认取配置）")
@click.option("--exit-zero", is_flag=True, help="无论发现什么问题，退出码都为 0")
@click.option("--no-color", is_flag=True, help="不使用颜色")
def merge_command(parts, fmt, output, fail_on, exit_zero, no_color):
    """把 perflint check --shard K/N 得到的各部分合并成一份报告。"""
    import os
    import pickle

    from .reporters import RenderOptions, formats, is_binary
    from .run import UsageError, merge

    if fmt not in formats():
        raise click.BadParameter(f"可用格式：{', '.join(formats())}", param_hint="--format")
    if is_binary(fmt) and not output:
        raise click.BadParameter(f"{fmt} 格式需要用 -o 指定输出文件", param_hint="--format")
    loaded = []
    for path in parts:
        try:
            with open(path, "rb") as f:
                magic, part = pickle.load(f)
            if magic != PART_MAGIC:
                raise ValueError
        except Exception:
            _fail(f"{path} 不是 perflint check --shard 写出的部分文件")
        loaded.append(part)
    try:
        report = merge(loaded)
    except UsageError as err:
        _fail(str(err))
    settings = report.settings
    color = not no_color and output is None and _is_terminal(sys.stdout) and "NO_COLOR" not in os.environ
    _deliver(report, fmt, output, RenderOptions(color=color, lang=settings.lang))
    sys.exit(0 if exit_zero else report.exit_code(fail_on or settings.fail_on))


def _write_text(path: str, text: str) -> None:
    from .files import replacing

    try:
        with replacing(path) as temporary, open(temporary, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    except OSError as err:
        _fail(f"无法写入报告 {path}：{os_error(err)}")


def _statistics(report, w: dict[str, str], lang: str, as_json: bool) -> str:
    """One row per rule: how many findings, its code, severity and title (ruff's --statistics)."""
    from collections import Counter

    from .findings import SEVERITY_RANK

    counts = Counter(f.code for f in report.findings)
    worst: dict[str, str] = {}
    for f in report.findings:
        if SEVERITY_RANK[f.severity] > SEVERITY_RANK.get(worst.get(f.code, ""), 0):
            worst[f.code] = f.severity
    rules = {r.code: r for r in report.rules}
    english = lang == "en"
    rows = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        r = rules.get(code)
        title = (r.english[0] if english else r.title) if r is not None else ""
        rows.append({"code": code, "name": r.name if r else "", "severity": worst[code], "count": n,
                     "title": title})
    if as_json:
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if not rows:
        return w["no-findings"]
    width = max(len(str(row["count"])) for row in rows)
    label = max(_cells(w[s]) for s in ("error", "warning", "info"))
    return "\n".join(f"{row['count']:>{width}}  {row['code']}  "
                     f"{w[row['severity']]}{' ' * (label - _cells(w[row['severity']]))}  {row['title']}"
                     for row in rows)


@contextmanager
def _standard_input(paths: tuple[str, ...], stdin_filename: str | None):
    """``-`` among the paths: the document on standard input, copied into a private temporary
    folder under its name (its suffix tells its format), and shown under that name."""
    if "-" not in paths:
        if stdin_filename:
            raise click.BadParameter("只在路径为 - （从标准输入读取）时使用", param_hint="--stdin-filename")
        yield paths, {}
        return
    import os
    import tempfile

    name = stdin_filename or "-"
    base = os.path.basename(stdin_filename or "stdin.txt") or "stdin.txt"
    if not _usable(sys.stdin):
        _fail("标准输入不可用（已关闭），无法读取 -")
    with tempfile.TemporaryDirectory(prefix="perflint-stdin-") as folder:
        copy = os.path.join(folder, base)
        with open(copy, "wb") as f:
            f.write(sys.stdin.buffer.read())
        yield tuple(copy if p == "-" else p for p in paths), {copy: name}


def _show(paths, names, config, overrides, files: bool) -> None:
    """--show-files: what a run would check and skip; --show-settings: the configuration the
    first file would be checked with, and where it came from."""
    from .config import ConfigError, to_toml
    from .run import Plans, UsageError, resolve_settings, select_files

    try:
        settings = resolve_settings(config, **overrides)
        selection = select_files(paths, settings)
        plans = Plans(settings, overrides, discover=config is None)
        if files:
            for path in selection.files:
                source = plans.source_of(path)
                click.echo(f"{names.get(path, path)}" + (f"\t（配置：{source}）" if source else ""))
            for why, skipped in selection.skipped.items():
                for path in skipped:
                    click.echo(f"{path}\t（跳过：{_SKIPPED[why]}）")
            return
        first = selection.files[0]
        from .cache import LAYOUT, folder

        click.echo(f"# 文件：{names.get(first, first)}")
        click.echo(f"# 结果缓存：{folder() / LAYOUT}（--no-cache 不使用；perflint cache clean 清空）")
        click.echo(to_toml(plans.of(first).settings))
    except (ConfigError, UsageError) as err:
        _fail(str(err))


_SKIPPED = {"unsupported": "格式不支持", "lock": "Office 临时锁定文件", "excluded": "被排除规则跳过"}


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
            self.progress = None


@main.command("serve", epilog="""\b
示例：
  perflint serve                        本机使用：打开浏览器，把表格拖进页面
  perflint serve --port 9000 --no-browser
  perflint serve --host 0.0.0.0 --token 口令
                                        内网部署：必须设置访问口令，把链接
                                        http://服务器:8765/?token=口令
                                        发给使用者

上传的文件存放在私有临时文件夹，检查完即删除；每个文件不超过 --max-file-mb，每次不超过 --max-files 个；
检查在 --workers 个工作进程中进行。同一地址的 POST /api/check 返回与 perflint check --format json
相同的 JSON，供预算系统调用。""")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（非本机地址须同时设置 --token）")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="端口")
@click.option("--token", default=None, help="访问口令：设置后每个请求都须带上（链接中的 ?token= 或 Authorization: Bearer）")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="同时检查的工作进程数")
@click.option("--max-file-mb", type=click.IntRange(min=1), default=20, show_default=True, help="每个文件的大小上限（MB）")
@click.option("--max-files", type=click.IntRange(min=1), default=20, show_default=True, help="每次上传的文件数上限")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="问题说明的语言")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器")
@config_options
def serve_command(host, port, token, workers, max_file_mb, max_files, lang, no_browser, config_path, isolated):
    """启动本机网页：把表格拖进浏览器，逐表显示问题并标出所在的行，可下载带批注的副本和报告。"""
    import ipaddress

    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = host == "localhost"
    if not local and not token:
        _fail(f"在 {host} 上监听会让其他电脑访问，请同时用 --token 设置访问口令")
    import uvicorn

    from .serve import ServeSettings, create_app

    settings = ServeSettings(token=token, workers=workers, max_file_mb=max_file_mb, max_files=max_files,
                             config={} if isolated else config_path, lang=lang)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"perflint：在浏览器中打开 {url}（Ctrl-C 停止）", err=True)
    if not no_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@main.command("annotate", epilog="""\b
示例：
  perflint annotate 表.docx -o 批注/     得到 批注/表.perflint.docx，
                                        每个有问题的单元格一条批注
  perflint annotate 2024/ -o 批注/       文件夹里的每个表格各得一份副本
  perflint annotate 表.pdf -o 批注/      PDF 和文本文件得到一份网页报告

原文件不会被修改。退出码同 perflint check。""")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output-dir", required=True, type=click.Path(file_okay=False),
              help="写入副本的文件夹（不存在时创建）")
@click.option("--select", multiple=True, help="只启用这些规则（代码、代码前缀、名称或类别，可逗号分隔）")
@click.option("--ignore", multiple=True, help="停用这些规则")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="发现此级别及以上的问题时退出码为 1（默认 error）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="批注的语言")
@config_options
def annotate_command(paths, output_dir, select, ignore, fail_on, lang, config_path, isolated):
    """把检查结果写回用户自己的文件：Word 表格在有问题的单元格上加批注，Excel 加单元格批注并按严重程度
    着色；PDF 和文本文件生成网页报告。写出的是副本，原文件不变。"""
    import os

    from .annotate import AnnotateError, annotate_file
    from .config import ConfigError
    from .files import shown_name
    from .i18n import words
    from .run import UsageError, check, select_files

    config = {} if isolated else config_path
    overrides = dict(select=_split(select) or None, ignore=_split(ignore), fail_on=fail_on, lang=lang)
    try:
        report = check(list(paths), config, **overrides)
        selection = select_files(paths, report.settings)
        os.makedirs(output_dir, exist_ok=True)
    except (ConfigError, UsageError) as err:
        _fail(str(err))
    except (OSError, ValueError) as err:
        _fail(f"无法创建输出文件夹 {output_dir}：{os_error(err) if isinstance(err, OSError) else '路径无效'}")
    by_file: dict[str, list] = {}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    w = words(report.settings.lang)
    for path in selection.files:
        found = by_file.get(shown_name(path), [])
        try:
            done = annotate_file(path, found, output_dir, report, report.settings.lang)
        except AnnotateError as err:
            _fail(str(err))
        except OSError as err:
            _fail(f"无法写入 {output_dir}：{os_error(err)}")
        what = (f"{len(found)} 个问题" if done.kind == "html" else
                f"{done.placed} 个问题批注在单元格上" + (f"，{done.general} 个在文首" if done.general else ""))
        click.echo(f"{shown_name(path)} → {done.copy}{w['open']}{what}{w['close']}")
    sys.exit(report.exit_code(report.settings.fail_on))


@main.command("accept", epilog="""\b
示例：
  perflint check docs/ --format json     问题的指纹在 json、sarif、html 报告里
  perflint accept 3f2a9c0d1e4b5a67 --reason "确需全部完成，已核实" \\
      --path docs/
  perflint accept 3f2a9c0d 9b8c7d6e --reason "共用指标，经处室确认" --by 张三

接受的问题写入 perflint-accepted.toml（向上查找；没有时在当前文件夹新建），之后的检查不再计入问题数和
退出码，但在报告中连同理由单独列出；不再匹配任何问题的记录会被指出。""")
@click.argument("fingerprints", nargs=-1, required=True)
@click.option("--reason", required=True, help="接受的理由（必填，写入接受文件）")
@click.option("--by", default=None, help="接受人（默认为当前登录用户名）")
@click.option("--path", "paths", multiple=True, default=("."),
              help="在哪些文件或文件夹中查找这些问题（默认当前文件夹，可重复）")
@click.option("--file", "accept_path", type=click.Path(dir_okay=False), default=None,
              help="接受文件（默认向上查找 perflint-accepted.toml）")
@config_options
def accept_command(fingerprints, reason, by, paths, accept_path, config_path, isolated):
    """接受已核实的问题：写明理由，之后的检查不再把它计入问题数和退出码。"""
    import os

    from . import accept
    from .config import ConfigError
    from .run import UsageError, check

    config = {} if isolated else config_path
    try:
        report = check(list(paths), config)
    except (ConfigError, UsageError) as err:
        _fail(str(err))
    wanted = set(fingerprints)
    found = [f for f in report.findings if f.fingerprint in wanted]
    missing = sorted(wanted - {f.fingerprint for f in found})
    if missing:
        _fail(f"在 {'、'.join(paths)} 中没有找到指纹为 {'、'.join(missing)} 的问题"
              "（指纹见 json、sarif、html 报告；--path 要与检查时写法相同的文件或文件夹）")
    target = accept_path or accept.find() or os.path.join(os.getcwd(), accept.FILE_NAME)
    try:
        written = accept.add(target, found, reason, by)
    except accept.AcceptError as err:
        _fail(str(err))
    for f in found:
        click.echo(f"已接受 {f.code} {f.file}:{f.line or ''} {f.message}")
    click.echo(f"perflint: 已把 {written} 个问题写入 {target}", err=True)


@main.command("rules", epilog="""\b
示例：
  perflint rules                              全部规则
  perflint rules --format json
  perflint rules --format markdown > rules.md 完整的规则参考""")
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


@main.command("rule", epilog="""\b
示例：
  perflint rule PF103                         按代码
  perflint rule cost-rows-exceed-budget       按名称""")
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
    from .ruledocs import options_of, toml_value

    click.echo(found.doc.strip())
    click.echo("")
    click.echo(f"类别：{found.category}　默认级别：{found.severity}　检查对象：{found.target_name}"
               f"　规则包：{found.pack}" + ("" if found.default else "　默认不启用"))
    if found.options is not None:
        click.echo(f"选项（在配置文件的 [rules.{found.code}] 中设置）：")
        for key, default in options_of(found):
            click.echo(f"  {key} = {toml_value(default)}")


@main.command("config", epilog="""\b
示例：
  perflint config --show                      从当前文件夹向上找到的配置
  perflint config --show --config 省级.toml
  perflint check 表.docx --show-settings      某个文件实际使用的配置""")
@click.option("--show", is_flag=True, help="显示合并后的配置")
@config_options
def config_command(show, config_path, isolated):
    """显示配置（perflint config --show）。"""
    from .config import to_toml

    click.echo(to_toml(_settings(config_path, isolated)))


@main.group("cache", cls=_Group, epilog="""\b
示例：
  perflint cache dir          缓存所在的文件夹
  perflint cache clean        清空缓存
  perflint check docs/ --no-cache   这一次不使用缓存""")
def cache_group() -> None:
    """结果缓存：未改动的文件（内容、名称、配置和 perflint 都相同）不必重新读取和检查。"""


@cache_group.command("dir")
def cache_dir_command() -> None:
    """显示缓存所在的文件夹（环境变量 PERFLINT_CACHE_DIR 可改）。"""
    from .cache import LAYOUT, folder

    click.echo(str(folder() / LAYOUT))


@cache_group.command("clean")
def cache_clean_command() -> None:
    """清空结果缓存。"""
    from .cache import clean, folder

    click.echo(f"perflint: 已清空结果缓存 {folder()}（{clean()} 条）", err=True)


@main.command("layouts", epilog="""\b
示例：
  perflint layouts                            可识别的版式
  perflint extract 表.docx                    某个文件按哪种版式读取""")
def layouts_command() -> None:
    """列出可识别的表格版式。"""
    from .layouts import all_layouts

    for layout in all_layouts():
        click.echo(f"{layout.name:12} {layout.description}")


if __name__ == "__main__":
    main()
