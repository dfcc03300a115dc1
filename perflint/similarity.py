"""Finding copies without comparing everything with everything.

:func:`exact_groups` clusters items by an exact key (a hash of normalised content).
:func:`near_duplicate_groups` finds items whose sets of features are nearly the same (Jaccard
similarity at or above a threshold) with MinHash signatures and LSH banding, then confirms each
candidate pair with the exact Jaccard similarity. Both are linear in the number of items (plus the
candidate pairs actually found), never quadratic.

(A small numpy implementation rather than datasketch: importing datasketch costs about a second,
which would triple the time of checking a single file.)
"""
from __future__ import annotations

import functools
import hashlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence, Set
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Cluster(Generic[T]):
    """Items found nearly the same; ``similarity[k]`` is member k's highest confirmed Jaccard
    similarity with another member (computed once, from the pairs LSH proposed)."""

    members: list[T]
    similarity: list[float]

_PERMUTATIONS = 64
_BANDS = 16            # 16 bands of 4 rows: pairs above ~0.6 Jaccard almost always collide
_PRIME = (1 << 61) - 1


def exact_groups(items: Iterable[T], key: Callable[[T], Hashable | None], min_size: int = 2) -> list[list[T]]:
    """Items sharing a key, in first-seen order; items whose key is None are skipped."""
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        k = key(item)
        if k is not None:
            groups.setdefault(k, []).append(item)
    return [g for g in groups.values() if len(g) >= min_size]


@functools.lru_cache(maxsize=4096)
def _hash64(feature: str) -> int:
    # (tables copied from a template give the same features again and again: each is hashed once)
    return int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "little")


def feature_hashes(features: Iterable[str]) -> bytes:
    """A set of text features as its 64-bit hashes, sorted and packed: what a cross-document rule
    keeps of each item (8 bytes a feature, whatever its length; a set of the same ints would take
    about ten times that). :func:`near_duplicate_groups` takes it as the set it stands for;
    similarities over the hashes are those over the texts (two features colliding is a chance in
    2⁶⁴)."""
    return array("Q", sorted({_hash64(f) for f in features})).tobytes()


def _size(features: Set | bytes) -> int:
    return len(features) // 8 if isinstance(features, bytes) else len(features)


def _as_set(features: Set | bytes) -> Set:
    return frozenset(memoryview(features).cast("Q")) if isinstance(features, bytes) else features


#: up to this many items every pair is compared (exact, and no numpy to import for a one-file
#: check); above it, MinHash signatures banded into buckets propose the pairs to compare
EXACT_UP_TO = 64


