"""JSON: the whole report as one document (the public contract), written finding by finding."""
from __future__ import annotations

import json

from . import rendered

FORMATS = ("json",)
MACHINE_READABLE = True


def render(report, options) -> str:
    return rendered(write, report, options)


def write(report, options, stream) -> None:
    head = report.to_json(findings=False)
    text = json.dumps(head, ensure_ascii=False, indent=2)
    stream.write(text[:-2] + ',\n  "findings": [')      # reopen the object for the findings list
    encode = json.JSONEncoder(ensure_ascii=False).encode    # one encoder, not one per finding
    block: list[str] = []
    separator = "\n    "
    for finding in report.findings:
        block.append(encode(finding.to_json()))
        if len(block) == 1000:          # written a thousand at a time, not a write per finding
            stream.write(separator + ",\n    ".join(block))
            separator, block = ",\n    ", []
    if block:
        stream.write(separator + ",\n    ".join(block))
    stream.write("\n  ]\n}\n")
