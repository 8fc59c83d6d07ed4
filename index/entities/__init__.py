"""Leaders, countries, organisations: the gazetteer, the matcher, the name table."""

from index.entities.gazetteer import (
    Country,
    Gazetteer,
    GazetteerError,
    Leader,
    Organisation,
    load_gazetteer,
)
from index.entities.matcher import EntityMatcher
from index.entities.names import NameTable

__all__ = [
    "Country",
    "EntityMatcher",
    "Gazetteer",
    "GazetteerError",
    "Leader",
    "NameTable",
    "Organisation",
    "load_gazetteer",
]
