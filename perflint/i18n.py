"""The words of perflint's own reports (not of rule messages, which rules write) in each language."""
from __future__ import annotations

import errno

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "error": "错误", "warning": "警告", "info": "提示",
        "indicator": "指标：", "text": "原文：", "hint": "建议：", "covers": "同一问题，不再另报：", "year-unknown": "年度未知",
        "tables": "{n} 张表", "note": "注意：",
        "summary": "共检查 {files} 个文件、{projects} 张表，发现 {findings} 个问题",
        "summary-short": "共 {files} 个文件、{projects} 张表，{findings} 个问题",
        "colon": "：", "comma": "，", "open": "（", "close": "）", "count": "{label} {n}",
        "no-findings": "没有发现问题", "written": "报告已写入 {path}",
        "group-department": "主管部门", "group-unit": "实施单位", "group-none": "（未填写）",
        "group-title": "按{level}统计：", "group-categories": "主要问题类别",
        "accepted": "已接受 {n} 个问题（{path}），不计入问题数和退出码：",
        "accepted-item": "  {code} {file}:{line} {message} —— 理由：{reason}（{by}{at}）",
        "accepted-unused": "{path} 中有 {n} 条接受记录已不再匹配任何问题（可删去）：",
        "accepted-unused-item": "  {code} {file}：{reason}",
        "skipped": "跳过 {n} 个文件：{why}", "skipped-unsupported": "{n} 个格式不支持",
        "skipped-lock": "{n} 个 Office 临时锁定文件", "skipped-excluded": "{n} 个被排除规则跳过",
        "baseline": "基线 {path}：已略去 {suppressed} 个原有问题，{gone} 个基线问题已不再出现",
        "baseline-gone": "  已不再出现：{code} {file}:{line} {message}",
        "xlsx-issues": "问题清单", "xlsx-summary": "汇总", "xlsx-file": "文件", "xlsx-department": "主管部门", "xlsx-unit": "实施单位", "xlsx-project": "项目",
        "xlsx-location": "位置", "xlsx-rule": "规则", "xlsx-name": "名称",
        "xlsx-category": "类别", "xlsx-severity": "级别", "xlsx-finding": "问题", "xlsx-text-col": "原文",
        "xlsx-fix": "修改建议", "xlsx-remediation": "整改情况", "xlsx-total": "合计", "xlsx-tables": "表格数",
        "xlsx-findings": "问题数", "xlsx-needs-output": "xlsx 格式需要用 -o 指定输出文件",
        "at-line": "第{line}行", "at-lines": "第{line}–{end_line}行", "at-table": "表{table} 第{row}行", "at-sheet": "工作表“{sheet}” {cell}",
        "at-page": "第{page}页", "at-page-row": "第{page}页 第{row}行", "at-paragraph": "第{paragraph}段",
        "at-column": " {column}",
        "category-funds": "资金对不上", "category-placeholder": "占位词", "category-tier": "层级放错",
        "category-value": "指标值问题", "category-template": "照抄模板", "category-consistency": "前后不一致",
        "category-structure": "表格不完整", "category-text": "文字错误", "category-schedule": "支出计划",
        "category-input": "文件无法读取", "html-title": "预算绩效目标表检查报告", "html-generated": "生成时间",
        "html-summary": "概况", "html-by-category": "按类别", "html-severity": "级别",
        "html-category": "类别", "html-search": "搜索文字、项目或规则",
        "html-shown": '显示 <b id="shown">{n}</b> / {total} 个问题', "html-where": "位置", "html-rule": "规则",
        "html-finding": "问题", "html-text": "原文", "html-fix": "修改建议", "html-indicator": "指标",
        "html-no-project": "（全文件）", "html-unread": "未能检查的文件", "html-clean": "未发现问题的文件", "html-files": "文件",
        "html-tables": "表格", "html-findings": "问题",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "indicator": "Indicator: ", "text": "Text: ", "hint": "Fix: ", "covers": "Also stands for: ", "year-unknown": "year unknown",
        "tables": "{n} tables", "note": "Note: ",
        "summary": "Checked {files} files, {projects} tables: {findings} findings",
        "summary-short": "{files} files, {projects} tables, {findings} findings",
        "colon": ": ", "comma": ", ", "open": " (", "close": ")", "count": "{n} {label}",
        "no-findings": "No findings", "written": "report written to {path}",
        "group-department": "Department", "group-unit": "Implementing unit", "group-none": "(not given)",
        "group-title": "By {level}:", "group-categories": "Main categories",
        "accepted": "{n} findings accepted ({path}), left out of the counts and the exit code:",
        "accepted-item": "  {code} {file}:{line} {message} — reason: {reason} ({by}{at})",
        "accepted-unused": "{path} holds {n} acceptances that no longer match any finding (they can go):",
        "accepted-unused-item": "  {code} {file}: {reason}",
        "skipped": "Skipped {n} files: {why}", "skipped-unsupported": "{n} in formats not supported",
        "skipped-lock": "{n} office lock files", "skipped-excluded": "{n} excluded by patterns",
        "baseline": "Baseline {path}: {suppressed} known findings left out, {gone} baseline findings no longer occur",
        "baseline-gone": "  no longer occurs: {code} {file}:{line} {message}",
        "xlsx-issues": "Findings", "xlsx-summary": "Summary", "xlsx-file": "File", "xlsx-department": "Department", "xlsx-unit": "Implementing unit", "xlsx-project": "Project",
        "xlsx-location": "Location", "xlsx-rule": "Rule", "xlsx-name": "Name",
        "xlsx-category": "Category", "xlsx-severity": "Severity", "xlsx-finding": "Finding", "xlsx-text-col": "Text",
        "xlsx-fix": "Fix", "xlsx-remediation": "Remediation", "xlsx-total": "Total", "xlsx-tables": "Tables",
        "xlsx-findings": "Findings", "xlsx-needs-output": "the xlsx format needs an output file (-o)",
        "at-line": "line {line}", "at-lines": "lines {line}–{end_line}", "at-table": "table {table}, row {row}", "at-sheet": "sheet {sheet}, {cell}",
        "at-page": "page {page}", "at-page-row": "page {page}, row {row}", "at-paragraph": "paragraph {paragraph}",
        "at-column": ", {column}",
        "category-funds": "Funds", "category-placeholder": "Placeholders", "category-tier": "Tiers",
        "category-value": "Values", "category-template": "Templates", "category-consistency": "Consistency",
        "category-structure": "Structure", "category-text": "Text", "category-schedule": "Spending plan",
        "category-input": "Input", "html-title": "Budget performance target check",
        "html-generated": "Generated", "html-summary": "Summary", "html-by-category": "By category",
        "html-severity": "Severity", "html-category": "Category",
        "html-search": "Search text, project or rule",
        "html-shown": 'Showing <b id="shown">{n}</b> of {total} findings', "html-where": "Where",
        "html-rule": "Rule", "html-finding": "Finding", "html-text": "Text", "html-fix": "Fix",
        "html-indicator": "Indicator", "html-no-project": "(whole file)", "html-unread": "Files not checked",
        "html-clean": "Files without findings", "html-files": "Files", "html-tables": "Tables",
        "html-findings": "Findings",
    },
}


