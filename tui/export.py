"""`diplonews export`: whole articles as JSON Lines, or one CSV row each."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from index.model import Document, EntityRef
from tui.sanitize import one_line, terminal_safe

CSV_COLUMNS = ("id", "title", "date", "url", "source", "leaders", "countries", "organisations")


def selected_documents(
    index: Any,
    query: str,
    leaders: Sequence[str],
    countries: Sequence[str],
    organisations: Sequence[str] = (),
    **dates: Any,
) -> Iterable[Document]:
    """Every article in the order indexed, or the query's and filters' results in their order
    (`dates`: search()'s since, until and sort). Raises QueryError at once for a bad query or
    filter."""
    dated = any(value not in (None, "relevance") for value in dates.values())
    if not query.strip() and not leaders and not countries and not organisations and not dated:
        return index.documents()
    result = index.search(
        query,
        leaders=leaders,
        countries=countries,
        limit=None,
        snippets=False,
        organisations=organisations,
        **dates,
    )
    found = (index.document(hit.id) for hit in result.hits)
    return (document for document in found if document is not None)


def write_jsonl(documents: Iterable[Document], out: TextIO) -> None:
    for document in documents:
        out.write(terminal_safe(json.dumps(document.to_json(), ensure_ascii=False)) + "\n")


def write_csv(documents: Iterable[Document], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for document in documents:
        writer.writerow(_csv_row(document))


def _csv_row(document: Document) -> list[str]:
    cells = [
        document.id,
        document.title,
        document.date or "",
        document.url or "",
        document.source,
        _names(document.leaders),
        _names(document.countries),
        _names(document.organisations),
    ]
    return [one_line(cell) for cell in cells]


def _names(refs: Iterable[EntityRef]) -> str:
    return "; ".join(ref.name for ref in refs)
