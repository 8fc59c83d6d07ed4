"""The browser screen: the four panes, and the workers that search, open and reload the index
(through `IndexSession`, off the UI thread)."""

from __future__ import annotations

import contextlib
from enum import Enum, auto
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Grid
from textual.widget import Widget
from textual.widgets import Footer
from textual.worker import get_current_worker

from index.model import Document, SearchResult
from tui.index_session import IndexSession, TitleAndBodySpans
from tui.keymap import BROWSER_BINDINGS
from tui.screens.article_actions import ArticleActions
from tui.screens.filtering import Filtering
from tui.screens.help import Section, screen_sections
from tui.screens.index_lifecycle import RELOAD_OFFER, STALE_POLL_SECONDS, IndexLifecycle
from tui.screens.relations import RelationsActions
from tui.screens.search_memory import SearchMemory
from tui.user_state import UserState
from tui.widgets.article_view import ArticleView
from tui.widgets.build_bar import BuildBar
from tui.widgets.facet_commands import FacetCommands
from tui.widgets.facet_list import FacetList, Filter
from tui.widgets.filter_bar import FilterBar
from tui.widgets.result_list import MORE_WITHIN, ResultList
from tui.widgets.search_bar import SearchBar
from tui.widgets.search_commands import SearchCommands
from tui.widgets.status_line import StatusLine
from tui.widgets.timeline_bar import TimelineBar
from tui.wording import plural

if TYPE_CHECKING:
    from index import Index

# Results are fetched a page at a time (each shown result costs the list time to lay out):
# a screenful and more, and another page as the cursor nears the end.
MIN_RESULT_PAGE = 20

__all__ = ["RELOAD_OFFER", "STALE_POLL_SECONDS", "BrowserScreen"]


# Moves to the next or previous result's article, with their step.
_ARTICLE_STEPS = {"next_article": 1, "previous_article": -1}


class OpenNext(Enum):
    """What the next results to arrive open: Enter in the search box opens the first result."""

    NOTHING = auto()
    COMMITTED_SEARCH = auto()  # Enter was pressed; the box has not sent its query yet
    FIRST_RESULT = auto()  # the committed query's search runs: open its first result


