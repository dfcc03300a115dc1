"""The entry points perflint is extended through (perflint.rules, perflint.readers,
perflint.vocabularies), read in one scan of the installed packages per process: each scan costs
milliseconds, and a one-file check asked three times."""
from __future__ import annotations

import functools
from importlib import metadata


@functools.lru_cache(maxsize=1)
def _all():
    return metadata.entry_points()


def entry_points(group: str):
    """The entry points of ``group``."""
    return _all().select(group=group)
