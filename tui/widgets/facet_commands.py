"""Command palette provider: filter by any leader, country or organisation, or drop a filter.

Names match as typed with or without diacritics ("nhat" finds "Nhật Bản"). Only the active
filters are listed before anything is typed, and filters rank after the app's own commands.
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from index.model import EntityKind, FacetCount
from tui.folding import fold
from tui.sanitize import one_line
from tui.widgets.facet_list import FacetList, Filter
from tui.wording import plural

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

# The app's commands first: a filter's score is scaled down below theirs for an equal match.
FILTER_SCORE_SCALE = 0.5


class FacetCommands(Provider):
    """"Filter by leader: Trương Tấn Sang" for every entity; "Remove filter: …" for active ones."""

    _entities: list[tuple[EntityKind, FacetCount]]

    @property
    def browser(self) -> BrowserScreen:
        """The screen the palette was opened from: this provider belongs to its COMMANDS."""
        browser: BrowserScreen = self.screen  # type: ignore[assignment]
        return browser

    async def startup(self) -> None:
        self._entities = await asyncio.to_thread(self.browser.session.entities)

    def _commands(self) -> list[tuple[str, Filter, str]]:
        """(title, filter, help): active filters first, then every entity not filtered on."""
        active = {(f.kind, f.id) for f in self.browser.filters}
        commands = [
            (f"Remove filter: {_name(f.name)}", f, f"{f.kind} filter on")
            for f in self.browser.filters
        ]
        for kind, entity in self._entities:
            if (kind, entity.id) not in active:
                title = f"Filter by {kind}: {_name(entity.name)}"
                help_text = f"{plural(entity.count, 'article')} in the index"
                commands.append((title, Filter(kind, entity.id, entity.name), help_text))
        return commands

    async def discover(self) -> Hits:
        for title, facet, help_text in self._commands():
            if title.startswith("Remove filter"):
                yield DiscoveryHit(Content(title), partial(self._toggle, facet), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for title, facet, help_text in self._commands():
            folded = fold(title)
            score = matcher.match(folded)
            if score > 0:
                yield Hit(
                    score * FILTER_SCORE_SCALE,
                    _highlighted(title, matcher.fuzzy_search.match(matcher.query, folded)[1]),
                    partial(self._toggle, facet),
                    text=title,
                    help=help_text,
                )

    def _toggle(self, facet: Filter) -> None:
        self.browser.toggle_filter(facet)
        self.browser.query_one(FacetList).highlight_entry(facet)


def _name(name: str) -> str:
    """One line, composed (NFC), so that offsets in its folded form hold in it."""
    return unicodedata.normalize("NFC", one_line(name))


def _highlighted(title: str, offsets: Sequence[int]) -> Content:
    """`title` as plain text (a name is never markup), the matched characters underlined."""
    content = Content(title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize("bold underline", offset, offset + 1)
    return content
