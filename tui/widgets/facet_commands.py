"""Command palette provider: filter by (or drop) a leader or country of the current results."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.sanitize import one_line
from tui.widgets.facet_list import FacetList, Filter

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen


class FacetCommands(Provider):
    """Commands like "Filter by leader: Trương Tấn Sang", one for every facet on screen."""

    @property
    def browser(self) -> BrowserScreen:
        """The screen the palette was opened from: this provider belongs to its COMMANDS."""
        browser: BrowserScreen = self.screen  # type: ignore[assignment]
        return browser

    def _commands(self) -> list[tuple[str, Filter, int]]:
        return [
            (f"Filter by {kind}: {one_line(f.name)}", Filter(kind, f.id, f.name), f.count)
            for kind, facets in self.browser.current_facets()
            for f in facets
        ]

    async def discover(self) -> Hits:
        for title, facet, count in self._commands():
            yield DiscoveryHit(title, partial(self._toggle, facet), help=f"{count} articles")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, facet, count in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._toggle, facet),
                    help=f"{count} articles",
                )

    def _toggle(self, facet: Filter) -> None:
        self.browser.toggle_filter(facet)
        self.browser.query_one(FacetList).highlight_entry(facet)
