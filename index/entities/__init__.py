"""Leaders and countries: the gazetteer, the matcher that finds them in text, the name table."""

from index.entities.gazetteer import Country, Gazetteer, GazetteerError, Leader, load_gazetteer
from index.entities.matcher import EntityMatcher
from index.entities.names import NameTable

__all__ = [
    "Country",
    "EntityMatcher",
    "Gazetteer",
    "GazetteerError",
    "Leader",
    "NameTable",
    "load_gazetteer",
]
