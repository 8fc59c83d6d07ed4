"""Resolve garbled leader names: pinyin or half-translated Chinese forms, misspelt Western ones.

Machine translation from Chinese leaves names as pinyin ("Zhang Jinchuang" for Trương Tấn Sang,
张晋创), as a mix ("Trương Jinchuang", "Lý Xianlong"), or mangled ("Jim Chong", "John Keye"). For
every gazetteer person with Chinese characters we keep, per character, its pinyin readings and
its Hán-Việt syllable; a capitalised run is aligned to those characters (one word may fuse several,
"Daguang" = da + guang), each aligned word scores 1 for an exact reading and less for a near one,
and context (a title word, the person's country, their years in office, the same person elsewhere
in the article) adds evidence. Anything short of the threshold is declined.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from index.entities.gazetteer import Gazetteer, Leader
from index.entities.lexicon import SURNAME_HANZI, is_vietnamese_syllable
from index.text.vietnamese import SYLLABLE_RE, fold, normalise_term

SURNAME_WEIGHT = 0.5
FUZZY_FLOOR = 0.6
ACCEPT = 0.8
MARGIN = 0.1
MIN_GIVEN = 1.0
NEAR_EXACT = 0.9
PURE_VIETNAMESE_MIN = 0.6
WESTERN_EXACT = 0.9
WESTERN_FUZZY = 0.7

STRONG_TITLE_BONUS = 0.15
HONORIFIC_BONUS = 0.05
FOUND_BONUS = 0.15
COUNTRY_BONUS = 0.1
YEAR_BONUS = 0.05


_CACHE_SIZE = 20000
_PINYIN_SYLLABLE = (
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn"
    r"|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
    r"|ang|eng|ai|ei|ao|ou|an|en|er|a|o|e)"
)
_PINYIN_RE = re.compile(f"(?:{_PINYIN_SYLLABLE})+")


def is_pinyin(word: str) -> bool:
    """Whether a lower-case word reads as pinyin syllables ("jinchuang", "chen"; not "hà")."""
    return word.isascii() and bool(_PINYIN_RE.fullmatch(word))


@dataclass(frozen=True)
class Evidence:
    """What the article says around a candidate name."""

    title: tuple[str, ...] = ()
    strong_title: bool = False
    found: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    year: int | None = None


@dataclass(frozen=True)
class Resolution:
    leader_id: str
    first: int
    last: int
    score: float


@dataclass(frozen=True)
class _HanName:
    """A person's name character by character: the readings each character may show up as."""

    leader_id: str
    readings: tuple[frozenset[str], ...]
    near: tuple[frozenset[str], ...]
    pinyin: tuple[frozenset[str], ...]
    primary: tuple[frozenset[str], ...]


@dataclass
class _Candidate:
    leader_id: str
    first: int
    last: int
    base: float
    given_only: bool = False
    surname_exact: bool = False
    complete: bool = True
    fuzzy: bool = False


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


