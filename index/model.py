"""Plain result types handed out by the index: no Whoosh type leaks past this module's users."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EntityKind = Literal["leader", "country", "organisation"]
SpanKind = Literal["match", "leader", "country", "organisation"]


@dataclass(frozen=True)
class EntityRef:
    """A leader or country by its gazetteer id and canonical name."""

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
class Span:
    """A stretch of text to highlight: a query match or an entity mention."""

    start: int
    end: int
    kind: SpanKind
    label: str = ""


def _entity_refs_json(
    leaders: tuple[EntityRef, ...], countries: tuple[EntityRef, ...]
) -> dict[str, list[dict[str, str]]]:
    return {
        "leaders": [asdict(ref) for ref in leaders],
        "countries": [asdict(ref) for ref in countries],
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

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | _entity_refs_json(self.leaders, self.countries)


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
                "leaders": [asdict(f) for f in self.facets.leaders],
                "countries": [asdict(f) for f in self.facets.countries],
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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "path": self.path,
            "body": self.body,
            **_entity_refs_json(self.leaders, self.countries),
            "entities": [asdict(m) for m in self.entities],
        }


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


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


@dataclass(frozen=True)
class IndexStatus:
    path: str
    articles: int
    sources: tuple[str, ...]
    built_at: str | None
    size_bytes: int
