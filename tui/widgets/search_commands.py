"""Command palette provider: save the current search, rerun a saved one (with its count now),
export the current results."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.folding import fold
from tui.sanitize import one_line
from tui.user_state import SavedSearch
from tui.wording import plural

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.screens.browser import BrowserScreen

Command = tuple[str, "Callable[[], None]", str]  # title, what it does, help


class SearchCommands(Provider):
    """ "Save this search as…", "Export these results as JSONL", "Saved search: NAME"."""

    _counts: dict[str, int | None]

    @property
    def browser(self) -> BrowserScreen:
        browser: BrowserScreen = self.screen  # type: ignore[assignment]
        return browser

    async def startup(self) -> None:
        self._counts = await asyncio.to_thread(self._count_saved)

    def _count_saved(self) -> dict[str, int | None]:
        session = self.browser.session
        saved = self.browser.state.saved.searches
        return {search.name: session.count(search.query, search.filters) for search in saved}

    def _commands(self) -> list[Command]:
        browser = self.browser
        commands: list[Command] = [
            ("Save this search as…", browser.ask_search_name, "Its query and filters, by name"),
            (
                "Export these results as JSONL",
                browser.export_results,
                "Every result, to a file in the current directory",
            ),
        ]
        for saved in browser.state.saved.searches:
            count = self._counts.get(saved.name)
            found = "a bad query now" if count is None else plural(count, "article")
            commands.append(
                (
                    f"Saved search: {one_line(saved.name)}",
                    partial(browser.apply_saved, saved),
                    f"{_describe(saved)} · {found}",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for title, run, help_text in self._commands():
            yield DiscoveryHit(Content(title), run, help=Content(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for title, run, help_text in self._commands():
            score = matcher.match(fold(title))
            if score > 0:
                yield Hit(score, Content(title), run, text=title, help=Content(help_text))


def _describe(saved: SavedSearch) -> str:
    words = [f"“{one_line(saved.query)}”" if saved.query.strip() else "every article"]
    words += [f"{f.kind} {one_line(f.name)}" for f in saved.filters]
    return " · ".join(words)
