"""One run of perflint: files → models → rules → a Report. Also the Python API (``perflint.check``)."""
from __future__ import annotations

import dataclasses
import gc
import itertools
import operator
import os
import pickle
import re
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import config as config_module
from . import vocabulary
from .cache import CorpusWriter
from .config import ConfigError, Settings
from .documents import extract_parts, over_limit
from .engine import (
    Corpus,
    Finding,
    OptionError,
    Rule,
    RuleContext,
    SelectorError,
    build_options,
    failure,
    load_packs,
    matches,
    select,
)
from .files import collect, shown_name
from .findings import as_rows, finish, from_rows, join, report_order
from .limits import LimitExceeded, OverBudget, budget
from .model import Document, Indicator, Project
from .readers import supported_suffixes
from .report import FileResult, Report
from .spool import Allowance, Buckets, Spool, frames, frames_to_file, from_file, to_file

if TYPE_CHECKING:
    from .pool import LocalPool

Progress = Callable[[int, int, str], None]


class UsageError(ValueError):
    """A bad path or option; the CLI prints it and exits with 2."""


def resolve_settings(config: Settings | dict | str | os.PathLike | None, **overrides: Any) -> Settings:
    """Settings from a Settings object, a TOML-like dict, a file path, or (None) the file found by
    walking up from the working directory; keyword overrides (CLI options) win."""
    if isinstance(config, Settings):
        settings = dataclasses.replace(config)       # the caller's stays as it was
    elif isinstance(config, dict):
        settings = config_module.from_mapping(config)
    else:
        settings = config_module.load(config)
    for key, value in overrides.items():
        if value is None or value == () or value == []:
            continue
        if key in ("extend_select", "ignore", "include", "exclude"):
            setattr(settings, key, [*getattr(settings, key), *value])
        elif key == "severity":
            settings.severity = {**settings.severity, **value}
        elif key == "select":
            settings.select = list(value)
        else:
            setattr(settings, key, value)
    return settings


def prepare_rules(settings: Settings) -> tuple[list[Rule], dict[str, Any], list[str]]:
    """The selected rules, their options, and warnings from loading packs (and the
    configuration's extra vocabulary put in force, here and in worker processes alike)."""
    vocabulary.extend(settings.vocabulary, settings.source or "配置")
    loaded = load_packs(settings.rule_paths)
    try:
        rules = select(loaded.rules, settings.select, settings.extend_select, settings.ignore)
    except SelectorError as err:
        raise ConfigError(str(err)) from None
    options = {}
    for r in loaded.rules:
        given = {**settings.rules.get(r.name, {}), **settings.rules.get(r.code, {})}
        try:
            options[r.code] = build_options(r, given)
        except OptionError as err:
            raise ConfigError(str(err)) from None
    known = {r.code for r in loaded.rules} | {r.name for r in loaded.rules}
    stray = [k for k in settings.rules if k not in known]
    if stray:
        raise ConfigError(f"配置了不存在的规则选项：{'、'.join(stray)}")
    for selector in settings.severity:
        if not any(matches(selector, r) for r in loaded.rules):
            raise ConfigError(f"[severity] 中的“{selector}”不是已知的规则代码、前缀、名称或类别")
    return rules, options, loaded.warnings


def check(paths: Iterable[str | os.PathLike], config: Settings | dict | str | os.PathLike | None = None,
          *, progress: Progress | None = None, jobs: int = 1, names: dict[str, str] | None = None,
          cache: bool = False, executor: str = "local", scheduler: str | None = None,
          shard: tuple[int, int] | None = None, models: bool = False, **overrides: Any) -> Report:
    """Check files and directories; the returned Report's ``to_json()`` is the public contract.

    ``config`` is a Settings, a dict shaped like ``[tool.perflint]``, a path to a config file,
    or None: then each file's nearest configuration (looking up from its folder) holds for it,
    and the one found from the working directory for the run as a whole (its language, its
    fail level, the cross-document checks). ``names`` shows a file under another name (a
    document read from standard input). ``cache``: take unchanged files' results from the
    result cache and store new ones (see perflint/cache.py). ``executor="dask"`` reads and
    checks the files on dask.distributed workers — a local cluster of ``jobs`` workers, or the
    cluster at ``scheduler`` — and does the cross-document checks here: the report is the same
    as a one-process run's. ``shard=(k, n)`` checks only the k-th of n parts of the files and
    returns a :class:`Part` for :func:`merge` instead of a Report. ``models``: the Report keeps
    every file's whole model in ``models`` (for a caller that draws the tables, as the web page
    does, without reading the files again). Keyword overrides
    use the option names of the command line (``select=["PF1"]``, ``fail_on="warning"``…).
    ``jobs`` files are read and checked at once in worker processes (0: one per CPU); the
    report is the same whatever the number.
    """
    with _few_collections():
        return _check(paths, config, progress, jobs, overrides, names, cache, executor, scheduler, shard, models)


