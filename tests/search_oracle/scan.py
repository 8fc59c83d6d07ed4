"""A brute-force reading of the search semantics in DESIGN.md, independent of the product.

Every document is turned into one line of syllable tokens. A token is written `fold:exact`, where
`fold` is the lowercase syllable with every mark stripped and đ → d, and `exact` is the lowercase
syllable without its tone mark followed by `#` and the tone, so that "hoà" and "hòa" share one exact
form whatever the tone placement. Two tokens are separated by a space when the syllables are linked
(they may belong to one word) and by `|` when a chunk boundary lies between them. A query word then
becomes a regular expression over that line, which makes the scan both exact and quick enough to
check thousands of articles against a hundred queries.

Linking rule, as read from the specification:
- the characters between two syllables are whitespace without a line break, or exactly one joiner
  among `- . ' /` with no whitespace around it ("F-35", "TP.HCM", "Kim Jong-un", "28/4");
- anything else is a chunk boundary: sentence punctuation, line breaks, quotes, and also commas,
  parentheses and brackets (so "Hà Nội, Đà Nẵng" never holds "nội đà"), dashes with spaces around
  them ("Việt - Mỹ"), and the typographic apostrophe ’, which the specification does not list;
- `'` joins only when it stands alone between two syllables, which is the only place the rule above
  lets it join; a quote mark next to a space is a boundary like any other.
The title and the body are scanned as separate chunks.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SYLLABLE = re.compile(r"[^\W_]+")
JOINERS = frozenset("-.'/")
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# The five Vietnamese tones, as combining marks after NFD; the letters are the Telex keys.
TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
LINKED, BROKEN = " ", "|"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(syllable: str) -> str:
    """Lowercase, every combining mark stripped, đ → d."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d")


def exact(syllable: str) -> str:
    """Lowercase NFC letters without the tone, then `#` and the tone: placement-independent."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tones = "".join(sorted(TONES[ch] for ch in decomposed if ch in TONES))
    letters = nfc("".join(ch for ch in decomposed if ch not in TONES))
    return f"{letters}#{tones}"


def has_marks(syllable: str) -> bool:
    """Typed with any diacritic or đ: such a syllable matches its exact form only."""
    return fold(syllable) != nfc(syllable).lower()


def token(syllable: str) -> str:
    return f"{fold(syllable)}:{exact(syllable)}"


def syllables(text: str) -> list[str]:
    return SYLLABLE.findall(nfc(text))


def linked(between: str) -> bool:
    """Whether two syllables with `between` between them may belong to one word."""
    if len(between) == 1 and between in JOINERS:
        return True
    return all(ch.isspace() and ch not in LINE_BREAKS for ch in between)


@dataclass
class Field:
    """One scanned field (title or body): its token line and where each token came from."""

    text: str
    line: str
    starts: list[int] = field(default_factory=list)  # token start offsets in `line`
    spans: list[tuple[int, int]] = field(default_factory=list)  # the syllables in `text`

    def span_at(self, line_offset: int) -> tuple[int, int]:
        return self.spans[bisect.bisect_right(self.starts, line_offset) - 1]


def scan_field(text: str) -> Field:
    text = nfc(text)
    scanned = Field(text=text, line=BROKEN)
    parts = [BROKEN]
    cursor = 1
    previous_end: int | None = None
    for match in SYLLABLE.finditer(text):
        if previous_end is not None:
            separator = LINKED if linked(text[previous_end : match.start()]) else BROKEN
            parts.append(separator)
            cursor += 1
        tok = token(match.group())
        scanned.starts.append(cursor)
        scanned.spans.append(match.span())
        parts.append(tok)
        cursor += len(tok)
        previous_end = match.end()
    parts.append(BROKEN)
    scanned.line = "".join(parts)
    return scanned


@dataclass
class ScannedDoc:
    id: str
    fields: tuple[Field, ...]


def scan_document(doc_id: str, title: str, body: str) -> ScannedDoc:
    return ScannedDoc(doc_id, (scan_field(title), scan_field(body)))


def _syllable_pattern(syllable: str, strict: bool) -> str:
    if strict and has_marks(syllable):
        return re.escape(token(syllable))
    return re.escape(fold(syllable)) + ":[^ |]*"


def word_pattern(words: Sequence[str], strict: bool = True) -> re.Pattern[str]:
    """The syllables of `words`, adjacent and linked; `strict` false ignores marks and links."""
    sylls = [s for word in words for s in syllables(word)]
    if not sylls:
        raise ValueError(f"no syllable in {words!r}")
    glue = LINKED if strict else "[ |]"
    body = glue.join(_syllable_pattern(s, strict) for s in sylls)
    return re.compile(rf"(?<=[ |]){body}(?=[ |])")


@dataclass(frozen=True)
class Occurrence:
    doc_id: str
    field: int  # 0 title, 1 body
    start: int
    end: int


def find(doc: ScannedDoc, pattern: re.Pattern[str]) -> Occurrence | None:
    for number, scanned in enumerate(doc.fields):
        match = pattern.search(scanned.line)
        if match:
            start = scanned.span_at(match.start())[0]
            end = scanned.span_at(match.end() - 1)[1]
            return Occurrence(doc.id, number, start, end)
    return None


def matching(docs: Iterable[ScannedDoc], words: Sequence[str]) -> set[str]:
    """Ids of the documents where the group `words` occurs under the strict rule."""
    pattern = word_pattern(words)
    # A plain substring test first: it only skips lines that cannot match, and is much faster.
    needles = {fold(s) + ":" for word in words for s in syllables(word)}
    found = set()
    for doc in docs:
        for scanned in doc.fields:
            if all(n in scanned.line for n in needles) and pattern.search(scanned.line):
                found.add(doc.id)
                break
    return found


def context(doc: ScannedDoc, occurrence: Occurrence, width: int = 60) -> str:
    """About `width` characters of the original text around an occurrence, on one line."""
    text = doc.fields[occurrence.field].text
    middle = (occurrence.start + occurrence.end) // 2
    start = max(0, middle - width // 2)
    snippet = text[start : start + width]
    return re.sub(r"\s", " ", snippet)
