"""Which files a run covers: paths as given, directories walked, exclusions applied.

A directory walk takes the files whose suffix has a reader. It skips what no one means to check:
hidden files and folders, office lock files (``~$表.docx``, LibreOffice's ``.~lock.表.docx#``),
build output (``build/``, ``dist/``, ``*.egg-info/``…, the ``default-exclude`` setting), what a
``.gitignore`` on the way ignores (``respect-gitignore``), and the ``exclude`` patterns given.
Patterns are ``.gitignore`` patterns (pathspec): ``drafts/`` is a folder anywhere, ``/old.txt``
only at the top of the folder checked, ``*.pdf`` any PDF.

A file named on the command line is checked even when a pattern excludes it (as ruff does), and
so are the files of a folder named on it that a .gitignore above it ignores as a whole;
unless it is an office lock file, which is never a table (a shell's ``*.docx`` picks them up).
Nothing is skipped in silence: the selection counts what it left out and why.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:       # pathspec is imported when a pattern is needed: a one-file check needs none
    import pathspec

#: Folders and files a walk leaves out unless the configuration says otherwise (``default-exclude``).
DEFAULT_EXCLUDE = ("build/", "dist/", "*.egg-info/", "__pycache__/", "node_modules/", "venv/",
                   "site-packages/", "_build/", "htmlcov/")

#: perflint's own files, which sit among the tables they configure: left out without a word.
OWN_FILES = frozenset(("perflint.toml", ".perflint.toml", "perflint-accepted.toml"))

#: Lock files Word, Excel, WPS and LibreOffice leave beside an open document (names).
LOCK_FILES = ("~$*", ".~lock.*#")


def is_lock_file(name: str) -> bool:
    return any(fnmatchcase(name, pattern) for pattern in LOCK_FILES)


@dataclass(frozen=True)
class Selection:
    files: tuple[str, ...]
    missing: tuple[str, ...]       # paths that do not exist (a usage error)
    #: files left out of a walk, by why: "unsupported" (no reader), "lock" (office lock file),
    #: "excluded" (a pattern, a .gitignore, or a hidden or build folder's files are not counted)
    skipped: dict[str, tuple[str, ...]] = field(default_factory=dict)


def collect(paths: list[str], suffixes: tuple[str, ...], include: tuple[str, ...] = (),
            exclude: tuple[str, ...] = (), *, default_exclude: tuple[str, ...] = DEFAULT_EXCLUDE,
            respect_gitignore: bool = True) -> Selection:
    """The files ``paths`` stand for, in a stable order (see the module's docstring).

    ``include`` keeps only files matching one of its patterns; ``exclude`` and
    ``default_exclude`` leave files and folders out of a walk."""
    files: list[str] = []
    missing: list[str] = []
    skipped: dict[str, list[str]] = {"unsupported": [], "lock": [], "excluded": []}
    wanted = _spec(tuple(include)) if include else None
    for path in paths:
        if os.path.isdir(path):
            _walk(path, suffixes, wanted, _spec((*default_exclude, *exclude)), respect_gitignore, files, skipped)
        elif os.path.lexists(path) and os.path.exists(path):
            if is_lock_file(os.path.basename(path)):
                skipped["lock"].append(path)
            elif wanted is None or _match(wanted, path):
                files.append(path)
            else:
                skipped["excluded"].append(path)
        else:
            missing.append(path)
    return Selection(tuple(dict.fromkeys(files)), tuple(missing),
                     {why: tuple(found) for why, found in skipped.items() if found})


def _walk(top: str, suffixes, wanted, unwanted, respect_gitignore: bool, files: list[str],
          skipped: dict[str, list[str]]) -> None:
    ignores = _gitignores_above(top) if respect_gitignore else []
    if _ignored(ignores, top, directory=True):
        ignores = []        # a folder named on the command line is checked, though a .gitignore above names it
    for root, dirs, names in os.walk(top):
        rel_root = os.path.relpath(root, top).replace(os.sep, "/")
        rel_root = "" if rel_root == "." else rel_root + "/"
        if respect_gitignore and os.path.isfile(os.path.join(root, ".gitignore")):
            ignores = [*ignores, (root, _gitignore(os.path.join(root, ".gitignore")))]
        kept_dirs = []
        for d in sorted(dirs):
            if d.startswith(".") or unwanted.match_file(rel_root + d + "/") \
                    or _ignored(ignores, os.path.join(root, d), directory=True):
                continue
            kept_dirs.append(d)
        dirs[:] = kept_dirs
        for name in sorted(names):
            path = os.path.join(root, name)
            if (name.startswith(".") and not is_lock_file(name)) or name in OWN_FILES:
                continue                       # hidden, or perflint's own: not a document anyone handed over
            if is_lock_file(name):
                skipped["lock"].append(path)
            elif unwanted.match_file(rel_root + name) or _ignored(ignores, path) \
                    or (wanted is not None and not _match(wanted, path, rel_root + name)):
                skipped["excluded"].append(path)
            elif not name.lower().endswith(suffixes):
                skipped["unsupported"].append(path)
            else:
                files.append(path)


@lru_cache(maxsize=64)
def _spec(patterns: tuple[str, ...]) -> pathspec.PathSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _match(spec: pathspec.PathSpec, path: str, relative: str | None = None) -> bool:
    """A pattern matches the path from the folder checked, or the path as given."""
    norm = path.replace(os.sep, "/")
    return spec.match_file(relative or norm) or spec.match_file(norm.removeprefix("./"))


def _gitignore(path: str) -> pathspec.PathSpec:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return _spec(tuple(f.read().splitlines()))
    except OSError:
        return _spec(())


def _gitignores_above(top: str) -> list[tuple[str, pathspec.PathSpec]]:
    """The .gitignore files of the folders above ``top``, up to its repository's root (the folder
    holding .git); none when ``top`` is a repository's root or not in a repository."""
    folder = os.path.abspath(top)
    found: list[tuple[str, pathspec.PathSpec]] = []
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return []
        folder = parent
        if os.path.isfile(os.path.join(folder, ".gitignore")):
            found.insert(0, (folder, _gitignore(os.path.join(folder, ".gitignore"))))
    return found


