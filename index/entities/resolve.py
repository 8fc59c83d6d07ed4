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

from dataclasses import dataclass

from index.entities.gazetteer import Gazetteer, Leader
from index.entities.hanzi_names import HanName, han_name, hanviet_table
from index.entities.lexicon import SURNAME_HANZI, is_vietnamese_syllable
from index.entities.readings import (
    edit_distance,
    folded_words,
    is_pinyin,
    pinyin_readings,
    segmented,
    similarity,
    written_vietnamese,
)
from index.entities.transliteration import Transliterations
from index.text.vietnamese import fold, normalise_term

SURNAME_WEIGHT = 0.5
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
# Countries whose family names are written with two characters or more (安倍, 小渕).
MULTI_CHARACTER_FAMILY_NAMES = frozenset({"JP"})

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


class NameResolver:
    """Scores capitalised runs against every gazetteer person; built once, pickle-friendly."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.leaders = {k: (v.country, v.roles) for k, v in gazetteer.leaders.items()}
        self.han: list[HanName] = []
        self.han_index: dict[str, set[int]] = {}
        # Japanese family names have two characters or more: found through their first one.
        self.family_index: dict[str, set[int]] = {}
        self.hanviet = hanviet_table(list(gazetteer.leaders.values()))
        self.transliterations = Transliterations(gazetteer.leaders.values())
        self.western: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self._cache: dict[tuple[str, ...], list[_Candidate]] = {}
        self.surname_readings = {
            normalise_term(s): frozenset(pinyin_readings(h)) | {fold(s)}
            for s, h in SURNAME_HANZI.items()
        }
        for leader in gazetteer.leaders.values():
            self._add(leader)

    def _add(self, leader: Leader) -> None:
        han = han_name(leader, self.hanviet)
        if han is not None:
            number = len(self.han)
            self.han.append(han)
            # Found through the start of the given name: surnames are too common to index.
            for reading in han.readings[1]:
                self.han_index.setdefault(reading[:2], set()).add(number)
            if leader.country in MULTI_CHARACTER_FAMILY_NAMES:
                for reading in han.readings[0]:
                    self.family_index.setdefault(reading[:2], set()).add(number)
        for alias in leader.names:
            tokens = tuple(folded_words(alias))
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
        self, name: HanName, word: str, start: int, end: int
    ) -> tuple[float, ...]:
        """Per character start..end-1, how well one word spells it (several when fused)."""
        if end - start == 1:
            spellings = self._word_readings(word, start)
            if any(s in name.readings[start] for s in spellings):
                return (1.0,)
            near = name.near[start]
            return (max((similarity(s, r) for s in spellings for r in near), default=0.0),)
        # Fused words are pinyin ("Jinchuang"): nobody fuses Hán-Việt syllables.
        return segmented(fold(word), name.pinyin[start:end], name.primary[start:end])

    def _align(
        self, name: HanName, words: list[str], start: int
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
        if not any(is_pinyin(w.lower()) for w in folded) and not all(
            is_vietnamese_syllable(w) for w in folded
        ):
            return []
        results: list[_Candidate] = []
        for p, word in enumerate(folded):
            for number in self.han_index.get(word[:2], ()):
                results.extend(self._spans_at(self.han[number], words, p))
            if is_vietnamese_syllable(word):
                continue  # a family name of two characters is fused pinyin ("Anbei")
            for number in self.family_index.get(word[:2], ()):
                results.extend(self._whole_spans(self.han[number], words, p))
        return results

    def _whole_spans(self, name: HanName, words: list[str], p: int) -> list[_Candidate]:
        """Spans from word p that start with the family name: "Anbei Jinsan" (安倍晋三)."""
        chars = len(name.readings)
        total = SURNAME_WEIGHT + chars - 1
        out = []
        for last in range(p, min(len(words), p + chars)):
            score, given, surname_ok, complete = self._align(name, words[p : last + 1], 0)
            if given >= MIN_GIVEN and score > 0:
                out.append(_Candidate(name.leader_id, p, last, score / total,
                                      surname_exact=surname_ok, complete=complete))
        return out

    def _spans_at(self, name: HanName, words: list[str], p: int) -> list[_Candidate]:
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
        found = candidate.leader_id in evidence.found
        if candidate.fuzzy and not (evidence.title or found):
            return False
        if candidate.given_only and not (evidence.strong_title or found):
            return False  # "bà Xiang" is somebody's wife, not a leader's given name
        one_syllable = candidate.first == candidate.last and is_vietnamese_syllable(
            words[candidate.first]
        )
        if candidate.given_only and one_syllable and not found:
            return False  # "Sun", "Lin": one syllable is everybody's given name or surname
        if candidate.base < NEAR_EXACT and self._support(candidate.leader_id, evidence) < 2:
            # A near miss ("Zhu Rongjing" for Zhu Rongji) needs more than a title word.
            return False
        part = words[candidate.first : candidate.last + 1]
        if candidate.complete and written_vietnamese(part) and self._foreign_in_context(
            candidate, evidence
        ):
            return True  # "Thủ tướng Nhật Bản An Bội Tấn Tam": a foreign leader read in Hán-Việt
        if not candidate.complete or written_vietnamese(part):
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

    def _foreign_in_context(self, candidate: _Candidate, evidence: Evidence) -> bool:
        country = self.leaders[candidate.leader_id][0]
        return (
            country not in ("", "VN")
            and candidate.base >= NEAR_EXACT
            and evidence.strong_title
            and country in evidence.countries
        )

    def candidates(self, words: tuple[str, ...]) -> list[_Candidate]:
        """Everyone the words could spell, before context; remembered, names recur."""
        found = self._cache.get(words)
        if found is None:
            if len(self._cache) > _CACHE_SIZE:
                self._cache.clear()
            found = (
                self._han_candidates(list(words))
                + self._western_candidates(list(words))
                + [_Candidate(*match, fuzzy=False) for match in self.transliterations.find(words)]
            )
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
