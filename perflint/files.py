"""Which files a run covers: paths as given, directories walked, --include/--exclude applied."""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    files: tuple[str, ...]
    missing: tuple[str, ...]       # paths that do not exist (a usage error)


def collect(paths: list[str], suffixes: tuple[str, ...], include: tuple[str, ...] = (),
            exclude: tuple[str, ...] = ()) -> Selection:
    """Files named directly are always taken (an unsupported one is reported, not skipped);
    files found in directories are taken when their suffix has a reader.

    ``include``/``exclude`` are glob patterns matched against the path as reported and
    against the file name ("*.txt", "drafts/*").
    """
    files: list[str] = []
    missing: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith(".") or not name.lower().endswith(suffixes):
                        continue
                    found.append(os.path.join(root, name))
            files.extend(found)
        elif os.path.exists(path):
            files.append(path)
        else:
            missing.append(path)
    chosen = [f for f in dict.fromkeys(files) if _wanted(f, include, exclude)]
    return Selection(tuple(chosen), tuple(missing))


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    norm = path.replace(os.sep, "/")
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(os.path.basename(norm), p)
               or fnmatch.fnmatch(norm, "*/" + p) for p in patterns)


def _wanted(path: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    if include and not _matches(path, include):
        return False
    return not (exclude and _matches(path, exclude))
