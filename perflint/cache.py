"""The result cache: a file whose bytes, name, configuration and perflint are the same as last time
is not read again — its result, findings and what the cross-document checks keep of it come from
the cache, so re-checking an unchanged folder costs little more than the cross-document checks.

An entry is keyed by the file's content hash, the name it is shown under, and the run's
fingerprint: perflint's version, the code of perflint and of every loaded rule (file sizes and
modification times), and the file's resolved settings. Entries live in the user's cache folder
(``platformdirs``; ``PERFLINT_CACHE_DIR`` moves it) under ``v1/``, written to a temporary file
and renamed into place, so runs at the same time never see half an entry; an entry that cannot
be read is ignored and written again. A file stopped by its time or memory budget is not cached
(another machine, or another moment, may read it whole). ``--no-cache`` skips the cache;
``perflint cache clean`` empties it.

The cross-document checks are cached too: their findings, finished file by file, under a digest
of everything the files collected for them, the settings each file was checked with and the run's
plans and language. Re-checking an unchanged folder then reads those findings back instead of
comparing every table with every other. Only the ``CORPUS_KEPT`` newest such entries are kept —
one per folder a reviewer works on, not one per edit.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from . import __version__

LAYOUT = "v1"          # the entries' format: a change makes a new folder, old entries are ignored


def folder() -> Path:
    """Where the cache lives."""
    given = os.environ.get("PERFLINT_CACHE_DIR")
    if given:
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_cache_dir("perflint", appauthor=False))


def clean() -> int:
    """Empty the cache; how many entries were removed."""
    root = folder()
    count = sum(1 for p in root.rglob("*") if p.suffix in (".pickle", ".findings")) if root.exists() else 0
    shutil.rmtree(root, ignore_errors=True)
    return count


@functools.lru_cache(maxsize=1)
def _code() -> str:
    """perflint's own code, as file sizes and times: a change to any of it is a new fingerprint."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    roots = [package] + [Path(sys.modules[m].__file__).resolve().parent
                         for m in ("perflint.rules", "perflint.grammar") if getattr(sys.modules.get(m), "__file__", None)]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".lark", ".toml", ".txt", ".json") and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


#: (result, findings, collected items, notes, model): the shape of one file's outcome (see run._check_path)
OUTCOME_FIELDS = 5
#: cross-document results kept (the newest; see the module's doc)
CORPUS_KEPT = 8
#: findings written to a cross-document entry at a time (it is read back as it was written)
CORPUS_CHUNK = 2_000


