"""Same story: near-duplicate articles (one event from several outlets, a translation beside
its original), grouped at build time.

Each article becomes the set of its folded syllable 5-grams. A one-permutation MinHash
signature (the smallest hash in each of 128 bins of the hash range) estimates the Jaccard
similarity of two sets; locality-sensitive hashing over 32 bands of 4 bins finds the pairs worth
comparing, and pairs whose estimated similarity reaches the threshold are joined into groups.
Pure Python integers: no numpy in this layer.

A translation shares few word sequences with its original (a Vietnamese → Chinese → Vietnamese
machine translation of a seed keeps 3% of its 5-grams), but it keeps the cast: the leaders it
names, the numbers and the proper names. Two articles that name the same six or more leaders
(Jaccard ≥ 0.6 over their leaders) and share 40% of their numbers and capitalised words are the
same story too. On Baomoi 2017 that second rule joins about twenty pairs, nearly all reports of
one event or one trip.
"""

from __future__ import annotations

import re
import zlib
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import combinations

from index.text.vietnamese import fold, folded_syllables

SHINGLE_SYLLABLES = 5
# Chosen on Baomoi pairs read by hand: at 0.4–0.5 nearly all are one story; below 0.4 weather
# reports and live-score pages sharing their boilerplate begin to join.
DEFAULT_THRESHOLD = 0.45
# Below this many shingles an article is too short to call anything its duplicate.
MIN_SHINGLES = 20

_BINS = 128
_BIN_BITS = 7  # log2(_BINS)
_ROWS_PER_BAND = 4
_VALUE_BITS = 64 - _BIN_BITS
_VALUE_MASK = (1 << _VALUE_BITS) - 1
_EMPTY = 1 << _VALUE_BITS  # larger than any value: a bin no shingle fell into
_MASK64 = (1 << 64) - 1
_MIX = 0x9E3779B97F4A7C15  # odd 64-bit constant (golden ratio) to spread tuple hashes
# A band bucket this full holds boilerplate or exact copies: compare with its first member only.
_BUCKET_ALL_PAIRS_MAX = 40

# The cast rule: leaders named by both, and how much of the names and numbers they share.
MIN_SHARED_CAST = 6
CAST_THRESHOLD = 0.6
ANCHOR_THRESHOLD = 0.4
_TOKEN_RE = re.compile(r"\S+")
_TOKEN_EDGES = ".,;:()[]\"“”‘’'!?…"
_SENTENCE_ENDS = frozenset(".!?:\"“”…\n")

Signature = tuple[int, ...]

_syllable_ids: dict[str, int] = {}


def _syllable_id(syllable: str) -> int:
    """A stable number for a folded syllable (the same in every process, unlike hash(str))."""
    found = _syllable_ids.get(syllable)
    if found is None:
        found = _syllable_ids[syllable] = zlib.crc32(syllable.encode())
    return found


def shingle_hashes(text: str, size: int = SHINGLE_SYLLABLES) -> set[int]:
    """64-bit hashes of the text's folded syllable n-grams."""
    return syllable_shingle_hashes(folded_syllables(text).split(), size)


def syllable_shingle_hashes(syllables: list[str], size: int = SHINGLE_SYLLABLES) -> set[int]:
    """64-bit hashes of the n-grams of folded syllables."""
    ids = list(map(_syllable_ids.get, syllables))
    if None in ids:
        ids = [_syllable_id(s) for s in syllables]
    grams = zip(*(ids[i:] for i in range(size)), strict=False)
    return {(hash(gram) * _MIX) & _MASK64 for gram in grams}


def signature(hashes: Iterable[int]) -> Signature:
    """The smallest value in each bin; the top bits of a hash choose its bin.

    Sorted, the hashes fall in bin order, so each bin's smallest is found by bisection.
    """
    ordered = sorted(hashes)
    smallest = []
    for bin_index in range(_BINS):
        start = bisect_left(ordered, bin_index << _VALUE_BITS)
        if start < len(ordered) and ordered[start] >> _VALUE_BITS == bin_index:
            smallest.append(ordered[start] & _VALUE_MASK)
        else:
            smallest.append(_EMPTY)
    return tuple(smallest)


def sketch_of(text: str) -> Signature | None:
    """The text's signature; None when it is too short to call anything its duplicate."""
    return syllables_sketch(folded_syllables(text).split())


def syllables_sketch(syllables: list[str]) -> Signature | None:
    """`sketch_of` the text these folded syllables are of."""
    hashes = syllable_shingle_hashes(syllables)
    return signature(hashes) if len(hashes) >= MIN_SHINGLES else None


def anchors(text: str) -> set[str]:
    """Numbers ("19/11", "2016") and capitalised words not opening a sentence, folded."""
    found = set()
    opens_sentence = True
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        word = token.strip(_TOKEN_EDGES)
        if word and (word[0].isdigit() or (word[0].isupper() and not opens_sentence)):
            found.add(fold(word))
        opens_sentence = token[-1] in _SENTENCE_ENDS
    return found


def _jaccard(first: Collection[str], second: Collection[str]) -> float:
    union = len(set(first) | set(second))
    return len(set(first) & set(second)) / union if union else 0.0


def similarity(first: Sequence[int], second: Sequence[int]) -> float:
    """Estimated Jaccard similarity: agreeing bins among those not empty in both."""
    used = agreeing = 0
    for a, b in zip(first, second, strict=True):
        if a == _EMPTY and b == _EMPTY:
            continue
        used += 1
        agreeing += a == b
    return agreeing / used if used else 0.0


