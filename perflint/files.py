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
