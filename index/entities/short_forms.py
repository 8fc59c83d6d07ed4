"""Short forms ("Putin", "ông Sang"): counted only with a title before them or the full name near.

A bare given or family name is somebody else's name far more often than a leader's: "ông Bình",
"bác sĩ Thành", "ông Clark". So a short form counts when the article names that leader in full,
or after a title word when nothing in the article points at a namesake: a strong title ("Tổng
thống Putin") for a foreign short form, a strong title that fits the leader for a Vietnamese one,
an honorific ("ông Trump") only where the article names the leader's country.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.entities.context import (
    STRONG,
    WEAK,
    common_word,
    inside_longer_name,
    title_before,
)
from index.entities.gazetteer import Leader
from index.entities.lexicon import is_vietnamese_syllable
from index.entities.syllables import (
    Found,
    SyllableText,
    cases,
    cases_ok,
    insert,
    key,
    longest,
    lookup,
)
from index.text.vietnamese import SYLLABLE_RE, fold, normalise_term

_MIN_FAMILY_CHARS = 3


@dataclass
class ArticleContext:
    """What the whole article has named so far."""

    year: int | None = None
    leaders: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Candidate:
    first: int
    last: int
    ids: tuple[str, ...]
    title: tuple[str, ...]
    strong: bool


class ShortForms:
    """The short forms of every leader in a trie, and the rules that let one count."""

    def __init__(self, leaders: dict[str, Leader]) -> None:
        self.leaders = leaders
        self.trie: dict = {}
        self.full_keys: dict[str, list[tuple[str, ...]]] = {}
        # Family-name-like words of foreign leaders' names, with their countries.
        self.name_words: dict[str, set[str]] = {}
        for leader in leaders.values():
            self.full_keys[leader.id] = [key(alias) for alias in leader.names]
            for word in _family_words(leader):
                self.name_words.setdefault(word, set()).add(leader.country)
            for short in {_without_title(s) for s in leader.short}:
                if key(short):
                    insert(self.trie, key(short), (leader.id, cases(short)))

    def names_part(self, word: str, country: str) -> bool:
        """Whether a foreign word is a known leader's family name or short form (of `country`)."""
        if is_vietnamese_syllable(word):
            return False
        countries = self.name_words.get(fold(word).lower())
        return bool(countries) and (not country or country in countries)

    def tag(self, t: SyllableText, article: ArticleContext) -> None:
        for candidate in self._candidates(t):
            name_key = tuple(t.norm[candidate.first : candidate.last + 1])
            chosen = self._pick(name_key, candidate, article)
            if chosen is not None and not common_word(t, candidate.first, candidate.last):
                t.claim(Found("leader", chosen, candidate.first, candidate.last))

    def _candidates(self, t: SyllableText) -> list[_Candidate]:
        out = []
        i, count, norm, caps, owner = 0, t.n, t.norm, t.caps, t.owner
        while i < count:
            if not caps[i] or owner[i] is not None or norm[i] not in self.trie:
                i += 1
                continue
            for last, _ in longest(self.trie, t, i):
                if any(owner[k] is not None for k in range(i, last + 1)):
                    continue
                if inside_longer_name(t, i, last):
                    continue
                values = lookup(self.trie, tuple(norm[i : last + 1]))
                ids = tuple(dict.fromkeys(lid for lid, rule in values if cases_ok(rule, t, i)))
                if not ids:
                    continue
                title, strong = title_before(t, i)
                out.append(_Candidate(i, last, ids, title, strong))
                i = last
                break
            i += 1
        return out

    def _pick(
        self, name_key: tuple[str, ...], candidate: _Candidate, article: ArticleContext
    ) -> str | None:
        # "ông Al Thani" after "Mohammed bin Abdulrahman Al Thani": the article's own leader
        # whose full name ends with the short form, even if the gazetteer lists it for another.
        named = [
            lid for lid in article.leaders
            if lid in candidate.ids
            or any(k[-len(name_key):] == name_key for k in self.full_keys.get(lid, ()))
        ]
        if named:
            return named[0] if len(named) == 1 else None
        if not candidate.title:
            return None
        pool = [lid for lid in candidate.ids if lid in self.leaders]
        if len(pool) > 1:
            pool = [lid for lid in pool if self._fits_article(self.leaders[lid], article)]
        if len(pool) != 1:
            return None
        leader = self.leaders[pool[0]]
        if not candidate.strong and not self._honorific_fits(leader, candidate.title, article):
            return None  # "ông Clark" the farmer is not "bà Clark", Helen Clark
        out_of_office = article.year is not None and not leader.active_in(article.year)
        if _vietnamese_short(leader) and (
            not candidate.strong or out_of_office or not _title_fits(leader, candidate.title)
        ):
            return None  # "thứ trưởng Phúc" is not Thủ tướng Nguyễn Xuân Phúc
        return leader.id

    def _honorific_fits(
        self, leader: Leader, honorific: tuple[str, ...], article: ArticleContext
    ) -> bool:
        """"ông Trump": the honorific the gazetteer gives this leader, if it gives one, and
        nothing in the article against them (another year, when the country is not named)."""
        own = {key(s)[:-1] for s in leader.short if key(s)[:1] and key(s)[:-1] in WEAK}
        if own and honorific not in own:
            return False
        if leader.country in article.countries:
            return True
        return article.year is None or leader.active_in(article.year)

    @staticmethod
    def _fits_article(leader: Leader, article: ArticleContext) -> bool:
        return leader.country in article.countries and (
            article.year is None or leader.active_in(article.year)
        )


def _title_fits(leader: Leader, title: tuple[str, ...]) -> bool:
    phrase = " ".join(title)
    roles = [normalise_term(role.role) for role in leader.roles]
    return any(role.startswith(phrase) or phrase.startswith(role) for role in roles)


def _family_words(leader: Leader) -> set[str]:
    words = {fold(w).lower() for s in leader.short for w in SYLLABLE_RE.findall(s)}
    for name in leader.names:
        words |= {fold(w).lower() for w in SYLLABLE_RE.findall(name)[-1:]}
    return {w for w in words if len(w) >= _MIN_FAMILY_CHARS and not is_vietnamese_syllable(w)}


def _vietnamese_short(leader: Leader) -> bool:
    return all(is_vietnamese_syllable(w) for s in leader.short for w in SYLLABLE_RE.findall(s))


def _without_title(short: str) -> str:
    """"ông Sang" → "Sang": the matcher finds title words itself, before any short form."""
    words_ = SYLLABLE_RE.findall(short)
    name_key = tuple(normalise_term(w) for w in words_)
    for size in range(len(name_key) - 1, 0, -1):
        if name_key[:size] in STRONG or name_key[:size] in WEAK:
            return " ".join(words_[size:])
    return short
