"""Find the leaders and countries an article names, with offsets into its title and body.

Three passes over syllables. (1) Full names, aliases and country names from a trie keyed on
normalised syllables, leftmost-longest, with the source's capitalisation required; non-entity
names ("Thái Bình Dương") take part so their syllables never become a country. (2) Short forms
("Putin", "Sang"), only with a title word before them or the same leader's full name in the
article. (3) Capitalised runs still unmatched go to the name resolver (garbled names).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from index.entities.gazetteer import Gazetteer, Leader
from index.entities.lexicon import (
    BYLINE_OPENERS,
    HONORIFICS,
    LANGUAGE_MARKERS,
    LANGUAGE_SUFFIXES,
    NON_ENTITY_NAMES,
    PLACE_WORDS,
    PRONOUNS,
    STRONG_TITLES,
    SURNAMES,
    is_vietnamese_syllable,
    title_phrases,
)
from index.entities.resolve import Evidence, NameResolver
from index.model import EntityMention
from index.text.vietnamese import SYLLABLE_RE, normalise_term, words

Kind = Literal["leader", "country", "block"]
_END = ""  # trie key holding the names that end at a node; never a syllable
_MAX_TITLE_SYLLABLES = 6

# What may sit between two syllables of one name: a space, a hyphen, an apostrophe, or the
# spaced dash of "châu Á - Thái Bình Dương".
_MATCH_GAP_RE = re.compile(r"[ \u00a0]|[-‐‑'’]|[ \u00a0][-–][ \u00a0]")
_NAME_GAP_RE = re.compile(r"[ \u00a0]|[-‐‑'’]")
_SENTENCE_OPENERS = frozenset(".!?:;\n…\"“”‘'([{-–—•*")
# A credit: "(Nguồn: TTXVN)", or "Ảnh: Thống Nhất – TTXVN" up to the next lower-case word, since
# captions run straight into the next sentence.
_CREDIT_RE = re.compile(
    r"\(\s*(?:[Nn]guồn|[Ảả]nh|[Tt]heo|[Ss]ource|[Pp]hoto)\b[^)]*\)"
    r"|(?<![^\s(])(?:Ảnh|ảnh|Nguồn|nguồn)\s*:\s*(?:[A-ZÀ-ỸĐ][\w.]*[\s/–-]*){1,4}"
)
_BYLINE_MAX_CHARS = 60

STRONG = title_phrases(STRONG_TITLES)
WEAK = title_phrases(HONORIFICS)
PLACES = title_phrases(PLACE_WORDS)
_INITIAL_GAPS = frozenset({".", ". ", ".\u00a0"})


@dataclass(frozen=True)
class _Name:
    kind: Kind
    id: str
    cases: tuple[str, ...]
    ambiguous: bool = False


@dataclass
class _Found:
    kind: Kind
    id: str
    first: int
    last: int
    provisional: bool = False


@dataclass
class _Text:
    """One string's syllables: offsets, source and normalised forms, what is already claimed."""

    text: str
    starts: list[int]
    ends: list[int]
    src: list[str]
    norm: list[str]
    caps: list[bool]
    n: int
    found: list[_Found] = field(default_factory=list)
    owner: list[_Found | None] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> _Text:
        spans = [m.span() for m in SYLLABLE_RE.finditer(text)]
        starts = [s for s, _ in spans]
        ends = [e for _, e in spans]
        src = [text[s:e] for s, e in spans]
        normalised = normalise_term(text)
        if len(normalised) == len(text):
            norm = [normalised[s:e] for s, e in spans]
        else:
            norm = [normalise_term(word) for word in src]
        caps = [word[0].isupper() for word in src]
        return cls(text, starts, ends, src, norm, caps, len(src), [], [None] * len(spans))

    def __len__(self) -> int:
        return self.n

    def gap(self, i: int) -> str:
        """The text between syllable i and syllable i + 1."""
        return self.text[self.ends[i] : self.starts[i + 1]]

    def joined(self, i: int, pattern: re.Pattern[str] = _NAME_GAP_RE) -> bool:
        if i + 1 >= self.n:
            return False
        gap = self.text[self.ends[i] : self.starts[i + 1]]
        return gap == " " or bool(pattern.fullmatch(gap))

    def capital(self, i: int) -> bool:
        return self.caps[i]

    def sentence_initial(self, i: int) -> bool:
        k = self.starts[i] - 1
        while k >= 0 and self.text[k] in " \u00a0\t":
            k -= 1
        return k < 0 or self.text[k] in _SENTENCE_OPENERS

    def claim(self, found: _Found) -> None:
        self.found.append(found)
        for k in range(found.first, found.last + 1):
            self.owner[k] = found