@lru_cache(maxsize=8192)
def _pinyin_readings(char: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    return tuple(dict.fromkeys(s for r in readings for s in _spellings(r) if s.isalpha()))


def _spellings(reading: str) -> tuple[str, str]:
    return reading.replace("ü", "v"), reading.replace("ü", "u").replace("v", "u")


def _primary(char: str) -> frozenset[str]:
    """The usual reading of a character (pypinyin lists it first), in both spellings of ü."""
    return frozenset(_spellings(_pinyin_readings(char)[0]))


def _folded_words(text: str) -> list[str]:
    return [fold(word) for word in SYLLABLE_RE.findall(text)]


def _han_name(leader: Leader) -> _HanName | None:
    chars = [c for c in leader.hanzi if _is_cjk(c)]
    if len(chars) < 2:
        return None
    pinyin = tuple(_pinyin_readings(c) for c in chars)
    vietnamese = _folded_words(leader.name)
    # Only a name written syllable for character ("Trương Tấn Sang") gives Hán-Việt readings.
    aligned = len(vietnamese) == len(chars) and all(is_vietnamese_syllable(w) for w in vietnamese)
    hanviet = [{vietnamese[k]} if aligned else set() for k in range(len(chars))]
    return _HanName(
        leader.id,
        readings=tuple(frozenset(pinyin[k]) | hanviet[k] for k in range(len(chars))),
        # Near misses count only against the usual reading: rare ones make too many look-alikes.
        near=tuple(_primary(c) | hanviet[k] for k, c in enumerate(chars)),
        pinyin=tuple(frozenset(p) for p in pinyin),
        primary=tuple(_primary(c) for c in chars),
    )


@lru_cache(maxsize=65536)
def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@lru_cache(maxsize=65536)
def similarity(word: str, reading: str) -> float:
    """1 for the same spelling, a partial score for a near one ("jinchu"~"jinchuang"), else 0."""
    if word == reading:
        return 1.0
    if not word or not reading or word[0] != reading[0] or min(len(word), len(reading)) < 2:
        return 0.0
    best = 1 - edit_distance(word, reading) / max(len(word), len(reading))
    if reading.startswith(word):
        best = max(best, len(word) / len(reading))
    return best if best >= FUZZY_FLOOR else 0.0


class NameResolver:
    """Scores capitalised runs against every gazetteer person; built once, pickle-friendly."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.leaders = {k: (v.country, v.roles) for k, v in gazetteer.leaders.items()}
        self.han: list[_HanName] = []
        self.han_index: dict[str, set[int]] = {}
        self.western: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self._cache: dict[tuple[str, ...], list[_Candidate]] = {}
        self.surname_readings = {
            normalise_term(s): frozenset(_pinyin_readings(h)) | {fold(s)}
            for s, h in SURNAME_HANZI.items()
        }
        for leader in gazetteer.leaders.values():
            self._add(leader)

    def _add(self, leader: Leader) -> None:
        han = _han_name(leader)
        if han is not None:
            number = len(self.han)
            self.han.append(han)
            # Found through the start of the given name: surnames are too common to index.
            for reading in han.readings[1]:
                self.han_index.setdefault(reading[:2], set()).add(number)
        for alias in leader.names:
            tokens = tuple(_folded_words(alias))
            if len(tokens) < 2:
                continue
            for token in set(tokens):
                if len(token) >= 3:
                    self.western.setdefault(token, []).append((leader.id, tokens))

    # -- scoring -----------------------------------------------------------------------------

    def _word_readings(self, word: str, position: int) -> list[str]:
        folded = fold(word)
        if position == 0:
            mapped = self.surname_readings.get(normalise_term(word))
            if mapped:
                return [folded, *sorted(mapped - {folded})]
        return [folded]

    def _block_scores(
        self, name: _HanName, word: str, start: int, end: int
    ) -> tuple[float, ...]:
        """Per character start..end-1, how well one word spells it (several when fused)."""
        if end - start == 1:
            spellings = self._word_readings(word, start)
            if any(s in name.readings[start] for s in spellings):
                return (1.0,)
            near = name.near[start]
            return (max((similarity(s, r) for s in spellings for r in near), default=0.0),)
        # Fused words are pinyin ("Jinchuang"): nobody fuses Hán-Việt syllables.
        return _segmented(fold(word), name.pinyin[start:end], name.primary[start:end])

    def _align(
        self, name: _HanName, words: list[str], start: int
    ) -> tuple[float, float, bool, bool]:
        """Best alignment of words onto characters start..: total, given part, surname, complete.

        One word covers one or more consecutive characters. The surname weighs less than a
        given-name character, and a surname that is not this person's counts against.
        """
        chars = len(name.readings)
        weights = [SURNAME_WEIGHT] + [1.0] * (chars - 1)

        memo: dict[tuple[int, int], tuple[float, float, bool, bool] | None] = {}

        def best(w: int, c: int) -> tuple[float, float, bool, bool] | None:
            if w == len(words):
                return (0.0, 0.0, True, True) if c == chars else None
            if (w, c) in memo:
                return memo[(w, c)]
            result: tuple[float, float, bool, bool] | None = None
            for end in range(c + 1, chars - (len(words) - w - 1) + 1):
                rest = best(w + 1, end)
                if rest is None:
                    continue
                scores = self._block_scores(name, words[w], c, end)
                gain = sum(weights[c + k] * s for k, s in enumerate(scores))
                given = sum(s for k, s in enumerate(scores) if c + k > 0)
                surname_ok = c != 0 or (scores[0] == 1.0 if end == 1 else scores[0] > 0)
                if c == 0 and scores[0] == 0:
                    gain -= SURNAME_WEIGHT
                candidate = (
                    gain + rest[0],
                    given + rest[1],
                    surname_ok and rest[2],
                    all(s > 0 for s in scores) and rest[3],
                )
                if result is None or candidate[0] > result[0]:
                    result = candidate
            memo[(w, c)] = result
            return result

        found = best(0, start)
        return found if found is not None else (float("-inf"), 0.0, False, False)

    def _han_candidates(self, words: list[str]) -> list[_Candidate]:
        folded = [fold(w) for w in words]
        if not any(is_pinyin(w.lower()) for w in words) and not all(
            is_vietnamese_syllable(w) for w in folded
        ):
            return []
        results: list[_Candidate] = []
        for p, word in enumerate(folded):
            for number in self.han_index.get(word[:2], ()):
                results.extend(self._spans_at(self.han[number], words, p))
        return results

    def _spans_at(self, name: _HanName, words: list[str], p: int) -> list[_Candidate]:
        """Spans whose given name starts at word p: "Jin Chong" (p = 0), "Zhang Jinchuang"."""
        chars = len(name.readings)
        total = SURNAME_WEIGHT + chars - 1
        spans: list[tuple[int, int]] = []
        if p == 0:
            spans += [(0, last) for last in range(min(len(words), chars - 1))]
        if p > 0 and self._block_scores(name, words[p - 1], 0, 1)[0] == 1.0:
            spans += [(p - 1, last) for last in range(p, min(len(words), p + chars - 1))]
        out = []
        for first, last in spans:
            start = 1 if first == p else 0
            score, given, surname_ok, complete = self._align(name, words[first : last + 1], start)
            if given < MIN_GIVEN or score <= 0:
                continue
            out.append(
                _Candidate(
                    name.leader_id, first, last, score / total,
                    given_only=start == 1,
                    surname_exact=start == 0 and surname_ok,
                    complete=complete,
                )
            )
        return out

    def _western_candidates(self, words: list[str]) -> list[_Candidate]:
        folded = [fold(w) for w in words]
        results: list[_Candidate] = []
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for word in set(folded):
            for leader_id, tokens in self.western.get(word, []):
                if (leader_id, tokens) in seen:
                    continue
                seen.add((leader_id, tokens))
                for first in range(len(folded) - len(tokens) + 1):
                    window = folded[first : first + len(tokens)]
                    base = _western_score(window, tokens)
                    if base:
                        results.append(
                            _Candidate(leader_id, first, first + len(tokens) - 1, base,
                                       fuzzy=base < WESTERN_EXACT)
                        )
        return results

    def _context(self, leader_id: str, evidence: Evidence) -> float:
        country, roles = self.leaders[leader_id]
        bonus = 0.0
        if evidence.strong_title:
            bonus += STRONG_TITLE_BONUS
        elif evidence.title:
            bonus += HONORIFIC_BONUS
        if leader_id in evidence.found:
            bonus += FOUND_BONUS
        if country and country in evidence.countries:
            bonus += COUNTRY_BONUS
        if evidence.year is not None and any(r.covers(evidence.year) for r in roles):
            bonus += YEAR_BONUS
        return bonus

    def _title_fits(self, leader_id: str, title: tuple[str, ...]) -> bool:
        phrase = " ".join(title)
        return any(
            normalise_term(r.role).startswith(phrase) or phrase.startswith(normalise_term(r.role))
            for r in self.leaders[leader_id][1]
        )

    def _support(self, leader_id: str, evidence: Evidence) -> int:
        """How many independent pieces of context point at this person."""
        country, roles = self.leaders[leader_id]
        return (
            bool(evidence.title)
            + (leader_id in evidence.found)
            + bool(country and country in evidence.countries)
            + bool(evidence.year is not None and any(r.covers(evidence.year) for r in roles))
        )

    def _admissible(self, candidate: _Candidate, words: list[str], evidence: Evidence) -> bool:
        has_context = bool(evidence.title) or candidate.leader_id in evidence.found
        if (candidate.given_only or candidate.fuzzy) and not has_context:
            return False
        if candidate.base < NEAR_EXACT and self._support(candidate.leader_id, evidence) < 2:
            # A near miss ("Zhu Rongjing" for Zhu Rongji) needs more than a title word.
            return False
        part = words[candidate.first : candidate.last + 1]
        if not candidate.complete or all(is_vietnamese_syllable(w) for w in part):
            # A well-formed Vietnamese name, or one with a syllable that is nothing like this
            # person's, is somebody else unless the article says otherwise: the same title,
            # the same surname, the leader already named.
            return (
                candidate.surname_exact
                and candidate.base >= PURE_VIETNAMESE_MIN
                and evidence.strong_title
                and candidate.leader_id in evidence.found
                and self._title_fits(candidate.leader_id, evidence.title)
            )
        return True

    def candidates(self, words: tuple[str, ...]) -> list[_Candidate]:
        """Everyone the words could spell, before context; remembered, names recur."""
        found = self._cache.get(words)
        if found is None:
            if len(self._cache) > _CACHE_SIZE:
                self._cache.clear()
            found = self._han_candidates(list(words)) + self._western_candidates(list(words))
            self._cache[words] = found
        return found

    def __getstate__(self) -> dict[str, object]:
        return self.__dict__ | {"_cache": {}}

    def resolve(self, words: list[str], evidence: Evidence) -> Resolution | None:
        """The leader a capitalised run names, or None when the evidence is not strong enough."""
        if not words:
            return None
        candidates = self.candidates(tuple(words))
        best: dict[str, tuple[float, _Candidate]] = {}
        for candidate in candidates:
            if not self._admissible(candidate, words, evidence):
                continue
            score = candidate.base + self._context(candidate.leader_id, evidence)
            if candidate.leader_id not in best or score > best[candidate.leader_id][0]:
                best[candidate.leader_id] = (score, candidate)
        if not best:
            return None
        ranked = sorted(best.values(), key=lambda item: -item[0])
        score, winner = ranked[0]
        if score < ACCEPT or (len(ranked) > 1 and score - ranked[1][0] < MARGIN):
            return None
        return Resolution(winner.leader_id, winner.first, winner.last, round(score, 3))


def _part_similarity(part: str, reading: str) -> float:
    """Like `similarity`, for one piece of a fused word, where a cut-off ending is common."""
    if part == reading:
        return 1.0
    if not part or part[0] != reading[0]:
        return 0.0
    if len(part) >= 2 and reading.startswith(part):
        return max(0.5, len(part) / len(reading))
    best = 1 - edit_distance(part, reading) / max(len(part), len(reading))
    return best if best >= 0.5 else 0.0


@lru_cache(maxsize=65536)
def _segmented(
    word: str, readings: tuple[frozenset[str], ...], primary: tuple[frozenset[str], ...]
) -> tuple[float, ...]:
    """Cut a fused word ("jinchuang") into one piece per character, scoring the best cut."""
    best: tuple[float, ...] = (0.0,) * len(readings)
    for cuts in itertools.combinations(range(1, len(word)), len(readings) - 1):
        bounds = (0, *cuts, len(word))
        pieces = [word[bounds[k] : bounds[k + 1]] for k in range(len(readings))]
        scores = tuple(
            1.0 if piece in readings[k] else max(_part_similarity(piece, r) for r in primary[k])
            for k, piece in enumerate(pieces)
        )
        if sum(scores) > sum(best):
            best = scores
    return best


def _western_score(window: list[str], tokens: tuple[str, ...]) -> float:
    """0.9 for the alias itself, 0.7 with one near-miss word ("Keye" for "Key"), else 0."""
    pairs = list(zip(window, tokens, strict=True))
    misses = [(w, t) for w, t in pairs if w != t]
    if not misses:
        return WESTERN_EXACT
    if len(misses) > 1 or not any(len(w) >= 3 for w, t in pairs if w == t):
        return 0.0
    word, token = misses[0]
    limit = 2 if len(token) >= 7 else 1
    if word[0] != token[0] or len(token) < 3 or edit_distance(word, token) > limit:
        return 0.0
    return WESTERN_FUZZY
