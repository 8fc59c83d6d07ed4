"""Chinese-style names character by character: the readings each character may show up as."""

from __future__ import annotations

from dataclasses import dataclass

from index.entities.gazetteer import Leader
from index.entities.lexicon import SURNAME_HANZI, is_vietnamese_syllable
from index.entities.readings import folded_words, is_cjk, pinyin_readings, primary
from index.text.vietnamese import fold, has_diacritics


@dataclass(frozen=True)
class HanName:
    """A person's name character by character: the readings each character may show up as."""

    leader_id: str
    readings: tuple[frozenset[str], ...]
    near: tuple[frozenset[str], ...]
    pinyin: tuple[frozenset[str], ...]
    primary: tuple[frozenset[str], ...]


def _aligned_hanviet(leader: Leader) -> list[tuple[str, str]]:
    """(character, Hán-Việt syllable) pairs of a name written syllable for character."""
    chars = [c for c in leader.hanzi if is_cjk(c)]
    vietnamese = folded_words(leader.name)
    if len(vietnamese) != len(chars) or not all(is_vietnamese_syllable(w) for w in vietnamese):
        return []
    if not has_diacritics(leader.name):
        return []  # "Kim Yong Nam" is Korean romanisation, not Hán-Việt
    return list(zip(chars, vietnamese, strict=True))


def hanviet_table(leaders: list[Leader]) -> dict[str, frozenset[str]]:
    """Hán-Việt readings of characters, learnt from the names the gazetteer writes both ways
    ("Trương Tấn Sang" 张晋创) and from the surnames: they read Japanese and Korean names too."""
    table: dict[str, set[str]] = {}
    for surname, char in SURNAME_HANZI.items():
        table.setdefault(char, set()).add(fold(surname))
    for leader in leaders:
        for char, syllable in _aligned_hanviet(leader):
            table.setdefault(char, set()).add(syllable)
    return {char: frozenset(readings) for char, readings in table.items()}


def is_transliteration(leader: Leader) -> bool:
    """A Chinese spelling of a foreign name (默克尔, 唐纳德·特朗普), not a Chinese-style name."""
    return "·" in leader.hanzi or "•" in leader.hanzi


def han_name(leader: Leader, table: dict[str, frozenset[str]]) -> HanName | None:
    chars = [c for c in leader.hanzi if is_cjk(c)]
    if len(chars) < 2 or is_transliteration(leader):
        return None
    pinyin = tuple(pinyin_readings(c) for c in chars)
    aligned = _aligned_hanviet(leader)
    # A name written syllable for character ("Trương Tấn Sang") gives its own Hán-Việt readings;
    # others ("Shinzo Abe" 安倍晋三) take them from the table.
    hanviet = [{aligned[k][1]} if aligned else set(table.get(c, ())) for k, c in enumerate(chars)]
    return HanName(
        leader.id,
        readings=tuple(frozenset(pinyin[k]) | hanviet[k] for k in range(len(chars))),
        # Near misses count only against the usual reading: rare ones make too many look-alikes.
        near=tuple(primary(c) | hanviet[k] for k, c in enumerate(chars)),
        pinyin=tuple(frozenset(p) for p in pinyin),
        primary=tuple(primary(c) for c in chars),
    )
