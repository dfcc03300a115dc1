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
    },
    "en": {
        "error": "error", "warning": "warning", "info": "info",
        "indicator": "Indicator: ", "text": "Text: ", "hint": "Fix: ", "year-unknown": "year unknown",
        "tables": "{n} tables", "note": "Note: ",
        "summary": "Checked {files} files, {projects} tables: {findings} findings",
        "summary-short": "{files} files, {projects} tables, {findings} findings",
        "colon": ": ", "comma": ", ", "open": " (", "close": ")", "count": "{n} {label}",
        "no-findings": "No findings",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["zh"])