#: why the system refused a file, in the user's words (errno → reason); Python's own words
#: (``[Errno 13] Permission denied``, ``OSError``) never reach a report
OS_ERRORS = {
    errno.ENOENT: "文件或所在文件夹不存在", errno.EACCES: "没有读写权限", errno.EPERM: "没有读写权限",
    errno.EROFS: "文件系统只读", errno.ENOSPC: "磁盘空间不足", errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹", errno.EBUSY: "文件正被其他程序占用", errno.EIO: "磁盘读写出错",
    errno.ENAMETOOLONG: "文件名过长", errno.ELOOP: "符号链接循环", errno.EMFILE: "同时打开的文件过多",
}


def os_error(err: OSError) -> str:
    """An OSError in the user's words."""
    return OS_ERRORS.get(err.errno, "系统拒绝了这一操作" if err.errno else "读写出错")


#: what a damaged office file's parser error means, by its kind (the class name stays internal)
DAMAGE = {"BadZipFile": "压缩结构已损坏", "BadZipfile": "压缩结构已损坏", "KeyError": "缺少必需的组成部分",
          "XMLSyntaxError": "内部 XML 格式错误", "ParseError": "内部 XML 格式错误",
          "UnicodeDecodeError": "内部文字编码错误", "EOFError": "文件不完整（可能下载或复制时被截断）"}


def damage(err: BaseException) -> str:
    """A damaged file's parser error in the user's words, or "" when it says nothing useful."""
    return DAMAGE.get(type(err).__name__, "")


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["zh"])


