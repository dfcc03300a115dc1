"""JSON Lines: one finding object per line, for streaming into other tools."""
from __future__ import annotations

import json

FORMATS = ("jsonl",)
MACHINE_READABLE = True


def render(report, options) -> str:
    return "\n".join(json.dumps(f.to_json(), ensure_ascii=False) for f in report.findings)
