"""Configuration: ``perflint.toml`` or ``[tool.perflint]`` in ``pyproject.toml``, found by walking
up from the working directory, then command-line options on top.

    select = ["PF1", "placeholder"]      # replaces the default rule set
    extend-select = ["PF5"]              # adds to it
    ignore = ["PF402"]
    fail-on = "warning"                  # error | warning | info | never
    profile = "local"                    # local | mof-2021
    budget-year = 2022                   # override what the documents say
    rule-paths = ["local_rules"]         # folders of local rule files
    include = ["*.txt"]                  # .gitignore patterns (pathspec)
    exclude = ["drafts/"]                # added to default-exclude
    default-exclude = ["build/", …]      # what a folder walk skips by default
    respect-gitignore = true             # a .gitignore on the way is honoured

    [severity]                           # per-rule (or prefix, or category) severity
    PF402 = "info"

    [per-file-ignores]
    "archive/*.txt" = ["PF5"]

    [rules.PF103]                        # rule options, by code or name
    tolerance = "0.02"

A mistake in the file is a configuration error (exit code 2) that says which key and why.
"""
from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import DEFAULT_EXCLUDE
from .limits import KEYS as LIMIT_KEYS
from .limits import Limits
from .limits import from_mapping as limits_from
from .vocabulary import Vocabulary

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FAIL_LEVELS = ("error", "warning", "info", "never")
PROFILES = ("local", "mof-2021")
LANGS = ("zh", "en")
CONFIG_NAMES = ("perflint.toml", ".perflint.toml")


class ConfigError(ValueError):
    """A configuration mistake; the CLI prints it and exits with 2."""


@dataclass
class Settings:
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    profile: str = "local"
    budget_year: int | None = None
    rule_paths: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    default_exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    respect_gitignore: bool = True
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    lang: str = "zh"
    #: extra spellings of labels and headings, shaped like perflint/vocabulary.toml
    vocabulary: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: how much one file may ask of the machine (see perflint/limits.py)
    limits: Limits = field(default_factory=Limits)
    source: str | None = None          # the file these came from, if any

    def identity(self) -> str:
        """Every setting, whatever file they came from: two runs with the same identity check a
        file the same way (the result cache and ``perflint merge`` compare it)."""
        import dataclasses

        return repr(dataclasses.replace(self, source=None))

    def ignored_here(self, path: str) -> list[str]:
        """Selectors ignored for ``path`` by per-file-ignores."""
        norm = path.replace(os.sep, "/")
        out: list[str] = []
        for pattern, selectors in self.per_file_ignores.items():
            if fnmatch.fnmatch(norm, pattern) or fnmatch.fnmatch(os.path.basename(norm), pattern) \
                    or fnmatch.fnmatch(norm, "*/" + pattern):
                out.extend(selectors)
        return out


_LIST_KEYS = {"select", "extend-select", "ignore", "rule-paths", "include", "exclude", "default-exclude"}
_KNOWN = _LIST_KEYS | {"respect-gitignore", "fail-on", "profile", "budget-year", "severity", "per-file-ignores", "rules", "lang",
                       "vocabulary", "limits"}


