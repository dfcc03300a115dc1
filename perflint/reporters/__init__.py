"""Reporters: a Report → text in one format. Each module here defines ``FORMATS`` (the names it
answers to) and ``render(report, options)``; modules are discovered, not listed."""
from __future__ import annotations

import functools
import importlib
import io
import pkgutil
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int | None = None
    lang: str = "zh"


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


def render(report, fmt: str, options: RenderOptions = RenderOptions()) -> str:
    return _modules()[fmt].render(report, options)


def rendered(write_fn, report, options) -> str:
    """A streaming reporter's output as one string (for ``render``)."""
    buffer = io.StringIO()
    write_fn(report, options, buffer)
    return buffer.getvalue().rstrip("\n")


def write(report, fmt: str, stream, options: RenderOptions = RenderOptions()) -> None:
    """Write the report to a text stream; formats that can stream (json, jsonl) never hold the
    whole output in memory, which matters for runs with hundreds of thousands of findings."""
    module = _modules()[fmt]
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
    import os
    import tempfile

    module = _modules()[fmt]
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".perflint-", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        if hasattr(module, "write_file"):
            module.write_file(report, options, temporary)
        else:
            with open(temporary, "w", encoding="utf-8") as stream:
                write(report, fmt, stream, options)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def is_machine_readable(fmt: str) -> bool:
    return bool(getattr(_modules()[fmt], "MACHINE_READABLE", False))
