"""The life of a finding, in one place: built and located when a rule reports it (:func:`make`),
and finished (:func:`finish`): per-file ignores, severity overrides, one finding per root cause,
fingerprints, order and language — each file's where it was checked, the cross-document ones once
the run has them all, joined by :func:`join`.

A :class:`Finding` is immutable (a named tuple); every later step makes a new one. Its :class:`Location` is typed:
the file, the line in the model (a text line, or a row's line in an office file), the format's own
coordinates, and for a finding that stands for several rows the last of them.

**One finding per root cause.** Two mechanisms, both declared, neither special-cased in a rule:

* a rule may *supersede* others (``rule(..., supersedes=("PF505", "template"))``) or *yield to*
  them (``yields_to=``). When a finding of the covering rule concerns a row that a finding of the
  covered rule also concerns, the covered finding is dropped and its code listed in the survivor's
  ``covers``; a finding is never hidden by one of lower severity;
* findings a rule marks with the same ``cause`` in one file (the paragraphs of one copied block)
  become one finding with an extent: its first line, ``end_line`` and ``count``.
"""
from __future__ import annotations

import functools
import graphlib
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


class Location(NamedTuple):
    """Where a finding is (immutable: a named tuple, cheap to make by the hundred thousand)."""

    file: str
    line: int | None                      # the line of the text, or the row's line in the model
    # Document.locate's answer ({"kind": "docx", "table", "row"…}) as pairs, so it stays frozen
    coordinates: tuple[tuple[str, Any], ...] | None = None
    end_line: int | None = None           # the last row, for a finding that stands for several

    def __reduce__(self):
        # pickled as a plain tuple and made again in one call, not one per field: locations and
        # findings travel from worker processes, into the result cache and to disk by the
        # hundred thousand (40% less time than a named tuple's own way)
        return tuple.__new__, (Location, tuple(self))

    @property
    def locator(self) -> dict | None:
        if self.coordinates is not None:
            return dict(self.coordinates)
        return {"kind": "txt", "line": self.line} if self.line else None


class Finding(NamedTuple):
    """One problem found (immutable: every later step makes a new one with ``_replace``)."""

    code: str
    name: str
    category: str
    severity: str
    message: str
    location: Location
    project: str | None = None
    indicator: str | None = None
    hint: str | None = None
    text: str | None = None           # the offending text, as written
    evidence: str | None = None       # what identifies the problem, for the fingerprint
    fingerprint: str = ""
    message_en: str | None = None     # for --lang en
    hint_en: str | None = None
    covers: tuple[str, ...] = ()      # codes of the findings this one stands for (same root cause)
    count: int = 1                    # how many places it stands for (a copied block: its paragraphs)
    # for merging, not for reports: the rows it concerns, the cause a rule named, and the message
    # of the one finding that the findings sharing the cause become
    about: tuple = ()                 # ("row", line) / ("project", line) pairs, each once, sorted
    cause: str | None = None
    many: tuple[str | None, str | None] = (None, None)
    # the fingerprint without the file's path: with the path relative to a baseline's folder, it
    # matches a finding however the path was spelled on the command line (bl/, ./bl, /abs/bl, .)
    within: str = ""

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def end_line(self) -> int | None:
        return self.location.end_line

    @property
    def locator(self) -> dict | None:
        return self.location.locator

    def __reduce__(self):
        return tuple.__new__, (Finding, tuple(self))      # see Location.__reduce__

    def in_english(self) -> Finding:
        return self._replace(message=self.message_en or self.message,
                             hint=self.hint_en if self.hint_en is not None else self.hint)

    def to_json(self) -> dict:
        at = self.location            # read once: written for every finding of a large run
        coordinates = at.coordinates
        return {"code": self.code, "name": self.name, "category": self.category,
                "severity": self.severity, "message": self.message, "hint": self.hint,
                "file": at.file, "line": at.line, "project": self.project,
                "indicator": self.indicator, "text": self.text, "fingerprint": self.fingerprint,
                "locator": dict(coordinates) if coordinates is not None else at.locator,
                "covers": list(self.covers), "count": self.count, "end_line": at.end_line}


_LOCATION = Finding._fields.index("location")


