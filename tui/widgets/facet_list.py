"""The facet list: leaders, countries and organisations in the current results, with counts.

Enter (or a click) on an entry toggles it as a filter; `x` clears every filter (`u` undoes it);
Escape goes back to the results.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import ENTITY_FIELDS, EntityKind, Facets
from tui.sanitize import one_line

KIND_TITLES = {"leader": "Leaders", "country": "Countries", "organisation": "Organisations"}


class Filter(NamedTuple):
    """One active facet filter."""

    kind: EntityKind
    id: str
    name: str


ROWS_PER_KIND = 50


class FacetList(OptionList, inherit_bindings=False):
    """Leaders, countries and organisations with their counts over the current results."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="facets.down"),
        Binding("k", "cursor_up", "Up", show=False, id="facets.up"),
        Binding("down", "cursor_down", "Down", show=False, id="facets.down_arrow"),
        Binding("up", "cursor_up", "Up", show=False, id="facets.up_arrow"),
        Binding("g,home", "first", "First", show=False, id="facets.first"),
        Binding("G,end", "last", "Last", show=False, id="facets.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="facets.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="facets.page_up"),
        Binding("enter,space", "select", "Filter on/off", id="facets.toggle"),
        Binding("x", "clear_filters", "Clear filters", id="facets.clear"),
        Binding("escape", "leave", "Back to results", id="facets.leave"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "facet-list--heading",
        "facet-list--count",
        "facet-list--leader",
        "facet-list--country",
        "facet-list--organisation",
    }

    DEFAULT_CSS = """
    FacetList {
        height: 1fr;
        max-height: 100%;
        border: round $border-blurred;
        border-title-align: left;
        border-title-color: $text-muted;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &:focus { border: round $border; }
        & > .option-list--option { padding: 0 1; }
        & > .facet-list--heading { text-style: bold; color: $text-primary; }
        & > .facet-list--count { color: $text-muted; }
        & > .facet-list--leader { text-style: bold; }
        & > .facet-list--country { text-style: italic; }
        & > .facet-list--organisation { text-style: underline; }
    }
    """

    class Toggled(Message):
        """Turn this filter on, or off if it is on."""

        def __init__(self, facet: Filter) -> None:
            super().__init__()
            self.facet = facet

    class Cleared(Message):
        """Turn every filter off."""

    class Leave(Message):
        """Hand the focus back to the result list."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.border_title = "Names"
        self._entries: list[Filter | None] = []  # None for headings

    @property
    def entries(self) -> list[Filter]:
        return [entry for entry in self._entries if entry is not None]

    def show_facets(self, facets: Facets, active: Sequence[Filter]) -> None:
        """List `facets` (leaders, countries, organisations); active filters are ticked and
        always listed."""
        highlighted = self._entry_at(self.highlighted)
        active_keys = {(f.kind, f.id) for f in active}
        options: list[Option] = []
        entries: list[Filter | None] = []
        for kind in ENTITY_FIELDS:
            counts = facets.of_kind(kind)
            rows = [(Filter(kind, c.id, c.name), c.count) for c in counts]
            listed = {row[0].id for row in rows}
            rows += [(f, 0) for f in active if f.kind == kind and f.id not in listed]
            if not rows:
                continue
            options.append(Option(self._heading(kind, len(rows)), disabled=True))
            entries.append(None)
            shown = _most_named(rows, active_keys)
            for entry, count in shown:
                options.append(Option(self._prompt(entry, count, (kind, entry.id) in active_keys)))
                entries.append(entry)
            if len(shown) < len(rows):
                more = f"  … {len(rows) - len(shown)} more: Ctrl+P, “Filter by …”"
                options.append(Option(Text(more, style="italic"), disabled=True))
                entries.append(None)
        if not options:
            nothing = Text("No leaders, countries or organisations named.", style="italic")
            options.append(Option(nothing, disabled=True))
            entries.append(None)
        self._entries = entries
        self.set_options(options)
        self.border_subtitle = f"{len(active)} on" if active else ""
        self.highlight_entry(highlighted)
        # The new options are laid out at the next refresh; scrolling now would use the old ones.
        self.call_after_refresh(self.scroll_to_highlight)

    def highlight_entry(self, wanted: Filter | None) -> None:
        """Move the highlight to `wanted` (matched on kind and id), or to the first entry."""
        indexes = [i for i, entry in enumerate(self._entries) if entry is not None]
        if not indexes:
            return
        for index in indexes:
            entry = self._entries[index]
            if wanted is not None and entry is not None and entry[:2] == wanted[:2]:
                self.highlighted = index
                return
        self.highlighted = indexes[0]

    def _entry_at(self, index: int | None) -> Filter | None:
        if index is None or index >= len(self._entries):
            return None
        return self._entries[index]

    def _heading(self, kind: str, count: int) -> Text:
        style = self.get_component_rich_style("facet-list--heading", partial=True)
        return Text(f"{KIND_TITLES[kind]} ({count})", style=style)

    def _prompt(self, entry: Filter, count: int, active: bool) -> Text:
        style = self.get_component_rich_style
        prompt = Text("✓ " if active else "  ")
        prompt.append(f"{count:>3} ", style("facet-list--count", partial=True))
        prompt.append(one_line(entry.name), style(f"facet-list--{entry.kind}", partial=True))
        return prompt

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._entry_at(event.option_index)
        if entry is not None:
            self.post_message(self.Toggled(entry))

    def action_clear_filters(self) -> None:
        self.post_message(self.Cleared())

    def action_leave(self) -> None:
        self.post_message(self.Leave())


def _most_named(
    rows: list[tuple[Filter, int]], active_keys: set[tuple[str, str]]
) -> list[tuple[Filter, int]]:
    """The first ROWS_PER_KIND rows (most named first) and every active filter, in order.

    Hundreds of rows would cost every search a slow redraw; the rest are in the palette.
    """
    return [
        row
        for index, row in enumerate(rows)
        if index < ROWS_PER_KIND or (row[0].kind, row[0].id) in active_keys
    ]
