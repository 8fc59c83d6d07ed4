"""The browser: composition, key bindings and the workers that talk to the index.

Every call into the index runs in a thread worker and holds `_lock` (a Whoosh searcher is not
safe to share between threads); the UI thread never waits on the index.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.worker import get_current_worker

from tui.screens.building import BuildingScreen
from tui.screens.help import HelpScreen, Section, key_rows
from tui.widgets.article_view import ArticleView
from tui.widgets.build_bar import BuildBar
from tui.widgets.facet_commands import FacetCommands
from tui.widgets.facet_list import FacetList, Filter
from tui.widgets.filter_bar import FilterBar
from tui.widgets.result_list import MORE_WITHIN, ResultList
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusLine

# Results are fetched a page at a time (each shown result costs the list time to lay out):
# a screenful and more, and another page as the cursor nears the end.
MIN_RESULT_PAGE = 20
STALE_POLL_SECONDS = 2.0
RELOAD_OFFER = "The index was rebuilt — press r to reload"
BROWSER_ACTIONS = {
    "focus_search",
    "submit_search",
    "leave_search",
    "next_match",
    "previous_match",
    "reload",
}


def load_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """Binding id → keys from TOML (a `[keymap]` table or top-level keys); (keymap, problem)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"keymap {path} ignored: {error}"
    table = data.get("keymap", data)
    if not isinstance(table, dict):
        return {}, f"keymap {path} ignored: [keymap] is not a table"
    return {str(k): v for k, v in table.items() if isinstance(v, str)}, None