#: the garbage collector's thresholds while a run goes on (see _few_collections). The first is
#: above what one file's checks make and let go of: a collection in the middle of every file walks
#: that file's model, and at 50,000 objects that was 5.6 s of an 87 s run of 50,007 tables (at
#: 200,000: 1.5 s, the same peak memory)
FEW_COLLECTIONS = (200_000, 20, 100)


@contextmanager
def _few_collections():
    """A run makes a few hundred thousand small objects (findings, what the cross-document rules
    collect) that live as long as the run. With Python's default
    thresholds the collector walks that growing heap again and again (about 12% of a 10,000-table
    run); collecting less often costs a little memory and nothing else. Restored afterwards, so
    a long-lived caller (the web page) keeps its own settings (the command line, one run to its
    end, keeps these: restoring walks the run's young objects once more, the whole report)."""
    before = gc.get_threshold()
    gc.set_threshold(*FEW_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def long_lived():
    """Objects alive when the block starts live to its end: the collector leaves them alone
    meanwhile (a run's files' results while the cross-document checks run, its report while it is
    written), rather than walk them again and again. What the block makes is mostly what the run
    keeps too (findings, the items compared): the collector is off meanwhile (each of its walks
    over 200,000 young findings took 27–85 ms and found nothing), and at the end the block's
    objects join the old ones without a walk (a few cycles made meanwhile wait for the next full
    collection). Nothing is done when the caller keeps objects frozen itself: unfreezing
    afterwards would let its own go too."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()         # (the block's objects too: the young generation is left empty)
        gc.unfreeze()
        if enabled:
            gc.enable()


class Plan(NamedTuple):
    """What checking one file takes: its settings (its nearest configuration with the command
    line's options on top), the rules they select by target, and the rules' options."""

    settings: Settings
    rules: list[Rule]
    by_target: dict[str, list[Rule]]
    options: dict[str, Any]


class Plans:
    """The plan for each file. ``discover``: each file's nearest perflint.toml or pyproject.toml
    [tool.perflint] — looking up from the file's own folder — holds for it (as ruff and sqlfluff
    do); a file with none above it takes the run's own. Without ``discover`` (a configuration
    given, or none wanted), the run's own holds for every file."""

    def __init__(self, root: Settings, overrides: dict[str, Any], discover: bool, cache: bool = False):
        from .cache import Cache

        self.root, self.overrides, self.discover = root, overrides, discover
        self.cache = Cache() if cache and not os.environ.get("PERFLINT_NO_CACHE") else None
        rules, options, self.warnings = prepare_rules(root)
        self.own = Plan(root, rules, _by_target(rules), options)
        self._by_source: dict[str | None, Plan] = {root.source: self.own}
        self._source_of_folder: dict[str, str | None] = {}

    def source_of(self, path: str) -> str | None:
        if not self.discover:
            return self.root.source
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._source_of_folder:
            found = config_module.find_config(folder)
            self._source_of_folder[folder] = str(found) if found else self.root.source
        return self._source_of_folder[folder]

    def of(self, path: str) -> Plan:
        return self.of_source(self.source_of(path))

    def of_source(self, source: str | None) -> Plan:
        """The plan of the configuration in file ``source`` (None: none found, the run's own)."""
        plan = self._by_source.get(source)
        if plan is None:
            settings = resolve_settings(source, **self.overrides)
            rules, options, warnings = prepare_rules(settings)
            self.warnings += [w for w in warnings if w not in self.warnings]
            plan = self._by_source[source] = Plan(settings, rules, _by_target(rules), options)
        return plan

    def plans(self) -> list[Plan]:
        """Every plan made so far: the run's own, and one per configuration found."""
        return list(self._by_source.values())

    @property
    def sources(self) -> list[str | None]:
        """The configurations of the plans made so far, in the order they were found."""
        return list(self._by_source)

    @property
    def all_rules(self) -> list[Rule]:
        return self.rules_of(self.sources)

    def rules_of(self, sources: list[str | None]) -> list[Rule]:
        """Every rule of these configurations' plans (a worker process makes those it has not
        met yet: it must finish findings with the rules the run as a whole has)."""
        seen = {}
        for source in sources:
            seen.update((r.code, r) for r in self.of_source(source).rules)
        return list(seen.values())