def find_config(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest perflint.toml, or pyproject.toml with [tool.perflint], at or above ``start``."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            if "perflint" in data.get("tool", {}):
                return pyproject
    return None


def load(path: str | os.PathLike | None = None, *, isolated: bool = False) -> Settings:
    """Settings from ``path``, or from the file found by walking up; defaults when there is none."""
    if isolated:
        return Settings()
    found = Path(path) if path else find_config()
    if found is None:
        return Settings()
    try:
        data = tomllib.loads(Path(found).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"配置文件不存在：{found}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"配置文件 {found} 不是合法的 TOML：{err}") from None
    if Path(found).name == "pyproject.toml":
        data = data.get("tool", {}).get("perflint", {})
    return from_mapping(data, source=str(found), base=Path(found).parent)


def from_mapping(data: dict[str, Any], source: str | None = None, base: Path | None = None) -> Settings:
    """Settings from a parsed TOML table (the Python API accepts the same dict)."""
    where = source or "配置"
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise ConfigError(f"{where}：未知的配置项 {', '.join(unknown)}（可用：{', '.join(sorted(_KNOWN))}）")
    s = Settings(source=source)
    for key in _LIST_KEYS:
        if key in data:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}：{key} 应为字符串列表")
            setattr(s, key.replace("-", "_"), list(value))
    if base is not None:
        s.rule_paths = [str((base / p).resolve()) for p in s.rule_paths]
    if "respect-gitignore" in data:
        if not isinstance(data["respect-gitignore"], bool):
            raise ConfigError(f"{where}：respect-gitignore 应为 true 或 false")
        s.respect_gitignore = data["respect-gitignore"]
    if "fail-on" in data:
        s.fail_on = _choice(where, "fail-on", data["fail-on"], FAIL_LEVELS)
    if "profile" in data:
        s.profile = _choice(where, "profile", data["profile"], PROFILES)
    if "lang" in data:
        s.lang = _choice(where, "lang", data["lang"], LANGS)
    if "budget-year" in data:
        year = data["budget-year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100:
            raise ConfigError(f"{where}：budget-year 应为年份，例如 2022")
        s.budget_year = year
    s.severity = {k: _choice(where, f"severity.{k}", v, ("error", "warning", "info"))
                  for k, v in _table(where, data, "severity").items()}
    for pattern, selectors in _table(where, data, "per-file-ignores").items():
        if not isinstance(selectors, list) or not all(isinstance(v, str) for v in selectors):
            raise ConfigError(f"{where}：per-file-ignores 中“{pattern}”应为规则列表")
        s.per_file_ignores[pattern] = list(selectors)
    for key, options in _table(where, data, "rules").items():
        if not isinstance(options, dict):
            raise ConfigError(f"{where}：rules.{key} 应为选项表，例如 [rules.{key}]")
        s.rules[key] = dict(options)
    extra = _table(where, data, "vocabulary")
    try:
        Vocabulary().add(extra, f"{where}：[vocabulary]")
    except ValueError as err:
        raise ConfigError(str(err)) from None
    s.vocabulary = extra
    try:
        s.limits = limits_from(_table(where, data, "limits"), where)
    except ValueError as err:
        raise ConfigError(str(err)) from None
    return s


def _table(where: str, data: dict, key: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}：{key} 应为表（[{key}]）")
    return value


def _choice(where: str, key: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(f"{where}：{key} 的取值 {value!r} 无效，应为 {' / '.join(allowed)} 之一")
    return value


def to_toml(s: Settings) -> str:
    """The resolved settings, written back as TOML (``perflint config --show``)."""
    def q(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return str(v)
        if isinstance(v, (list, tuple)):
            return "[" + ", ".join(q(x) for x in v) + "]"
        return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"# 配置来源：{s.source or '默认值（未找到 perflint.toml 或 [tool.perflint]）'}"]
    if s.select is not None:
        lines.append(f"select = {q(s.select)}")
    for key in ("extend_select", "ignore", "rule_paths", "include", "exclude", "default_exclude",
                "respect_gitignore"):
        lines.append(f"{key.replace('_', '-')} = {q(getattr(s, key))}")
    lines += [f"fail-on = {q(s.fail_on)}", f"profile = {q(s.profile)}", f"lang = {q(s.lang)}"]
    if s.budget_year is not None:
        lines.append(f"budget-year = {s.budget_year}")
    if s.severity:
        lines += ["", "[severity]"] + [f"{k} = {q(v)}" for k, v in s.severity.items()]
    if s.per_file_ignores:
        lines += ["", "[per-file-ignores]"] + [f"{q(k)} = {q(v)}" for k, v in s.per_file_ignores.items()]
    for key, options in s.rules.items():
        lines += ["", f"[rules.{key}]"] + [f"{k} = {q(v)}" for k, v in options.items()]
    lines += ["", "[limits]"] + [f"{key} = {q(getattr(s.limits, name))}" for key, name in LIMIT_KEYS.items()]
    return "\n".join(lines)
