"""The vocabulary of table labels and column headings, loaded from data.

``vocabulary.toml`` beside this module holds every spelling perflint knows for the fields of a
table (项目名称 and its variants, amount labels, goal labels, column headings). Installed
packages add theirs through the ``perflint.vocabularies`` entry-point group, and a
``[vocabulary]`` table in ``perflint.toml`` adds a project's own (see :func:`extend`). Spellings
are only ever added; the longest spelling that a cell starts with decides.
"""
from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

from .plugins import entry_points

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SECTIONS = ("fields", "department", "department_amounts", "amounts", "goals", "columns", "periods", "comparators", "totals",
            "footers", "direction", "unmeasurable", "relevance", "region")


@dataclass
class Vocabulary:
    """Canonical name → spellings, per section (see vocabulary.toml)."""

    sections: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def add(self, data: dict, where: str) -> None:
        """Add the spellings of ``data`` (same shape as vocabulary.toml); ``where`` names the
        source in error messages."""
        for section, table in data.items():
            if section not in SECTIONS:
                raise ValueError(f"{where}：未知的词表部分 [{section}]（可用：{', '.join(SECTIONS)}）")
            if not isinstance(table, dict):
                raise ValueError(f"{where}：[{section}] 应为表（名称 = [写法…]）")
            into = self.sections.setdefault(section, {})
            for name, spellings in table.items():
                if isinstance(spellings, str):
                    spellings = [spellings]
                if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
                    raise ValueError(f"{where}：[{section}] {name} 应为字符串列表")
                known = into.setdefault(name, [])
                known.extend(s for s in spellings if s not in known)

    def table(self, section: str) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in self.sections.get(section, {}).items()}

    def words(self, section: str, name: str) -> tuple[str, ...]:
        return tuple(self.sections.get(section, {}).get(name, ()))


def _builtin() -> Vocabulary:
    vocab = Vocabulary()
    text = resources.files("perflint").joinpath("vocabulary.toml").read_text("utf-8")
    vocab.add(tomllib.loads(text), "vocabulary.toml")
    for ep in entry_points(group="perflint.vocabularies"):
        try:
            vocab.add(_load_entry_point(ep), f"词表包 {ep.name}")
        except Exception:       # a broken third-party vocabulary must not stop the run
            continue
    return vocab


def _load_entry_point(ep) -> dict:
    obj = ep.load()
    data = getattr(obj, "VOCABULARY", None)
    if isinstance(data, dict):
        return data
    if isinstance(obj, dict):
        return obj
    module = getattr(obj, "__name__", None)
    if module:
        return tomllib.loads(resources.files(module).joinpath("vocabulary.toml").read_text("utf-8"))
    raise ValueError(ep.name)


_ACTIVE: Vocabulary | None = None
_EXTRA: list[tuple[str, dict]] = []


def current() -> Vocabulary:
    global _ACTIVE
    if _ACTIVE is None:
        _ACTIVE = _builtin()
        for where, data in _EXTRA:
            _ACTIVE.add(data, where)
    return _ACTIVE


def extend(data: dict, where: str = "perflint.toml") -> None:
    """Add a configuration's ``[vocabulary]`` spellings for the rest of the process."""
    if not data:
        return
    Vocabulary().add(data, where)          # validate before anything changes
    if (where, data) in _EXTRA:
        return
    _EXTRA.append((where, data))
    _reset()


def _reset() -> None:
    global _ACTIVE
    _ACTIVE = None
    for cached in _CACHES:
        cached.cache_clear()


_CACHES: list = []


def cached(func):
    """An lru_cache that is cleared when the vocabulary grows."""
    wrapped = functools.lru_cache(maxsize=16384)(func)
    _CACHES.append(wrapped)
    return wrapped


# ---- matching ---------------------------------------------------------------------------------

_LEAD = re.compile(r"^(?:其中[:：]?|[一二三四五六七八九十]+[、.．]|[(（]\d+[)）]|\d+[、.．](?!\d)|[*＊])+")
_NOTE = re.compile(r"^[(（][^()（）]{0,12}[)）]")


@functools.lru_cache(maxsize=16384)
def key(cell: str) -> str:
    """A cell as labels are matched: NFKC, no whitespace, no leading 其中/一、/*."""
    return _LEAD.sub("", "".join(unicodedata.normalize("NFKC", cell).split()))


def strip_notes(text: str) -> str:
    """What follows a label without the notes in brackets: "(万元):5652" → "5652"."""
    while True:
        text = text.lstrip(":：")
        stripped = _NOTE.sub("", text)
        if stripped == text:
            return text
        text = stripped


@cached
def spellings(section: str) -> tuple[tuple[str, str], ...]:
    """(spelling as matched, canonical name), longest first."""
    pairs = [("".join(unicodedata.normalize("NFKC", s).split()), name)
             for name, words in current().table(section).items() for s in words]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cached
def lookup(section: str, cell: str, *, whole: bool = False) -> tuple[str, str, str] | None:
    """``(canonical, rest, spelling)`` for the longest spelling of ``section`` the cell starts with
    (with ``whole``, that the cell is), or None."""
    s = key(cell)
    for spelling, name in spellings(section):
        if s.startswith(spelling):
            rest = strip_notes(s[len(spelling):])
            if not whole or not rest:
                return name, rest, spelling
    return None


@cached
def words(section: str, name: str) -> tuple[str, ...]:
    return current().words(section, name)


@cached
def word_set(section: str, name: str) -> frozenset[str]:
    """:func:`words` as a set, for asking whether a whole text is one of them."""
    return frozenset(current().words(section, name))