class BrowserScreen(RelationsActions, Filtering, SearchMemory, ArticleActions, IndexLifecycle):
    """Search, filter and read the articles of one index."""

    COMMANDS: ClassVar[set[type[Provider]]] = {SearchCommands, FacetCommands}
    BINDINGS: ClassVar[list[BindingType]] = BROWSER_BINDINGS
    # Results over facets on the left, the reader on the right across both rows. The order in
    # `compose` (results, reader, facets) is the Tab order. Each widget styles itself.
    DEFAULT_CSS = """
    BrowserScreen #panes {
        height: 1fr; layout: grid; grid-size: 2 2; grid-columns: 2fr 3fr; grid-rows: 3fr 2fr;
        #reader { row-span: 2; height: 100%; }
        #results, #facets { height: 100%; }
    }
    /* Footer's compact keys keep a right margin: on the docked palette key it would leave the
       last cell showing whatever key text scrolled beneath it. */
    BrowserScreen Footer.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """

    def __init__(
        self,
        index_dir: Path,
        *,
        index: Index | None = None,
        poll_seconds: float = STALE_POLL_SECONDS,
        state: UserState | None = None,
    ) -> None:
        """`index`: the index at `index_dir` if already open; else this opens or builds it.
        `state`: where to remember searches (by default, for this run only)."""
        super().__init__(id="browser")
        self.state = state or UserState.in_memory()
        self.index_dir = index_dir
        self.session = IndexSession(index)
        self.poll_seconds = poll_seconds
        self.query_text = ""
        self.filters: list[Filter] = []
        self.result: SearchResult | None = None
        self.result_limit = MIN_RESULT_PAGE
        self.reload_offered = False
        self._open_next = OpenNext.NOTHING
        self._opening = False
        self._pending_moves: list[str] = []
        self._search_serial = 0  # the newest search asked for; older results are dropped
        self._startup_notice: str | None = None
        self._filter_history: list[list[Filter]] = []
        self._filters_changed = False  # the reader's article may no longer be in the results

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        yield FilterBar(id="filters")
        yield TimelineBar(id="timeline")
        with Grid(id="panes"):
            yield ResultList(id="results")
            yield ArticleView(id="reader")
            yield FacetList(id="facets")
        yield BuildBar(id="build")
        yield StatusLine(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ResultList).focus()
        if self.session.index is not None:
            self._index_opened()
        else:
            self._say("Opening the index…")
            self.open_index()
        self.set_interval(self.poll_seconds, self.poll_stale)

    def _index_opened(self) -> None:
        self.reload_offered = False
        self.refresh_bindings()
        self._say(f"{plural(self.session.article_count, 'article')} in the index")
        self.load_story_sizes()
        self.search()
        reader = self.query_one(ArticleView)
        if reader.article_id is not None:
            self.open(reader.article_id)

    # -- searching -------------------------------------------------------------------------

    def search(self, more: bool = False, page: int | None = None) -> None:
        """Search for the query and filters; `more`: the same search, `page` (a page) longer."""
        longer = self._page_size() if page is None else page
        self.result_limit = self.result_limit + longer if more else self._page_size()
        self._search_serial += 1
        if self.session.index is not None:
            open_id = self.query_one(ArticleView).article_id
            filters = tuple(self.filters)
            serial = self._search_serial
            self.run_search(self.query_text, filters, open_id, self.result_limit, serial)

    def _page_size(self) -> int:
        """Results a page: more than the terminal can show at two lines a result."""
        return max(MIN_RESULT_PAGE, self.app.size.height // 2 + MORE_WITHIN)

    @work(thread=True, exclusive=True, group="search")
    def run_search(
        self,
        query: str,
        filters: tuple[Filter, ...],
        open_id: str | None,
        limit: int,
        serial: int = 0,
    ) -> None:
        from index.errors import IndexCorruptError, QueryError, SearchCancelled

        worker = get_current_worker()
        try:
            found = self.session.search(
                query, filters, limit, lambda: worker.is_cancelled, open_id=open_id
            )
        except SearchCancelled:
            return  # a newer search replaced this one
        except QueryError as error:
            self.app.call_from_thread(self._query_failed, str(error))
            return
        except IndexCorruptError as error:
            self.app.call_from_thread(self._say, f"index: {error}", "error")
            return
        if found is not None and not worker.is_cancelled:
            self.app.call_from_thread(self._show_results, *found, open_id, serial)

    @work(thread=True, exclusive=True, group="warm-up")
    def warm_up(self) -> None:
        """While the first screen is read, load what the first typed search needs."""
        from index.errors import IndexCorruptError

        with contextlib.suppress(IndexCorruptError):  # the next search says so
            self.session.warm_up()

    def _show_results(
        self,
        result: SearchResult,
        spans: TitleAndBodySpans | None,
        open_id: str | None,
        serial: int = 0,
    ) -> None:
        if serial and serial != self._search_serial:
            return  # a newer search is on its way
        first = self.result is None
        self.result = result
        if first:
            self.warm_up()
        self.query_one(ResultList).show_results(result)
        self.query_one(FacetList).show_facets(result.facets, self.filters)
        self.relations_after_search()
        count = plural(result.total, "article")
        self._say(f"{count} found" if result.query.strip() else count)
        if self._startup_notice:
            self._say(self._startup_notice, "notice")
            self._startup_notice = None
        if self._open_next is OpenNext.COMMITTED_SEARCH:
            return  # an older search: the one Enter asked for is on its way
        reader = self.query_one(ArticleView)
        highlighted = self.query_one(ResultList).highlighted_id
        gone = not result.hits or (
            self._filters_changed and reader.article_id not in self._loaded_ids(result)
        )
        self._filters_changed = False
        opens_first = self._open_next is OpenNext.FIRST_RESULT or (
            (first or gone) and reader.document is None
        )
        if gone and reader.document is not None:
            self._replace_gone_article(result)
        if self._open_next is OpenNext.FIRST_RESULT and result.hits:
            self.query_one(ResultList).highlighted = 0
            self.open(result.hits[0].id, result.query)
        elif opens_first and highlighted:
            self.open(highlighted, result.query)
        elif spans is not None and reader.document is not None and reader.article_id == open_id:
            reader.show_document(reader.document, *spans)
        self._open_next = OpenNext.NOTHING
        self._replay_moves()

    @staticmethod
    def _loaded_ids(result: SearchResult) -> set[str]:
        return {hit.id for hit in result.hits}

    def _replace_gone_article(self, result: SearchResult) -> None:
        """The filters took the article away, or nothing matches: show the first result
        instead, or nothing."""
        if result.hits:
            self.open(result.hits[0].id, result.query)
        else:
            self.query_one(ArticleView).clear()

    def _query_failed(self, message: str) -> None:
        self._say(f"query: {message}", "error")
        if self._open_next is OpenNext.FIRST_RESULT:
            self._open_next = OpenNext.NOTHING
            self._replay_moves()

    # -- reading ---------------------------------------------------------------------------

    def open(self, article_id: str, query: str | None = None) -> None:
        """Show the article in the reader (fetched off the UI thread)."""
        self._opening = True
        self.open_article(article_id, self.query_text if query is None else query)

    @work(thread=True, exclusive=True, group="open")
    def open_article(self, article_id: str, query: str) -> None:
        document, spans = self.session.article(article_id, query)
        # An article opened meanwhile ("]" right after Enter) cancelled this one: showing it
        # now would put back the article the reader has just left.
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_article, document, spans)

    def _show_article(self, document: Document | None, spans: TitleAndBodySpans) -> None:
        self._opening = False
        if document is None:
            self._say("That article is no longer in the index", "error")
        else:
            self.query_one(ArticleView).show_document(document, *spans)
            self.refresh_bindings()
        self._replay_moves()

    @property
    def idle(self) -> bool:
        """Nothing on its way: no query waiting for the typing pause, no search, no article."""
        searching = any(w.group == "search" and not w.is_finished for w in self.app.workers)
        pending = self.query_one(SearchBar).query_pending
        return not (pending or searching or self._waiting_for_article())

    def _waiting_for_article(self) -> bool:
        return self._opening or self._open_next is not OpenNext.NOTHING

    def _move_in_reader(self, move: str) -> None:
        """n/N typed while an article is on its way apply to that article once it is shown;
        ]/[ step from it (typed right after Enter, they would otherwise step from the article
        shown before, and the first result would then replace the one they opened)."""
        if self._waiting_for_article():
            self._pending_moves.append(move)
        elif move in _ARTICLE_STEPS:
            self._step_article(_ARTICLE_STEPS[move])
        else:
            getattr(self.query_one(ArticleView), f"action_{move}")()

    def _replay_moves(self) -> None:
        if self._waiting_for_article():
            return
        moves, self._pending_moves = self._pending_moves, []
        for move in moves:
            self._move_in_reader(move)

    def tell_once_started(self, message: str) -> None:
        """Say `message` in the status line, after what the first results say."""
        if self.result is None:
            self._startup_notice = message
        else:
            self._say(message, "notice")

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
        self.remember_query(event.query)
        self._open_next = OpenNext.FIRST_RESULT
        self.search()

    @on(ResultList.NeedMore)
    def _more_results(self, event: ResultList.NeedMore) -> None:
        if event.everything and self.result is not None:
            self.result_limit = self.result.total
            self.search(more=True, page=0)
        else:
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

    @on(FacetList.Leave)
    def _facets_left(self) -> None:
        self.focus_now(self.query_one(ResultList))

    # -- actions ---------------------------------------------------------------------------

    def on_screen_suspend(self) -> None:
        self.refresh_bindings()  # off under another screen (help, palette, first build)

    def on_screen_resume(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_active:
            return False
        if action == "reload":
            return self.reload_offered
        if action in {"submit_search", "leave_search", "history_back", "history_forward"}:
            return isinstance(self.focused, SearchBar)
        if action == "focus_search":  # in the box, "/" is text ("28/4")
            return not isinstance(self.focused, SearchBar)
        if action in {"next_match", "previous_match", "next_entity", "previous_entity"}:
            reader = self.query_one(ArticleView)
            return self._waiting_for_article() or reader.document is not None
        return True

    def focus_now(self, widget: Widget) -> None:
        """Focus before the next key is handled (`Widget.focus` waits its turn in the queue, so
        keys typed right after `/` would reach the old pane)."""
        self.set_focus(widget)

    def action_focus_search(self) -> None:
        self.focus_now(self.query_one(SearchBar))

    def action_submit_search(self) -> None:
        """Enter in the search box: search now, go to the results and show the first one."""
        self._open_next = OpenNext.COMMITTED_SEARCH
        search = self.query_one(SearchBar)
        self.focus_now(self.query_one(ResultList))
        search.call_later(search.commit)  # after the keys still queued for the box

    def action_leave_search(self) -> None:
        self.focus_now(self.query_one(ResultList))

    def action_next_article(self) -> None:
        self._move_in_reader("next_article")

    def action_previous_article(self) -> None:
        self._move_in_reader("previous_article")

    def action_next_match(self) -> None:
        self._move_in_reader("next_match")

    def action_previous_match(self) -> None:
        self._move_in_reader("previous_match")

    def action_next_entity(self) -> None:
        self._move_in_reader("next_entity")

    def action_previous_entity(self) -> None:
        self._move_in_reader("previous_entity")

    def action_next_pane(self) -> None:
        self._cycle_panes(1)

    def action_previous_pane(self) -> None:
        self._cycle_panes(-1)

    def _cycle_panes(self, step: int) -> None:
        """Results → reader → facets → results; the search box is left out (`/` reaches it), so
        a key typed after some Tabs never edits the query."""
        panes: list[Widget] = [
            self.query_one(ResultList),
            self.query_one(ArticleView),
            self.query_one(FacetList),
        ]
        if self.focused in panes:
            target = panes[(panes.index(self.focused) + step) % len(panes)]
        else:
            target = panes[0] if step > 0 else panes[-1]
        self.focus_now(target)

    def help_sections(self) -> list[Section]:
        """Every pane's keys as the keymap binds them now; the help screen lists these."""
        results, reader, facets = ResultList, ArticleView, FacetList
        panes = [("Results", results), ("Reader", reader), ("Names", facets)]
        return screen_sections(self, [(title, self.query_one(kind)) for title, kind in panes])
