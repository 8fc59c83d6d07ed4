"""Leaders the gazetteer lacks, found from the title in front of their name.

"Ngoại trưởng Ba Lan Witold Waszczykowski", "Bộ trưởng Quốc phòng Úc Marise Payne": a national
role, optionally a ministry and a country, then a proper name make a leader with that role and
country. The id comes from the folded name ("x-witold-waszczykowski"), so the same person is one
entity in every article. Declined: a name that might be a known leader (a garbled form, a word of
a known leader's name), a bare "Bộ trưởng"/"Chủ tịch" before a Vietnamese name (provinces and
companies have chairmen and the press writes "Chủ tịch UBND tỉnh"), runs of one word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.entities.gazetteer import Leader, Role
from index.entities.lexicon import (
    DISCOVERY_ROLES,
    MINISTRIES,
    SURNAMES,
    is_vietnamese_syllable,
)
from index.entities.readings import is_pinyin
from index.entities.syllables import Found, SyllableText, insert, key, longest
from index.text.vietnamese import fold, has_diacritics, normalise_term

_ROLES = {tuple(key(role)): role for role in DISCOVERY_ROLES}
_MINISTRIES = frozenset(key(m) for m in MINISTRIES)
_MAX_MINISTRY_SYLLABLES = 8
# "Lao động - Thương binh và Xã hội", "TT&TT", "Văn hóa, Thể thao và Du lịch".
_MINISTRY_GAP_RE = re.compile(r"[ \u00a0]|[-‐‑'’&]|[ \u00a0]?[-–,][ \u00a0]")
# A minister needs a ministry, a country or a foreign-looking name; a bare chairman needs a
# country ("Chủ tịch Trung Quốc"): clubs, companies and provinces have chairmen too.
_MINISTER = ("bộ", "trưởng")
_CHAIRMEN = frozenset({("chủ", "tịch"), ("phó", "chủ", "tịch")})
_MIN_NAME, _MAX_NAME, _MAX_VIETNAMESE_NAME = 2, 5, 4
_ID_UNSAFE_RE = re.compile(r"[^a-z0-9]+")
_PREFIX = "x-"

MightBeKnown = Callable[[list[str], str, frozenset[str]], bool]
_MIN_SHARED_CHARS = 3


def discovered_id(name_words: list[str]) -> str:
    return _PREFIX + _ID_UNSAFE_RE.sub("-", "-".join(fold(w) for w in name_words)).strip("-")


class TitleDiscovery:
    """Scans a text for role + [ministry] + [country] + name; keeps what it found per article."""

    def __init__(self, might_be_known: MightBeKnown) -> None:
        self.might_be_known = might_be_known
        self.role_trie: dict = {}
        for role_key, role in _ROLES.items():
            insert(self.role_trie, role_key, role)

    def discover(
        self, texts: list[SyllableText], named: frozenset[str], named_words: set[str]
    ) -> dict[str, Leader]:
        """Leaders found from their titles. `named` are the leaders the article already names,
        `named_words` the folded words of their names ("John Ginz" beside "John Key" is him)."""
        found: dict[str, Leader] = {}
        for t in texts:
            for i in range(t.n):
                if t.norm[i] in self.role_trie and t.owner[i] is None:
                    leader = self._at(t, i, named, named_words)
                    if leader is not None:
                        found.setdefault(leader.id, leader)
        if found:
            for t in texts:
                _tag_repeats(t, found)
        return found

    def _at(
        self, t: SyllableText, i: int, named: frozenset[str], named_words: set[str]
    ) -> Leader | None:
        hits = longest(self.role_trie, t, i)
        if not hits:
            return None
        role_end, role = hits[0]
        role_key = tuple(t.norm[i : role_end + 1])
        p = role_end + 1
        ministry_end = _ministry_end(t, p) if role_key[-2:] == ("bộ", "trưởng") else None
        has_ministry = ministry_end is not None
        p = ministry_end + 1 if ministry_end is not None else p
        country = ""
        if p < t.n and t.owner[p] is not None and t.owner[p].kind == "country":
            country_found = t.owner[p]
            country, p = country_found.id, country_found.last + 1
        last = _name_end(t, p)
        if last is None:
            return None
        words = t.src[p : last + 1]
        if not self._acceptable(words, role_key, has_ministry, country, named):
            return None
        if any(len(w) >= _MIN_SHARED_CHARS and fold(w).lower() in named_words for w in words):
            return None
        leader = Leader(
            id=discovered_id(words),
            name=t.text[t.starts[p] : t.ends[last]],
            country=country or ("VN" if _vietnamese_name(words) else ""),
            roles=(Role(str(role) + _ministry_text(t, role_end, ministry_end)),),
        )
        t.claim(Found("leader", leader.id, p, last))
        return leader

    def _acceptable(
        self, words: list[str], role_key: tuple[str, ...], has_ministry: bool, country: str,
        named: frozenset[str],
    ) -> bool:
        vietnamese = all(is_vietnamese_syllable(w) for w in words)
        if vietnamese and len(words) > _MAX_VIETNAMESE_NAME:
            return False
        if vietnamese and not country and not _vietnamese_name(words):
            return False
        if role_key in _CHAIRMEN and not country:
            return False
        if role_key == _MINISTER and vietnamese and not (has_ministry or _foreign(country)):
            return False
        if all(is_pinyin(fold(w).lower()) for w in words) and not vietnamese:
            return False  # a Chinese name in pinyin: a garble of somebody, known or not
        if not vietnamese and any(has_diacritics(w) and is_vietnamese_syllable(w) for w in words):
            return False  # "Rafael Rồng": half a foreign name, half a translated word
        return not self.might_be_known(words, country, named)


def _foreign(country: str) -> bool:
    return bool(country) and country != "VN"


def _vietnamese_name(words: list[str]) -> bool:
    """Vietnamese syllables led by a Vietnamese surname: "Phan Văn Giang"."""
    return all(is_vietnamese_syllable(w) for w in words) and normalise_term(words[0]) in SURNAMES


def _ministry_end(t: SyllableText, p: int) -> int | None:
    """The last syllable of "Quốc phòng", "Bộ Y tế", "Ngoại giao và Thương mại" from p."""
    end = None
    while p < t.n:
        start = p + 1 if t.norm[p] == "bộ" and end is None else p
        match = _longest_phrase(t, start, _MINISTRIES)
        if match is None:
            break
        end = match
        if match + 2 < t.n and t.norm[match + 1] == "và":
            p = match + 2
            continue
        break
    return end


def _longest_phrase(t: SyllableText, start: int, phrases: frozenset[tuple[str, ...]]) -> int | None:
    best = None
    for size in range(1, _MAX_MINISTRY_SYLLABLES + 1):
        if start + size > t.n:
            break
        if size > 1 and not t.joined(start + size - 2, _MINISTRY_GAP_RE):
            break
        if tuple(t.norm[start : start + size]) in phrases:
            best = start + size - 1
    return best


def _ministry_text(t: SyllableText, role_end: int, ministry_end: int | None) -> str:
    if ministry_end is None:
        return ""
    ministry = t.text[t.ends[role_end] : t.ends[ministry_end]].strip()
    return " " + ministry.removeprefix("Bộ ").removeprefix("bộ ")


def _name_end(t: SyllableText, p: int) -> int | None:
    """The last syllable of a proper name starting at p: capitalised, unclaimed, joined words."""
    if p >= t.n or p == 0 or not t.joined(p - 1):
        return None
    j = p
    while _name_word(t, j) and j - p < _MAX_NAME:
        if not t.joined(j) or not _name_word(t, j + 1):
            break
        j += 1
    if not _name_word(t, p) or j - p + 1 < _MIN_NAME:
        return None
    if t.joined(j) and t.caps[j + 1] and t.owner[j + 1] is None:
        return None  # longer than a name can be: a heading, a list of names
    return j


def _name_word(t: SyllableText, j: int) -> bool:
    return (
        j < t.n
        and t.caps[j]
        and t.owner[j] is None
        and t.src[j].isalpha()
        and not t.shouted(j)
    )


def _tag_repeats(t: SyllableText, found: dict[str, Leader]) -> None:
    """The same full name again in the article, without its title."""
    trie: dict = {}
    for leader in found.values():
        insert(trie, key(leader.name), leader.id)
    i = 0
    while i < t.n:
        if t.owner[i] is None and t.caps[i] and t.norm[i] in trie:
            for last, leader_id in longest(trie, t, i):
                if all(t.owner[k] is None for k in range(i, last + 1)):
                    t.claim(Found("leader", str(leader_id), i, last))
                    i = last
                    break
        i += 1
