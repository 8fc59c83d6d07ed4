"""What the words around a name say: a title, a place word, a language, a personal name."""

from __future__ import annotations

from index.entities.lexicon import (
    HONORIFICS,
    INSTITUTION_HEADS,
    LANGUAGE_MARKERS,
    LANGUAGE_SUFFIXES,
    LOCATIVES,
    ORDINARY_ROLES,
    PLACE_WORDS,
    PRONOUNS,
    STRONG_TITLES,
    SURNAMES,
    is_vietnamese_syllable,
    title_phrases,
)
from index.entities.syllables import SyllableText
from index.text.vietnamese import fold, words

MAX_TITLE_SYLLABLES = 6
_INSTITUTION_SPAN = 8
_DISTINCTIVE_LETTERS = 5
_PREPOSITIONS = frozenset({"của", "ở", "tại", "và", "với", "từ"})

STRONG = title_phrases(STRONG_TITLES)
_STRONG_FIRST = frozenset(phrase[0] for phrase in STRONG)
WEAK = title_phrases(HONORIFICS)
_TITLE_ENDS = frozenset(phrase[-1] for phrase in STRONG | WEAK)
PLACES = title_phrases(PLACE_WORDS)
ORDINARY = title_phrases(ORDINARY_ROLES)
INSTITUTIONS = title_phrases(INSTITUTION_HEADS)


def _word_pairs() -> frozenset[str]:
    from index.text.pyvi_model import pyvi_model

    return pyvi_model().bi_grams


def is_word_pair(first: str, second: str) -> bool:
    """Whether two syllables are one word in pyvi's word list ("nhật báo", "pháp lý")."""
    return f"{first.lower()} {second.lower()}" in _word_pairs()


def title_before(t: SyllableText, i: int) -> tuple[tuple[str, ...], bool]:
    """The title phrase right before syllable i (past one country name), and if it is strong."""
    j = i - 1
    owner = t.owner[j] if j >= 0 else None
    if owner is not None and owner.kind == "country" and t.gap(j).strip() == "":
        j = owner.first - 1
    if j < 0 or t.norm[j] not in _TITLE_ENDS:
        return (), False
    collected: list[str] = []
    while j >= 0 and len(collected) < MAX_TITLE_SYLLABLES and t.gap(j).strip() == "":
        collected.insert(0, t.norm[j])
        j -= 1
    for size in range(len(collected), 0, -1):
        phrase = tuple(collected[-size:])
        if phrase in STRONG:
            return phrase, True
        if phrase in WEAK:
            return phrase, False
    return (), False


def title_length(t: SyllableText, i: int) -> int:
    """How many syllables of a title word start at syllable i (0 when none does)."""
    if t.norm[i] not in _STRONG_FIRST:
        return 0
    longest = 0
    for size in range(1, min(MAX_TITLE_SYLLABLES, t.n - i) + 1):
        if tuple(t.norm[i : i + size]) in STRONG:
            longest = size
    return longest


def after_place_word(t: SyllableText, i: int) -> bool:
    """"TP Hồ Chí Minh", "ĐH Tôn Đức Thắng", "đường Lê Duẩn": a place named after a person."""
    collected: list[str] = []
    j = i - 1
    while j >= 0 and len(collected) < 3 and t.gap(j).strip(" .\u00a0") == "":
        collected.insert(0, t.norm[j])
        if tuple(collected) in PLACES:
            return True
        j -= 1
    return ends_institution_name(t, i)


def ends_institution_name(t: SyllableText, i: int) -> bool:
    """"Học viện Chính trị quốc gia Hồ Chí Minh": the end of a capitalised institution's name."""
    j = i - 1
    while j >= 0 and i - j <= _INSTITUTION_SPAN and t.gap(j) == " ":
        if title_length(t, j):
            return False  # "Trường Đại học … Chủ tịch Hồ Chí Minh": the title makes a person
        if t.caps[j] and any(tuple(t.norm[j : j + size]) in PLACES for size in (1, 2, 3)):
            return True
        j -= 1
    return False


