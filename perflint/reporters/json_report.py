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
    for k, finding in enumerate(report.findings):
        stream.write(("," if k else "") + "\n    " + encode(finding.to_json()))
    stream.write("\n  ]\n}\n")
