"""Reporters: a Report → text in one format. Each module here defines ``FORMATS`` (the names it
answers to) and ``render(report, options)``; modules are discovered, not listed."""
from __future__ import annotations

import dataclasses
import functools
import importlib
import io
import pkgutil
import re
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int | None = None
    lang: str = "zh"
    group_by: str | None = None      # "department" or "unit": the batch view (see reporters/batch.py)
    #: the processes the writing may take (a ``-j N`` run's N: its workers are done by then); one
    #: format uses a second one, the JSON report of a large run (see reporters/json_report.py)
    processes: int = 1


@functools.lru_cache(maxsize=1)
def _modules() -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name in getattr(module, "FORMATS", ()):
            found[name] = module
    return found


def formats() -> tuple[str, ...]:
    return tuple(sorted(_modules()))


# control characters a document may carry (ESC sequences that clear a screen, retitle a window or
# write to the clipboard); tab and newline are text
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text):
    """``text`` with every control character shown as an escape (``\\x1b``), never acted on."""
    if not text or not isinstance(text, str) or not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _shown(report, module):
    """The report as a format that prints text as it is may show it: formats that declare
    ``ESCAPES_CONTROLS`` get their document text with control characters escaped."""
    if not getattr(module, "ESCAPES_CONTROLS", False):
        return report
    findings = ([_visible_finding(f) for f in report.findings] if isinstance(report.findings, list)
                else _Shown(report.findings))
    files = [dataclasses.replace(r, path=visible(r.path), error=visible(r.error)) for r in report.files]
    return dataclasses.replace(report, findings=findings, files=files, warnings=[visible(w) for w in report.warnings])


class _Shown(Sequence):
    """Findings waiting on disk, escaped as they are walked (never all in memory at once)."""

    def __init__(self, findings: Sequence):
        self._findings = findings

    def __iter__(self):
        return map(_visible_finding, self._findings)

    def __len__(self) -> int:
        return len(self._findings)

    def __getitem__(self, index):
        found = self._findings[index]
        return [_visible_finding(f) for f in found] if isinstance(index, slice) else _visible_finding(found)

    @property
    def tally(self):
        """The counts (escaping changes no code or severity)."""
        return getattr(self._findings, "tally", None)


_TEXT_FIELDS = ("message", "hint", "text", "project", "indicator")


def _visible_finding(f):
    """``f`` with every text from the document shown escaped: its message, names, offending
    text, file name and the words of its location (a column heading, a sheet name)."""
    location = f.location
    coordinates = location.coordinates or ()
    # one search over all the texts (most findings hold no control character at all)
    if not _CONTROL.search("\n".join(v for v in (f.message, f.hint, f.text, f.project, f.indicator, location.file,
                                                  *(v for _, v in coordinates)) if isinstance(v, str))):
        return f
    if coordinates:
        location = location._replace(coordinates=tuple((k, visible(v)) for k, v in coordinates))
    return f._replace(**{k: visible(getattr(f, k)) for k in _TEXT_FIELDS},
                      location=location._replace(file=visible(location.file)))


def render(report, fmt: str, options: RenderOptions = RenderOptions()) -> str:
    module = _modules()[fmt]
    return module.render(_shown(report, module), options)


def rendered(write_fn, report, options) -> str:
    """A streaming reporter's output as one string (for ``render``)."""
    buffer = io.StringIO()
    write_fn(report, options, buffer)
    return buffer.getvalue().rstrip("\n")


def write(report, fmt: str, stream, options: RenderOptions = RenderOptions()) -> None:
    """Write the report to a text stream; formats that can stream (json, jsonl) never hold the
    whole output in memory, which matters for runs with hundreds of thousands of findings."""
    module = _modules()[fmt]
    report = _shown(report, module)
    if hasattr(module, "write"):
        module.write(report, options, stream)
    else:
        text = module.render(report, options)
        if text:
            stream.write(text + "\n")


def is_binary(fmt: str) -> bool:
    """Formats written to a file only (-o), such as xlsx."""
    return bool(getattr(_modules()[fmt], "BINARY", False))


def write_file(report, fmt: str, path: str, options: RenderOptions = RenderOptions()) -> None:
    """Write the report to ``path`` whole or not at all: into a temporary file beside it, renamed
    over ``path`` once complete, so a failure (a missing folder, a full disk, an interrupted run)
    never leaves half a report. An OSError goes to the caller."""
    from ..files import replacing

    module = _modules()[fmt]
    report = _shown(report, module)
    with replacing(path) as temporary:
        if hasattr(module, "write_file"):
            module.write_file(report, options, temporary)
        else:
            with open(temporary, "w", encoding="utf-8") as stream:
                write(report, fmt, stream, options)


def is_machine_readable(fmt: str) -> bool:
    return bool(getattr(_modules()[fmt], "MACHINE_READABLE", False))
