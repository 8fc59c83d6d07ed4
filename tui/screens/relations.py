"""The browser's relations: the timeline above the results, the meetings view, who else is
named with an entity, and the other articles of a story. Mixed into `BrowserScreen`, whose
session, query, filters and panes it uses; each index call runs off the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from index.model import CoMentionCount, Document, ListedMeeting
from tui.index_session import filter_arguments
from tui.screens.meetings import MeetingsScreen
from tui.screens.pick_list import PickScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.facet_list import FacetList, Filter
from tui.widgets.result_list import ResultList
from tui.widgets.timeline_bar import TimelineBar

if TYPE_CHECKING:
    from tui.screens.browser import BrowserScreen

CO_MENTIONS_SHOWN = 30


def _co_mention_row(item: CoMentionCount) -> tuple[str, Filter]:
    kind = "leader" if item.kind == "leader" else "country"
    label = f"{item.articles:>5} art. {item.sentences:>5} sent.  {item.name} ({kind})"
    return label, Filter(item.kind, item.id, item.name)


class RelationsActions:
    """Actions m (meetings), c (named with), s (similar), and the timeline's updates."""

    def _browser(self) -> BrowserScreen:
        browser: BrowserScreen = self  # type: ignore[assignment]
        return browser

    def _facet_entry(self) -> Filter | None:
        """The facet list's highlighted entry, when the facet list has the focus."""
        facets = self._browser().query_one(FacetList)
        return facets._entry_at(facets.highlighted) if facets.has_focus else None

    # -- the timeline ------------------------------------------------------------------------

    def relations_after_search(self) -> None:
        browser = self._browser()
        self.update_timeline(browser.query_text, tuple(browser.filters))

    @work(thread=True, exclusive=True, group="timeline")
    def update_timeline(self, query: str, filters: tuple[Filter, ...]) -> None:
        from index.errors import QueryError, SearchCancelled

        browser = self._browser()
        try:
            periods = browser.session.call(
                lambda index: index.timeline(query, **filter_arguments(filters))
            )
        except (QueryError, SearchCancelled):
            return
        if periods is not None:
            browser.app.call_from_thread(browser.query_one(TimelineBar).show_periods, periods)

    # -- "+N similar" ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="stories")
    def load_story_sizes(self) -> None:
        browser = self._browser()
        sizes = browser.session.call(lambda index: index.story_sizes())
        if sizes is not None:
            browser.app.call_from_thread(self._show_story_sizes, sizes)

    def _show_story_sizes(self, sizes: dict[str, int]) -> None:
        browser = self._browser()
        results = browser.query_one(ResultList)
        results.story_sizes = sizes
        if browser.result is not None:
            results.show_results(browser.result)

    def action_similar(self) -> None:
        article_id = self._browser().query_one(ResultList).highlighted_id
        if article_id is not None:
            self.find_similar(article_id)

    @work(thread=True, exclusive=True, group="relations")
    def find_similar(self, article_id: str) -> None:
        browser = self._browser()

        def similar(index: Any) -> list[Document]:
            found = (index.document(other) for other in index.same_story(article_id))
            return [document for document in found if document is not None]

        documents = browser.session.call(similar) or []
        browser.app.call_from_thread(self._show_similar, documents)

    def _show_similar(self, documents: list[Document]) -> None:
        browser = self._browser()
        if not documents:
            browser._say("No other article tells this story")
            return
        rows = [(f"{d.date or 'undated':<10}  {d.title}", d.id) for d in documents]
        picker: PickScreen[str] = PickScreen("The same story", rows, "Enter: read · Esc: back")
        browser.app.push_screen(picker, self._similar_chosen)

    def _similar_chosen(self, article_id: str | None) -> None:
        if article_id is not None:
            browser = self._browser()
            browser.open(article_id)
            browser.focus_now(browser.query_one(ArticleView))

    # -- meetings ----------------------------------------------------------------------------

    def action_meetings(self) -> None:
        browser = self._browser()
        entry = self._facet_entry()
        if entry is not None and entry.kind == "leader":
            self.find_meetings((entry.id,), (), "", f"Meetings of {entry.name}")
            return
        leaders = tuple(f.id for f in browser.filters if f.kind == "leader")
        countries = tuple(f.id for f in browser.filters if f.kind == "country")
        query = browser.query_text.strip()
        shown = ", ".join([f"“{query}”"] * bool(query) + [f.name for f in browser.filters])
        title = f"Meetings · {shown}" if shown else "Meetings"
        self.find_meetings(leaders, countries, query, title)

    @work(thread=True, exclusive=True, group="relations")
    def find_meetings(
        self, leaders: tuple[str, ...], countries: tuple[str, ...], query: str, title: str
    ) -> None:
        from index.errors import QueryError

        browser = self._browser()
        try:
            listed = browser.session.call(
                lambda index: index.meetings(leaders, countries, query=query)
            )
        except QueryError as error:
            browser.app.call_from_thread(browser._say, f"query: {error}", "error")
            return
        browser.app.call_from_thread(self._show_meetings, listed or [], title)

    def _show_meetings(self, listed: list[ListedMeeting], title: str) -> None:
        browser = self._browser()
        browser.app.push_screen(MeetingsScreen(listed, title), self._meeting_chosen)

    def _meeting_chosen(self, chosen: ListedMeeting | None) -> None:
        if chosen is not None:
            self.open_at_sentence(chosen.article, chosen.meeting.start, chosen.meeting.end)

    @work(thread=True, exclusive=True, group="open")
    def open_at_sentence(self, article_id: str, start: int, end: int) -> None:
        browser = self._browser()
        document, spans = browser.session.article(article_id, browser.query_text)
        if document is not None:
            browser.app.call_from_thread(self._show_at_sentence, document, spans, start, end)

    def _show_at_sentence(self, document: Document, spans: Any, start: int, end: int) -> None:
        browser = self._browser()
        reader = browser.query_one(ArticleView)
        reader.show_document(document, *spans)
        reader.show_passage(start, end)
        browser.focus_now(reader)
        browser._say("The meeting's sentence is highlighted")

    # -- co-mentions -------------------------------------------------------------------------

    def action_co_mentions(self) -> None:
        entry = self._facet_entry()
        if entry is None:
            self._browser()._say("Choose a leader or country in the facet list, then press c")
            return
        browser = self._browser()
        self.find_co_mentions(entry, browser.query_text, tuple(browser.filters))

    @work(thread=True, exclusive=True, group="relations")
    def find_co_mentions(self, entry: Filter, query: str, filters: tuple[Filter, ...]) -> None:
        from index.errors import QueryError

        browser = self._browser()
        try:
            ranked = browser.session.call(
                lambda index: index.co_mentions(
                    entry.kind,
                    entry.id,
                    query,
                    **filter_arguments(filters),
                    limit=CO_MENTIONS_SHOWN,
                )
            )
        except QueryError:
            return
        browser.app.call_from_thread(self._show_co_mentions, entry, ranked or [])

    def _show_co_mentions(self, entry: Filter, ranked: list[CoMentionCount]) -> None:
        title = f"Named with {entry.name}: in articles, in the same sentence"
        picker: PickScreen[Filter] = PickScreen(
            title, [_co_mention_row(item) for item in ranked], "Enter: filter by it · Esc: back"
        )
        self._browser().app.push_screen(picker, self._co_mention_chosen)

    def _co_mention_chosen(self, chosen: Filter | None) -> None:
        browser = self._browser()
        if chosen is not None and all(f[:2] != chosen[:2] for f in browser.filters):
            browser.toggle_filter(chosen)