def as_rows(findings: Iterable[Finding]) -> list[tuple]:
    """Findings as plain tuples (the location a plain tuple too), for a store that serialises
    them faster than a named tuple's pickling (``marshal`` in perflint/spool.py); see
    :func:`from_rows`."""
    k = _LOCATION
    return [(*f[:k], tuple(f[k]), *f[k + 1:]) for f in findings]


def from_rows(rows: Iterable[tuple]) -> list[Finding]:
    """The findings :func:`as_rows` made plain."""
    k, new = _LOCATION, tuple.__new__
    return [new(Finding, (*row[:k], new(Location, row[k]), *row[k + 1:])) for row in rows]


QUOTE_LIMIT = 40
_QUOTES = re.compile("[“”]")
# a quotation longer than the limit, or one holding another (then the loop below measures it)
_LONG_OR_NESTED = re.compile(f"“(?:[^“”]{{{QUOTE_LIMIT + 1}}}|[^”]*“)")
_EMPTY_QUOTE = re.compile(r"“”(?=[，。；、与的为在中却,.;]|$)")


@functools.lru_cache(maxsize=4096)
def tidy_message(message: str) -> str:
    """A message quotes, it does not reproduce: a quotation longer than QUOTE_LIMIT characters is
    cut (the whole text travels in ``text``), and an empty quotation says it is blank. (A rule
    tells table after table the same thing in the same words: each message is worked out once.)"""
    if len(message) > QUOTE_LIMIT and _LONG_OR_NESTED.search(message):
        out, depth, start = [], 0, 0
        for m in _QUOTES.finditer(message):
            k, ch = m.start(), m.group()
            if ch == "“":
                if depth == 0:
                    out.append(message[start:k + 1])
                    start = k + 1
                depth += 1
            elif ch == "”" and depth > 0:
                depth -= 1
                if depth == 0:
                    quoted = message[start:k]
                    out.append(quoted if len(quoted) <= QUOTE_LIMIT else quoted[:QUOTE_LIMIT - 4] + "……")
                    start = k
        out.append(message[start:])
        message = "".join(out)
    return _EMPTY_QUOTE.sub("（空白）", message) if "“”" in message else message


def make(*, code: str, name: str, category: str, severity: str, message: str, file: str,
         line: int | None, coordinates: Mapping | None = None, about: Iterable = (),
         cause: str | None = None, many: str | None = None, many_en: str | None = None,
         project: str | None = None, indicator: str | None = None, hint: str | None = None,
         text: str | None = None, evidence: str | None = None, fingerprint: str = "",
         message_en: str | None = None, hint_en: str | None = None) -> Finding:
    """A finding, located. ``about`` names what it concerns (("row", line) or ("project", line)
    pairs); by default, the row it is anchored on. ``many``/``many_en`` is the message (with
    ``{count}``) of the one finding that the findings sharing its ``cause`` become."""
    return made(code, name, category, severity, message, file, line, coordinates, about, cause, many, many_en,
                project, indicator, hint, text, evidence, fingerprint, message_en, hint_en)


def made(code, name, category, severity, message, file, line, coordinates, about, cause, many, many_en,
         project, indicator, hint, text, evidence, fingerprint, message_en, hint_en) -> Finding:
    """:func:`make`, its arguments by position (the engine makes every finding of a run here)."""
    # a tuple, not a frozenset: a one-pair tuple is a quarter of the memory, and runs make
    # hundreds of thousands of findings
    if not about:
        keys = (("row", line),) if line else _NOTHING
    elif type(about) is list and len(about) == 1:
        keys = (about[0],)
    else:
        keys = tuple(sorted(set(about)))
    if len(message) > QUOTE_LIMIT or "“”" in message:
        message = tidy_message(message)
    # stamped once here, where the finding is made; finish() only tells repeated ones apart
    stamp = fingerprint or _fingerprint(code, file, project, indicator, evidence, text, message)
    # (made as tuples, not through the named tuples' constructors: every finding of a run is made here)
    return _new(Finding, (code, name, category, severity, message,
                          _new(Location, (file, line, coordinate_pairs(coordinates, line), None)),
                          project, indicator, hint, text, evidence, stamp, message_en, hint_en, (), 1,
                          keys, cause, (many, many_en) if many or many_en else _NO_MANY, ""))


_new = tuple.__new__
assert len(Finding._fields) == 20 and len(Location._fields) == 4     # (made whole by made() above)


_NOTHING: tuple = ()


