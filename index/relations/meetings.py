"""Who met whom: leader pairs that met, held talks, received one another or spoke by phone.

Sentence by sentence, each meeting verb ("hội đàm", "gặp", "tiếp", "điện đàm", …) takes the
leader named nearest before it as its subject, and the leaders listed right after it as the
ones met. Without a named object, two coordinated subjects met each other ("X và Y đã hội đàm",
"X được Y tiếp"); three or more are a summit, not a bilateral meeting. A verb opening the
sentence ("Tại cuộc gặp với Y, X …") takes its subject from after the comma, or from the
meeting of the sentences just before. Words of a plan, an invitation or a proposal around the
verb mark the meeting planned; a negation drops it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from itertools import pairwise

from index.model import EntityMention, EntityRef, Meeting, MeetingKind
from index.relations import lexicon as lx
from index.relations.clauses import (
    Clause,
    after_excluded_word,
    clauses_of,
    co_subjects,
    has_phrase,
    list_gap,
    lowered_text,
    next_word,
    objects_after,
    subject_before,
    syllables,
)
from index.relations.sentences import Sentence, stated_date, stated_place
from index.text.vietnamese import normalise_term

Pair = tuple[EntityMention, EntityMention]


@dataclass
class _Event:
    """One meeting verb of a sentence with the leaders it joins."""

    kind: MeetingKind
    pairs: list[Pair] = field(default_factory=list)
    subjects: list[EntityMention] = field(default_factory=list)
    participants: list[EntityMention] = field(default_factory=list)
    planned: bool = False


def _planned(clause: Clause, left_from: int, trigger: tuple[int, int], right_to: int) -> bool:
    start, end = trigger
    left_words = syllables(clause.gap(left_from, start))
    if left_words[-2:-1] and left_words[-2] in lx.SETTING_WORDS and (
        left_words[-1] in lx.NOMINAL_LEADS
    ):
        left_words = left_words[-2:]
    right = clause.lowered[clause.local(right_to) :][: lx.RIGHT_PLAN_WINDOW]
    phrase = clause.lowered[clause.local(start) : clause.local(end)]
    return (
        phrase == lx.INVITATION
        or has_phrase(" ".join(left_words), lx.PLAN_MARKERS)
        or has_phrase(right.split(",")[0], lx.RIGHT_PLAN_MARKERS)
    )


def _negated(clause: Clause, left_from: int, trigger_start: int) -> bool:
    """A negation left of the verb ("không gặp"); "không chính thức" (informal) is none."""
    left = " ".join(syllables(clause.gap(left_from, trigger_start)))
    for phrase in lx.NOT_NEGATIONS:
        left = left.replace(phrase, " ")
    return has_phrase(left, lx.NEGATIONS)


def _kind(clause: Clause, phrase: str, end: int) -> MeetingKind:
    kind = lx.TRIGGERS[phrase]
    window = clause.lowered[clause.local(end) :][:30]
    if kind in ("talks", "meeting") and has_phrase(window, lx.CALL_HINTS):
        return "call"
    return kind


def _host(clause: Clause) -> EntityMention | None:
    """The leader whose invitation a visit follows: "theo lời mời của Chủ tịch nước X"."""
    base = clause.sentence.start
    for match in lx.HOST_RE.finditer(clause.lowered):
        following = clause.after(base + match.end())
        if following and list_gap(
            clause.raw(base + match.end(), following[0].start), lx.TITLE_WORDS
        ):
            return following[0]
    return None


def _leading_phrase(clause: Clause, trigger_start: int) -> bool:
    """The verb opens the sentence ("Tại cuộc gặp với …", "Tiếp Thủ tướng …", "Khi gặp gỡ …")."""
    return (
        not clause.before(trigger_start)
        and clause.local(trigger_start) <= lx.LEADING_PHRASE_MAX_CHARS
        and "," not in clause.lowered[: clause.local(trigger_start)]
    )


def _subject_after_phrase(
    clause: Clause, objects: list[EntityMention], trigger_end: int
) -> list[EntityMention]:
    """Who speaks after the opening phrase: "Tại cuộc gặp với Y, X …" → [X];
    "Trong cuộc điện đàm hôm qua, X và Y …" → [X, Y]."""
    phrase_end = objects[-1].end if objects else trigger_end
    comma = clause.lowered.find(",", clause.local(phrase_end))
    if comma == -1:
        return []
    later = [m for m in clause.after(clause.sentence.start + comma) if m not in objects]
    if not later:
        return []
    # The speaker opens the main clause, after a comma and his titles only.
    last_part = clause.raw(clause.sentence.start + comma, later[0].start).rsplit(",", 1)[-1]
    if not list_gap(last_part, lx.TITLE_WORDS):
        return []
    if objects:
        return [later[0]]
    if syllables(clause.lowered)[:1] and syllables(clause.lowered)[0] in lx.BEFORE_OR_AFTER:
        return []
    if len(later) >= 2:
        raw = clause.raw(later[0].end, later[1].start)
        if list_gap(raw, lx.CHAIN_WORDS) and has_phrase(lowered_text(raw), lx.JOINERS):
            return later[:2]
    return []


def _before_first_comma(clause: Clause, objects: list[EntityMention]) -> list[EntityMention]:
    kept = objects[:1]
    for previous, mention in pairwise(objects):
        if "," in clause.raw(previous.end, mention.start):
            break
        kept.append(mention)
    return kept


def _pairs_without_subject(
    clause: Clause, objects: list[EntityMention], trigger: tuple[int, int]
) -> tuple[list[Pair], list[EntityMention]]:
    """ "cuộc gặp giữa X và Y", "cuộc gặp X - Y", "Trong cuộc hội đàm với Y, X …"."""
    start, end = trigger
    if len(objects) == 2 and clause.raw(objects[0].end, objects[1].start).strip() in lx.DASHES:
        return [(objects[0], objects[1])], objects
    if _leading_phrase(clause, start):
        # The opening phrase ends at its first comma: "Tại cuộc gặp với Y, X nói".
        objects = _before_first_comma(clause, objects)
        speakers = _subject_after_phrase(clause, objects, end)
        if objects and speakers:
            return [(speakers[0], o) for o in objects], [*speakers, *objects]
        if len(speakers) == 2:
            return [(speakers[0], speakers[1])], speakers
    return [], objects


def _self_contained(clause: Clause, phrase: str, end: int) -> bool:
    """Nothing, or only a time, place or "nhau", follows the verb before the clause ends."""
    if phrase in lx.OBJECTLESS_TRIGGERS:
        return True
    rest = clause.lowered[clause.local(end) :].lstrip()
    if not rest or not rest[0].isalnum():
        return True
    return next_word(clause, end) in lx.SELF_CONTAINED_NEXT


def _with_subject(
    clause: Clause, subject: EntityMention, objects: list[EntityMention], trigger: tuple[int, int]
) -> tuple[list[Pair], list[EntityMention], list[EntityMention]] | None:
    """Pairs, subjects and participants of a verb with a named subject; None for no meeting."""
    start, end = trigger
    phrase = clause.lowered[clause.local(start) : clause.local(end)]
    words_before = syllables(clause.lowered[: clause.local(start)])
    nominal = bool(words_before) and words_before[-1] in lx.NOMINAL_LEADS
    partners, passive = co_subjects(clause, subject, nominal=nominal)
    if phrase in lx.JOINT_ONLY_TRIGGERS and not (objects and next_word(clause, end) == lx.WITH):
        objects = []
        if len(partners) != 1:
            return None
    if objects:
        subjects = [subject] if passive else [subject, *partners]
        return [(s, o) for s in subjects for o in objects], subjects, subjects + objects
    if phrase in lx.PERSON_VERBS and not passive:
        return None
    if not (_self_contained(clause, phrase, end) or passive):
        if next_word(clause, end) in (lx.WITH, normalise_term("cho")) or (
            next_word(clause, end) in lx.PERSON_LEADS
        ):
            # "X đã hội đàm với Tổng thống nước chủ nhà": stated, for the next sentence to name.
            return [], [subject], [subject]
        return None
    if len(partners) == 1:
        partner = partners[0]
        return [(partner, subject)], [subject, partner], [partner, subject]
    if partners:
        return None  # three or more leaders together: a summit, not a bilateral meeting
    return [], [subject], [subject]


def _event(
    clause: Clause,
    trigger: tuple[int, int],
    object_subjects: dict[int, EntityMention],
    carried: EntityMention | None,
) -> _Event | None:
    start, end = trigger
    phrase = clause.lowered[clause.local(start) : clause.local(end)]
    if phrase in lx.PERSON_VERBS and after_excluded_word(clause, start, lx.NOT_PERSON_VERB_AFTER):
        return None
    if phrase in lx.NOT_TRIGGER_AFTER and after_excluded_word(
        clause, start, lx.NOT_TRIGGER_AFTER[phrase]
    ):
        return None
    if phrase in lx.NOT_TRIGGER_BEFORE_NEXT and (
        next_word(clause, end) in lx.NOT_TRIGGER_BEFORE_NEXT[phrase]
    ):
        return None
    subject = subject_before(clause, start)
    # "X gặp Y và hội đàm với Z": Y is met, not the subject of the second verb.
    if subject is not None and subject.start in object_subjects:
        subject = object_subjects[subject.start]
    objects = [o for o in objects_after(clause, end) if subject is None or o.id != subject.id]
    if phrase == lx.VISIT:
        if subject is not None and lx.TRIGGER_RE.search(clause.gap(subject.end, start)):
            # "X tiếp Y đang thăm Việt Nam theo lời mời của Z": the visitor is Y, not X.
            subject = None
        host = _host(clause)
        objects = [host] if host is not None and host != subject else objects
    if objects and has_phrase(clause.gap(end, objects[0].start), (lx.BETWEEN,)):
        # "X hoan nghênh cuộc gặp giữa Y và Z": the meeting is Y's and Z's, never X's.
        objects = _before_first_comma(clause, objects)
        pairs = [(objects[0], objects[1])] if len(objects) == 2 else []
        subjects, participants = [], objects
    elif subject is not None:
        found = _with_subject(clause, subject, objects, trigger)
        if found is None:
            return None
        pairs, subjects, participants = found
    else:
        pairs, participants = _pairs_without_subject(clause, objects, trigger)
        subjects = [p for p in participants if p not in objects]
        if (
            not pairs
            and objects
            and carried is not None
            and phrase not in lx.JOINT_ONLY_TRIGGERS
            and _leading_phrase(clause, start)
        ):
            # "Trong cuộc gặp với Y, hai bên …" after "X đã lần lượt gặp …": X met Y.
            pairs = [(carried, o) for o in objects if o.id != carried.id]
            subjects, participants = [carried], [carried, *objects]
    if not participants or (phrase in lx.PERSON_VERBS and not pairs and not subjects):
        return None
    for mention in objects:
        if subject is not None:
            object_subjects[mention.start] = subject
    left_from = min(subject.end if subject is not None else clause.sentence.start, start)
    if _negated(clause, left_from, start):
        return None
    right_to = max([end, *(m.end for m in objects)])
    planned = _planned(clause, left_from, trigger, right_to)
    return _Event(_kind(clause, phrase, end), pairs, subjects, participants, planned)


def _events(clause: Clause, carried: EntityMention | None) -> list[_Event]:
    events: list[_Event] = []
    object_subjects: dict[int, EntityMention] = {}
    base = clause.sentence.start
    for match in lx.TRIGGER_RE.finditer(clause.lowered):
        trigger = (base + match.start(1), base + match.end(1))
        event = _event(clause, trigger, object_subjects, carried)
        if event is not None:
            events.append(event)
    return events


def _carried_over(clause: Clause, previous: list[_Event]) -> tuple[MeetingKind, Pair] | None:
    """ "Tại cuộc gặp, Tổng thống Putin …" after "X đã gặp Tổng thống Nga.": X met Putin."""
    # Only a meeting whose counterpart went unnamed: "X đã hội đàm với Tổng thống nước chủ nhà."
    stated = [e for e in previous if not e.planned and e.subjects and not e.pairs]
    if not stated or not lx.CARRY_OVER_RE.match(clause.lowered):
        return None
    event = stated[0]
    people: dict[str, EntityMention] = {}
    for mention in [*event.subjects, *clause.leaders]:
        people.setdefault(mention.id, mention)
    if len(people) != 2 or len({m.id for m in event.subjects}) != 1:
        return None
    first, second = people.values()
    return event.kind, (first, second)


def _single_subject(events: list[_Event]) -> EntityMention | None:
    """The one leader who held the meetings a sentence states, if it names exactly one."""
    subjects = {m.id: m for e in events if not e.planned for m in e.subjects}
    return next(iter(subjects.values())) if len(subjects) == 1 else None


def _ref(mention: EntityMention) -> EntityRef:
    return EntityRef(mention.id, mention.name)


class _Collector:
    """Meetings of one article, one per unordered pair and plannedness, first sentence kept."""

    def __init__(self, article_date: Date | None) -> None:
        self.article_date = article_date
        self.meetings: list[Meeting] = []
        self.seen: set[tuple[frozenset[str], bool]] = set()

    def add(self, kind: MeetingKind, planned: bool, pair: Pair, span: Sentence) -> None:
        first, second = pair
        key = (frozenset((first.id, second.id)), planned)
        if first.id == second.id or key in self.seen:
            return
        self.seen.add(key)
        self.meetings.append(
            Meeting(
                kind=kind,
                leaders=(_ref(first), _ref(second)),
                date=stated_date(span.text, self.article_date),
                place=stated_place(span.text),
                planned=planned,
                sentence=span.text,
                start=span.start,
                end=span.end,
            )
        )


def extract_meetings(
    body: str, mentions: Sequence[EntityMention], article_date: Date | None
) -> list[Meeting]:
    """The meetings an article states, one per unordered leader pair (its first sentence);
    a planned pair is kept apart from the same pair's meeting that took place."""
    if len({m.id for m in mentions if m.kind == "leader"}) < 2:
        return []
    collected = _Collector(article_date)
    previous: tuple[Clause, list[_Event]] | None = None
    carried: EntityMention | None = None
    carried_for = 0
    for clause in clauses_of(body, mentions):
        events = _events(clause, carried) if clause.leaders else []
        for event in events:
            for pair in event.pairs:
                collected.add(event.kind, event.planned, pair, clause.sentence)
        if previous is not None and clause.leaders:
            carried_pair = _carried_over(clause, previous[1])
            if carried_pair is not None:
                kind, pair = carried_pair
                earlier = previous[0].sentence
                both = Sentence(
                    earlier.start, clause.sentence.end, body[earlier.start : clause.sentence.end]
                )
                collected.add(kind, False, pair, both)
        subject = _single_subject(events)
        if subject is not None:
            carried, carried_for = subject, lx.ELIDED_SUBJECT_REACH
        elif carried is not None and any(m.id == carried.id for m in clause.leaders):
            carried_for = lx.ELIDED_SUBJECT_REACH
        elif carried_for and clause.leaders:
            # Sentences naming nobody go on about the same meetings; others use up the reach.
            carried_for -= 1
            carried = carried if carried_for else None
        previous = (clause, events)
    return collected.meetings
