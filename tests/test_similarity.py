"""Near-duplicate sets (perflint/similarity.py): the pairs MinHash proposes, and the clusters."""
from __future__ import annotations

import random
from collections import defaultdict

import numpy as np
import pytest

from perflint import similarity
from perflint.similarity import EXACT_UP_TO, feature_hashes, near_duplicate_groups


def _bucketed_pairs(usable: list[int], sets: list[bytes]) -> set[tuple[int, int]]:
    """The pairs as banding defines them, item by item and bucket by bucket (the plain way)."""
    rng = np.random.default_rng(20240101)
    a = rng.integers(1, similarity._PRIME, size=similarity._PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, similarity._PRIME, size=similarity._PERMUTATIONS, dtype=np.uint64)
    rows = similarity._PERMUTATIONS // similarity._BANDS
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i in usable:
        hashes = np.frombuffer(sets[i], dtype=np.uint64)
        signature = ((hashes[:, None] * a + b) % np.uint64(similarity._PRIME)).min(axis=0)
        for band in range(similarity._BANDS):
            buckets[(band, signature[band * rows:(band + 1) * rows].tobytes())].append(i)
    pairs = set()
    for members in buckets.values():
        pairs |= {(members[0], y) for y in members[1:]} | set(zip(members[1:], members[2:], strict=False))
    return pairs


def _families(seed: int, families: int, copies: int, size: int) -> list[bytes]:
    """Sets made of a few families: each a base set, copied as it is or with one feature changed
    (then 0.8 or more alike with the base for ten features or more)."""
    rng = random.Random(seed)
    out = []
    for f in range(families):
        base = [f"族{f}行{k}" for k in range(size)]
        for c in range(copies):
            changed = list(base)
            for _ in range(rng.randint(0, 1)):
                changed[rng.randrange(size)] = f"改{f}-{c}-{rng.random()}"
            out.append(feature_hashes(changed))
    rng.shuffle(out)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_minhash_proposes_exactly_the_pairs_of_its_buckets(seed):
    sets = _families(seed, families=30, copies=12, size=8 + 3 * seed)
    usable = [i for i, s in enumerate(sets) if len(s) >= 8 * 3 and i % 7]     # not every item takes part
    assert len(usable) > EXACT_UP_TO
    proposed = list(similarity._candidate_pairs(usable, sets))
    assert proposed == sorted(set(proposed))                 # each once, in order
    assert all(x < y for x, y in proposed)
    assert set(proposed) == _bucketed_pairs(usable, sets)


def test_a_template_cluster_of_thousands_is_one_cluster():
    # 3,000 tables from one template (a row or two changed in each) and 200 tables of their own
    sets = _families(7, families=1, copies=3000, size=12)
    own = [feature_hashes(f"表{t}行{k}" for k in range(12)) for t in range(200)]
    items = sets + own
    clusters = near_duplicate_groups(items, lambda s: s, threshold=0.8, min_features=5)
    assert len(clusters) == 1
    assert len(clusters[0].members) == 3000
    assert all(0.8 <= s <= 1.0 for s in clusters[0].similarity)


def test_few_items_are_compared_pair_by_pair_with_the_same_clusters():
    sets = _families(11, families=3, copies=5, size=10)
    assert len(sets) <= EXACT_UP_TO
    clusters = near_duplicate_groups(sets, lambda s: s, threshold=0.8, min_features=5)
    assert sorted(len(c.members) for c in clusters) == [5, 5, 5]


def test_an_empty_set_among_many_is_refused_not_misread():
    sets = _families(5, families=10, copies=8, size=6)
    sets.append(b"")
    with pytest.raises(ValueError):
        list(similarity._candidate_pairs(list(range(len(sets))), sets))


def test_texts_their_packed_hashes_and_their_hashes_as_numbers_cluster_alike():
    rng = random.Random(3)
    rows = []
    for f in range(10):
        base = [f"族{f}行{k}" for k in range(10)]
        for c in range(10):
            copy = list(base)
            if rng.random() < 0.5:
                copy[rng.randrange(10)] = f"改{f}-{c}"
            rows.append(copy)
    assert len(rows) > EXACT_UP_TO
    as_texts = near_duplicate_groups(rows, set, 0.8, 5)
    as_packed = near_duplicate_groups(rows, feature_hashes, 0.8, 5)
    as_numbers = near_duplicate_groups(rows, lambda r: {similarity._hash64(t) for t in r}, 0.8, 5)
    assert len(as_texts) == 10
    assert [(c.members, c.similarity) for c in as_texts] == [(c.members, c.similarity) for c in as_packed] \
        == [(c.members, c.similarity) for c in as_numbers]
