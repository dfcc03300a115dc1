"""The words of perflint's own reports (not of rule messages, which rules write) in each language."""
from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "error": "错误", "warning": "警告", "info": "提示",
        "indicator": "指标：", "text": "原文：", "hint": "提示：", "year-unknown": "年度未知",
        "tables": "{n} 张表", "note": "注意：",
        "summary": "共检查 {files} 个文件、{projects} 张表，发现 {findings} 个问题",
        "summary-short": "共 {files} 个文件、{projects} 张表，{findings} 个问题",
        "colon": "：", "comma": "，", "open": "（", "close": "）", "count": "{label} {n}",
        "no-findings": "没有发现问题",
        "baseline": "基线 {path}：已略去 {suppressed} 个原有问题，{gone} 个基线问题已不再出现",
        "baseline-gone": "  已不再出现：{code} {file}:{line} {message}",
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "indicator": "Indicator: ", "text": "Text: ", "hint": "Fix: ", "year-unknown": "year unknown",
        "tables": "{n} tables", "note": "Note: ",
        "summary": "Checked {files} files, {projects} tables: {findings} findings",
        "summary-short": "{files} files, {projects} tables, {findings} findings",
        "colon": ": ", "comma": ", ", "open": " (", "close": ")", "count": "{n} {label}",
        "no-findings": "No findings",
        "baseline": "Baseline {path}: {suppressed} known findings left out, {gone} baseline findings no longer occur",
        "baseline-gone": "  no longer occurs: {code} {file}:{line} {message}",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["zh"])


def baseline_lines(report, w: dict[str, str], shown: int = 20) -> list[str]:
    """The baseline summary and the entries that no longer occur (for the text reports)."""
    b = getattr(report, "baseline", None)
    if b is None:
        return []
    lines = [w["baseline"].format(path=b.path, suppressed=b.suppressed, gone=len(b.gone))]
    lines += [w["baseline-gone"].format(code=e.get("code", ""), file=e.get("file", ""), line=e.get("line") or "",
                                        message=e.get("message", "")) for e in b.gone[:shown]]
    return lines