class BrowserScreen(Screen[None]):
    """The main screen; only here so Tab and Shift+Tab have binding ids."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Next pane", show=False, id="app.next_pane"),
        Binding(
            "shift+tab", "app.focus_previous", "Previous pane", show=False, id="app.previous_pane"
        ),
    ]


class DiplonewsApp(App[int]):
    """Search, filter and read the articles of one index."""

    CSS_PATH = "app.tcss"
    TITLE = "diplonews"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {FacetCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        # Priority bindings act as the key arrives, before the keys typed after it are handed
        # to a pane: "/Putin" lands in the search box, and "Enter n" jumps in the new article.
        Binding("slash", "focus_search", "Search", priority=True, id="app.search"),
        Binding(
            "enter",
            "submit_search",
            "Search, open the first",
            show=False,
            priority=True,
            id="search.submit",
        ),
        Binding(
            "escape",
            "leave_search",
            "Go to the results",
            show=False,
            priority=True,
            id="search.leave",
        ),
        Binding("n", "next_match", "Next match", id="app.next_match"),
        Binding("N", "previous_match", "Prev match", id="app.previous_match"),
        Binding("r", "reload", "Reload", id="app.reload"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            priority=True,
            id="app.command_palette",
        ),
    ]

    def __init__(
        self,
        index_dir: Path,
        *,
        keymap_file: Path | None = None,
        poll_seconds: float = STALE_POLL_SECONDS,
        index: Any = None,
    ) -> None:
        """`index`: the index at `index_dir` if already open; else the app opens (or builds) it."""
        super().__init__()
        self.index_dir = index_dir
        self.keymap_file = keymap_file
        self.poll_seconds = poll_seconds
        self.index: Any = index
        self.query_text = ""
        self.filters: list[Filter] = []
        self.result: Any = None
        self.result_limit = MIN_RESULT_PAGE
        self.reload_offered = False
        self._open_next = ""  # "query": Enter was pressed in the box; "results": open the first
        self._opening = False
        self._pending_moves: list[str] = []
        self._lock = threading.Lock()

    def get_default_screen(self) -> Screen[None]:
        return BrowserScreen(id="browser")

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        yield FilterBar(id="filters")
        with Grid(id="panes"):
            yield ResultList(id="results")
            yield ArticleView(id="reader")
            yield FacetList(id="facets")
        yield BuildBar(id="build")
        yield StatusLine(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.keymap_file is not None:
            keymap, problem = load_keymap(self.keymap_file)
            self.set_keymap(keymap)
            if problem:
                self.notify(problem, severity="warning")
        self.query_one(ResultList).focus()
        if self.index is not None:
            self._index_opened()
        else:
            self._say("Opening the index…")
            self.open_index()
        self.set_interval(self.poll_seconds, self.poll_stale)

    # -- opening the index -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index")
    def open_index(self) -> None:
        from index import open_index
        from index.errors import IndexCorruptError, IndexMissingError, IndexOutdatedError

        try:
            index = open_index(self.index_dir)
        except IndexMissingError:
            self.call_from_thread(self._build_first, False, "")
            return
        except IndexOutdatedError:
            self.call_from_thread(self._build_first, True, OUTDATED_REBUILD)
            return
        except IndexCorruptError as error:
            self.call_from_thread(self._build_first, True, f"{error} Rebuilding it.")
            return
        except OSError as error:
            self.call_from_thread(self.query_one(StatusLine).say, f"index: {error}", "error")
            return
        with self._lock:
            old, self.index = self.index, index
            if old is not None:
                old.close()
        self.call_from_thread(self._index_opened)

    def _build_first(self, full: bool, reason: str) -> None:
        screen = BuildingScreen(self.index_dir, full=full, reason=reason)
        self.push_screen(screen, self._first_built)

    def _first_built(self, error: str | None) -> None:
        if error is None:
            self.open_index()

    def _index_opened(self) -> None:
        self.reload_offered = False
        self.refresh_bindings()
        self._say(f"{self.index.article_count} articles in the index")
        self.search()
        reader = self.query_one(ArticleView)
        if reader.article_id is not None:
            self.open(reader.article_id)

    # -- searching -------------------------------------------------------------------------

    def search(self, more: bool = False) -> None:
        """Search for the query and filters; `more`: the same search, a page longer."""
        self.result_limit = self.result_limit + self._page_size() if more else self._page_size()
        if self.index is not None:
            open_id = self.query_one(ArticleView).article_id
            self.run_search(self.query_text, tuple(self.filters), open_id, self.result_limit)

    def _page_size(self) -> int:
        """Results a page: more than the terminal can show at two lines a result."""
        return max(MIN_RESULT_PAGE, self.size.height // 2 + MORE_WITHIN)

    @work(thread=True, exclusive=True, group="search")
    def run_search(
        self, query: str, filters: tuple[Filter, ...], open_id: str | None, limit: int
    ) -> None:
        from index.errors import IndexCorruptError, QueryError, SearchCancelled

        worker = get_current_worker()
        with self._lock:
            if worker.is_cancelled:
                return
            try:
                result = self.index.search(
                    query,
                    leaders=[f.id for f in filters if f.kind == "leader"],
                    countries=[f.id for f in filters if f.kind == "country"],
                    limit=limit,
                    cancelled=lambda: worker.is_cancelled,
                    snippets=False,
                )
            except SearchCancelled:
                return  # a newer search replaced this one
            except QueryError as error:
                self.call_from_thread(self._query_failed, str(error))
                return
            except IndexCorruptError as error:
                self.call_from_thread(self._say, f"index: {error}", "error")
                return
            spans = self.index.match_spans(open_id, query) if open_id else None
        if not worker.is_cancelled:
            self.call_from_thread(self._show_results, result, open_id, spans)

    @work(thread=True, exclusive=True, group="warm-up")
    def warm_up(self) -> None:
        """While the first screen is read, load what the first typed search needs."""
        from index.errors import IndexCorruptError

        with self._lock, contextlib.suppress(IndexCorruptError):  # the next search says so
            self.index.warm_up()

    def _show_results(self, result: Any, open_id: str | None, spans: Any) -> None:
        first, query = self.result is None, result.query
        self.result = result
        if first:
            self.warm_up()
        self.query_one(ResultList).show_results(result)
        self.query_one(FacetList).show_facets(result.facets, self.filters)
        count = f"{result.total} article{'' if result.total == 1 else 's'}"
        self._say(f"{count} found" if result.query.strip() else count)
        reader = self.query_one(ArticleView)
        highlighted = self.query_one(ResultList).highlighted_id
        if self._open_next == "query":
            return  # an older search: the one Enter asked for is on its way
        if (self._open_next == "results" or (first and reader.document is None)) and highlighted:
            self.open(highlighted, query)
        elif spans is not None and reader.document is not None and reader.article_id == open_id:
            reader.show_document(reader.document, *spans)
        self._open_next = ""
        self._replay_moves()

    def _query_failed(self, message: str) -> None:
        self._say(f"query: {message}", "error")
        if self._open_next == "results":
            self._open_next = ""
            self._replay_moves()

    def open(self, article_id: str, query: str | None = None) -> None:
        """Show the article in the reader (fetched off the UI thread)."""
        self._opening = True
        self.open_article(article_id, self.query_text if query is None else query)

    @work(thread=True, exclusive=True, group="open")
    def open_article(self, article_id: str, query: str) -> None:
        with self._lock:
            document = self.index.document(article_id)
            spans = self.index.match_spans(article_id, query) if document else ([], [])
        self.call_from_thread(self._show_article, document, spans)

    def _show_article(self, document: Any, spans: tuple[list[Any], list[Any]]) -> None:
        self._opening = False
        if document is None:
            self._say("That article is no longer in the index", "error")
        else:
            self.query_one(ArticleView).show_document(document, *spans)
            self.refresh_bindings()
        self._replay_moves()

    def _move_in_reader(self, move: str) -> None:
        """n/N typed while an article is on its way apply to that article once it is shown."""
        if self._opening or self._open_next:
            self._pending_moves.append(move)
        else:
            getattr(self.query_one(ArticleView), f"action_{move}")()

    def _replay_moves(self) -> None:
        if self._opening or self._open_next:
            return
        moves, self._pending_moves = self._pending_moves, []
        for move in moves:
            self._move_in_reader(move)

    # -- messages from the widgets ---------------------------------------------------------

    def _say(self, message: str, level: str = "info") -> None:
        """Show a message in the status line, if it is still there (not while shutting down)."""
        for status in self.query(StatusLine):
            status.say(message, level)

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        self.query_text = event.query
        self.search()

    @on(SearchBar.QueryCommitted)
    def _query_committed(self, event: SearchBar.QueryCommitted) -> None:
        self.query_text = event.query
        self._open_next = "results"
        self.search()

    @on(ResultList.NeedMore)
    def _more_results(self) -> None:
        self.search(more=True)

    @on(ResultList.Opened)
    def _result_opened(self, event: ResultList.Opened) -> None:
        self.open(event.article_id)
        self.focus_now(self.query_one(ArticleView))

    @on(ArticleView.Leave)
    def _reader_left(self) -> None:
        self.focus_now(self.query_one(ResultList))

    @on(ArticleView.CurrentChanged)
    def _current_changed(self, event: ArticleView.CurrentChanged) -> None:
        self._say(event.description)

    @on(FacetList.Toggled)
    @on(FilterBar.Removed)
    def _facet_toggled(self, event: FacetList.Toggled | FilterBar.Removed) -> None:
        self.toggle_filter(event.facet)

    @on(FacetList.Cleared)
    def _facets_cleared(self) -> None:
        self.set_filters([])

    def toggle_filter(self, facet: Filter) -> None:
        """Add the filter, or drop it if it is already on."""
        kept = [f for f in self.filters if f[:2] != facet[:2]]
        self.set_filters(kept if len(kept) < len(self.filters) else [*self.filters, facet])

    def set_filters(self, filters: Iterable[Filter]) -> None:
        self.filters = list(filters)
        self.query_one(FilterBar).show_filters(self.filters)
        self.search()

    def current_facets(self) -> list[tuple[str, tuple[Any, ...]]]:
        if self.result is None:
            return []
        return [("leader", self.result.facets.leaders), ("country", self.result.facets.countries)]

    # -- the index changing underneath -----------------------------------------------------

    def poll_stale(self) -> None:
        if self.index is not None and not self.reload_offered:
            self.check_stale()

    @work(thread=True, exclusive=True, group="stale")
    def check_stale(self) -> None:
        if not self._lock.acquire(blocking=False):
            return  # busy searching: ask again at the next poll
        try:
            stale = self.index is not None and self.index.is_stale()
        finally:
            self._lock.release()
        if stale:
            self.call_from_thread(self._offer_reload)

    def _offer_reload(self) -> None:
        if self.reload_offered:
            return
        self.reload_offered = True
        self.refresh_bindings()
        self._say(RELOAD_OFFER, "notice")
        self.notify(RELOAD_OFFER, title="Index rebuilt", timeout=8)

    @work(thread=True, exclusive=True, group="build")
    def rebuild(self, full: bool) -> None:
        from index import build_index
        from index.errors import BuildError

        bar = self.query_one(BuildBar)

        def progress(update: Any) -> None:
            self.call_from_thread(bar.advance, update)

        try:
            summary = build_index(self.index_dir, full=full, progress=progress)
        except (BuildError, OSError) as error:
            self.call_from_thread(self._rebuilt, None, str(error))
            return
        self.call_from_thread(self._rebuilt, summary, None)

    def _rebuilt(self, summary: Any, error: str | None) -> None:
        self.query_one(BuildBar).finish()
        status = self.query_one(StatusLine)
        if error is not None:
            status.say(f"build: {error}", "error")
            return
        status.say(
            f"Index built: {summary.added} added, {summary.updated} updated, "
            f"{summary.removed} removed, {summary.unchanged} unchanged, "
            f"{len(summary.skipped)} skipped"
        )
        self.check_stale()

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in BROWSER_ACTIONS:
            return True
        if not isinstance(self.screen, BrowserScreen):
            return False  # not for the help, first-run or palette screens
        if action == "reload":
            return self.reload_offered
        if action in {"submit_search", "leave_search"}:
            return isinstance(self.focused, SearchBar)
        if action in {"next_match", "previous_match"}:
            reader = self.query_one(ArticleView)
            return self._opening or bool(self._open_next) or reader.document is not None
        return True

    def focus_now(self, widget: Widget) -> None:
        """Focus before the next key is handled (`Widget.focus` waits its turn in the queue, so
        keys typed right after `/` would reach the old pane)."""
        self.screen.set_focus(widget)

    def action_focus_search(self) -> None:
        self.focus_now(self.query_one(SearchBar))

    def action_submit_search(self) -> None:
        """Enter in the search box: search now, go to the results and show the first one."""
        self._open_next = "query"
        search = self.query_one(SearchBar)
        self.focus_now(self.query_one(ResultList))
        search.call_later(search.commit)  # after the keys still queued for the box

    def action_leave_search(self) -> None:
        self.focus_now(self.query_one(ResultList))

    def action_next_match(self) -> None:
        self._move_in_reader("next_match")

    def action_previous_match(self) -> None:
        self._move_in_reader("previous_match")

    def action_reload(self) -> None:
        self._say("Reloading the index…")
        self.open_index()

    def action_rebuild(self, full: bool = False) -> None:
        bar = self.query_one(BuildBar)
        if bar.building:
            self._say("A build is already running", "error")
            return
        bar.start("Rebuilding the index" if full else "Updating the index")
        self.rebuild(full)

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections(), notes=HELP_NOTES))

    def help_sections(self) -> list[Section]:
        """Every pane's keys as the keymap binds them now; the help screen lists these."""

        def in_box(binding: Binding) -> bool:
            return (binding.id or "").startswith("search.")

        sections: list[Section] = [
            (
                "Everywhere",
                key_rows(self, self, lambda b: not in_box(b))
                + key_rows(self, self.screen, lambda b: bool(b.id)),
            ),
            ("Search box", key_rows(self, self, in_box)),
        ]
        for title, kind in [
            ("Results", ResultList),
            ("Reader", ArticleView),
            ("Leaders & countries", FacetList),
        ]:
            sections.append((title, key_rows(self, self.query_one(kind))))
        return sections

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand("Search", "Type a query in the search box", self.action_focus_search)
        yield SystemCommand(
            "Rebuild the index",
            "Index new and changed articles, with progress; keep reading meanwhile",
            partial(self.action_rebuild, False),
        )
        yield SystemCommand(
            "Rebuild the index from scratch",
            "Re-read and re-index every article",
            partial(self.action_rebuild, True),
        )
        yield SystemCommand(
            "Toggle theme", "Switch between dark and light", self.action_toggle_theme
        )
        yield SystemCommand(
            "Clear filters", "Drop every leader and country filter", partial(self.set_filters, [])
        )
        yield SystemCommand("Help", "List every key", self.action_help)
        yield from super().get_system_commands(screen)


OUTDATED_REBUILD = (
    "The index was written by another version of diplonews: rebuild needed. "
    "Rebuilding it from its sources."
)

HELP_NOTES = (
    "In the search box, typing edits the query; the results follow as you type.",
    "Ctrl+P: search, rebuild the index, toggle the theme, filter by a leader or country.",
    "Keys can be remapped by binding id in keymap.toml in the config directory.",
)


def run_browser(index_dir: Path) -> int:
    """Open the browser on the index at `index_dir` (built from the bundled seeds if missing)."""
    from index import open_index
    from index.errors import IndexCorruptError, IndexMissingError
    from index.paths import config_dir

    # Opened before the first frame (about 0.1 s sooner to the first results than a worker racing
    # the first render for the GIL); a missing or damaged index is built by the app, with progress.
    try:
        index = open_index(index_dir)
    except (IndexMissingError, IndexCorruptError, OSError):
        index = None
    app = DiplonewsApp(index_dir, keymap_file=config_dir() / "keymap.toml", index=index)
    app.run()
    return app.return_code or 0
