"""The browser screen's filters: toggling them from the facet list, the filter line or the
palette; clearing them all; undoing the last change."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.screen import Screen

from tui.keymap import shown_key
from tui.screens.name_prompt import NamePrompt
from tui.widgets.facet_list import FacetList, Filter
from tui.widgets.filter_bar import FilterBar

SORTS = ("relevance", "newest", "oldest")


class Filtering(Screen[None]):
    """The active filters and their undo history."""

    filters: list[Filter]
    _filter_history: list[list[Filter]]
    _filters_changed: bool

    def _say(self, message: str, level: str = "info") -> None:
        raise NotImplementedError

    def search(self, more: bool = False, page: int | None = None) -> None:
        raise NotImplementedError

    @on(FacetList.Toggled)
    @on(FilterBar.Removed)
    def _facet_toggled(self, event: FacetList.Toggled | FilterBar.Removed) -> None:
        self.toggle_filter(event.facet)

    @on(FacetList.Cleared)
    def _facets_cleared(self) -> None:
        if self.filters:
            self.set_filters([])
            self._say(f"Filters cleared ({shown_key(self.app, 'app.undo_filters', 'u')}: undo)")

    # -- filters ---------------------------------------------------------------------------

    def toggle_filter(self, facet: Filter) -> None:
        """Add the filter, or drop it if it is already on."""
        kept = [f for f in self.filters if f[:2] != facet[:2]]
        self.set_filters(kept if len(kept) < len(self.filters) else [*self.filters, facet])

    def set_filters(self, filters: Iterable[Filter], undoable: bool = True) -> None:
        if undoable:
            self._filter_history.append(list(self.filters))
        self.filters = list(filters)
        self._filters_changed = True
        self.query_one(FilterBar).show_filters(self.filters)
        self.search()

    def action_undo_filters(self) -> None:
        if not self._filter_history:
            self._say("No filter change to undo")
            return
        self.set_filters(self._filter_history.pop(), undoable=False)

    # -- sorting and dates -----------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        """Relevance → newest → oldest → relevance, shown as a filter while not relevance."""
        current = next((f.id for f in self.filters if f.kind == "sort"), "relevance")
        following = SORTS[(SORTS.index(current) + 1) % len(SORTS)]
        kept = [f for f in self.filters if f.kind != "sort"]
        chosen = [Filter("sort", following, following)] if following != "relevance" else []
        self.set_filters([*kept, *chosen])
        self._say(f"Sorted by {following}")

    def action_date_range(self) -> None:
        current = next((f.id for f in self.filters if f.kind == "date"), "")
        question = "Dates: since..until (2020, 2020-03, 2020-03-01..2020-06-30, ..2019, 2020..)"
        self.app.push_screen(NamePrompt(question, current), self._dates_chosen)

    def _dates_chosen(self, text: str | None) -> None:
        """Sets the date range typed (Escape or an empty answer changes nothing)."""
        if not text:
            return
        kept = [f for f in self.filters if f.kind != "date"]
        text = "".join(text.split())
        self.set_filters([*kept, Filter("date", text, text)])