def _candidate_pairs(usable: list[int], sets: list[Set | bytes]):
    """The pairs (x < y) worth comparing, in order: all of them for a few items, else MinHash's."""
    if len(usable) <= EXACT_UP_TO:
        yield from ((x, y) for k, x in enumerate(usable) for y in usable[k + 1:])
        return
    import numpy as np  # only for many items; keeps start-up light

    rng = np.random.default_rng(20240101)
    a = rng.integers(1, _PRIME, size=_PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, _PRIME, size=_PERMUTATIONS, dtype=np.uint64)
    rows = _PERMUTATIONS // _BANDS
    size = len(usable)
    hashes, offsets = _joined(usable, sets, np)
    # each pair (positions in usable, the earlier first) as one number, x * size + y; each once,
    # in order (x, then y). The bands' pairs are gathered and made unique together, a few bands
    # at a time (near pairs come again in most bands: what is held stays small)
    found, pending, held = np.empty(0, dtype=np.int64), [], 0
    for band in range(_BANDS):
        # the items whose band of the MinHash signature is the same fall in one bucket; within
        # it, each member is compared with the bucket's first and with its predecessor (linear
        # per bucket, and with 16 bands every near pair gets many chances to be compared)
        cut = slice(band * rows, (band + 1) * rows)
        keys = _signatures(hashes, offsets, a[cut], b[cut], np)
        order = np.lexsort(keys.T)          # by bucket (a stable sort: each in item order)
        ordered = keys[order]
        opens = np.ones(size, dtype=bool)
        opens[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
        first = order[np.maximum.accumulate(np.where(opens, np.arange(size), 0))]
        later = ~opens
        follows = later.copy()
        follows[1:] &= later[:-1]          # a member after the bucket's second, with its predecessor
        follows[0] = False
        at = np.flatnonzero(follows)
        pending += [first[later] * size + order[later], order[at - 1] * size + order[at]]
        held += len(pending[-2]) + len(pending[-1])
        if held >= 8 * size or band == _BANDS - 1:
            found, pending, held = np.unique(np.concatenate([found, *pending])), [], 0
    items = np.asarray(usable, dtype=np.int64)
    for k in range(0, len(found), 1 << 16):      # made Python numbers a part at a time
        part = found[k:k + (1 << 16)]
        yield from zip(items[part // size].tolist(), items[part % size].tolist(), strict=True)


def _joined(usable: list[int], sets: list[Set | bytes], np):
    """The usable items' feature hashes in one array (packed once for all the bands: 8 bytes a
    feature, as the items hold them already), and where each item's begin, with the end after
    the last."""
    packed = [sets[i] if isinstance(sets[i], bytes) else
              array("Q", (f if isinstance(f, int) else _hash64(f) for f in sets[i])).tobytes()
              for i in usable]
    sizes = np.fromiter((len(p) // 8 for p in packed), dtype=np.int64, count=len(packed))
    if not sizes.all():
        raise ValueError("an empty set has no MinHash signature")
    offsets = np.zeros(len(packed) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    return np.frombuffer(b"".join(packed), dtype=np.uint64), offsets


def _signatures(hashes, offsets, a, b, np, chunk: int = 2048):
    """Part of each item's MinHash signature, for the permutations (a, b): the least of
    (a*h + b) mod p over the hashes h of its features (``hashes``, the k-th item's from
    ``offsets[k]`` to ``offsets[k + 1]``), a chunk of items at a time (so that what is held stays
    small: a sweep has tens of thousands of items). Computed in uint64 with wrap-around: a
    universal-hash family is all MinHash needs, and the wrap keeps it vectorised."""
    count = len(offsets) - 1
    out = np.empty((count, len(a)), dtype=np.uint64)
    for first in range(0, count, chunk):
        last = min(first + chunk, count)
        low, high = offsets[first], offsets[last]
        values = np.multiply.outer(hashes[low:high], a)      # (in place from here)
        values += b
        values %= np.uint64(_PRIME)
        out[first:last] = np.minimum.reduceat(values, offsets[first:last] - low, axis=0)
    return out


def near_duplicate_groups(items: Sequence[T], features: Callable[[T], Set[str] | Set[int] | bytes],
                          threshold: float = 0.8, min_features: int = 3) -> list[Cluster[T]]:
    """Clusters of items whose feature sets have Jaccard similarity ≥ ``threshold`` with at least
    one other member (single linkage over confirmed pairs). Items with fewer than
    ``min_features`` features are left out: tiny sets look alike by accident. ``features`` is
    called once per item; it gives a set of texts, or their :func:`feature_hashes`."""
    sets = [features(item) for item in items]
    usable = [i for i, s in enumerate(sets) if _size(s) >= min_features]
    if len(usable) < 2:
        return []
    parent = {i: i for i in usable}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    best: dict[int, float] = {}
    last, s1 = None, None
    for x, y in _candidate_pairs(usable, sets):
        if sets[x] == sets[y]:
            # the same set (packed hashes are sorted and unique: equal bytes are one set) — most
            # pairs, where tables were copied from one template
            jaccard = 1.0
        else:
            # packed hashes become sets only while compared: kept as sets, they would take ten
            # times the memory (the pairs come in order: the first of several with one item is
            # made once)
            if x != last:
                last, s1 = x, _as_set(sets[x])
            s2 = _as_set(sets[y])
            jaccard = len(s1 & s2) / len(s1 | s2)
        if jaccard >= threshold:
            parent[find(y)] = find(x)
            for i in (x, y):
                best[i] = max(best.get(i, 0.0), jaccard)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in usable:
        clusters[find(i)].append(i)
    return [Cluster([items[i] for i in members], [best.get(i, 0.0) for i in members])
            for members in clusters.values() if len(members) > 1]