def where(finding, w: dict[str, str], column: bool = True) -> str:
    """Where a finding is, in the words of its format: 第12行, 表3 第5行 指标值, 工作表“表1” D12,
    第4页 第7行."""
    at = finding.locator or ({"kind": "txt", "line": finding.line} if finding.line else {})
    end = getattr(finding, "end_line", None)
    if end and end != finding.line and at.get("kind") == "txt":
        return w["at-lines"].format(line=finding.line, end_line=end)     # one finding for a copied block
    return describe(at, w, column)


def describe(at: dict | None, w: dict[str, str], column: bool = True) -> str:
    """A locator (see Document.locate) in words."""
    at = at or {}
    if "cell" in at:
        return w["at-sheet"].format(**at)
    if "table" in at and "row" in at:
        text = w["at-table"].format(**at)
    elif "page" in at:
        text = w["at-page-row" if "row" in at else "at-page"].format(**at)
    elif "paragraph" in at:
        text = w["at-paragraph"].format(**at)
    elif "line" in at:
        text = w["at-line"].format(**at)
    else:
        return ""
    return text + (w["at-column"].format(**at) if column and at.get("column") else "")


def skipped_lines(report, w: dict[str, str]) -> list[str]:
    """What a folder walk left out, in one line (never skipped in silence)."""
    skipped = getattr(report, "skipped", None) or {}
    if not skipped:
        return []
    why = w["comma"].join(w[f"skipped-{k}"].format(n=len(v)) for k, v in skipped.items() if v)
    return [w["skipped"].format(n=sum(len(v) for v in skipped.values()), why=why)]


def accepted_lines(report, w: dict[str, str], shown: int = 50) -> list[str]:
    """The accepted findings, with their reasons, and the acceptances that match nothing."""
    result = getattr(report, "accepted", None)
    if result is None:
        return []
    lines = []
    if result.accepted:
        lines.append(w["accepted"].format(n=len(result.accepted), path=result.path))
        lines += [w["accepted-item"].format(code=f.code, file=f.file, line=f.line or "", message=f.message,
                                            reason=a.reason, by=a.by, at=f"{w['comma']}{a.at}" if a.at else "")
                  for f, a in result.accepted[:shown]]
    if result.unused:
        lines.append(w["accepted-unused"].format(n=len(result.unused), path=result.path))
        lines += [w["accepted-unused-item"].format(code=a.code, file=a.file, reason=a.reason)
                  for a in result.unused[:shown]]
    return lines


def baseline_lines(report, w: dict[str, str], shown: int = 20) -> list[str]:
    """The baseline summary and the entries that no longer occur (for the text reports)."""
    b = getattr(report, "baseline", None)
    if b is None:
        return []
    lines = [w["baseline"].format(path=b.path, suppressed=b.suppressed, gone=len(b.gone))]
    lines += [w["baseline-gone"].format(code=e.get("code", ""), file=e.get("file", ""), line=e.get("line") or "",
                                        message=e.get("message", "")) for e in b.gone[:shown]]
    return lines


#: click's own words (usage, errors, the help and version options) in Chinese; click marks them
#: for gettext, and perflint puts these in force for a Chinese run (see localise_click).
CLICK_ZH = {
    "Usage:": "用法:", "Options": "选项", "Commands": "命令", "Positional arguments": "参数",
    "Show this message and exit.": "显示此帮助并退出。", "Show the version and exit.": "显示版本号并退出。",
    "Aborted!": "已中断。", "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "Missing argument": "缺少参数", "Missing option": "缺少选项", "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。", "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "No such command {name!r}.": "没有命令 {name!r}。", "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是一个文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是一个文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "default: {default}": "默认：{default}", "file": "文件", "directory": "文件夹", "path": "路径",
    "integer": "整数", "float": "数字",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    # plural forms (ngettext): Chinese has one form
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 无效，应为 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 无效，应为 {choices} 之一。",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想用其中之一：{possibilities}？）",
}

_CLICK_MODULES = ("core", "exceptions", "decorators", "formatting", "parser", "types", "termui")


def localise_click(lang: str) -> None:
    """click's own words in ``lang``: Chinese from CLICK_ZH, English as click writes them."""
    import importlib

    table = CLICK_ZH if lang == "zh" else {}

    def gettext(message: str) -> str:
        return table.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