def _check(paths, config, progress: Progress | None, jobs: int, overrides: dict[str, Any],
           names: dict[str, str] | None = None, cache: bool = False, executor: str = "local",
           scheduler: str | None = None, shard: tuple[int, int] | None = None, models: bool = False):
    discover = config is None
    settings = resolve_settings(config, **overrides)
    plans = Plans(settings, overrides, discover, cache)
    selection = select_files(paths, settings)
    keep = models       # each file's whole model, for a caller that draws the tables
    named = [(path, (names or {}).get(path) or shown_name(path)) for path in selection.files]
    if shard is not None:            # this part's files: every n-th, from the k-th
        k, n = shard
        named = [item for index, item in enumerate(named) if index % n == k - 1]
    total = len(named)
    jobs = min(jobs if jobs > 0 else (os.cpu_count() or 1), max(total, 1))
    local = None        # a pool of this machine's processes, which the cross-document work uses too
    if executor == "dask":
        from .distributed import dask_map

        pool, checked = dask_map(named, (settings, overrides, discover, keep, cache), jobs, scheduler)
    elif jobs > 1:
        from .pool import LocalPool  # (a one-job run does without it)

        pool = local = LocalPool(jobs, _start_worker, (settings, overrides, discover, keep, cache), _check_in_worker)
        checked = map(_received, pool.outcomes(named, lambda path, name: _sent(_not_checked(path, name, plans))))
    else:
        pool, checked = None, (_checked(path, name, plans, keep) for path, name in named)
    skipped = {why: tuple(map(shown_name, paths)) for why, paths in selection.skipped.items()}

    def outcomes():
        for n, ((path, name), outcome) in enumerate(zip(named, checked, strict=True), 1):
            yield name, plans.of(path).settings, outcome
            if progress:
                progress(n, total, name)

    try:
        if shard is not None:
            return Part(shard, settings, overrides, discover, list(outcomes()), skipped, plans.warnings)
        # taking each outcome as it comes; a local pool's workers, free by then, do the
        # cross-document work but its first piece beside it
        return _reduce(plans, outcomes(), skipped, models, local, jobs)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


@dataclasses.dataclass
class Part:
    """One part of a run split across machines (``--shard K/N``): every file's outcome of the
    part, with what the merge needs to finish the run as one (``perflint merge``)."""

    shard: tuple[int, int]
    settings: Settings
    overrides: dict[str, Any]
    discover: bool
    outcomes: list                         # (shown name, its settings, its outcome) per file
    skipped: dict[str, tuple[str, ...]]
    warnings: list[str]
    version: str = ""

    def __post_init__(self):
        from . import __version__

        self.version = self.version or __version__


def merge(parts: list[Part]) -> Report:
    """The run the parts make together: their files in the order one run would take them, then
    the cross-document checks and the report — the same report as one run over all files."""
    from . import __version__

    if not parts:
        raise UsageError("没有可合并的部分")
    first = parts[0]
    shards = sorted(p.shard for p in parts)
    n = first.shard[1]
    problems = [p for p in parts if p.version != __version__ or p.shard[1] != n
                or p.settings.identity() != first.settings.identity()]
    if problems:
        raise UsageError("这些部分不是同一次检查的（perflint 版本、配置或分片总数不同），不能合并")
    if shards != [(k, n) for k in range(1, n + 1)]:
        missing = sorted(set(range(1, n + 1)) - {k for k, _ in shards})
        raise UsageError(f"缺少第 {'、'.join(map(str, missing))} 部分（共 {n} 部分）" if missing else "有重复的部分")
    # the k-th part holds files k, k+n, k+2n… of the run: interleave them back
    ordered = []
    columns = [p.outcomes for p in sorted(parts, key=lambda p: p.shard)]
    for row in range(max(len(c) for c in columns)):
        ordered += [c[row] for c in columns if row < len(c)]
    plans = Plans(first.settings, first.overrides, first.discover)
    skipped: dict[str, tuple[str, ...]] = {}
    for p in parts:
        for why, names in p.skipped.items():
            skipped[why] = tuple(dict.fromkeys((*skipped.get(why, ()), *names)))
    return _reduce(plans, ordered, skipped)


