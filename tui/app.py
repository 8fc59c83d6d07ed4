"""The application: the browser screen, the theme, the user's keymap and the global keys.

What the browser does (searching, paging, filters, reading, rebuilding) is in
`tui/screens/browser.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from tui.keymap import (
    APP_BINDINGS,
    BROWSER_BINDINGS,
    keymap_problems,
    load_keymap,
    usable_keymap,
    user_keymap_file,
)
from tui.screens.browser import STALE_POLL_SECONDS, BrowserScreen
from tui.screens.help import HelpScreen
from tui.screens.name_prompt import NamePrompt
from tui.user_state import UserState
from tui.widgets.article_view import ArticleView
from tui.widgets.facet_list import FacetList
from tui.widgets.result_list import ResultList

if TYPE_CHECKING:
    from index import Index

HELP_NOTES = (
    "In the search box, typing edits the query; the results follow as you type.",
    "Ctrl+P: search, rebuild the index, toggle the theme, filter by a leader, country or "
    "organisation, save this search or run a saved one, export the results as JSONL.",
    "Keys can be remapped by binding id in keymap.toml in the config directory.",
)


class DiplonewsApp(App[int]):
    """Search, filter and read the articles of one index."""

    TITLE = "diplonews"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(
        self,
        index_dir: Path,
        *,
        keymap_file: Path | None = None,
        poll_seconds: float = STALE_POLL_SECONDS,
        index: Index | None = None,
        state: UserState | None = None,
    ) -> None:
        """`index`: the index at `index_dir` if already open; else the browser opens it.
        `state`: what to remember between runs and where (by default, nothing is kept)."""
        super().__init__()
        self.keymap_file = keymap_file
        self.state = state or UserState.in_memory()
        self.browser = BrowserScreen(
            index_dir, index=index, poll_seconds=poll_seconds, state=self.state
        )

    def get_default_screen(self) -> BrowserScreen:
        return self.browser

    def on_mount(self) -> None:
        remembered = self.state.settings.get("theme")
        if remembered in self.available_themes:
            self.theme = remembered
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.keymap_file is not None:
            keymap, problem = load_keymap(self.keymap_file)
            ids = binding_ids()
            self.set_keymap(usable_keymap(keymap, ids))
            problem = problem or keymap_problems(keymap, ids)
            if problem:
                self.browser.tell_once_started(problem)

    def _remember_theme(self, theme: Theme) -> None:
        self.state.settings.set("theme", theme.name)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.browser.help_sections(), notes=HELP_NOTES))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        browser = self.browser
        yield SystemCommand("Search", "Type a query in the search box", browser.action_focus_search)
        yield SystemCommand(
            "Rebuild the index",
            "Index new and changed articles, with progress; keep reading meanwhile",
            partial(browser.action_rebuild, False),
        )
        yield SystemCommand(
            "Rebuild the index from scratch",
            "Re-read and re-index every article",
            partial(browser.action_rebuild, True),
        )
        yield SystemCommand(
            "Toggle theme", "Switch between dark and light", self.action_toggle_theme
        )
        yield SystemCommand(
            "Clear filters",
            "Drop every leader, country and organisation filter",
            partial(browser.set_filters, []),
        )
        yield SystemCommand("Help", "List every key", self.action_help)
        yield from super().get_system_commands(screen)


def binding_ids() -> set[str]:
    """Every binding id a keymap may name."""
    lists = [APP_BINDINGS, BROWSER_BINDINGS, HelpScreen.BINDINGS, NamePrompt.BINDINGS]
    lists += [pane.BINDINGS for pane in (ResultList, ArticleView, FacetList)]
    return {b.id for bindings in lists for b in bindings if isinstance(b, Binding) and b.id}


def run_browser(index_dir: Path) -> int:
    """Open the browser on the index at `index_dir` (built from the bundled seeds if missing)."""
    from index import open_index
    from index.errors import IndexCorruptError, IndexMissingError

    # Opened before the first frame (about 0.1 s sooner to the first results than a worker racing
    # the first render for the GIL); a missing or damaged index is built by the app, with progress.
    try:
        index = open_index(index_dir)
    except (IndexMissingError, IndexCorruptError, OSError):
        index = None
    app = DiplonewsApp(
        index_dir, keymap_file=user_keymap_file(), index=index, state=UserState.default()
    )
    app.run()
    return app.return_code or 0