def _ignored(ignores: list[tuple[str, pathspec.PathSpec]], path: str, directory: bool = False) -> bool:
    full = os.path.abspath(path)
    for folder, spec in ignores:
        rel = os.path.relpath(full, os.path.abspath(folder)).replace(os.sep, "/")
        if not rel.startswith("../") and spec.match_file(rel + ("/" if directory else "")):
            return True
    return False


# the process's umask, read once (reading it means setting it): what a new file's mode leaves out
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def replacing(path: str | os.PathLike, private: bool = False) -> Iterator[str]:
    """A temporary file beside ``path`` to write; renamed over ``path`` once the block ends, and
    removed if it fails — so a failure (a missing folder, a full disk, an interrupted run) never
    leaves half a file. Reports, annotated copies, cache entries and accept files are written so.

    What is renamed over is the file itself: a symbolic link is followed (the link stays), the
    file keeps its permissions (a new one gets the usual ones, not a temporary file's 0600), and a
    path that is no regular file — /dev/null, /dev/stdout, a named pipe — is written directly,
    never replaced by a file. ``private``: the file is its owner's alone (0600), whatever it was
    (the result cache keeps the documents' texts)."""
    try:
        mode = os.stat(path).st_mode       # (through links: /dev/stdout is one, to a pipe or a tty)
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        yield str(path)
        return
    real = os.path.realpath(path)
    handle, temporary = tempfile.mkstemp(prefix=".perflint-", suffix=".tmp", dir=os.path.dirname(real))
    os.close(handle)
    try:
        yield temporary
        if not private:         # (mkstemp's file is 0600 already)
            os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_UMASK)
        os.replace(temporary, real)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def shown_name(path: str) -> str:
    """``path`` as a report can show it. A name that is not valid UTF-8 — most often a GBK name
    from a Chinese Windows zip tool, which Python holds with surrogate escapes — is decoded as
    GB18030 when that reads cleanly, else shown with its odd bytes escaped (``\\xb1``). The file
    is still opened by its real path; only what is shown changes."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    return "/".join(_readable(part) for part in os.fsencode(path).split(b"/"))


def _readable(part: bytes) -> str:
    """One component of a path: UTF-8, else GB18030, else escaped (each folder is named by
    whatever tool made it, so each is read on its own)."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return part.decode(encoding)
        except UnicodeDecodeError:
            continue
    return part.decode("utf-8", "backslashreplace")
