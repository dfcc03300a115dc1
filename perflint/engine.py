"""The rule engine: what a rule is, the context it runs in, and how a run turns models into findings.

A rule is a function decorated with :func:`rule`; its module docstring is its documentation.
Packs are Python packages registered under the ``perflint.rules`` entry-point group (perflint's
own pack among them) or folders named in config (``rule-paths``); every :class:`Rule` found in
their modules is loaded. Nothing keeps a list of rules by hand.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib
import importlib.util
import pkgutil
import re
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .findings import SEVERITY_RANK, Finding, Location, coordinate_pairs, made, make  # noqa: F401  (re-exported)
from .model import Document, Indicator, Loc, Project
from .plugins import entry_points
from .values import KINDS

CATEGORIES = ("funds", "placeholder", "tier", "value", "template", "consistency", "structure",
              "text", "schedule", "input")
SEVERITIES = ("error", "warning", "info")
DOC_HEADINGS = ("检查内容", "为何重要", "示例", "依据")
_CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")


class Anchor(NamedTuple):
    """Where a finding of a cross-document rule will point, taken while its file was read: by the
    time the rule runs, the file's Document is gone. ``ctx.finding(at=anchor, ...)`` makes the
    same finding ``at=indicator`` (or ``at=project``) would have made then."""

    file: str
    line: int | None
    coordinates: tuple | None        # the format's own place of the cell, as (key, value) pairs
    project: str | None
    indicator: str | None = None
    text: str | None = None          # the indicator's 指标值 as written
    whole_table: bool = False        # anchored on the table (its heading row), not on one row

    @classmethod
    def of(cls, document: Document, at: Indicator | Project, project: Project | None = None) -> Anchor:
        """The anchor of an indicator (of ``project``) or of a table, in ``document``."""
        if isinstance(at, Project):
            return cls(document.path, at.loc.line, coordinate_pairs(document.locate(at.loc), at.loc.line), at.name,
                       whole_table=True)
        return cls(document.path, at.loc.line, coordinate_pairs(document.locate(at.value_loc or at.loc), at.loc.line),
                   project.name if project is not None else None, at.name, at.value_text)


@dataclass(frozen=True)
class Corpus:
    """What the files of one run hold for one cross-document rule: the items its ``collect``
    function took from each file's Document (compact features: keys, hashes, anchors, the few
    fields it compares), in the order the run took the files. Documents are dropped once their
    own checks are done, so a run's memory grows with what is compared, not with what was read.

    A rule declared without ``collect`` gets each file's :meth:`Document.slim` as its one item:
    ``documents`` and :meth:`projects` then walk them."""

    items: tuple

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(item for item in self.items if isinstance(item, Document))

    def projects(self) -> Iterator[tuple[Document, Project]]:
        for doc in self.documents:
            for project in doc.projects:
                yield doc, project


def slim_document(document: Document, ctx: RuleContext) -> list[Document]:
    """What a cross-document rule without its own ``collect`` keeps of a file."""
    return [document.slim()]


TARGETS = {"Indicator": Indicator, "Project": Project, "Document": Document, "Corpus": Corpus}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    target: type
    check: Callable[..., Iterable[Finding]]
    options: type | None
    doc: str
    module: str
    default: bool = True
    pack: str = ""
    tiers: frozenset[str] | None = None   # Indicator rules: the 二级 tiers they concern (None: all)
    kinds: frozenset[str] | None = None   # Indicator rules: the value kinds they concern (None: all)
    supersedes: tuple[str, ...] = ()      # selectors of rules whose findings on the same rows it covers
    yields_to: tuple[str, ...] = ()       # selectors of rules whose findings on the same rows cover its own
    collect: Callable[..., Iterable[Any]] | None = None   # Corpus rules: what each file gives the reduce
    partition_by: Callable[[Any], Any] | None = None      # Corpus rules: which items may meet in a finding

    @property
    def title(self) -> str:
        """The doc's first line after "CODE name —": what the rule checks, in a few words."""
        first = self.doc.strip().splitlines()[0] if self.doc.strip() else ""
        return first.split("—", 1)[1].strip() if "—" in first else first

    @functools.cached_property
    def english(self) -> tuple[str, str | None]:
        """(title, fix) from the doc's "## English" section; the name spelled out when absent."""
        section = self.doc.split("## English", 1)[1].strip().splitlines() if "## English" in self.doc else []
        title = section[0].strip().rstrip(".") if section else self.name.replace("-", " ").capitalize()
        fix = next((line.split(":", 1)[1].strip() for line in section if line.startswith("Fix:")), None)
        return title, fix

    @property
    def target_name(self) -> str:
        return self.target.__name__