def _cases(alias: str) -> tuple[str, ...]:
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


def _case_ok(name: _Name, t: _Text, first: int) -> bool:
    return _cases_ok(name.cases, t, first)


def _cases_ok(cases: tuple[str, ...], t: _Text, first: int) -> bool:
    for k, rule in enumerate(cases):
        word = t.src[first + k]
        if (rule == "A" and not word.isupper()) or (rule == "C" and not word[0].isupper()):
            return False
    return True


def _key(alias: str) -> tuple[str, ...]:
    return tuple(normalise_term(w) for w in SYLLABLE_RE.findall(alias))


def _insert(trie: dict, key: tuple[str, ...], value: object) -> None:
    node = trie
    for syllable in key:
        node = node.setdefault(syllable, {})
    node.setdefault(_END, []).append(value)


class EntityMatcher:
    """Built once per process from a gazetteer; `find` is then pure and fast."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.leaders: dict[str, Leader] = dict(gazetteer.leaders)
        self.names = {("leader", k): v.name for k, v in gazetteer.leaders.items()} | {
            ("country", k): v.name for k, v in gazetteer.countries.items()
        }
        self.trie: dict = {}
        self.short_trie: dict = {}
        for country in gazetteer.countries.values():
            for alias in country.names:
                self._add("country", country.id, alias)
        self.name_keys: dict[str, list[tuple[str, ...]]] = {}
        for leader in gazetteer.leaders.values():
            for alias in leader.names:
                self._add("leader", leader.id, alias)
                self.name_keys.setdefault(leader.id, []).append(_key(alias))
            for short in {_without_title(s) for s in leader.short}:
                if _key(short):
                    _insert(self.short_trie, _key(short), (leader.id, _cases(short)))
        for alias in NON_ENTITY_NAMES:
            _insert(self.trie, _key(alias), _Name("block", "", ("",) * len(_key(alias))))
        self.resolver = NameResolver(gazetteer)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> EntityMatcher:
        return cls(gazetteer)

    def _add(self, kind: Kind, entity_id: str, alias: str) -> None:
        key = _key(alias)
        if not key:
            return
        words_ = SYLLABLE_RE.findall(alias)
        ambiguous = kind == "country" and len(key) == 1 and is_vietnamese_syllable(words_[0])
        _insert(self.trie, key, _Name(kind, entity_id, _cases(alias), ambiguous))

    # -- pass 1: full names --------------------------------------------------------------------

    def _longest(self, trie: dict, t: _Text, i: int) -> list[tuple[int, object]]:
        """Every name in the trie that starts at syllable i, longest first."""
        node = trie.get(t.norm[i])
        hits: list[tuple[int, object]] = []
        j = i
        while node is not None:
            hits.extend((j, value) for value in node.get(_END, ()))
            if not (t.joined(j, _MATCH_GAP_RE) or _initial(t, j)):
                break
            node = node.get(t.norm[j + 1])
            j += 1
        hits.reverse()
        return hits

    def _scan_full(self, t: _Text) -> None:
        i, count, norm, trie = 0, t.n, t.norm, self.trie
        while i < count:
            if norm[i] not in trie:
                i += 1
                continue
            chosen: _Found | None = None
            for last, name in self._longest(self.trie, t, i):
                assert isinstance(name, _Name)
                if name.kind == "block":
                    chosen = _Found("block", "", i, last)
                    break
                if not _case_ok(name, t, i):
                    continue
                if name.ambiguous:
                    verdict = self._ambiguous_country(t, i)
                    if verdict is None:
                        continue
                    chosen = _Found("country", name.id, i, last, provisional=verdict)
                elif name.kind == "country" and last == i and _after_given_name(t, i):
                    continue
                elif name.kind == "leader" and _after_place_word(t, i):
                    chosen = _Found("block", "", i, last)
                else:
                    chosen = _Found(name.kind, name.id, i, last)
                break
            if chosen is None:
                i += 1
                continue
            t.claim(chosen)
            i = chosen.last + 1

    def _ambiguous_country(self, t: _Text, i: int) -> bool | None:
        """A one-syllable Vietnamese country name ("Anh", "Pháp", "Ý") in context.

        None: not the country (part of a personal or place name, a language, a common word).
        True: the country only if the article names it elsewhere too. False: the country.
        """
        if i > 0 and t.norm[i - 1] in LANGUAGE_MARKERS and t.joined(i - 1):
            return None
        if t.joined(i) and t.norm[i + 1] in LANGUAGE_SUFFIXES:
            return None
        if i > 0 and t.joined(i - 1) and _name_part(t, i - 1, before=True):
            return None
        if t.joined(i) and _name_part(t, i + 1, before=False):
            return None
        if not t.sentence_initial(i):
            return False
        if t.joined(i) and not t.capital(i + 1) and _forms_word_with_next(t, i):
            return None
        return t.norm[i] in PRONOUNS

    # -- pass 2: short forms -------------------------------------------------------------------

    def _title_before(self, t: _Text, i: int) -> tuple[tuple[str, ...], bool]:
        """The title phrase right before syllable i (past one country name), and if it is strong."""
        j = i - 1
        owner = t.owner[j] if j >= 0 else None
        if owner is not None and owner.kind == "country" and t.gap(j).strip() == "":
            j = owner.first - 1
        collected: list[str] = []
        while j >= 0 and len(collected) < _MAX_TITLE_SYLLABLES and t.gap(j).strip() == "":
            collected.insert(0, t.norm[j])
            j -= 1
        for size in range(len(collected), 0, -1):
            phrase = tuple(collected[-size:])
            if phrase in STRONG:
                return phrase, True
            if phrase in WEAK:
                return phrase, False
        return (), False

    def _standalone(self, t: _Text, first: int, last: int) -> bool:
        """Not inside a longer capitalised name: "Ivanka Trump", "Trump Tower" are not Trump."""
        before = first - 1
        if before >= 0 and t.joined(before) and t.capital(before) and t.owner[before] is None:
            phrase, _ = self._title_before(t, first)
            if not phrase:
                return False
        return not (
            t.joined(last) and t.capital(last + 1) and t.owner[last + 1] is None
        )

    def _scan_short(self, t: _Text) -> list[tuple[int, int, list[str], tuple[str, ...], bool]]:
        out = []
        i, count, norm, caps, owner = 0, t.n, t.norm, t.caps, t.owner
        while i < count:
            if not caps[i] or owner[i] is not None or norm[i] not in self.short_trie:
                i += 1
                continue
            for last, _ in self._longest(self.short_trie, t, i):
                if any(t.owner[k] is not None for k in range(i, last + 1)):
                    continue
                if not self._standalone(t, i, last):
                    continue
                node_values = self._short_values(t, i, last)
                ids = [lid for lid, cases in node_values if _cases_ok(cases, t, i)]
                if not ids:
                    continue
                title, strong = self._title_before(t, i)
                out.append((i, last, ids, title, strong))
                i = last
                break
            i += 1
        return out

    def _short_values(self, t: _Text, first: int, last: int) -> list[tuple[str, tuple[str, ...]]]:
        node = self.short_trie
        for k in range(first, last + 1):
            node = node[t.norm[k]]
        return node.get(_END, [])

    def _pick_short(
        self,
        key: tuple[str, ...],
        ids: list[str],
        title: tuple[str, ...],
        strong: bool,
        article: _Article,
    ) -> str | None:
        ids = list(dict.fromkeys(ids))
        # "ông Al Thani" after "Mohammed bin Abdulrahman Al Thani": the article's own leader
        # whose full name ends with the short form, even if the gazetteer lists it for another.
        named = [
            lid for lid in article.leaders
            if lid in ids or any(k[-len(key):] == key for k in self.name_keys.get(lid, ()))
        ]
        if named:
            return named[0] if len(named) == 1 else None
        if not title:
            return None
        pool = ids
        if len(pool) > 1:
            pool = [
                lid for lid in pool
                if self.leaders[lid].country in article.countries
                and (article.year is None or self.leaders[lid].active_in(article.year))
            ]
        if len(pool) != 1:
            return None
        leader = self.leaders[pool[0]]
        vietnamese_short = all(
            is_vietnamese_syllable(w) for s in leader.short for w in SYLLABLE_RE.findall(s)
        )
        if vietnamese_short and (
            not strong or (article.year is not None and not leader.active_in(article.year))
        ):
            return None
        return leader.id

    # -- pass 3: garbled names -----------------------------------------------------------------

    def _runs(self, t: _Text) -> list[tuple[int, int]]:
        """Unclaimed runs of capitalised words, cut at title words ("Chen Chủ tịch Daguang")."""
        runs: list[tuple[int, int]] = []
        i, count, caps = 0, t.n, t.caps
        while i < count:
            if not caps[i] or not _candidate_word(t, i):
                i += 1
                continue
            title = _title_length(t, i)
            if title:
                i += title
                continue
            j = i
            while t.joined(j) and _candidate_word(t, j + 1) and not _title_length(t, j + 1):
                j += 1
            runs.append((i, j))
            i = j + 1
        return runs

    def _resolve_runs(self, texts: list[_Text], article: _Article) -> None:
        pending = [(t, run) for t in texts for run in self._runs(t)]
        changed = True
        while pending and changed:
            changed = False
            remaining = []
            for t, (first, last) in pending:
                found = self._resolve_run(t, first, last, article)
                if found is None:
                    remaining.append((t, (first, last)))
                    continue
                t.claim(found)
                changed = changed or found.id not in article.leaders
                article.leaders.add(found.id)
            pending = remaining

    def _resolve_run(self, t: _Text, first: int, last: int, article: _Article) -> _Found | None:
        part = t.src[first : last + 1]
        pure = all(is_vietnamese_syllable(w) for w in part)
        if pure and not article.leaders:
            return None
        if not pure and not self.resolver.candidates(tuple(part)):
            return None
        title, strong = self._title_before(t, first)
        if pure and not strong:
            return None
        evidence = Evidence(
            title=title,
            strong_title=strong,
            found=frozenset(article.leaders),
            countries=frozenset(article.countries),
            year=article.year,
        )
        resolution = self.resolver.resolve(part, evidence)
        if resolution is None:
            return None
        return _Found("leader", resolution.leader_id, first + resolution.first,
                      first + resolution.last)

    # -- the whole article ---------------------------------------------------------------------

    def find(
        self, title: str, body: str, *, year: int | None = None
    ) -> tuple[list[EntityMention], list[EntityMention]]:
        """Mentions in the title and in the body; offsets index into the NFC strings given."""
        texts = [_Text.of(_nfc(title)), _Text.of(_nfc(body))]
        for t in texts:
            self._scan_full(t)
        article = _Article(year=year)
        article.countries = {
            f.id for t in texts for f in t.found if f.kind == "country" and not f.provisional
        }
        article.leaders = {f.id for t in texts for f in t.found if f.kind == "leader"}
        self._drop_uncorroborated(texts, article)
        for t in texts:
            for first, last, ids, phrase, strong in self._scan_short(t):
                key = tuple(t.norm[first : last + 1])
                chosen = self._pick_short(key, ids, phrase, strong, article)
                if chosen is not None and not _common_word(t, first, last):
                    t.claim(_Found("leader", chosen, first, last))
        article.leaders |= {f.id for t in texts for f in t.found if f.kind == "leader"}
        self._resolve_runs(texts, article)
        return self._mentions(texts[0], ()), self._mentions(texts[1], _credit_spans(texts[1]))

    def _drop_uncorroborated(self, texts: list[_Text], article: _Article) -> None:
        for t in texts:
            for found in t.found:
                if found.provisional and found.id not in article.countries:
                    found.kind = "block"

    def _mentions(self, t: _Text, credits: tuple[tuple[int, int], ...]) -> list[EntityMention]:
        out = []
        for found in sorted(t.found, key=lambda f: f.first):
            if found.kind == "block":
                continue
            start, end = t.starts[found.first], t.ends[found.last]
            if found.kind == "leader" and any(s <= start and end <= e for s, e in credits):
                continue
            out.append(
                EntityMention(
                    kind=found.kind,
                    id=found.id,
                    name=self.names[(found.kind, found.id)],
                    text=t.text[start:end],
                    start=start,
                    end=end,
                )
            )
        return out


@dataclass
class _Article:
    year: int | None = None
    leaders: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)


def _without_title(short: str) -> str:
    """"ông Sang" → "Sang": the matcher finds title words itself, before any short form."""
    words_ = SYLLABLE_RE.findall(short)
    key = _key(short)
    for size in range(len(key) - 1, 0, -1):
        if key[:size] in STRONG or key[:size] in WEAK:
            return " ".join(words_[size:])
    return short


def _initial(t: _Text, j: int) -> bool:
    """"V. Putin": a one-letter initial and its full stop sit inside a name."""
    return j + 1 < t.n and len(t.src[j]) == 1 and t.gap(j) in _INITIAL_GAPS


def _after_place_word(t: _Text, i: int) -> bool:
    collected: list[str] = []
    j = i - 1
    while j >= 0 and len(collected) < 2 and t.gap(j).strip(" .\u00a0") == "":
        collected.insert(0, t.norm[j])
        if tuple(collected) in PLACES:
            return True
        j -= 1
    return False


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _name_part(t: _Text, k: int, *, before: bool) -> bool:
    """Whether syllable k, next to a one-syllable country name, makes that a personal name."""
    if t.owner[k] is not None or not t.capital(k) or not is_vietnamese_syllable(t.src[k]):
        return False
    if len(t.src[k]) > 1 and t.src[k].isupper():
        # Shouted text ("Ý KIẾN"): capitals say nothing, so a country needs a lower-case context.
        return True
    if before:
        # "Nguyễn Văn Anh", "Lê Đức Anh"; a sentence's first word is capitalised anyway.
        return t.norm[k] in SURNAMES or not t.sentence_initial(k)
    # "Lào Cai", "Mỹ Đình" are places; "Mỹ Phạm Quang Vinh" starts a new name after the country.
    return t.norm[k] not in SURNAMES


def _common_word(t: _Text, first: int, last: int) -> bool:
    """A Vietnamese short form that starts a common word: "Tập đoàn", "Ngân sách"."""
    return (
        first == last
        and is_vietnamese_syllable(t.src[first])
        and t.joined(first)
        and not t.caps[first + 1]
        and _forms_word_with_next(t, first)
    )


def _after_given_name(t: _Text, i: int) -> bool:
    """"Michael Jordan": a foreign one-word country name right after a foreign given name."""
    k = i - 1
    if k < 0 or not t.joined(k) or not t.caps[k] or t.owner[k] is not None:
        return False
    word = t.src[k]
    return not word.isupper() and not is_vietnamese_syllable(word)


def _forms_word_with_next(t: _Text, i: int) -> bool:
    """Whether pyvi reads syllable i with the next as one word ("Ý kiến", "Pháp luật")."""
    end = t.text.find(".", t.ends[i])
    end = len(t.text) if end < 0 else end
    window = t.text[t.starts[i] : min(end, t.starts[i] + 40)]
    segmented = words(window)
    first_word = segmented[0] if segmented else None
    return first_word is not None and first_word.end > t.ends[i] - t.starts[i]


def _candidate_word(t: _Text, i: int) -> bool:
    if not t.caps[i] or t.owner[i] is not None:
        return False
    word = t.src[i]
    return word.isalpha() and not (len(word) > 1 and word.isupper())


def _title_length(t: _Text, i: int) -> int:
    """How many syllables of a title word start at syllable i (0 when none does)."""
    longest = 0
    for size in range(1, min(_MAX_TITLE_SYLLABLES, t.n - i) + 1):
        if tuple(t.norm[i : i + size]) in STRONG:
            longest = size
    return longest


def _credit_spans(t: _Text) -> tuple[tuple[int, int], ...]:
    """Bylines and credits: "(Nguồn: TTXVN)", "Ảnh: Minh Anh", a last line "Theo Nguyễn Văn A"."""
    spans = [m.span() for m in _CREDIT_RE.finditer(t.text)]
    offset = 0
    for line in t.text.split("\n"):
        if _is_byline(line):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    last_line_start = t.text.rfind("\n") + 1
    tail_start = max(
        (m.end() for m in re.finditer(r"[.!?…]\s*", t.text[last_line_start:])), default=0
    )
    tail = t.text[last_line_start + tail_start :]
    if tail and _is_byline(tail, trailing=True):
        spans.append((last_line_start + tail_start, len(t.text)))
    return tuple(spans)


def _is_byline(line: str, *, trailing: bool = False) -> bool:
    line = line.strip()
    if not line or len(line) > _BYLINE_MAX_CHARS:
        return False
    syllables_ = SYLLABLE_RE.findall(line)
    if not syllables_:
        return False
    if normalise_term(syllables_[0]) in BYLINE_OPENERS and (
        syllables_[0][0].isupper() or line.startswith("(")
    ):
        return True
    # A trailing line of capitalised words only, no sentence punctuation: an author's name.
    capitalised = all(w[0].isupper() or w.isdigit() for w in syllables_)
    return trailing and capitalised and not line.endswith(("?", "!"))
