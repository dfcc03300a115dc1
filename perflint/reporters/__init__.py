"""Reporters: a Report → text in one format. Each module here defines ``FORMATS`` (the names it
answers to) and ``render(report, options)``; modules are discovered, not listed."""
from __future__ import annotations

import functools
import importlib
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


def is_machine_readable(fmt: str) -> bool:
    return bool(getattr(_modules()[fmt], "MACHINE_READABLE", False))