def _reduce(plans: Plans, outcomes: Iterable[tuple], skipped: dict[str, tuple[str, ...]],
            models: bool = False, pool: LocalPool | None = None, jobs: int = 1) -> Report:
    """The run's report from its files' outcomes, taken as they come: each file's findings
    (finished where it was checked) and what it collected for the cross-document rules; then
    those rules, their findings finished file by file and joined with the file's own, in order.
    Findings wait on disk when there are many (see perflint/spool.py), so memory stays flat."""
    settings = plans.root
    corpus_rules = plans.own.by_target.get("Corpus", [])
    report = Report(rules=plans.own.rules, warnings=list(plans.warnings), settings=settings, skipped=skipped)
    collected: dict[str, list] = {r.code: [] for r in corpus_rules}
    if models:
        report.models = []
    settings_by_name: dict[str, Settings] = {}
    texts: dict[str, str] = {}      # one copy of each text the collected items repeat
    allowance = Allowance()         # the findings all three may hold in memory together
    # (the cross-document findings share their texts in large part already: those are shared
    # again only once memory is crowded, see Buckets and _run_corpus_rules)
    own, across, out = Buckets(allowance), Buckets(allowance, share=None), Spool(allowance)
    writer = None
    try:
        # files checked in a local pool's workers: what comes back here is kept, and makes no
        # cycles — the collector's walks over it (70 ms each at 10,000 tables) would only hold up
        # the workers waiting for their next file
        with long_lived() if pool is not None else nullcontext():
            for name, file_settings, (result, found, features, notes, model) in outcomes:
                settings_by_name[name] = file_settings
                report.files.append(result)
                report.warnings.extend(notes)
                for file, of_file in itertools.groupby(found, key=_file_of):      # finished: by file
                    own.add(file, of_file)
                for code, packed in (features or {}).items():
                    if code in collected:
                        collected[code].append(packed)
                if models and model is not None:
                    report.models.append(model)
        # what the files left (the report so far, the items collected, the findings waiting)
        # lives to the end of the run
        with long_lived():
            # an unchanged folder's cross-document findings come from the cache, finished; the rules
            # run otherwise (and what they find is kept once finished)
            entry = plans.cache.corpus_entry(plans, collected, settings_by_name) \
                if plans.cache is not None and corpus_rules else None
            kept = _kept_findings(plans.cache.corpus_findings(entry), allowance) if entry is not None else None
            if kept is not None:
                across.close()
                across = kept
                collected.clear()
            else:
                # the files whose configuration is not the run's own, for finishing their findings
                elsewhere = {name: s for name, s in settings_by_name.items() if s is not settings}
                _run_corpus_rules(corpus_rules, plans, collected, texts, across, pool, jobs, elsewhere)
            writer = CorpusWriter(entry) if entry is not None and kept is None else None
            all_rules = plans.all_rules
            for file in sorted(own.files() | across.files()):     # the report's order is by file first
                more = across.take(file)
                if not more:   # the file's own, as they are (those on disk stay there)
                    own.hand_over(file, out)
                    continue
                # each rule's findings were finished apart; the join orders them. Those the cache
                # keeps are kept in order (as one finish of them all gives: equal places have one
                # code, and one rule's keep their order)
                if writer is not None:
                    more.sort(key=report_order)
                    writer.add(more)
                out.extend(join(own.take(file), more, all_rules, matches=matches))
            if writer is not None:
                writer.commit()
                writer = None
    finally:
        own.close()
        across.close()
        if writer is not None:
            writer.abort()
    report.findings = out.finished()
    return report


ItemsPart = tuple[int, int]      # (k, n): the k-th of n parts of a cross-document rule's items (from 0)
WHOLE: ItemsPart = (0, 1)

#: what a cross-document rule's items take, pickled, beyond which a run without worker processes
#: takes them a part at a time (when the rule says how they part): PF501's are 8 MB at 10,000
#: tables, and half as much again once read; at 50,000 tables, held whole, they were the run's
#: peak memory (293 MiB; 268 in three parts)
PART_BYTES = 16 << 20
#: the most parts taken one after another: each part reads all the items (and keeps its own), so
#: more parts would make the reading grow faster than the items do
MOST_PARTS = 4


