"""The result of a run: files, findings and a summary. Its JSON form is a public contract.

    {"schema_version": 1, "tool": {"name": "perflint", "version": …},
     "summary": {"files", "projects", "findings", "by_severity", "by_category", "skipped"},
     "files": [{"path", "layout", "projects", "error"}],
     "skipped": {"unsupported" | "lock" | "excluded": [path, …]},                 (when a walk left files out)
     "accepted": {"path", "findings": [{…, "reason", "by", "at"}], "unused": [{"file", "code", "reason"}]},
                                                                                 (with an accept file)
     "baseline": {"path", "suppressed", "gone": [{"fingerprint", "code", …}]},   (with --baseline)
     "findings": [{"code", "name", "category", "severity", "message", "hint", "file", "line",
                   "project", "indicator", "text", "fingerprint", "locator"}]}

``locator`` is where the finding is in the file's own terms: ``{"kind": "txt", "line"}``,
``{"kind": "docx", "table", "row", "column"}``, ``{"kind": "xlsx", "sheet", "cell"}`` or
``{"kind": "pdf", "page", "row"}``.

Fields are only ever added, never renamed or removed.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .engine import CATEGORIES, SEVERITIES, Rule
from .findings import SEVERITY_RANK, Finding

SCHEMA_VERSION = 1


@dataclass
class FileResult:
    path: str
    layout: str | None
    projects: int
    error: str | None = None        # why the file could not be checked, if it could not
    encoding: str | None = None
    budget_year: int | None = None
    #: each table's name, 主管部门 and 实施单位 (codes taken off), for the batch view
    units: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"path": self.path, "layout": self.layout, "projects": self.projects,
                "error": self.error, "encoding": self.encoding, "budget_year": self.budget_year}


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)     # rule packs that failed to load, …
    baseline: Any = None                                  # a BaselineResult when --baseline was given
    #: files a folder walk left out, by why ("unsupported", "lock", "excluded"; see perflint/files.py)
    skipped: dict[str, tuple[str, ...]] = field(default_factory=dict)
    settings: Any = None                                  # the run's own Settings (its language, fail level)
    accepted: Any = None                                  # an AcceptResult when an accept file was applied
    models: Any = None                                    # every file's model, when check(models=True)

    def _kinds(self) -> Counter:
        """How many findings of each (code, name, severity, category): the spool's tally when
        the findings wait on disk (a pass over them saved), else counted here."""
        tally = getattr(self.findings, "tally", None)
        if tally is not None and sum(tally.values()) == len(self.findings):     # (not added to since)
            return tally
        return Counter((f.code, f.name, f.severity, f.category) for f in self.findings)

    @property
    def summary(self) -> dict:
        by_severity: Counter = Counter()
        by_category: Counter = Counter()
        for (_, _, severity, category), count in self._kinds().items():
            by_severity[severity] += count
            by_category[category] += count
        return {
            "files": len(self.files),
            "projects": sum(f.projects for f in self.files),
            "findings": len(self.findings),
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
            "by_category": {c: by_category[c] for c in CATEGORIES if by_category.get(c)},
            "skipped": sum(len(v) for v in self.skipped.values()),
            "accepted": len(self.accepted.accepted) if self.accepted is not None else 0,
        }

    def to_json(self, findings: bool = True) -> dict:
        data = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "perflint", "version": __version__},
            "summary": self.summary,
            "files": [f.to_json() for f in self.files],
        }
        if self.skipped:
            data["skipped"] = {why: list(paths) for why, paths in self.skipped.items()}
        if self.baseline is not None:
            data["baseline"] = self.baseline.to_json()
        if self.accepted is not None:
            data["accepted"] = self.accepted.to_json()
        if findings:
            data["findings"] = [f.to_json() for f in self.findings]
        return data

    def units_of(self, f: Finding) -> tuple[str | None, str | None]:
        """The 主管部门 and 实施单位 of the table a finding is in (None where not written)."""
        if not hasattr(self, "_units"):
            self._units = {}
            for fr in self.files:
                for name, department, unit in reversed(fr.units):       # the first of a name wins
                    self._units[(fr.path, name)] = (department, unit)
        return self._units.get((f.file, f.project or ""), (None, None))

    def by_unit(self, level: str) -> list[dict]:
        """The batch view: per 主管部门 (``level`` "department") or 实施单位 ("unit"), its tables
        and its findings by severity and category, the most findings first."""
        at = 0 if level == "department" else 1
        rows: dict[str, dict] = {}

        def row(name: str | None) -> dict:
            key = name or ""
            if key not in rows:
                rows[key] = {"name": name, "tables": 0, "findings": 0,
                             "by_severity": {s: 0 for s in SEVERITIES}, "by_category": Counter()}
            return rows[key]

        for fr in self.files:
            for _, *units in fr.units:
                row(units[at])["tables"] += 1
        for f in self.findings:
            r = row(self.units_of(f)[at])
            r["findings"] += 1
            r["by_severity"][f.severity] += 1
            r["by_category"][f.category] += 1
        return sorted(rows.values(), key=lambda r: (-r["by_severity"]["error"], -r["findings"], r["name"] or "~"))

    def statistics(self) -> list[tuple[str, str, str, int]]:
        """(code, name, severity, count) per rule that found something, most frequent first."""
        counts: Counter = Counter()
        for (code, name, severity, _), count in self._kinds().items():
            counts[code, name, severity] += count
        return [(c, n, s, k) for (c, n, s), k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def exit_code(self, fail_on: str = "error") -> int:
        """0 when nothing reaches ``fail_on`` (error | warning | info | never), else 1."""
        if fail_on == "never":
            return 0
        floor = SEVERITY_RANK[fail_on]
        return 1 if any(SEVERITY_RANK[severity] >= floor for _, _, severity, _ in self._kinds()) else 0
