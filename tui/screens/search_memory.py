"""The browser screen's memory: the search history (Up/Down in the search box), saved searches,
and exporting the current results to a file."""

from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.screen import Screen

from tui.index_session import IndexSession
from tui.screens.name_prompt import NamePrompt
from tui.user_state import SavedSearch, UserState
from tui.widgets.facet_list import Filter
from tui.widgets.search_bar import SearchBar
from tui.wording import plural


class SearchMemory(Screen[None]):
    """Remembering searches and writing results out; the browser screen binds the keys."""

    state: UserState
    session: IndexSession
    query_text: str
    filters: list[Filter]

    def set_filters(self, filters: list[Filter], undoable: bool = True) -> None:
        raise NotImplementedError

    def _say(self, message: str, level: str = "info") -> None:
        raise NotImplementedError

    # -- history ---------------------------------------------------------------------------

    def remember_query(self, query: str) -> None:
        self.state.history.add(query)

    def action_history_back(self) -> None:
        self._show_from_history(self.state.history.older())

    def action_history_forward(self) -> None:
        self._show_from_history(self.state.history.newer())

    def _show_from_history(self, query: str | None) -> None:
        if query is not None:
            box = self.query_one(SearchBar)
            box.value = query
            box.cursor_position = len(query)

    # -- saved searches --------------------------------------------------------------------

    def ask_search_name(self) -> None:
        question = "Save this search (query and filters) as:"
        self.app.push_screen(NamePrompt(question, self.query_text.strip()), self._named)

    def _named(self, name: str | None) -> None:
        if name:
            self.save_search(name)

    def save_search(self, name: str) -> None:
        self.state.saved.save(SavedSearch(name, self.query_text, tuple(self.filters)))
        self._say(f"Saved this search as “{name}” (Ctrl+P lists it)")

    def apply_saved(self, saved: SavedSearch) -> None:
        """Run a saved search: its query in the box, its filters on."""
        box = self.query_one(SearchBar)
        box.value = saved.query
        box.cursor_position = len(saved.query)
        self.query_text = saved.query
        self.set_filters(list(saved.filters))

    # -- export ----------------------------------------------------------------------------

    def export_results(self) -> None:
        self._say("Exporting the results…")
        self.write_export(self.query_text, tuple(self.filters))

    @work(thread=True, exclusive=True, group="export")
    def write_export(self, query: str, filters: tuple[Filter, ...]) -> None:
        from index.errors import IndexCorruptError, QueryError

        try:
            path, count = self._export_somewhere(query, filters)
        except (OSError, QueryError, IndexCorruptError) as error:
            self.app.call_from_thread(self._say, f"export: {error}", "error")
            return
        message = f"Wrote {plural(count, 'article')} to {path}"
        self.app.call_from_thread(self._say, message)

    def _export_somewhere(self, query: str, filters: tuple[Filter, ...]) -> tuple[Path, int]:
        """Into the current directory, or the data directory when that cannot be written."""
        from index.paths import default_index_dir

        name = f"diplonews-{time.strftime('%Y%m%d-%H%M%S')}.jsonl"
        try:
            return Path.cwd() / name, self.session.export_jsonl(query, filters, Path.cwd() / name)
        except PermissionError:
            folder = default_index_dir().parent
            folder.mkdir(parents=True, exist_ok=True)
            return folder / name, self.session.export_jsonl(query, filters, folder / name)