def _parts(r: Rule, collected: list[bytes], pool: bool, jobs: int) -> int:
    """How many parts a cross-document rule's items are taken in: one, unless the rule says how
    they part (``partition_by``) — then one per worker of a local ``pool``, or, in a run without,
    enough to hold at most about PART_BYTES of them at once (up to MOST_PARTS)."""
    if r.partition_by is None:
        return 1
    if pool:
        return jobs
    return min(MOST_PARTS, max(1, -(-sum(map(len, collected)) // PART_BYTES)))


#: what the files collected for one cross-document rule: their pickled lists, or the file they were
#: stored in for worker processes to read (see _stored)
Collected = list[bytes] | str


def _corpus_findings(r: Rule, plans: Plans, packed: Collected, texts: dict[str, str],
                     part: ItemsPart = WHOLE) -> Iterable[Finding]:
    """A cross-document rule's findings over what the files collected for it (or over one
    ``part`` of it, from the file they were stored in), one at a time."""
    if part == WHOLE:
        corpus = Corpus(tuple(_interned(item, texts) for item in _unpacked(packed)))
    else:
        corpus = Corpus(tuple(_items_of_part(r, packed, part, texts)))
    ctx = RuleContext(r, plans.own.options[r.code], plans.root, corpus=corpus)
    # the English texts are what --lang en shows; in a Chinese run they only take room
    ctx._english = plans.root.lang == "en"
    yield from _findings_of(r, corpus, ctx)


def _items_of_part(r: Rule, stored: str, part: ItemsPart, texts: dict[str, str]) -> list:
    """The items of one part of a rule's corpus (from the file they were stored in), by a stable
    hash of their keys (not hash(): it differs from process to process), each text in them kept
    once (see _interned) as they are read."""
    k, n = part
    key_of = r.partition_by
    part_of: dict = {}      # each key's part, worked out once (rows copied from a template share keys)

    def here(item) -> bool:
        key = key_of(item)
        at = part_of.get(key)
        if at is None:
            at = part_of[key] = zlib.crc32(repr(key).encode()) % n
        return at == k

    try:
        return [_interned(item, texts) for item in _unpacked(stored) if here(item)]
    except Exception:
        # a key that cannot be had (or hashed: a list): the first part is the whole rule, as in a
        # run of one job
        return [_interned(item, texts) for item in _unpacked(stored)] if k == 0 else []


def _corpus_finished(r: Rule, plans: Plans, packed: Collected, texts: dict[str, str],
                     elsewhere: dict[str, Settings], sources: list[str | None],
                     allowance: Allowance, part: ItemsPart = WHOLE) -> Iterator[Finding]:
    """A cross-document rule's findings (of one ``part`` of its items) finished file by file, as
    each file's own were (with the ignores and severities of its configuration: the run's own
    unless named in ``elsewhere``), in the order of the files. One rule's findings are finished
    apart from another's, and one part's from another's: finishing works within a rule and a
    cause but for covering, and the join covers (see findings.join)."""
    by_file = Buckets(allowance, share=False)
    try:
        for file, of_file in itertools.groupby(_corpus_findings(r, plans, packed, texts, part), key=_file_of):
            by_file.add(file, of_file)
        rules = plans.rules_of(sources)
        for file in sorted(by_file.files()):
            file_settings = elsewhere.get(file, plans.root)
            yield from finish(by_file.take(file), rules, ignored_here=file_settings.ignored_here,
                              severity=file_settings.severity, lang=plans.root.lang, matches=matches,
                              compact=True)
    finally:
        by_file.close()


def _run_corpus_rules(corpus_rules: list[Rule], plans: Plans, collected: dict[str, list], texts: dict[str, str],
                      across: Buckets, pool: LocalPool | None, jobs: int,
                      elsewhere: dict[str, Settings]) -> None:
    """Each cross-document rule over what the files collected, its findings finished and added to
    ``across`` by file. With a local pool, what was collected goes to temporary files (read from
    there by the workers, and no longer held here), the first piece of work is done here and the
    others in the workers meanwhile; a rule that declares how its items part (``partition_by``)
    is then split in as many parts as there are workers. Without one, such a rule's items, when
    many, are stored so too and taken a part at a time (see PART_BYTES)."""
    sources = plans.sources
    parts = {r.code: _parts(r, collected[r.code], pool is not None, jobs) for r in corpus_rules}
    with ExitStack() as stack:
        stored: dict[str, str] = {}
        if pool is not None or max(parts.values(), default=1) > 1:
            try:            # with no room on disk, all runs here, whole
                folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="perflint-"))
                stored = {r.code: _stored(collected[r.code], folder) for r in corpus_rules}
                collected.clear()
            except OSError:
                stored = {}
        work = [(r, (k, n)) for r in corpus_rules for n in [parts[r.code] if stored else 1] for k in range(n)]
        away = {(r.code, part): pool.submit(_corpus_in_worker, r.code, stored[r.code], folder, elsewhere,
                                            sources, part) for r, part in work[1:]} if pool is not None and stored else {}
        for r, part in work:
            found = None
            if (r.code, part) in away:
                try:
                    found = from_file(away.pop((r.code, part)).result())
                except Exception:   # the worker is gone (killed, out of memory): run it here
                    pass
            if found is None:
                found = _corpus_finished(r, plans, stored.get(r.code) or collected.pop(r.code), texts, elsewhere,
                                         sources, across.allowance, part)
            # shared only once memory is crowded: findings made here share their texts already,
            # as the items they were made of do; a worker's share them within each chunk it wrote
            # (marshal writes an object met again as a reference). Sharing those again here was
            # the last step of the cross-document work, with the workers done: 0.04–0.06 s of 6
            # at 10,000 tables, for 5 MB (8 MB at 50,000)
            for file, of_file in itertools.groupby(found, key=_file_of):
                across.add(file, of_file)


def _stored(packed: list[bytes], folder: str) -> str:
    """The files' pickled collections for one rule, in a temporary file in ``folder`` (read by
    :func:`_unpacked`, as often as wanted)."""
    return frames_to_file(packed, folder, ".items")


def _kept_findings(kept: Iterable[Finding] | None, allowance: Allowance) -> Buckets | None:
    """The cached cross-document findings by file; None when there are none or the entry fails
    part way (damaged on disk: the rules run instead)."""
    if kept is None:
        return None
    # (shared: held unshared, those of 20,000 tables made the re-check spill, 2 → 4 s)
    found = Buckets(allowance)
    try:
        for file, of_file in itertools.groupby(kept, key=_file_of):
            found.add(file, of_file)
        return found
    except Exception:
        found.close()
        found.clear()
        return None


def _corpus_in_worker(code: str, stored: str, folder: str, elsewhere: dict[str, Settings],
                      sources: list[str | None], part: ItemsPart = WHOLE) -> str:
    """A cross-document rule (or a part of it) run in a worker process, beside the others, over
    the items stored in file ``stored``: the file in ``folder`` its findings, finished, were
    written to (see spool.to_file)."""
    plans = _worker["plans"]
    r = next(r for r in plans.own.by_target["Corpus"] if r.code == code)
    with long_lived():      # the items and the findings, which live to the end of the piece
        return to_file(_corpus_finished(r, plans, stored, {}, elsewhere, sources, Allowance(), part), folder)


def _interned(item: Any, texts: dict[str, str]) -> Any:
    """``item`` with each text in it (in tuples, named tuples included) replaced by the one copy
    of it the run keeps: tables copied from one template collect the same names and values
    thousands of times, and each copy came apart from the others through a worker's pickle."""
    if type(item) is str:
        return texts.setdefault(item, item)
    if not isinstance(item, tuple):
        return item
    parts = [texts.setdefault(p, p) if type(p) is str else (_interned(p, texts) if isinstance(p, tuple) else p)
             for p in item]
    return tuple(parts) if type(item) is tuple else tuple.__new__(type(item), parts)


#: a finding's file (read in C: every finding of a run is grouped by its file, some twice)
_file_of: Callable[[Finding], str] = operator.attrgetter("location.file")


def _findings_of(r: Rule, corpus: Corpus, ctx: RuleContext) -> Iterable[Finding]:
    """A cross-document rule's findings, one at a time (there may be hundreds of thousands);
    a rule that raises adds its failure finding (those before it stand)."""
    try:
        yield from r.check(corpus, ctx) or ()
    except Exception as err:    # MemoryError too: no file's budget to charge it to
        yield failure(r, corpus, ctx, None, err)


def select_files(paths: Iterable[str | os.PathLike], settings: Settings):
    """The files a run covers (see perflint/files.py); a usage error when a path does not exist
    or when nothing is left to check, saying why."""
    given = [str(p) for p in paths]
    selection = collect(given, supported_suffixes(), tuple(settings.include), tuple(settings.exclude),
                        default_exclude=tuple(settings.default_exclude),
                        respect_gitignore=settings.respect_gitignore)
    if selection.missing:
        raise UsageError("路径不存在：" + "、".join(selection.missing))
    if not selection.files:
        raise UsageError(f"没有可检查的文件：{'、'.join(given)} 中{_nothing_because(selection)}")
    return selection


def _nothing_because(selection) -> str:
    skipped = selection.skipped
    if not skipped:
        return "没有文件"
    parts = []
    if skipped.get("unsupported"):
        kinds = sorted({os.path.splitext(p)[1].lower() or "（无扩展名）" for p in skipped["unsupported"]})
        parts.append(f"{len(skipped['unsupported'])} 个文件的格式不受支持（{'、'.join(kinds[:6])}；"
                     f"支持 {'、'.join(supported_suffixes())}）")
    if skipped.get("lock"):
        parts.append(f"{len(skipped['lock'])} 个 Office 临时锁定文件（~$ 开头）")
    if skipped.get("excluded"):
        parts.append(f"{len(skipped['excluded'])} 个文件被排除规则跳过（exclude、default-exclude 或 .gitignore）")
    return "只有" + "，".join(parts)


def _by_target(rules: list[Rule]) -> dict[str, list[Rule]]:
    by_target: dict[str, list[Rule]] = {}
    for r in rules:
        by_target.setdefault(r.target_name, []).append(r)
    return by_target


def _check_path(path: str, name: str, plan: Plan, keep: bool, corpus: Plan | None = None) -> tuple:
    """One file (shown as ``name``): its result, its findings, what it gives each cross-document
    rule of ``corpus`` (the run's plan, when it has any), notes for the report's warnings, and its
    whole model when ``keep`` (else None)."""
    result, kept, notes, findings = None, None, [], []
    features: dict[str, list] | None = None
    settings, by_target, options = plan.settings, plan.by_target, plan.options
    parts = extract_parts(path, settings.budget_year, settings.limits, name)   # one, unless huge
    stopped = False
    for part in itertools.count():
        try:
            with budget(settings.limits):
                doc = next(parts, None)
                if doc is None:
                    break
                found = _check_document(doc, by_target, options, settings)
        except (OverBudget, LimitExceeded, MemoryError) as err:
            # the file's work so far is dropped, and the file is reported as not checked
            parts.close()
            if isinstance(err, MemoryError):
                mb = settings.limits.memory_mb
                message = f"读取和检查此文件时内存达到上限（[limits] memory-mb 为 {mb} MB），已停止；此文件未检查"
                message_en = (f"Reading and checking this file reached the memory cap ([limits] memory-mb is "
                              f"{mb} MB); stopped, the file was not checked")
            else:
                message, message_en = str(err), err.message_en
            doc, stopped = over_limit(name, message, message_en), True
            found = _check_document(doc, by_target, options, settings)
        result = _merge(result, _file_result(doc))
        if stopped:
            findings.extend(found)
            features = kept = None      # what was collected from a file not checked is dropped too
            break
        kept = doc if keep and part == 0 else None   # a file read in parts is never held whole
        if corpus is not None:
            features = _collect(doc, corpus, features or {}, findings)
        findings.extend(found)
    return result, findings, features, notes, kept


def _collect(doc: Document, corpus: Plan, features: dict[str, list], findings: list[Finding]) -> dict[str, list]:
    """What ``doc`` gives each cross-document rule (added to ``features``); a ``collect`` that
    raises becomes the rule's failure finding, and its items are left out."""
    for r in corpus.by_target["Corpus"]:
        ctx = RuleContext(r, corpus.options[r.code], corpus.settings, document=doc)
        try:
            features.setdefault(r.code, []).extend(r.collect(doc, ctx) or ())
        except MemoryError:
            raise
        except Exception as err:
            findings.append(failure(r, doc, ctx, doc, err))
    return features


_worker: dict[str, Any] = {}


def _start_worker(settings: Settings, overrides: dict[str, Any], discover: bool, keep: bool,
                  cache: bool = False) -> None:
    """A worker process loads the rules itself (rule files from rule-paths cannot be pickled).
    Ctrl-C is the parent's to handle (it stops the pool and exits 130); a worker that took it
    too would print a traceback of its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(*FEW_COLLECTIONS)       # a forked worker has them already, a spawned one not
    _worker.update(plans=Plans(settings, overrides, discover, cache), keep=keep)


def _not_checked(path: str, name: str, plans: Plans) -> tuple:
    """The outcome of a file whose checking process died (killed by the system when memory ran
    out, or a crash in a reader's native code), where the run goes on: not checked (PF001)."""
    plan = plans.of(path)
    doc = over_limit(name, "检查此文件的工作进程意外退出，此文件未检查（常见原因：内存耗尽被系统终止，或读取库在此文件上崩溃）",
                     "The worker process checking this file stopped unexpectedly; the file was not checked "
                     "(commonly: the system killed it when memory ran out, or a reading library crashed on "
                     "this file)", code="worker-died")
    found = _check_document(doc, plan.by_target, plan.options, plan.settings)
    return _finished((_file_result(doc), found, None, [], None), plan, plans)


def _check_in_worker(named: tuple[str, str]):
    path, name = named
    return _sent(_checked(path, name, _worker["plans"], _worker["keep"]))


def _sent(outcome: tuple) -> tuple:
    """A file's outcome as a worker process sends it: its findings as plain tuples, which pickle
    in half the time the named tuples take (every finding of a run is sent once; reading them
    back costs the same either way). :func:`_received` makes them findings again."""
    result, found, features, notes, model = outcome
    return result, as_rows(found), features, notes, model


def _received(outcome: tuple) -> tuple:
    result, rows, features, notes, model = outcome
    return result, from_rows(rows), features, notes, model


def _checked(path: str, name: str, plans: Plans, keep: bool):
    """One file's outcome (see _check_path), from the result cache when the file is unchanged
    (the cache keeps no model: a whole one is always read)."""
    plan = plans.of(path)
    corpus = plans.own if plans.own.by_target.get("Corpus") else None
    if plans.cache is None or keep:
        return _finished(_check_path(path, name, plan, keep, corpus), plan, plans)
    found, entry = plans.cache.get(path, name, plan, corpus, plans.root.lang)
    if found is not None:
        return found
    outcome = _finished(_check_path(path, name, plan, keep, corpus), plan, plans)
    plans.cache.put(entry, outcome)
    return outcome


def _finished(outcome: tuple, plan: Plan, plans: Plans) -> tuple:
    """The outcome with the file's findings finished (see findings.finish) and compacted, where
    the file was checked: the reduce then only finishes the cross-document findings and joins."""
    result, found, features, notes, model = outcome
    rules = [*plan.rules, *plans.own.by_target.get("Corpus", ())]
    settings = plan.settings
    found = finish(found, rules, ignored_here=settings.ignored_here, severity=settings.severity,
                   lang=plans.root.lang, matches=matches, compact=True)
    # what the file collected, pickled here: bytes travel and wait for the reduce for a fraction
    # of the memory of the objects (which would also be strewn among the run's other objects)
    packed = {code: pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
              for code, items in features.items()} if features else features
    return result, found, packed, notes, model


def _unpacked(packed: Collected) -> Iterable[Any]:
    """Every item of the files' pickled collections, in order: from their list, freeing each as
    it goes, or from the file they were stored in (see _stored)."""
    if isinstance(packed, str):
        for data in frames(packed):
            yield from pickle.loads(data)
        return
    packed.reverse()
    while packed:
        yield from pickle.loads(packed.pop())


def _merge(first: FileResult | None, part: FileResult) -> FileResult:
    """One file's result from the results of its parts (a large file is checked in parts)."""
    if first is None:
        return part
    first.projects += part.projects
    first.units += part.units
    first.error = first.error or part.error
    return first


def _file_result(doc: Document) -> FileResult:
    errors = [p.message for p in doc.problems if p.category == "input"]
    return FileResult(doc.path, doc.layout, len(doc.projects), errors[0] if errors else None,
                      doc.encoding, doc.budget_year, [(p.name or "", *units_of(p)) for p in doc.projects])


# a unit code printed before or after the name: 316001魏县…, 303002-自治区…, (433)乌海市…, …局 308001
_UNIT_CODE = re.compile(r"^\s*[(（\[【]?[\dA-Za-z]{3,}[)）\]】]?\s*[-－_—:：]?\s*(?=[\u4e00-\u9fff])"
                        r"|(?<=[\u4e00-\u9fff)）])\s+[\dA-Za-z]{3,}\s*$")


def units_of(project: Project) -> tuple[str | None, str | None]:
    """A table's 主管部门 and 实施单位 as written, without the unit code printed before them
    (“316001魏县人力资源和社会保障局” → 魏县人力资源和社会保障局)."""
    def named(*labels: str) -> str | None:
        for label in labels:
            field = project.fields.get(label)
            if field is not None and field.text.strip():
                return _UNIT_CODE.sub("", field.text.strip()) or field.text.strip()
        return None

    return named("主管部门"), named("实施单位", "预算单位")


def _check_document(doc: Document, by_target: dict[str, list[Rule]], options: dict[str, Any],
                    settings: Settings) -> list[Finding]:
    found: list[Finding] = []
    memo: dict = {}
    for r in by_target.get("Document", ()):
        ctx = RuleContext(r, options[r.code], settings, document=doc, memo=memo)
        found.extend(_call(r, doc, ctx, doc))
    all_project_rules = by_target.get("Project", ())
    rules_of_shape: dict[tuple, list[Rule]] = {}    # (tier, kinds, doubtful categories) → indicator rules
    all_indicator_rules = by_target.get("Indicator", ())
    for project in doc.projects:
        memo = {}
        project_rules, indicator_rules = all_project_rules, all_indicator_rules
        if project.doubtful:
            # a table read doubtfully is reported once (PF003); the checks its damage would mislead stay quiet
            project_rules = [r for r in all_project_rules if r.category not in project.doubtful]
            indicator_rules = [r for r in all_indicator_rules if r.category not in project.doubtful]
        add = found.extend
        for r in project_rules:      # (the call inlined: a 10,000-table run makes 400,000 of them)
            ctx = RuleContext(r, options[r.code], settings, doc, project, None, memo)
            try:
                add(r.check(project, ctx) or ())
            except MemoryError:
                raise
            except Exception as err:
                found.append(failure(r, project, ctx, doc, err))
        if not indicator_rules:
            continue
        contexts: dict[str, RuleContext] = {}
        by_shape: dict[tuple, list] = {}       # shape → (the rule's check, its context) pairs
        # the hot loop (rules × indicators): the rules concerning each tier and kind of value are
        # chosen once per document, their contexts made once per project, and the call is
        # inlined; a failing rule still becomes one finding
        for indicator in project.indicators:
            value = indicator.value
            # (a value's kind names its shape; only a value listing several needs its parts' kinds,
            # a set made for the few that do)
            shape = indicator.tier2, (value.kind if value.kind != "multi" else value.kinds)
            chosen = by_shape.get(shape)
            if chosen is None:
                key = (*shape, project.doubtful)
                if key not in rules_of_shape:
                    kinds = value.kinds
                    rules_of_shape[key] = [r for r in indicator_rules
                                           if (r.tiers is None or indicator.tier2 in r.tiers)
                                           and (r.kinds is None or not r.kinds.isdisjoint(kinds))]
                chosen = by_shape[shape] = []
                for r in rules_of_shape[key]:
                    if r.code not in contexts:
                        contexts[r.code] = RuleContext(r, options[r.code], settings, document=doc,
                                                       project=project, memo=memo)
                    chosen.append((r.check, contexts[r.code]))
            for check_indicator, ctx in chosen:
                try:
                    add(check_indicator(indicator, ctx) or ())
                except MemoryError:
                    raise
                except Exception as err:
                    found.append(failure(ctx.rule, indicator, ctx, doc, err))
    return found


def _call(r: Rule, target: Document | Project | Indicator | Corpus, ctx: RuleContext,
          doc: Document | None) -> list[Finding]:
    """Run one rule on one target; a rule that raises becomes a finding, never a dead batch."""
    try:
        return list(r.check(target, ctx) or ())
    except MemoryError:
        raise               # the file's budget is spent: reported for the file, not as a rule bug
    except Exception as err:
        return [failure(r, target, ctx, doc, err)]


def display_path(path: str) -> str:
    """Paths as given stay as given; absolute paths inside the working directory are shortened."""
    try:
        rel = Path(path).resolve().relative_to(Path.cwd())
        return str(rel) if os.path.isabs(path) else path
    except ValueError:
        return path