def rule(*, code: str, name: str, category: str, severity: str, target: type,
         options: type | None = None, default: bool = True,
         tiers: Iterable[str] | None = None, kinds: Iterable[str] | None = None, supersedes: Iterable[str] = (),
         yields_to: Iterable[str] = (), collect: Callable[..., Iterable[Any]] | None = None,
         partition_by: Callable[[Any], Any] | None = None) -> Callable[[Callable], Rule]:
    """Declare a rule. The decorated function is called with the target and a RuleContext and
    yields findings made with ``ctx.finding(...)``; the engine stamps code, name and severity.

    ``tiers`` (Indicator rules only) names the canonical 二级 tiers the rule concerns; the
    engine then calls it only for indicators under those tiers. ``kinds`` (Indicator rules only)
    names the value kinds it concerns (:data:`perflint.values.KINDS`: "percent", "date"…); the
    engine then calls it only for indicators whose value, or one of the parts of a value that
    lists several, is of one of those kinds.

    ``supersedes`` / ``yields_to`` name rules (codes, prefixes, names or categories) whose
    findings share a root cause with this rule's when they concern the same row: the engine then
    reports the covering finding only, naming the covered codes (see :mod:`perflint.findings`).

    ``collect`` (Corpus rules only) is called with each file's Document and a RuleContext once the
    file's own checks are done, in the process that read the file; the items it returns — small
    and picklable: strings, numbers, tuples, :class:`Anchor` — are what the rule's Corpus holds.
    Without it, the rule gets each file's slim Document (heavier: keep it for small runs).

    ``partition_by`` (Corpus rules only) gives an item's key — strings, numbers, tuples of them —
    for a rule whose items of different keys never meet in one finding, nor make the same one
    (a rule that groups equal keys). A run of several jobs may then check the rule on parts of
    its corpus side by side, each part holding every item of its keys; the report is the same.
    """
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} is not of the form PF123")
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} is not kebab-case naming the problem")
    if category not in CATEGORIES:
        raise ValueError(f"rule {code}: unknown category {category!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {code}: unknown severity {severity!r}")
    if target not in TARGETS.values():
        raise ValueError(f"rule {code}: target must be Indicator, Project, Document or Corpus")
    if options is not None and not dataclasses.is_dataclass(options):
        raise ValueError(f"rule {code}: options must be a dataclass")
    if tiers is not None and target is not Indicator:
        raise ValueError(f"rule {code}: tiers= applies to Indicator rules only")
    if kinds is not None and target is not Indicator:
        raise ValueError(f"rule {code}: kinds= applies to Indicator rules only")
    if kinds is not None and not set(kinds) <= set(KINDS):
        raise ValueError(f"rule {code}: unknown value kinds {sorted(set(kinds) - set(KINDS))}")
    if collect is not None and target is not Corpus:
        raise ValueError(f"rule {code}: collect= applies to Corpus rules only")
    if partition_by is not None and (target is not Corpus or not callable(partition_by)):
        raise ValueError(f"rule {code}: partition_by= is a function of an item, for Corpus rules only")

    def decorate(fn: Callable) -> Rule:
        module = sys.modules.get(fn.__module__)
        return Rule(code, name, category, severity, target, fn, options,
                    (module.__doc__ or "") if module else "", fn.__module__, default,
                    tiers=frozenset(tiers) if tiers is not None else None,
                    kinds=frozenset(kinds) if kinds is not None else None,
                    supersedes=tuple(supersedes), yields_to=tuple(yields_to),
                    collect=collect if collect is not None or target is not Corpus else slim_document,
                    partition_by=partition_by)

    return decorate


