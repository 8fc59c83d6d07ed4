"""Find the leaders, countries and organisations an article names, with offsets into it.

Passes over syllables. (1) Full names from a trie keyed on normalised syllables, leftmost-longest,
with the source's capitalisation required; non-entity names ("Thái Bình Dương") take part so
their syllables never become a country. (2) Bylines and credits void what they hold. (3) Short
forms ("Putin") in context. (4) Capitalised runs still unmatched go to the garble resolver.
(5) Leaders the gazetteer lacks, from the title before their name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from index.entities.context import (
    after_given_name,
    after_language_marker,
    after_locative,
    after_ordinary_role,
    after_place_word,
    ambiguous_country,
    candidate_word,
    inside_institution_name,
    inside_longer_name,
    title_before,
    title_length,
)
from index.entities.credits import Credit, credit_spans
from index.entities.discovery import TitleDiscovery
from index.entities.gazetteer import Gazetteer, Leader
from index.entities.lexicon import NON_ENTITY_NAMES, is_vietnamese_syllable
from index.entities.readings import written_vietnamese
from index.entities.resolve import Evidence, NameResolver
from index.entities.romanisation import KOREAN_COUNTRIES, korean_variants
from index.entities.short_forms import ArticleContext, ShortForms
from index.entities.syllables import (
    END,
    Found,
    Kind,
    SyllableText,
    cases,
    cases_ok,
    insert,
    key,
    longest,
    lookup,
    nfc,
)
from index.model import EntityMention
from index.text.vietnamese import SYLLABLE_RE, fold

_VIETNAMESE_NAME_MIN_SYLLABLES = 3
# A well-formed Vietnamese name is somebody's own unless it spells a known leader this closely.
_NEAR_VIETNAMESE = 0.7


@dataclass(frozen=True)
class _Name:
    kind: Kind
    id: str
    cases: tuple[str, ...]
    provisional: bool = False  # counts only if the article names the entity another way too
    ambiguous: bool = False  # a one-syllable Vietnamese country name: "Anh", "Pháp"


@dataclass
class Tagged:
    """Mentions in the title and in the body, and the leaders found from their titles."""

    title: list[EntityMention]
    body: list[EntityMention]
    discovered: dict[str, Leader] = field(default_factory=dict)


def _spellings(leader: Leader) -> list[str]:
    """A leader's full names, and for a Korean name its other romanisations."""
    names = list(leader.names)
    if leader.country in KOREAN_COUNTRIES:
        names += sorted({v for name in leader.names for v in korean_variants(name)} - set(names))
    return names


def _organisation_cases(alias: str) -> tuple[str, ...]:
    """"Liên hợp quốc" or "Liên Hợp Quốc": a long Vietnamese name needs only its first capital."""
    rules = cases(alias)
    words = SYLLABLE_RE.findall(alias)
    if len(words) >= _VIETNAMESE_NAME_MIN_SYLLABLES and all(
        is_vietnamese_syllable(w) or w.isupper() for w in words
    ):
        return (rules[0], *(r if r == "A" else "" for r in rules[1:]))
    return rules


@dataclass(frozen=True)
class _Run:
    """A run of capitalised words that evidence may resolve to a leader."""

    text: SyllableText
    first: int
    words: list[str]
    pure: bool  # written as Vietnamese syllables
    title: tuple[str, ...]  # the title phrase before it
    strong: bool


