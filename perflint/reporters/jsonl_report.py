"""JSON Lines: one finding object per line, for streaming into other tools."""
from __future__ import annotations

from . import rendered
from .json_report import bytes_to, write_findings

FORMATS = ("jsonl",)
MACHINE_READABLE = True


def render(report, options) -> str:
    return rendered(write, report, options)


def write(report, options, stream) -> None:
    """Each finding as the JSON report writes it (``json.dumps(f.to_json(), ensure_ascii=False)``
    made directly, see json_report._Shown), a line each; in parts at once like the JSON report's."""
    put, binary = bytes_to(stream)
    write_findings(put, binary, report.findings, options, before_first=b"", between=b"\n")
    if len(report.findings):
        put(b"\n")
    if binary is not None:
        binary.flush()
