"""JSON: the whole report as one document (the public contract)."""
from __future__ import annotations

import json

FORMATS = ("json",)
MACHINE_READABLE = True


def render(report, options) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2)

