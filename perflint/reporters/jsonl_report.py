"""JSON Lines: one finding object per line, for streaming into other tools."""
from __future__ import annotations

import io
import json

FORMATS = ("jsonl",)
MACHINE_READABLE = True


def render(report, options) -> str:
    buffer = io.StringIO()
    write(report, options, buffer)
    return buffer.getvalue().rstrip("\n")


def write(report, options, stream) -> None:
    for finding in report.findings:
        stream.write(json.dumps(finding.to_json(), ensure_ascii=False) + "\n")