def after_locative(t: SyllableText, i: int) -> bool:
    """"tại Hồ Chí Minh", "ở Hồ Chí Minh": a full name where a place belongs is the place."""
    j = i - 1
    return j >= 0 and t.gap(j) == " " and t.norm[j] in LOCATIVES and not t.caps[j]


def after_language_marker(t: SyllableText, i: int) -> bool:
    """"tiếng Tây Ban Nha", "bằng tiếng Anh": a language, not the country."""
    return i > 0 and t.norm[i - 1] in LANGUAGE_MARKERS and t.joined(i - 1)


def name_part(t: SyllableText, k: int, *, before: bool) -> bool:
    """Whether syllable k, next to a one-syllable country name, makes that a personal name."""
    if t.owner[k] is not None or not t.capital(k) or not is_vietnamese_syllable(t.src[k]):
        return False
    if t.shouted(k):
        # Shouted text ("Ý KIẾN"): capitals say nothing, so a country needs a lower-case context.
        return True
    if before:
        # "Nguyễn Văn Anh", "Lê Đức Anh"; a sentence's first word is capitalised anyway.
        return t.norm[k] in SURNAMES or not t.sentence_initial(k)
    if t.norm[k] not in SURNAMES:
        return True  # "Lào Cai", "Mỹ Đình", "Minh Anh" read backwards: a place or a person
    # "Mỹ Phạm Quang Vinh" starts a full name after the country; "Đức Hoàng" is one person.
    return not (t.joined(k) and t.capital(k + 1) and is_vietnamese_syllable(t.src[k + 1]))


def forms_word_with_next(t: SyllableText, i: int) -> bool:
    """Whether pyvi reads syllable i with the next as one word ("Ý kiến", "Pháp luật")."""
    end = t.text.find(".", t.ends[i])
    end = len(t.text) if end < 0 else end
    window = t.text[t.starts[i] : min(end, t.starts[i] + 40)]
    segmented = words(window)
    first_word = segmented[0] if segmented else None
    return first_word is not None and first_word.end > t.ends[i] - t.starts[i]


_SPACES = " \u00a0"


def ambiguous_country(t: SyllableText, i: int) -> bool | None:
    """A one-syllable Vietnamese country name ("Anh", "Pháp", "Ý", "Nhật") in context.

    None: not the country (part of a personal or place name, a language, a common word).
    True: the country only if the article names it elsewhere too. False: the country.
    """
    if after_language_marker(t, i):
        return None
    if _parenthesised_alone(t, i):
        return False  # "HSBC (Anh)": the country, said of what stands before it
    if t.joined(i) and t.norm[i + 1] in LANGUAGE_SUFFIXES:
        return None
    if t.joined(i) and not t.capital(i + 1) and is_word_pair(t.src[i], t.src[i + 1]):
        return None  # "Nhật báo Phố Wall", "Đức tin"
    if i > 0 and t.joined(i - 1) and name_part(t, i - 1, before=True):
        return None
    if t.joined(i) and name_part(t, i + 1, before=False):
        return None
    if not t.sentence_initial(i):
        return False
    if t.joined(i) and not t.capital(i + 1) and forms_word_with_next(t, i):
        return None
    return t.norm[i] in PRONOUNS


def _parenthesised_alone(t: SyllableText, i: int) -> bool:
    """Syllable i alone in brackets, spaces aside (read in place: an article may be megabytes)."""
    text, before, after = t.text, t.starts[i], t.ends[i]
    while before > 0 and text[before - 1] in _SPACES:
        before -= 1
    while after < len(text) and text[after] in _SPACES:
        after += 1
    return text[before - 1 : before] == "(" and text[after : after + 1] == ")"


