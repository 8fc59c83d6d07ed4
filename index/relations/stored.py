"""What a build keeps of each article's relations, packed into one byte string per article.

JSON (id, date, meetings, the entities of each sentence naming two or more, and for articles
naming many leaders their same-story anchors), a NUL, then the packed same-story signature.
Kept per article so that an incremental build regroups and re-lists meetings over the whole
index without reading a single text again.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from index.model import EntityMention, Meeting
from index.relations.meetings import extract_meetings
from index.relations.same_story import (
    MIN_SHARED_CAST,
    Signature,
    anchors,
    pack_sketch,
    syllables_sketch,
    unpack_sketch,
)
from index.relations.timeline import EntityKey, sentence_entities

# One meeting, compact: kind, first leader id, second leader id, date, place, planned, start,
# end, sentence.
CompactMeeting = list[Any]


@dataclass
class ArticleRelations:
    id: str
    date: str | None = None
    meetings: list[CompactMeeting] = field(default_factory=list)
    sentences: list[list[EntityKey]] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    cast_anchors: list[str] | None = None
    sketch: Signature | None = None


def compact_meeting(meeting: Meeting) -> CompactMeeting:
    first, second = meeting.leaders
    return [
        meeting.kind,
        first.id,
        second.id,
        meeting.date.isoformat() if meeting.date else None,
        meeting.place,
        meeting.planned,
        meeting.start,
        meeting.end,
        meeting.sentence,
    ]


def _article_date(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value) if value else None
    except ValueError:
        return None


def relations_of(
    article_id: str,
    title: str,
    body: str,
    date: str | None,
    mentions: Sequence[EntityMention],
    leaders: Collection[str],
    folded: list[str],
) -> ArticleRelations:
    """Everything the relations need from one tagged article; `folded` are the folded syllables
    of the title and then the body."""
    meetings = extract_meetings(body, mentions, _article_date(date))
    text = f"{title}\n{body}"
    return ArticleRelations(
        id=article_id,
        date=date,
        meetings=[compact_meeting(m) for m in meetings],
        sentences=[sorted(group) for group in sentence_entities(body, mentions) if len(group) > 1],
        leaders=list(leaders),
        cast_anchors=sorted(anchors(text)) if len(set(leaders)) >= MIN_SHARED_CAST else None,
        sketch=syllables_sketch(folded),
    )


def encode(relations: ArticleRelations) -> bytes:
    data: dict[str, Any] = {"id": relations.id, "date": relations.date}
    if relations.meetings:
        data["m"] = relations.meetings
    if relations.sentences:
        data["s"] = relations.sentences
    if relations.cast_anchors is not None:
        data["c"] = [relations.leaders, relations.cast_anchors]
    packed = pack_sketch(relations.sketch) if relations.sketch is not None else b""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode() + b"\0" + packed


def decode(value: bytes) -> ArticleRelations | None:
    """None for an empty value (an article written before relations were kept)."""
    if not value:
        return None
    head, _nul, packed = value.partition(b"\0")
    data = json.loads(head)
    leaders, cast = data.get("c", ([], None))
    return ArticleRelations(
        id=data["id"],
        date=data.get("date"),
        meetings=data.get("m", []),
        sentences=[[tuple(key) for key in group] for group in data.get("s", [])],
        leaders=leaders,
        cast_anchors=cast,
        sketch=unpack_sketch(packed) if packed else None,
    )