def coordinate_pairs(coordinates: Mapping | tuple | None, line: int | None = None) -> tuple | None:
    """A location's coordinates as (key, value) pairs, from a mapping or pairs already; None for
    a text file's line (what ``Location.locator`` says by default: a run over text exports holds
    hundreds of thousands of them)."""
    if coordinates is None:
        return None
    pairs = coordinates if isinstance(coordinates, tuple) else tuple(coordinates.items())
    if line and pairs == (("kind", "txt"), ("line", line)):
        return None
    return pairs


def fingerprint(f: Finding) -> str:
    """Stable across edits that move lines: code, file, project, indicator and the evidence."""
    return _fingerprint(f.code, f.file, f.project, f.indicator, f.evidence, f.text, f.message)


def key_within(f: Finding) -> str:
    """The fingerprint without the file's path (see Finding.within): what a baseline keys a
    finding by, with the path from the baseline's folder."""
    return f.within or _fingerprint(f.code, "", f.project, f.indicator, f.evidence, f.text, f.message)


def _fingerprint(code: str, file: str, project: str | None, indicator: str | None, evidence: str | None,
                 text: str | None, message: str) -> str:
    evidence = evidence if evidence is not None else (text if text is not None else message)
    parts = [code, file.replace("\\", "/"), project or "", indicator or "", _plain(evidence)]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@functools.lru_cache(maxsize=4096)
def _plain(evidence: str) -> str:
    """The evidence as a fingerprint takes it: NFKC, no whitespace (the same few thousand
    evidences recur across a run's findings: each is worked out once)."""
    return "".join((evidence if unicodedata.is_normalized("NFKC", evidence)      # the quick check
                    else unicodedata.normalize("NFKC", evidence)).split())


# ---- finishing a run's findings --------------------------------------------------------------------

def finish(findings: Iterable[Finding], rules: Iterable, *, ignored_here,
           severity: Mapping[str, str] | Callable[[str], Mapping[str, str]],
           lang: str = "zh", matches, compact: bool = False) -> list[Finding]:
    """Per-file ignores, severity overrides, one finding per root cause, fingerprints; sorted by
    file, line and code; in English when asked (after fingerprinting: the language never changes
    a fingerprint). ``matches(selector, rule)`` is the engine's selector test; ``severity`` is
    the overrides, or a function giving a file's overrides (its own configuration's).

    Every step works within a file, so a file's findings can be finished on their own — where
    the file was checked — and joined later with the cross-document findings (:func:`join`).
    ``compact``: the finished findings keep only what a report shows (see :func:`compacted`)."""
    by_code = {r.code: r for r in rules}
    severity_of = severity if callable(severity) else (lambda file: severity)
    # worked out once per set of overrides and once per file, not once per finding
    levels: dict[int, dict[str, str]] = {}
    level_in: dict[str, dict[str, str]] = {}
    ignored_in: dict[str, set[str]] = {}
    kept: list[Finding] = []
    for f in findings:
        r = by_code.get(f.code)
        if r is not None:
            file = f.location.file
            ignored = ignored_in.get(file)
            if ignored is None:
                selectors = list(ignored_here(file))
                ignored = ignored_in[file] = {c for c, rule in by_code.items()
                                              if any(matches(s, rule) for s in selectors)} if selectors else set()
                overrides = severity_of(file)
                if id(overrides) not in levels:
                    levels[id(overrides)] = {rule.code: level for rule in by_code.values()
                                             for selector, level in overrides.items() if matches(selector, rule)}
                level_in[file] = levels[id(overrides)]
            if f.code in ignored:
                continue
            level = level_in[file].get(f.code)
            if level is not None and level != f.severity:
                f = f._replace(severity=level)
        kept.append(f)
    kept = _merge_causes(kept)
    kept = _drop_covered(kept, by_code, matches)
    seen: dict[str, int] = {}
    out = []
    for f in kept:
        base = f.fingerprint or fingerprint(f)
        seen[base] = n = seen.get(base, 0) + 1
        if n == 1:
            # the key within the file is worked out when a baseline asks (see key_within), except
            # where it cannot be then: a repeated finding's, and an English message's
            out.append(f if base == f.fingerprint and lang != "en" else
                       f._replace(fingerprint=base, within=key_within(f) if lang == "en" else ""))
        else:
            out.append(f._replace(fingerprint=f"{base}-{n}", within=f"{key_within(f)}-{n}"))
    out.sort(key=report_order)
    if lang == "en":
        out = [f.in_english() for f in out]
    if compact:
        related = _relation(by_code, matches).codes
        out = [compacted(f, f.code in related) for f in out]
    return out


