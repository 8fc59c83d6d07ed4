"""Find the leaders, countries and organisations an article names, for the build."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from index.entities import EntityMatcher, Gazetteer, Leader, NameTable, load_gazetteer
from index.ingest.articles import Article
from index.model import EntityMention
from index.paths import user_gazetteer_file

GAZETTEER_DATA_DIR = Path(__file__).parent / "entities" / "data"


@dataclass(frozen=True)
class Annotation:
    mentions: tuple[EntityMention, ...]
    leaders: tuple[str, ...]
    countries: tuple[str, ...]
    organisations: tuple[str, ...] = ()
    # Leaders the gazetteer lacks, found from their title: id, name, role and country.
    discovered: tuple[Leader, ...] = ()


def gazetteer_fingerprint(user_file: Path | None = None) -> str:
    """Changes whenever the built-in data or the user's own gazetteer file changes."""
    digest = hashlib.sha1()
    files = sorted(GAZETTEER_DATA_DIR.glob("*.jsonl"))
    user_file = user_file or user_gazetteer_file()
    if user_file.is_file():
        files.append(user_file)
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _ordered_ids(mentions: list[EntityMention], kind: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.id for m in mentions if m.kind == kind))


class Annotator:
    """Loads the gazetteer once and annotates article after article."""

    def __init__(self, user_file: Path | None = None) -> None:
        self.user_file = user_file or user_gazetteer_file()
        # Leaders the gazetteer lacks, found from their title in the articles annotated so far.
        self.discovered: dict[str, Leader] = {}

    @cached_property
    def _loaded(self) -> tuple[EntityMatcher, NameTable, list[str], Gazetteer]:
        gazetteer, warnings = load_gazetteer(user_file=self.user_file)
        return (
            EntityMatcher.from_gazetteer(gazetteer),
            NameTable.from_gazetteer(gazetteer),
            warnings,
            gazetteer,
        )

    @property
    def gazetteer(self) -> Gazetteer:
        return self._loaded[3]

    @property
    def warnings(self) -> list[str]:
        return self._loaded[2]

    @property
    def names(self) -> NameTable:
        return self._loaded[1]

    def annotate(self, article: Article) -> Annotation:
        matcher = self._loaded[0]
        year = int(article.date[:4]) if article.date else None
        tagged = matcher.tag(article.title, article.body, year=year)
        everything = tagged.title + tagged.body
        self.discovered.update(tagged.discovered)
        return Annotation(
            mentions=tuple(tagged.body),
            leaders=_ordered_ids(everything, "leader"),
            countries=_ordered_ids(everything, "country"),
            organisations=_ordered_ids(everything, "organisation"),
            discovered=tuple(tagged.discovered.values()),
        )
