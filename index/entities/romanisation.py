"""Spelling variants of Korean names: the press romanises the same name several ways.

"Moon Jae-in" is also "Mun Jae-in" (Revised Romanisation), "Moon Jae In", "Moon Jaein". The
family name varies by system and habit; the given name by its hyphen and its capitals.
"""

from __future__ import annotations

import re

KOREAN_COUNTRIES = frozenset({"KR", "KP"})

# Spellings of one family name, each group one name.
_FAMILY_GROUPS = (
    ("Moon", "Mun"), ("Lee", "Yi", "Rhee", "Ri", "Rie"), ("Park", "Pak", "Bak"), ("Kim", "Gim"),
    ("Choi", "Choe", "Chwe"), ("Jung", "Chung", "Jeong", "Chong"), ("Kang", "Gang"),
    ("Cho", "Jo", "Joe"), ("Yoon", "Yun"), ("Roh", "Noh", "No"), ("Shin", "Sin"), ("Oh", "O"),
    ("Ryu", "Yoo", "Yu", "Ryoo"), ("Ahn", "An"), ("Jang", "Chang"), ("Lim", "Im", "Rim"),
    ("Han", "Hahn"), ("Hwang", "Whang"), ("Song", "Seong"), ("Kwon", "Gwon"), ("Ko", "Go", "Koh"),
    ("Seo", "Suh", "So"), ("Yang", "Ryang"), ("Baek", "Paek", "Paik"), ("Ju", "Joo", "Chu"),
)
_FAMILY_VARIANTS = {name: group for group in _FAMILY_GROUPS for name in group}
_GIVEN_SPLIT_RE = re.compile(r"[-\s]+")
_KOREAN_NAME_RE = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+(?:[- ][A-Za-z][a-z]+)?$")


def korean_variants(name: str) -> set[str]:
    """Other spellings of a Korean name written family name first: "Moon Jae-in" → "Mun Jae-in"."""
    if not _KOREAN_NAME_RE.match(name):
        return set()
    family, given = name.split(" ", 1)
    parts = [p for p in _GIVEN_SPLIT_RE.split(given) if p]
    givens = {given}
    if len(parts) == 2:
        first, second = parts[0].capitalize(), parts[1]
        givens |= {
            f"{first}-{second.lower()}", f"{first}-{second.capitalize()}",
            f"{first} {second.capitalize()}", f"{first}{second.lower()}",
        }
    families = _FAMILY_VARIANTS.get(family, (family,))
    return {f"{f} {g}" for f in families for g in givens} - {name}