_NO_MANY = (None, None)


# positions of the fields the two functions below blank: they make every finding of a run again,
# in one call each rather than through _replace
_FIELD = {name: k for k, name in enumerate(Finding._fields)}
_EN, _HINT_EN, _ABOUT, _CAUSE, _MANY = (_FIELD[n] for n in ("message_en", "hint_en", "about", "cause", "many"))


def compacted(f: Finding, may_cover: bool) -> Finding:
    """A finished finding without what only finishing needed: the English texts (the run's
    language is settled), the cause and its message, and — unless its rule covers or is covered
    by another (``may_cover``: a cross-document finding may still meet it) — the rows it
    concerns. A run holds a few hundred thousand findings; this is about 40% of each."""
    parts = list(f)
    parts[_EN] = parts[_HINT_EN] = parts[_CAUSE] = None
    parts[_MANY] = _NO_MANY
    if not may_cover:
        parts[_ABOUT] = _NOTHING
    return tuple.__new__(Finding, parts)


def join(finished: list[Finding], more: list[Finding], rules: Iterable, *, matches) -> list[Finding]:
    """One file's findings finished together (``finished``, by :func:`finish`) with findings
    finished together later (``more``: the cross-document rules', in any order — the join's one
    sort orders them), as one run's: a finding of either that covers one of the other drops it,
    and all are in order."""
    if more:
        out = _drop_covered(finished + more, {r.code: r for r in rules}, matches, settled=len(finished))
    else:
        out = finished
    out.sort(key=report_order)
    return out


# read by position where every finding of a run passes: report_order here, and Allowance.shared
# and the tally's _KIND in spool.py
assert Finding._fields[:12] == ("code", "name", "category", "severity", "message", "location", "project",
                                "indicator", "hint", "text", "evidence", "fingerprint")


def report_order(f: Finding) -> tuple:
    """Where a finding stands in a report: by file, line, code, project and indicator, then by
    what it says — an order of the findings themselves, whichever way the work was split."""
    at = f[5]
    return at[0], at[1] or 0, f[0], f[6] or "", f[7] or "", f[4], f[11]


def _merge_causes(findings: list[Finding]) -> list[Finding]:
    """Findings of one rule sharing a cause in one file become one, with the extent they cover."""
    groups: dict[tuple, list[Finding]] = {}
    out: list[Finding | tuple] = []
    for f in findings:
        cause = f.cause
        if cause is None:
            out.append(f)
            continue
        key = (f.location.file, f.code, cause)
        if key not in groups:
            groups[key] = []
            out.append(key)
        groups[key].append(f)
    merged = []
    for item in out:
        if type(item) is not tuple:        # a finding (a key is a plain tuple)
            merged.append(item)
            continue
        members = groups[item]
        if len(members) == 1:
            merged.append(members[0])
            continue
        members = sorted(members, key=lambda f: f.line or 0)
        first = members[0]
        last = max((f.line or 0) for f in members)
        count = sum(f.count for f in members)
        many, many_en = first.many
        merged.append(first._replace( count=count,
            # {count} is replaced literally: the rest of the text (names, quotes) is left as written
            message=many.replace("{count}", str(count)) if many else first.message,
            message_en=many_en.replace("{count}", str(count)) if many_en else first.message_en,
            location=first.location._replace(end_line=last or None),
            about=tuple(sorted({key for f in members for key in f.about})),
            covers=tuple(dict.fromkeys(c for f in members for c in f.covers))))
    return merged


class Covering(NamedTuple):
    """Which rule covers which in a set of rules."""

    pairs: frozenset        # (covering code, covered code)
    codes: frozenset        # the codes in any pair
    acyclic: bool           # no code covers itself through others (one that did would be a pack's slip)


_RELATIONS: dict[tuple, Covering] = {}


