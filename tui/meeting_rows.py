"""A meeting as one row: date, who, whom, kind, place (for the CLI table and the browser)."""

from __future__ import annotations

from typing import Any

from tui.sanitize import one_line

# Date, who, whom, kind: the place gets what is left of the line.
WIDTHS = (10, 22, 22, 9)
HEADER = ("date", "who", "whom", "kind", "place")


def _cell(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def header_row() -> str:
    padded = (name.ljust(width) for name, width in zip(HEADER, WIDTHS, strict=False))
    return "  ".join(padded) + "  " + HEADER[-1]


def fitted_cells(meeting: Any, width: int) -> list[str]:
    """`meeting_cells` cut to fit `width` columns in all, two columns between cells: names get
    up to 24 columns, the place what is left."""
    date, who, whom, kind, place = meeting_cells(meeting)
    room = width - WIDTHS[0] - WIDTHS[3] - 8
    names = max(8, min(24, (room - 12) // 2))
    return [
        date,
        _cell(who, names),
        _cell(whom, names),
        kind,
        _cell(place, max(1, room - 2 * names)),
    ]


def meeting_cells(meeting: Any) -> list[str]:
    """Date, who, whom, kind (a planned one ends in "?"), place: each on one safe line."""
    first, second = meeting.leaders
    cells = [
        meeting.date.isoformat() if meeting.date else "undated",
        first.name,
        second.name,
        meeting.kind + ("?" if meeting.planned else ""),
        meeting.place or "",
    ]
    return [one_line(cell) for cell in cells]


def meeting_row(meeting: Any, line_width: int = 80) -> str:
    """At most `line_width` columns: names are cut to their column, the place to what is left."""
    *cells, place = meeting_cells(meeting)
    padded = (_cell(text, width).ljust(width) for text, width in zip(cells, WIDTHS, strict=True))
    row = "  ".join(padded)
    room = line_width - len(row) - 2
    return (row + "  " + _cell(place, room)).rstrip()
