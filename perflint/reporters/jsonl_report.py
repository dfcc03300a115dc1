"""JSON Lines: one finding object per line, for streaming into other tools."""
from __future__ import annotations

import json

from . import rendered

FORMATS = ("jsonl",)
MACHINE_READABLE = True


def render(report, options) -> str:
    return rendered(write, report, options)


def write(report, options, stream) -> None:
    encode = json.JSONEncoder(ensure_ascii=False).encode    # one encoder, not one per finding
    for finding in report.findings:
        stream.write(encode(finding.to_json()) + "\n")
