"""Plain result types handed out by the index: no Whoosh type leaks past this module's users."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date as Date
from typing import Any, Literal

EntityKind = Literal["leader", "country", "organisation"]
SpanKind = Literal["match", "leader", "country", "organisation"]
# Where an article's date comes from: a date metadata line (or JSON field), or its dateline.
DateSource = Literal["metadata", "text"]

# Each entity kind's field: in the index's schema, on `Facets`, `Hit` and `Document`, in the JSON.
ENTITY_FIELDS: dict[EntityKind, str] = {
    "leader": "leaders",
    "country": "countries",
    "organisation": "organisations",
}
MeetingKind = Literal["meeting", "talks", "call", "reception", "visit"]


@dataclass(frozen=True)
class EntityRef:
    """A leader, country or organisation by its gazetteer id and canonical name."""

    id: str
    name: str


@dataclass(frozen=True)
class FacetCount:
    id: str
    name: str
    count: int


@dataclass(frozen=True)
class Facets:
    leaders: tuple[FacetCount, ...] = ()
    countries: tuple[FacetCount, ...] = ()
    organisations: tuple[FacetCount, ...] = ()

    def of_kind(self, kind: EntityKind) -> tuple[FacetCount, ...]:
        counts: tuple[FacetCount, ...] = getattr(self, ENTITY_FIELDS[kind])
        return counts


@dataclass(frozen=True)
class EntityMention:
    """One place in an article's body that names an entity; offsets index into body."""

    kind: EntityKind
    id: str
    name: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Meeting:
    """Two leaders who met, held talks, received one another or spoke by phone, per one sentence.

    `planned` marks a meeting the article announces, proposes or invites to, not one that took
    place. `start`/`end` index the sentence in the article's body.
    """

    kind: MeetingKind
    leaders: tuple[EntityRef, EntityRef]
    date: Date | None
    place: str | None
    planned: bool
    sentence: str
    start: int
    end: int

    def to_json(self, article: str) -> dict[str, Any]:
        return {
            "article": article,
            "date": self.date.isoformat() if self.date else None,
            "kind": self.kind,
            "leaders": [asdict(ref) for ref in self.leaders],
            "place": self.place,
            "planned": self.planned,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Span:
    """A stretch of text to highlight: a query match or an entity mention."""

    start: int
    end: int
    kind: SpanKind
    label: str = ""


def _entity_refs_json(item: Hit | Document) -> dict[str, list[dict[str, str]]]:
    """The "leaders", "countries" and "organisations" of a hit or document, as JSON."""
    return {
        name: [asdict(ref) for ref in getattr(item, name)] for name in ENTITY_FIELDS.values()
    }


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: str | None
    score: float
    snippet: str
    leaders: tuple[EntityRef, ...] = ()
    countries: tuple[EntityRef, ...] = ()
    organisations: tuple[EntityRef, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | _entity_refs_json(self)


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: Facets = field(default_factory=Facets)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": {
                name: [asdict(f) for f in getattr(self.facets, name)]
                for name in ENTITY_FIELDS.values()
            },
        }


@dataclass(frozen=True)
class Document:
    """A whole stored article, as `show` and `export` present it."""

    id: str
    title: str
    date: str | None
    source: str
    path: str
    body: str
    leaders: tuple[EntityRef, ...] = ()
    countries: tuple[EntityRef, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    date_source: DateSource | None = None
    url: str | None = None
    organisations: tuple[EntityRef, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "date_source": self.date_source,
            "url": self.url,
            "source": self.source,
            "path": self.path,
            "body": self.body,
            **_entity_refs_json(self),
            "entities": [asdict(m) for m in self.entities],
        }


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


BUILD_PHASES = {
    "reading": "Reading articles",
    "indexing": "Indexing articles",
    "saving": "Saving the index",
    "publishing": "Saving the index",
}


@dataclass(frozen=True)
class BuildProgress:
    """How far a build has come: `done` of `total` articles in `phase` (one of BUILD_PHASES)."""

    phase: str
    done: int
    total: int

    def describe(self) -> str:
        return BUILD_PHASES.get(self.phase, self.phase)


@dataclass
class BuildSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    seconds: float = 0.0
    full: bool = False
    warnings: list[str] = field(default_factory=list)

    def describe_counts(self) -> str:
        """The counts in one line: "3 added, 0 updated, 0 removed, 2 unchanged, 1 skipped"."""
        return (
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped"
        )


@dataclass(frozen=True)
class IndexStatus:
    path: str
    articles: int
    sources: tuple[str, ...]
    built_at: str | None
    size_bytes: int


@dataclass(frozen=True)
class ListedMeeting:
    """A meeting with the article that states it, as `Index.meetings` lists them."""

    article: str
    meeting: Meeting

    def to_json(self) -> dict[str, Any]:
        return self.meeting.to_json(self.article)


@dataclass(frozen=True)
class CoMentionCount:
    """An entity named beside another: in how many articles, and in how many sentences."""

    kind: EntityKind
    id: str
    name: str
    articles: int
    sentences: int
