"""One string seen as syllables, with offsets, and the name trie the scanners walk over it."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from index.text.vietnamese import SYLLABLE_RE, normalise_term

Kind = Literal["leader", "country", "organisation", "block"]
END = ""  # trie key holding the names that end at a node; never a syllable

# What may sit between two syllables of one name: a space, a hyphen, an apostrophe, or the
# spaced dash of "châu Á - Thái Bình Dương".
MATCH_GAP_RE = re.compile(r"[ \u00a0]|[-‐‑'’]|[ \u00a0][-–][ \u00a0]")
NAME_GAP_RE = re.compile(r"[ \u00a0]|[-‐‑'’]")
_SENTENCE_OPENERS = frozenset(".!?:;\n…\"“”‘'([{-–—•*")
_SYLLABLE_SPLIT_RE = re.compile(f"({SYLLABLE_RE.pattern})")
_INITIAL_GAPS = frozenset({".", ". ", ".\u00a0"})


@dataclass
class Found:
    kind: Kind
    id: str
    first: int
    last: int
    provisional: bool = False


@dataclass
class SyllableText:
    """One string's syllables: offsets, source and normalised forms, what is already claimed."""

    text: str
    starts: list[int]
    ends: list[int]
    src: list[str]
    norm: list[str]
    caps: list[bool]
    n: int
    found: list[Found] = field(default_factory=list)
    owner: list[Found | None] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> SyllableText:
        # [gap, syllable, gap, syllable, ..., gap]: the running total of their lengths gives
        # every offset without a match object per syllable.
        parts = _SYLLABLE_SPLIT_RE.split(text)
        offsets = list(itertools.accumulate(map(len, parts)))
        starts, ends, src = offsets[0:-1:2], offsets[1::2], parts[1::2]
        normalised = normalise_term(text)
        if len(normalised) == len(text):
            norm = list(map(normalised.__getitem__, map(slice, starts, ends)))
        else:
            norm = list(map(normalise_term, src))
        caps = [word[0].isupper() for word in src]
        return cls(text, starts, ends, src, norm, caps, len(src), [], [None] * len(src))

    def __len__(self) -> int:
        return self.n

    def gap(self, i: int) -> str:
        """The text between syllable i and syllable i + 1."""
        return self.text[self.ends[i] : self.starts[i + 1]]

    def joined(self, i: int, pattern: re.Pattern[str] = NAME_GAP_RE) -> bool:
        if i + 1 >= self.n:
            return False
        gap = self.text[self.ends[i] : self.starts[i + 1]]
        return gap == " " or bool(pattern.fullmatch(gap))

    def capital(self, i: int) -> bool:
        return self.caps[i]

    def shouted(self, i: int) -> bool:
        word = self.src[i]
        return len(word) > 1 and word.isupper()

    def sentence_initial(self, i: int) -> bool:
        k = self.starts[i] - 1
        while k >= 0 and self.text[k] in " \u00a0\t":
            k -= 1
        return k < 0 or self.text[k] in _SENTENCE_OPENERS

    def claim(self, found: Found) -> None:
        self.found.append(found)
        for k in range(found.first, found.last + 1):
            self.owner[k] = found

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.starts[first], self.ends[last]

    def initial(self, j: int) -> bool:
        """"V. Putin": a one-letter initial and its full stop sit inside a name."""
        return j + 1 < self.n and len(self.src[j]) == 1 and self.gap(j) in _INITIAL_GAPS


def cases(alias: str) -> tuple[str, ...]:
    """Per syllable: "A" an acronym (all capitals), "C" a capital initial, "" either case."""
    out = []
    for word in SYLLABLE_RE.findall(alias):
        if len(word) > 1 and word.isupper() and word.isalpha():
            out.append("A")
        elif word[0].isupper():
            out.append("C")
        else:
            out.append("")
    return tuple(out)


def cases_ok(rules: tuple[str, ...], t: SyllableText, first: int) -> bool:
    for k, rule in enumerate(rules):
        word = t.src[first + k]
        if (rule == "A" and not word.isupper()) or (rule == "C" and not word[0].isupper()):
            return False
    return True


def key(alias: str) -> tuple[str, ...]:
    return tuple(normalise_term(w) for w in SYLLABLE_RE.findall(alias))


def insert(trie: dict, name_key: tuple[str, ...], value: object) -> None:
    node = trie
    for syllable in name_key:
        node = node.setdefault(syllable, {})
    node.setdefault(END, []).append(value)


def lookup(trie: dict, name_key: tuple[str, ...]) -> list:
    node: dict | None = trie
    for syllable in name_key:
        node = node.get(syllable) if node is not None else None
    return [] if node is None else node.get(END, [])


def longest(trie: dict, t: SyllableText, i: int) -> list[tuple[int, object]]:
    """Every name in the trie that starts at syllable i, longest first."""
    node = trie.get(t.norm[i])
    hits: list[tuple[int, object]] = []
    j = i
    while node is not None:
        hits.extend((j, value) for value in node.get(END, ()))
        if not (t.joined(j, MATCH_GAP_RE) or t.initial(j)):
            break
        node = node.get(t.norm[j + 1])
        j += 1
    hits.reverse()
    return hits


def nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