class RuleContext:
    """What a rule sees besides its target: the document and project around it, its options,
    the run's settings, and :meth:`finding` to report."""

    # made once per rule and table (about a million in a 10,000-table run)
    __slots__ = ("rule", "options", "settings", "document", "project", "corpus", "_memo", "__dict__")
    #: findings keep their English texts (a cross-document rule's in a Chinese run do not: they
    #: wait by the hundred thousand for the run's end, where only the Chinese is shown)
    _english = True

    def __init__(self, rule: Rule, options: Any, settings: Any, document: Document | None = None,
                 project: Project | None = None, corpus: Corpus | None = None,
                 memo: dict | None = None):
        self.rule, self.options, self.settings = rule, options, settings
        self.document, self.project, self.corpus = document, project, corpus
        self._memo = memo if memo is not None else {}

    def shared(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value derived once per project (or document) and shared by every rule run on it,
        e.g. the cost rows read as money. ``key`` should name the pack and the value."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def place(self, loc: Loc, lang: str = "zh") -> str:
        """Where ``loc`` is, for a message, in the document's own terms: 第12行 in a text file,
        表3 第5行 in Word, 工作表“表1” D12 in Excel, 第4页 第7行 in a PDF (``lang`` "en": line
        12, table 3, row 5…)."""
        from .i18n import WORDS, describe
        at = self.document.locate(loc) if self.document is not None else {"kind": "txt", "line": loc.line}
        return describe(at, WORDS[lang], column=False)

    @property
    def profile(self) -> str:
        return self.settings.profile

    @property
    def budget_year(self) -> int | None:
        return self.settings.budget_year or (self.document.budget_year if self.document else None)

    def report(self, problem: Any, hint: str | None = None, **details: Any) -> Finding:
        """A finding that reports a problem met while reading (an unplaced row, a doubtful
        table…): its place, message and text, with the rule's hint."""
        details.setdefault("message_en", getattr(problem, "message_en", None))
        return self.finding(at=problem.loc, message=problem.message, hint=hint, text=problem.text, **details)

    def finding(self, at: Any, message: str, hint: str | None = None, *, text: str | None = None,
                evidence: str | None = None, severity: str | None = None,
                project: Project | None = None, document: Document | None = None,
                message_en: str | None = None, hint_en: str | None = None,
                about: Iterable[Any] = (), cause: str | None = None, many: str | None = None,
                many_en: str | None = None) -> Finding:
        """A finding anchored on ``at`` (an Indicator, Project, Document, an :class:`Anchor` taken
        from one, or anything with a loc).

        ``message_en``/``hint_en`` default to the rule's English title and fix (its doc's
        "## English" section); the offending text travels in ``text`` either way. ``about``
        names other rows (Indicators or Locs) the finding concerns, so that a finding of a rule
        covering this one on any of them stands for both; findings of this rule with the same
        ``cause`` in one file are reported as one, with their extent, and the message ``many``
        (``many_en``) formatted with their ``{count}``.
        """
        document = document or self.document
        project = project or self.project
        indicator = None
        cell = None      # the cell the locator points at, when it is not the row's first
        if isinstance(at, Indicator):
            loc, indicator = at.loc, at.name
            if text is None:
                text = at.value_text
            if text == at.value_text:
                cell = at.value_loc
        elif isinstance(at, Project):
            loc, project = at.loc, at
        elif isinstance(at, Document):
            loc, document, project = Loc(at.path, 1), at, None
        elif isinstance(at, Loc):
            loc = at
        elif isinstance(at, Anchor):
            return self._made(at.file, at.line, at.coordinates, at.whole_table, at.project, at.indicator,
                              message, hint, at.text if text is None else text, evidence, severity,
                              message_en, hint_en, about, cause, many, many_en)
        else:
            loc = getattr(at, "loc", None)
        path = document.path if document else (loc.path if loc else "")
        line = loc.line if loc else None
        coordinates = document.locate(cell or loc) if document is not None and loc is not None else None
        return self._made(path, line, coordinates, isinstance(at, Project), project.name if project else None,
                          indicator, message, hint, text, evidence, severity, message_en, hint_en, about,
                          cause, many, many_en)

    def _made(self, path, line, coordinates, whole_table, project, indicator, message, hint, text, evidence,
              severity, message_en, hint_en, about, cause, many, many_en) -> Finding:
        title_en, fix_en = self.rule.english
        # the rows the finding concerns: its own (or, for a whole table, the table) and any named
        rows = [("project", line) if whole_table else ("row", line)] if line else []
        for other in about:
            other_loc = other if isinstance(other, Loc) else getattr(other, "loc", None)
            if other_loc is not None:
                rows.append(("row", other_loc.line))
        r = self.rule
        if not self._english:
            message_en = hint_en = title_en = fix_en = None
        return made(r.code, r.name, r.category, severity or r.severity, message, path, line, coordinates, rows,
                    cause, many, many_en, project, indicator, hint, text, evidence, "", message_en or title_en,
                    hint_en if hint_en is not None else fix_en)


def failure(r: Rule, target: Any, ctx: RuleContext | None, doc: Document | None, err: Exception) -> Finding:
    """A rule that raised: one finding where it failed, never a dead batch."""
    loc = getattr(target, "loc", None)
    return make(code="PF000", name="rule-failed", category="input", severity="warning",
                message=f"规则 {r.code}（{r.name}）在此处运行出错，结果不完整：{type(err).__name__}: {err}",
                file=doc.path if doc else "", line=loc.line if loc else None,
                coordinates=doc.locate(loc) if doc is not None and loc is not None else None,
                project=getattr(getattr(ctx, "project", None), "name", None),
                hint="这是 perflint 或该规则包的缺陷，请连同文件报告给维护者",
                message_en=f"Rule {r.code} ({r.name}) failed here; results are incomplete: {type(err).__name__}: {err}",
                hint_en="This is a defect in perflint or the rule pack; please report it with the file")


# ---- finding and loading packs ----------------------------------------------------------------

@dataclass
class PackLoad:
    rules: list[Rule] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _rules_in(module: types.ModuleType, pack: str) -> list[Rule]:
    return [dataclasses.replace(v, pack=pack) for v in vars(module).values() if isinstance(v, Rule)]


def _walk_package(package: types.ModuleType, pack: str, load: PackLoad) -> None:
    load.rules.extend(_rules_in(package, pack))
    for info in pkgutil.walk_packages(getattr(package, "__path__", []), package.__name__ + "."):
        try:
            module = importlib.import_module(info.name)
        except Exception as err:  # a broken module of a pack is a warning, not a dead run
            load.warnings.append(f"规则包“{pack}”中的模块 {info.name} 无法加载（{type(err).__name__}: {err}），已跳过")
            continue
        load.rules.extend(_rules_in(module, pack))


def _load_folder(folder: Path, load: PackLoad) -> None:
    if not folder.is_dir():
        load.warnings.append(f"配置的规则目录不存在：{folder}")
        return
    for path in sorted(folder.rglob("*.py")):
        name = "perflint_local_" + "_".join(path.relative_to(folder).with_suffix("").parts)
        try:
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        except Exception as err:
            load.warnings.append(f"本地规则文件 {path} 无法加载（{type(err).__name__}: {err}），已跳过")
            continue
        load.rules.extend(_rules_in(module, str(folder)))


def load_packs(rule_paths: Iterable[str | Path] = ()) -> PackLoad:
    """Every rule of every installed pack and of the configured folders.

    A pack that fails to import is a warning. A second rule with a code already taken is
    refused (with a warning naming both), so a pack can never silently replace another's rule.
    """
    load = PackLoad()
    for ep in sorted(entry_points(group="perflint.rules"), key=lambda e: (e.name != "builtin", e.name)):
        try:
            package = ep.load()
        except Exception as err:
            load.warnings.append(f"规则包“{ep.name}”无法加载（{type(err).__name__}: {err}），已跳过")
            continue
        _walk_package(package, ep.name, load)
    for folder in rule_paths:
        _load_folder(Path(folder), load)
    seen: dict[str, Rule] = {}
    unique = []
    for r in load.rules:
        if r.code in seen:
            if seen[r.code].check is not r.check:
                load.warnings.append(
                    f"规则代码 {r.code} 重复：{r.pack} 中的 {r.name} 与 {seen[r.code].pack} 中的 "
                    f"{seen[r.code].name} 冲突，已拒绝加载后者")
            continue
        seen[r.code] = r
        unique.append(r)
    load.rules = sorted(unique, key=lambda r: r.code)
    return load


# ---- selecting rules ---------------------------------------------------------------------------

class SelectorError(ValueError):
    pass


def matches(selector: str, r: Rule) -> bool:
    s = selector.strip()
    return (s.upper() == "ALL" or r.code.startswith(s.upper()) or s == r.category or s == r.name)


def check_selectors(selectors: Iterable[str], rules: list[Rule]) -> None:
    unknown = [s for s in selectors if not any(matches(s, r) for r in rules)]
    if unknown:
        raise SelectorError("未知的规则代码、前缀、名称或类别：" + "、".join(unknown)
                            + "（perflint rules 可列出全部规则）")


def select(rules: list[Rule], select_: list[str] | None, extend: list[str], ignore: list[str]) -> list[Rule]:
    """ruff-style selection: ``select`` replaces the default set, ``extend`` adds, ``ignore`` removes."""
    check_selectors([*(select_ or []), *extend, *ignore], rules)
    if select_:
        chosen = [r for r in rules if any(matches(s, r) for s in select_)]
    else:
        chosen = [r for r in rules if r.default]
    chosen += [r for r in rules if r not in chosen and any(matches(s, r) for s in extend)]
    return sorted((r for r in chosen if not any(matches(s, r) for s in ignore)), key=lambda r: r.code)


# ---- options ------------------------------------------------------------------------------------

class OptionError(ValueError):
    pass


def build_options(r: Rule, given: dict[str, Any]) -> Any:
    """The rule's options dataclass with ``given`` (kebab- or snake-case keys) applied and checked."""
    if r.options is None:
        if given:
            raise OptionError(f"规则 {r.code} 没有可配置的选项，却配置了：{', '.join(given)}")
        return None
    fields = {f.name: f for f in dataclasses.fields(r.options)}
    values = {}
    for key, value in given.items():
        name = key.replace("-", "_")
        if name not in fields:
            raise OptionError(f"规则 {r.code} 没有选项“{key}”（可用：{', '.join(k.replace('_', '-') for k in fields)}）")
        default = getattr(r.options(), name)
        values[name] = _coerce(r.code, key, value, default)
    return r.options(**values)


def _coerce(code: str, key: str, value: Any, default: Any) -> Any:
    from decimal import Decimal, InvalidOperation

    try:
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(default, Decimal):
            return Decimal(str(value))
        if isinstance(default, int):
            if isinstance(value, bool) or int(value) != value:
                raise TypeError
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            if not isinstance(value, (list, tuple)):
                raise TypeError
            return tuple(value)
        if isinstance(default, str):
            if not isinstance(value, str):
                raise TypeError
            return value
    except (TypeError, ValueError, InvalidOperation):
        raise OptionError(f"规则 {code} 的选项“{key}”取值 {value!r} 类型不对（应与默认值 {default!r} 同类）") from None
    return value