def _relation(by_code: dict, matches) -> Covering:
    """Which rule covers which, worked out once per set of rules (a run finishes each file's
    findings on their own)."""
    key = (tuple(by_code), tuple(id(r) for r in by_code.values()), matches)
    if key not in _RELATIONS:
        rules = list(by_code.values())
        relation = frozenset((a.code, b.code) for a in rules for b in rules if a.code != b.code and (
            any(matches(s, b) for s in getattr(a, "supersedes", ()))
            or any(matches(s, a) for s in getattr(b, "yields_to", ()))))
        if len(_RELATIONS) > 64:
            _RELATIONS.clear()
        _RELATIONS[key] = Covering(relation, frozenset(code for pair in relation for code in pair),
                                   _acyclic(relation))
    return _RELATIONS[key]


def _acyclic(pairs: frozenset) -> bool:
    """Whether the (from, to) pairs make a graph without a cycle."""
    order = graphlib.TopologicalSorter()
    for a, b in pairs:
        order.add(b, a)
    try:
        order.prepare()
    except graphlib.CycleError:
        return False
    return True


def _contested(findings: list[Finding], settled: int, covering: Covering) -> set[tuple]:
    """The rows where a finding may drop another, when ``findings[:settled]`` were finished
    together: finishing dropped every covered one among them (with rules covering each other in
    a cycle it would have left them all standing, and this is not asked), so none left covers
    another. A pair that drops needs one of the later findings, and the other (earlier or later)
    of a code related to its own, concerning the same row."""
    later = {f.code for f in findings[settled:]} & covering.codes
    if not later:
        return set()
    partners = {b for a, b in covering.pairs if a in later} | {a for a, b in covering.pairs if b in later}
    # (the file read through the location: the property is a call, and a file's findings are many)
    met = {(f.location.file, key) for f in findings if f.code in partners for key in f.about}
    if not met:
        return met
    return {row for f in findings[settled:] if f.code in later
            for key in f.about if (row := (f.location.file, key)) in met}


def _drop_covered(findings: list[Finding], by_code: dict, matches, settled: int = 0) -> list[Finding]:
    """A finding whose row another finding of a covering rule also concerns is dropped, and named
    in the survivor's ``covers`` — never by a finding of lower severity. ``settled``: the first
    so many were finished together already (see _contested; joining a file's own findings with
    the cross-document ones, most rows hold nothing a later finding can meet)."""
    covering_rule = _relation(by_code, matches)
    relation, related = covering_rule.pairs, covering_rule.codes
    if not relation or len({f.code for f in findings} & related) < 2:
        return findings         # (one rule's findings, as a cross-document rule's are finished: none covers another)
    contested = _contested(findings, settled, covering_rule) if settled and covering_rule.acyclic else None
    if contested is not None and not contested:
        return findings

    def covering(a: Finding, b: Finding) -> bool:
        return (a.code, b.code) in relation and SEVERITY_RANK[a.severity] >= SEVERITY_RANK[b.severity]

    by_row: dict[tuple, list[int]] = {}
    for i, f in enumerate(findings):
        if f.code in related:                  # the others can neither cover nor be covered
            # in a fixed order: a set's order changes from run to run (string hashes are salted),
            # and which finding covers which must not
            for key in f.about:                # sorted: a fixed order
                row = (f.location.file, key)   # (a line names one row of a file)
                if contested is None or row in contested:
                    by_row.setdefault(row, []).append(i)
    covered_by: dict[int, int] = {}
    for members in by_row.values():
        if len(members) < 2:
            continue
        if settled:
            # the later findings may come in any order (see join): which of them covers first is
            # decided in the report's order, as if they had been sorted
            members.sort(key=lambda i: (1, report_order(findings[i]), i) if i >= settled else (0, (), i))
        for i in members:
            for j in members:
                if i != j and j not in covered_by and covering(findings[i], findings[j]) \
                        and not covering(findings[j], findings[i]):
                    covered_by.setdefault(j, i)
    if not covered_by:
        return findings

    def root(j: int) -> int:
        seen = set()
        while j in covered_by and j not in seen:
            seen.add(j)
            j = covered_by[j]
        return j

    # a chain ends at the finding that stays; a cycle (none should exist) hides nothing
    dropped = {j: root(j) for j in covered_by if root(j) not in covered_by}
    extra: dict[int, list[str]] = {}
    for j, r in dropped.items():
        extra.setdefault(r, []).extend([findings[j].code, *findings[j].covers])
    out = []
    for i, f in enumerate(findings):
        if i in dropped:
            continue
        if i in extra:
            f = f._replace(covers=tuple(sorted(set(f.covers) | set(extra[i]))))
        out.append(f)
    return out