def inside_institution_name(t: SyllableText, i: int, last: int) -> bool:
    """"Hiệp hội Du lịch Việt Nam", "Ngân hàng Thụy Sỹ Geneva", "Diebold Việt Nam": a country
    word inside the name of a company, bank, association, school or newspaper."""
    k = i - 1
    if k >= 0 and t.gap(k) == " " and t.caps[k] and t.owner[k] is None and not t.shouted(k) and (
        not is_vietnamese_syllable(t.src[k])
    ):
        return True
    # A name runs on after the country ("Ngân hàng Thụy Sỹ Geneva") or holds a word of its own
    # before it ("Hiệp hội Du lịch Việt Nam"); "2 CLB Italia", "CLB của Tây Ban Nha" are clubs
    # of the country.
    named = t.joined(last) and last + 1 < t.n and t.caps[last + 1]
    j = i - 1
    while j >= 0 and i - j <= _INSTITUTION_SPAN and t.gap(j) == " ":
        if title_length(t, j) or t.norm[j] in _PREPOSITIONS:
            return False
        if t.caps[j] and any(tuple(t.norm[j : j + n]) in INSTITUTIONS for n in (1, 2, 3)):
            return named
        named = named or t.caps[j]
        j -= 1
    return False


def after_ordinary_role(t: SyllableText, i: int) -> bool:
    """"KTS Nguyễn Xuân Thắng", "luật sư Trần Tuấn Anh": a namesake in an ordinary role."""
    collected: list[str] = []
    j = i - 1
    while j >= 0 and len(collected) < 3 and t.gap(j) in (" ", "\u00a0"):
        if t.owner[j] is not None or (t.caps[j] and not t.sentence_initial(j) and not t.shouted(j)):
            return False  # "Thủ tướng Anh Theresa May": a country, not the pronoun "anh"
        collected.insert(0, t.norm[j])
        if tuple(collected) in ORDINARY:
            return True
        j -= 1
    return False


def after_given_name(t: SyllableText, i: int) -> bool:
    """"Michael Jordan": a foreign one-word country name right after a foreign given name."""
    k = i - 1
    if k < 0 or not t.joined(k) or not t.caps[k] or t.owner[k] is not None:
        return False
    word = t.src[k]
    return not word.isupper() and not is_vietnamese_syllable(word)


def common_word(t: SyllableText, first: int, last: int) -> bool:
    """A Vietnamese short form that starts a common word: "Tập đoàn", "Ngân sách"."""
    return (
        first == last
        and is_vietnamese_syllable(t.src[first])
        and t.joined(first)
        and not t.caps[first + 1]
        and forms_word_with_next(t, first)
    )


def candidate_word(t: SyllableText, i: int) -> bool:
    if not t.caps[i] or t.owner[i] is not None:
        return False
    word = t.src[i]
    return word.isalpha() and not t.shouted(i)


def inside_longer_name(t: SyllableText, first: int, last: int) -> bool:
    """"Ivanka Trump", "Trump Tower", "François-Henri Pinault": a short name in a longer one."""
    before = first - 1
    if (
        before >= 0 and t.joined(before) and t.capital(before) and t.owner[before] is None
        and (t.gap(before) != " " or not title_before(t, first)[0])
    ):
        return True
    if not (t.joined(last) and t.capital(last + 1) and t.owner[last + 1] is None):
        return False
    return not _next_person(t, first, last)


def _next_person(t: SyllableText, first: int, last: int) -> bool:
    """"Tổng thống Putin Dmitry Peskov": after a title and a distinctive foreign family name,
    two foreign words are the next person ("Putin's spokesman Dmitry Peskov")."""
    word = fold(t.src[last]).lower()
    if len(word) < _DISTINCTIVE_LETTERS or is_vietnamese_syllable(word):
        return False
    following = [last + 1, last + 2]
    return (
        title_before(t, first)[1]
        and last + 2 < t.n
        and t.joined(last + 1)
        and all(t.caps[k] and not is_vietnamese_syllable(t.src[k]) for k in following)
    )
