"""Over every Dân trí article: no country is tagged from a reporter's byline.

Bylines are found here independently of the tagger's own rules, the simple way a reader sees
them: the article's last line when it is a few capitalised words ("Minh Anh", "Đức Hoàng (Theo
AP)"), and a parenthesised name of two or three capitalised words.
"""

from __future__ import annotations

import re
from pathlib import Path

from index.build.annotate import Annotator
from index.entities import load_gazetteer
from index.entities.lexicon import is_vietnamese_syllable
from index.ingest.articles import read_text_file

_NAME = r"[A-ZÀ-ỸĐ][a-zà-ỹđ]+"
_LAST_LINE_RE = re.compile(rf"^(?:Theo )?{_NAME}(?: {_NAME}){{0,3}}(?: \(.*\))?$")
_PARENTHESISED_RE = re.compile(rf"\(({_NAME}(?: {_NAME}){{1,2}})\)")


def _personal(name: str, country_names: set[str]) -> bool:
    """Vietnamese syllables that are not a country's name: "Minh Anh", not "Vương Quốc Anh"."""
    words = name.split()
    return name.lower() not in country_names and all(is_vietnamese_syllable(w) for w in words)


def _bylines(body: str, country_names: set[str]) -> list[tuple[int, int]]:
    spans = []
    stripped = body.rstrip()
    start = stripped.rfind("\n") + 1
    last = stripped[start:].strip()
    if _LAST_LINE_RE.match(last) and last.lower() not in country_names:
        spans.append((start, len(stripped)))
    for match in _PARENTHESISED_RE.finditer(body):
        if _personal(match[1], country_names):
            spans.append(match.span())
    return spans


def test_no_country_is_tagged_from_a_byline(dantri_sample: Path, tmp_path: Path) -> None:
    annotator = Annotator(user_file=tmp_path / "none.jsonl")
    gazetteer, _ = load_gazetteer()
    country_names = {name.lower() for c in gazetteer.countries.values() for name in c.names}
    files = sorted(dantri_sample.rglob("*.txt"))
    assert len(files) > 2600
    in_bylines, bylines = [], 0
    for path in files:
        article = read_text_file(path, path.read_bytes(), source="dantri")
        spans = _bylines(article.body, country_names)
        bylines += len(spans)
        for mention in annotator.annotate(article).mentions:
            if mention.kind == "country" and any(
                s <= mention.start and mention.end <= e for s, e in spans
            ):
                in_bylines.append((article.id, mention.text))
    assert bylines > 1000
    assert in_bylines == [], in_bylines