class Cache:
    """The entries of one run (one per file), for one plan's settings at a time."""

    def __init__(self, root: Path | None = None):
        self.root = (root or folder()) / LAYOUT
        self.hits = self.misses = 0
        self._plans: dict[tuple, str] = {}

    def fingerprint(self, plan, corpus=None) -> str:
        """The run's fingerprint for files checked with ``plan``, collecting for the
        cross-document rules of ``corpus`` (the run's own plan, when it has any)."""
        key = (id(plan), id(corpus))
        if key not in self._plans:
            digest = hashlib.sha256(_code().encode())
            digest.update(plan.settings.identity().encode())
            rules = list(plan.rules)
            if corpus is not None:                    # what is collected, and with which options
                digest.update(corpus.settings.identity().encode())
                rules += corpus.by_target["Corpus"]
            for r in rules:                           # local rule files and rule packs too
                module = sys.modules.get(r.module)
                source = getattr(module, "__file__", None)
                if source and os.path.exists(source):
                    stat = os.stat(source)
                    digest.update(f"{r.code}:{source}:{stat.st_size}:{stat.st_mtime_ns}".encode())
                else:
                    digest.update(r.code.encode())
            self._plans[key] = digest.hexdigest()
        return self._plans[key]

    def _path(self, path: str, name: str, plan, corpus=None, lang: str = "zh") -> Path | None:
        try:
            with open(path, "rb") as f:
                content = hashlib.sha256()
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    content.update(chunk)
        except OSError:
            return None                               # the reader says why; nothing to cache
        key = hashlib.sha256(f"{self.fingerprint(plan, corpus)}\0{lang}\0{name}\0{content.hexdigest()}".encode()).hexdigest()
        return self.root / key[:2] / f"{key}.pickle"

    def get(self, path: str, name: str, plan, corpus=None, lang: str = "zh"):
        """The cached outcome of checking ``path``, or None; and where to store it. ``lang`` is
        the run's language, which the file's findings were finished in."""
        entry = self._path(path, name, plan, corpus, lang)
        if entry is None or not entry.exists():
            self.misses += 1
            return None, entry
        try:
            with open(entry, "rb") as f:
                found = pickle.load(f)
            if not (isinstance(found, tuple) and len(found) == OUTCOME_FIELDS):
                raise ValueError("an entry of another shape")
            self.hits += 1
            return found, entry
        except Exception:           # a damaged or foreign entry: read the file, write it again
            self.misses += 1
            return None, entry

    def put(self, entry: Path | None, outcome) -> None:
        result = outcome[0]
        if entry is None or (result is not None and result.error and "已停止" in result.error):
            return                  # stopped by its budget: not a result to keep
        from .files import replacing

        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            with replacing(entry, private=True) as temporary, open(temporary, "wb") as f:
                pickle.dump(outcome, f, protocol=pickle.HIGHEST_PROTOCOL)
        except (OSError, pickle.PicklingError, RecursionError):
            pass                    # a cache that cannot be written is no cache, not a failed run

    def corpus_entry(self, plans, collected: dict[str, list[bytes]], settings_of: dict) -> Path:
        """Where a run's cross-document findings (finished, file by file) are kept: under a digest
        of what every file collected for each rule (pickled as it travelled), the run's plans,
        which settings each file was checked with, and the run's language."""
        digest = hashlib.sha256(f"{plans.root.lang}".encode())
        for fingerprint in sorted(self.fingerprint(plan, plans.own) for plan in plans.plans()):
            digest.update(fingerprint.encode())
        identities: dict[int, str] = {}
        for name, settings in settings_of.items():
            if id(settings) not in identities:
                identities[id(settings)] = hashlib.sha256(settings.identity().encode()).hexdigest()
            digest.update(f"\0{name}\0{identities[id(settings)]}".encode())
        for code, packed in collected.items():
            digest.update(f"\0{code}\0{len(packed)}".encode())
            for data in packed:
                digest.update(len(data).to_bytes(8, "little"))
                digest.update(data)
        return self.root / "corpus" / f"{digest.hexdigest()}.findings"

    def corpus_findings(self, entry: Path) -> Iterator | None:
        """The findings kept at ``entry``, read a chunk at a time; None when there are none, or
        the entry is cut short or foreign. A chunk that cannot be decoded raises as it is reached."""
        from .findings import from_rows

        try:
            size, at, chunks = entry.stat().st_size, 0, []
            with open(entry, "rb") as f:           # the frames first: a cut entry is no entry
                while at < size:
                    header = f.read(9)
                    length = int.from_bytes(header[1:], "little")
                    if len(header) != 9 or header[:1] not in (b"m", b"p") or at + 9 + length > size:
                        return None
                    chunks.append((header[:1], at + 9, length))
                    at = f.seek(at + 9 + length)
            os.utime(entry)         # the newest are the ones kept
        except OSError:
            return None

        def read() -> Iterator:
            with open(entry, "rb") as f:
                for kind, offset, length in chunks:
                    f.seek(offset)
                    body = f.read(length)
                    yield from (from_rows(marshal.loads(body)) if kind == b"m" else pickle.loads(body))

        return read()


class CorpusWriter:
    """A run's cross-document findings written to their entry as they are finished (a chunk at
    a time: a large run's are never all held). The entry appears only at :meth:`commit`; a
    writer that fails is no cache, never a failed run."""

    def __init__(self, entry: Path):
        self.entry, self._chunk, self._file = entry, [], None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, self._temporary = tempfile.mkstemp(prefix=".perflint-", suffix=".tmp", dir=entry.parent)
            self._file = os.fdopen(handle, "wb")
        except OSError:
            pass

    def add(self, findings: list) -> None:
        if self._file is None:
            return
        self._chunk += findings
        if len(self._chunk) >= CORPUS_CHUNK:
            self._flush()

    def _flush(self) -> None:
        from .findings import as_rows

        try:
            try:
                data = b"m" + marshal.dumps(as_rows(self._chunk))
            except ValueError:          # a rule pack's own object in a finding
                data = b"p" + pickle.dumps(self._chunk, protocol=pickle.HIGHEST_PROTOCOL)
            self._file.write(data[:1] + (len(data) - 1).to_bytes(8, "little"))
            self._file.write(memoryview(data)[1:])
        except (OSError, pickle.PicklingError, RecursionError):
            self.abort()
        self._chunk = []

    def commit(self) -> None:
        if self._file is None:
            return
        self._flush()
        if self._file is None:
            return
        try:
            self._file.close()
            os.replace(self._temporary, self.entry)
        except OSError:
            self.abort()
            return
        self._file = None
        for old in sorted(self.entry.parent.glob("*.findings"), key=_age)[:-CORPUS_KEPT]:
            try:
                old.unlink()
            except OSError:
                pass

    def abort(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            try:
                os.unlink(self._temporary)
            except OSError:
                pass


def _age(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