class EntityMatcher:
    """Built once per process from a gazetteer; `find` is then pure and fast."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.leaders: dict[str, Leader] = dict(gazetteer.leaders)
        self.names: dict[tuple[str, str], str] = {}
        self.trie: dict = {}
        for country in gazetteer.countries.values():
            for alias in country.names:
                self._add("country", country.id, alias, cases(alias))
        for organisation in gazetteer.organisations.values():
            for alias in organisation.names:
                self._add("organisation", organisation.id, alias, _organisation_cases(alias))
            for alias in organisation.weak:
                self._add("organisation", organisation.id, alias, cases(alias), provisional=True)
        for leader in gazetteer.leaders.values():
            for alias in _spellings(leader):
                rules = cases(alias)
                # "MBS" is a broker as often as Mohammed bin Salman: counted beside his name.
                self._add("leader", leader.id, alias, rules, provisional=rules == ("A",))
        for kind, table in (("leader", gazetteer.leaders), ("country", gazetteer.countries),
                            ("organisation", gazetteer.organisations)):
            self.names |= {(kind, k): v.name for k, v in table.items()}
        for alias in NON_ENTITY_NAMES:
            insert(self.trie, key(alias), _Name("block", "", ("",) * len(key(alias))))
        self.short_forms = ShortForms(self.leaders)
        self.resolver = NameResolver(gazetteer)
        self.discovery = TitleDiscovery(self._might_be_known)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> EntityMatcher:
        return cls(gazetteer)

    def _add(
        self, kind: Kind, entity_id: str, alias: str, rules: tuple[str, ...],
        *, provisional: bool = False,
    ) -> None:
        name_key = key(alias)
        if not name_key:
            return
        words = SYLLABLE_RE.findall(alias)
        ambiguous = kind == "country" and len(name_key) == 1 and is_vietnamese_syllable(words[0])
        insert(self.trie, name_key, _Name(kind, entity_id, rules, provisional, ambiguous))

    def is_entity_name(self, text: str) -> bool:
        """A country or an organisation: a line that is one is not a byline."""
        names = lookup(self.trie, key(text))
        return any(name.kind in ("country", "organisation") for name in names)

    def _might_be_known(self, words: list[str], country: str, named: frozenset[str]) -> bool:
        """Whether a name after a title could be a known leader, garbled or half-written."""
        if self._starts_a_known_name(words):
            return True  # "Phạm Minh chính": the start of a known leader's name
        candidates = self.resolver.candidates(tuple(words))
        if not written_vietnamese(words):
            if candidates:
                return True
        elif any(
            c.base > _NEAR_VIETNAMESE and (c.complete or c.leader_id in named) for c in candidates
        ):
            return True  # "Trương Tấn Thành" beside Trương Tấn Sang; not Kim Tiến for Kim Ngân
        return any(self.short_forms.names_part(word, country) for word in words)

    def _starts_a_known_name(self, words: list[str]) -> bool:
        node: dict | None = self.trie
        for word in words:
            node = node.get(key(word)[0]) if node is not None and key(word) else None
        return node is not None and any(
            isinstance(v, _Name) and v.kind == "leader"
            for child in node.values() if isinstance(child, dict)
            for v in child.get(END, ())
        )

    # -- pass 1: full names --------------------------------------------------------------------

    def _scan_full(self, t: SyllableText) -> None:
        i, count, norm, trie = 0, t.n, t.norm, self.trie
        while i < count:
            if norm[i] not in trie:
                i += 1
                continue
            chosen = self._choose(t, i)
            if chosen is None:
                i += 1
                continue
            t.claim(chosen)
            i = chosen.last + 1

    def _choose(self, t: SyllableText, i: int) -> Found | None:
        for last, name in longest(self.trie, t, i):
            assert isinstance(name, _Name)
            if name.kind == "block":
                return Found("block", "", i, last)
            if not cases_ok(name.cases, t, i):
                continue
            if name.ambiguous:
                verdict = ambiguous_country(t, i)
                if verdict is None:
                    continue
                return Found("country", name.id, i, last, provisional=verdict)
            if name.kind == "country":
                if after_language_marker(t, i) or (last == i and after_given_name(t, i)):
                    return Found("block", "", i, last)
                institution = inside_institution_name(t, i, last)
                return Found("country", name.id, i, last, provisional=institution)
            if name.kind == "leader":
                found = self._leader_in_context(t, i, last, name.id)
                if found is not None:
                    found.provisional = name.provisional
                return found
            return Found(name.kind, name.id, i, last, provisional=name.provisional)
        return None

    @staticmethod
    def _leader_in_context(t: SyllableText, i: int, last: int, leader_id: str) -> Found | None:
        if after_place_word(t, i) or after_locative(t, i) or after_ordinary_role(t, i):
            return Found("block", "", i, last)
        if last == i and inside_longer_name(t, i, last):
            return None  # a one-word name ("Henri") inside "François-Henri Pinault"
        return Found("leader", leader_id, i, last)

    # -- pass 2: bylines and credits -----------------------------------------------------------

    @staticmethod
    def _void_credits(t: SyllableText, credits: list[Credit]) -> None:
        """A byline names a reporter: what it holds counts for nothing. A source credit keeps
        its organisations and multi-word country names ("Nguồn: Bộ Ngoại giao Nhật Bản")."""
        for found in t.found:
            start, end = t.span(found.first, found.last)
            for credit in credits:
                if credit.start <= start and end <= credit.end and (
                    credit.personal or found.kind == "leader" or found.first == found.last
                ):
                    found.kind = "block"

    # -- pass 4: garbled names -----------------------------------------------------------------

    def _runs(self, t: SyllableText) -> list[tuple[int, int]]:
        """Unclaimed runs of capitalised words, cut at title words ("Chen Chủ tịch Daguang")."""
        runs: list[tuple[int, int]] = []
        i, count, caps = 0, t.n, t.caps
        while i < count:
            if not caps[i] or not candidate_word(t, i):
                i += 1
                continue
            title = title_length(t, i)
            if title:
                i += title
                continue
            j = i
            while t.joined(j) and candidate_word(t, j + 1) and not title_length(t, j + 1):
                j += 1
            runs.append((i, j))
            i = j + 1
        return runs

    def _resolve_runs(self, texts: list[SyllableText], article: ArticleContext) -> None:
        """Resolve the runs that may name someone, again while a pass finds a new leader (a
        leader found is evidence for the others)."""
        pending = [run for t in texts for run in self._resolvable_runs(t)]
        changed = True
        while pending and changed:
            changed = False
            remaining = []
            for run in pending:
                found = self._resolve_run(run, article)
                if found is None:
                    remaining.append(run)
                    continue
                run.text.claim(found)
                changed = changed or found.id not in article.leaders
                article.leaders.add(found.id)
            pending = remaining

    def _resolvable_runs(self, t: SyllableText) -> list[_Run]:
        """The runs that evidence could resolve: a run written in Vietnamese needs a strong
        title before it; any other needs someone it could spell."""
        runs = []
        for first, last in self._runs(t):
            part = t.src[first : last + 1]
            pure = written_vietnamese(part)
            if not pure and not self.resolver.candidates(tuple(part)):
                continue
            title, strong = title_before(t, first)
            if pure and not strong:
                continue
            runs.append(_Run(t, first, part, pure, title, strong))
        return runs

    def _resolve_run(self, run: _Run, article: ArticleContext) -> Found | None:
        if run.pure and not article.leaders:
            return None
        evidence = Evidence(
            title=run.title,
            strong_title=run.strong,
            found=frozenset(article.leaders),
            countries=frozenset(article.countries),
            year=article.year,
        )
        resolution = self.resolver.resolve(run.words, evidence)
        if resolution is None:
            return None
        first = run.first
        return Found("leader", resolution.leader_id, first + resolution.first,
                     first + resolution.last)

    # -- the whole article ---------------------------------------------------------------------

    def find(
        self, title: str, body: str, *, year: int | None = None
    ) -> tuple[list[EntityMention], list[EntityMention]]:
        """Mentions in the title and in the body; offsets index into the NFC strings given."""
        tagged = self.tag(title, body, year=year)
        return tagged.title, tagged.body

    def tag(self, title: str, body: str, *, year: int | None = None) -> Tagged:
        texts = [SyllableText.of(nfc(title)), SyllableText.of(nfc(body))]
        for t in texts:
            self._scan_full(t)
        self._void_credits(texts[1], credit_spans(texts[1].text, self.is_entity_name))
        article = ArticleContext(year=year)
        self._settle_provisional(texts, article)
        for t in texts:
            self.short_forms.tag(t, article)
        article.leaders |= _ids(texts, "leader")
        self._resolve_runs(texts, article)
        discovered = self.discovery.discover(
            texts, frozenset(article.leaders), self._name_words(article.leaders)
        )
        return Tagged(
            self._mentions(texts[0], discovered), self._mentions(texts[1], discovered), discovered
        )

    def _name_words(self, leader_ids: set[str]) -> set[str]:
        return {
            fold(word).lower()
            for leader_id in leader_ids
            for name in self.leaders[leader_id].names
            for word in SYLLABLE_RE.findall(name)
            if not is_vietnamese_syllable(word)
        }

    def _mentions(self, t: SyllableText, discovered: dict[str, Leader]) -> list[EntityMention]:
        out = []
        for found in sorted(t.found, key=lambda f: f.first):
            if found.kind == "block":
                continue
            start, end = t.span(found.first, found.last)
            name = self.names.get((found.kind, found.id)) or discovered[found.id].name
            out.append(EntityMention(found.kind, found.id, name, t.text[start:end], start, end))
        return out

    @staticmethod
    def _settle_provisional(texts: list[SyllableText], article: ArticleContext) -> None:
        """A provisional name counts only beside a firm one for the same entity."""
        firm = {(f.kind, f.id) for t in texts for f in t.found if not f.provisional}
        for t in texts:
            for found in t.found:
                if found.provisional and (found.kind, found.id) not in firm:
                    found.kind = "block"
        article.countries = _ids(texts, "country")
        article.leaders = _ids(texts, "leader")


def _ids(texts: list[SyllableText], kind: str) -> set[str]:
    return {f.id for t in texts for f in t.found if f.kind == kind}