class _Groups:
    """Union-find over article positions."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def root(self, item: int) -> int:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.root(parent)
        return parent

    def join(self, first: int, second: int) -> None:
        a, b = self.root(first), self.root(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


class SameStory:
    """Collects articles with `add`, then `groups` maps each grouped article to its group."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.ids: list[str] = []
        # Packed as unsigned 64-bit arrays: a tenth of the memory of tuples of ints.
        self.signatures: list[array[int]] = []
        # Keyed by the hash of (band, its bins): 64 bits, and every candidate is checked anyway.
        # Band buckets: the first article of each, and the members of those holding several
        # (most hold one, and a list each would cost more than the signatures).
        self.first_in_bucket: dict[int, int] = {}
        self.shared_buckets: dict[int, list[int]] = {}
        # Only articles naming enough leaders for the cast rule: (id, leaders, anchors).
        self.casts: list[tuple[str, frozenset[str], frozenset[str]]] = []

    def add(self, article_id: str, text: str, leaders: Collection[str] = ()) -> None:
        """One article: its text (title and body), and the ids of the leaders it names."""
        cast = anchors(text) if len(set(leaders)) >= MIN_SHARED_CAST else None
        self.add_sketch(article_id, sketch_of(text), leaders, cast)

    def add_sketch(
        self,
        article_id: str,
        sketch: Signature | None,
        leaders: Collection[str] = (),
        cast_anchors: Collection[str] | None = None,
    ) -> None:
        """One article from what `sketch_of` and `anchors` made of it (kept by a build, so an
        incremental build regroups without reading the texts again)."""
        if cast_anchors is not None and len(set(leaders)) >= MIN_SHARED_CAST:
            self.casts.append((article_id, frozenset(leaders), frozenset(cast_anchors)))
        if sketch is None:
            return
        position = len(self.ids)
        self.ids.append(article_id)
        self.signatures.append(array("Q", sketch))
        for band in range(0, _BINS, _ROWS_PER_BAND):
            key = hash((band, *sketch[band : band + _ROWS_PER_BAND]))
            first = self.first_in_bucket.setdefault(key, position)
            if first != position:
                self.shared_buckets.setdefault(key, [first]).append(position)

    def _candidate_pairs(self) -> set[tuple[int, int]]:
        pairs: set[tuple[int, int]] = set()
        for members in self.shared_buckets.values():
            if len(members) <= _BUCKET_ALL_PAIRS_MAX:
                pairs.update(combinations(members, 2))
            else:
                pairs.update((members[0], other) for other in members[1:])
        return pairs

    def similar_pairs(self) -> list[tuple[str, str, float]]:
        """Pairs of articles whose estimated similarity reaches the threshold."""
        found = []
        for first, second in sorted(self._candidate_pairs()):
            score = similarity(self.signatures[first], self.signatures[second])
            if score >= self.threshold:
                found.append((self.ids[first], self.ids[second], score))
        return found

    def same_cast_pairs(self) -> list[tuple[str, str]]:
        """Pairs naming the same six or more leaders and sharing their names and numbers."""
        by_leader: dict[str, list[int]] = defaultdict(list)
        for position, (_article_id, cast, _anchors) in enumerate(self.casts):
            for leader in cast:
                by_leader[leader].append(position)
        shared: Counter[tuple[int, int]] = Counter()
        for positions in by_leader.values():
            shared.update(combinations(positions, 2))
        found = []
        for (first, second), count in sorted(shared.items()):
            if count < MIN_SHARED_CAST:
                continue
            (a, cast_a, anchors_a), (b, cast_b, anchors_b) = self.casts[first], self.casts[second]
            if (
                _jaccard(cast_a, cast_b) >= CAST_THRESHOLD
                and _jaccard(anchors_a, anchors_b) >= ANCHOR_THRESHOLD
            ):
                found.append((a, b))
        return found

    def groups(self) -> dict[str, str]:
        """Article id → group id (the group's smallest article id), for groups of two or more."""
        union = _Groups()
        names: list[str] = []
        position_of: dict[str, int] = {}

        def position(article_id: str) -> int:
            if article_id not in position_of:
                position_of[article_id] = len(names)
                names.append(article_id)
            return position_of[article_id]

        for first, second, _score in self.similar_pairs():
            union.join(position(first), position(second))
        for first, second in self.same_cast_pairs():
            union.join(position(first), position(second))
        members: dict[int, list[str]] = defaultdict(list)
        for item in union.parent:
            members[union.root(item)].append(names[item])
        grouped = {}
        for group in members.values():
            if len(group) >= 2:
                name = min(group)
                grouped.update((article_id, name) for article_id in group)
        return grouped


def group_same_story(
    docs: Iterable[tuple[str, str]],
    leaders: Mapping[str, Collection[str]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[str, str]:
    """(article id, text) pairs, and optionally each article's leader ids → article id → group
    id, for the articles in groups of two or more."""
    collector = SameStory(threshold)
    for article_id, text in docs:
        collector.add(article_id, text, (leaders or {}).get(article_id, ()))
    return collector.groups()


_PACKED_EMPTY = 0xFFFFFFFF


def pack_sketch(sketch: Signature) -> bytes:
    """A signature in 4 bytes a bin: the low 32 bits of each value are plenty to tell bins
    apart (two unequal values agree on them once in four billion)."""
    packed = (_PACKED_EMPTY if v == _EMPTY else v & _PACKED_EMPTY for v in sketch)
    return array("I", packed).tobytes()


def unpack_sketch(packed: bytes) -> Signature:
    values = array("I")
    values.frombytes(packed)
    return tuple(_EMPTY if v == _PACKED_EMPTY else v for v in values)
