"""A sentence read for meetings: its leader mentions, and the gaps between names and verbs.

A gap between a verb and a name, or between two names of a list, is judged by its words: titles,
connectors and capitalised words only make a list ("gặp Tổng thống Nga Putin, Thủ tướng Canada
Trudeau"); anything else ends it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.model import EntityMention
from index.relations import lexicon as lx
from index.relations.sentences import Sentence, split_sentences
from index.text.vietnamese import SYLLABLE_RE, normalise_term

_SUBJECT_GAP_MAX_CHARS = 150
_LIST_GAP_MAX_CHARS = 120
_FORBIDDEN_IN_LISTS = frozenset(':"“”?![]')
# Words of a gap, apostrophes and hyphens kept ("Mu’izzaddin", "Suk-yeol").
_GAP_WORD_RE = re.compile(r"[^\W_][\w'’-]*")


@dataclass
class Clause:
    """A sentence being read: its text lowered for matching, its leader mentions in order."""

    sentence: Sentence
    lowered: str
    leaders: list[EntityMention]

    def local(self, position: int) -> int:
        return position - self.sentence.start

    def gap(self, start: int, end: int) -> str:
        """The lowered text between two body offsets."""
        return self.lowered[self.local(start) : self.local(end)]

    def raw(self, start: int, end: int) -> str:
        return self.sentence.text[self.local(start) : self.local(end)]

    def after(self, position: int) -> list[EntityMention]:
        return [m for m in self.leaders if m.start >= position]

    def before(self, position: int) -> list[EntityMention]:
        return [m for m in self.leaders if m.end <= position]


def lowered_text(text: str) -> str:
    lowered = normalise_term(text)
    return lowered if len(lowered) == len(text) else text.lower()


def syllables(text: str) -> list[str]:
    return SYLLABLE_RE.findall(text)


def has_phrase(text: str, phrases: Sequence[str]) -> bool:
    padded = " " + " ".join(syllables(text)) + " "
    return any(f" {phrase} " in padded for phrase in phrases)


def list_gap(raw: str, allowed: frozenset[str], *, semicolons: bool = False) -> bool:
    """A gap that only names or lists: titles, connectors, capitalised words, commas, dashes."""
    if len(raw) > _LIST_GAP_MAX_CHARS or any(char in _FORBIDDEN_IN_LISTS for char in raw):
        return False
    if ";" in raw and not semicolons:
        return False
    for match in _GAP_WORD_RE.finditer(raw):
        word = match.group()
        if word[0].islower() and normalise_term(word) not in allowed:
            return False
    return True


def lead_gap(raw: str) -> bool:
    """Between a verb and the first name it governs: titles and modifiers, or a short adverbial
    closed by "với" ("gặp riêng 15 phút tại phòng Bầu Dục với Tổng thống …")."""
    if lx.TOGETHER in syllables(lowered_text(raw)):
        return False
    if list_gap(raw, lx.OBJECT_GAP_WORDS):
        return True
    lowered = lowered_text(raw)
    words = syllables(lowered)
    if lx.WITH not in words:
        return False
    cut = lowered.rfind(f" {lx.WITH} ") if f" {lx.WITH} " in lowered else lowered.find(lx.WITH)
    head, tail = raw[:cut], raw[cut:]
    return (
        len(head) <= 60
        and not any(c in head for c in ",;:")
        and list_gap(tail, lx.OBJECT_GAP_WORDS)
    )


def objects_after(clause: Clause, trigger_end: int) -> list[EntityMention]:
    """The leaders listed right after a verb: "gặp Tổng thống Nga Putin, Thủ tướng Canada …"."""
    found: list[EntityMention] = []
    position = trigger_end
    for mention in clause.after(trigger_end):
        raw = clause.raw(position, mention.start)
        if not found:
            # "Tại cuộc gặp, Tổng thống Y nói": the comma closes the verb's phrase.
            if raw.lstrip().startswith(",") or not lead_gap(raw):
                break
        elif not list_gap(raw, lx.CHAIN_WORDS, semicolons=True):
            break
        found.append(mention)
        position = mention.end
    return found


def co_subjects(
    clause: Clause, subject: EntityMention, *, nominal: bool
) -> tuple[list[EntityMention], bool]:
    """Leaders listed before the subject ("X và Y", "X được Y"), nearest first; passive or not."""
    found: list[EntityMention] = []
    passive = False
    position = subject.start
    for mention in reversed(clause.before(subject.start)):
        raw = clause.raw(mention.end, position)
        lowered = lowered_text(raw)
        joined = list_gap(raw, lx.BACKWARD_GAP_WORDS) and (
            found or has_phrase(lowered, lx.JOINERS)
        )
        if not joined and not (not found and nominal and verb_with(raw)):
            break
        passive = passive or has_phrase(lowered, (lx.PASSIVE,))
        found.append(mention)
        position = mention.start
    return found, passive


def verb_with(raw: str) -> bool:
    """ "X nói với Thủ tướng Y": two people joined by a short verb and "với"."""
    if len(raw) > lx.VERB_WITH_MAX_CHARS or any(c in raw for c in ',;:()"“”'):
        return False
    words = [normalise_term(w) for w in _GAP_WORD_RE.findall(raw) if w[0].islower()]
    lowercase = [w for w in words if w not in lx.TITLE_WORDS]
    return bool(lowercase) and lowercase[-1] == lx.WITH


def subject_before(clause: Clause, trigger_start: int) -> EntityMention | None:
    """The leader named nearest before the verb, unless the words between make him no subject."""
    before = clause.before(trigger_start)
    if not before:
        return None
    nearest = before[-1]
    gap = clause.gap(nearest.end, trigger_start)
    if len(gap) > _SUBJECT_GAP_MAX_CHARS or ";" in gap or has_phrase(gap, lx.SUBJECT_BLOCKERS):
        return None
    return nearest


def after_excluded_word(clause: Clause, start: int, excluded: frozenset[str]) -> bool:
    """The word before the verb makes it another word ("trực tiếp", "Thư ký")."""
    before = syllables(clause.lowered[: clause.local(start)])
    return bool(before) and before[-1] in excluded


def next_word(clause: Clause, end: int) -> str:
    words = syllables(clause.lowered[clause.local(end) :])
    return words[0] if words else ""


def passive_before(clause: Clause, trigger_start: int) -> bool:
    """ "X được Tổng thống Y tiếp": the person received stands before the verb."""
    before = clause.before(trigger_start)
    if not before or clause.gap(before[-1].end, trigger_start).strip():
        return False
    _others, passive = co_subjects(clause, before[-1], nominal=False)
    return passive


def clauses_of(body: str, mentions: Sequence[EntityMention]) -> list[Clause]:
    leaders = sorted((m for m in mentions if m.kind == "leader"), key=lambda m: m.start)
    protected = [(m.start, m.end) for m in mentions]
    clauses = []
    for sentence in split_sentences(body, protected):
        inside = [m for m in leaders if sentence.start <= m.start and m.end <= sentence.end]
        clauses.append(Clause(sentence, lowered_text(sentence.text), inside))
    return clauses
