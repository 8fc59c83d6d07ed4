"""The line under the search box that shows the active filters; click a × to drop one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from tui.sanitize import one_line
from tui.widgets.facet_list import Filter

# As the reader styles each kind, so that they stay apart without colour.
KIND_STYLES = {
    "leader": "bold underline",
    "country": "italic underline",
    "organisation": "overline underline",
}


class FilterBar(Static):
    """`Filters: leader Tập Cận Bình × · country Mỹ ×`."""

    DEFAULT_CSS = """
    FilterBar {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &.-active { color: $text; }
    }
    """

    class Removed(Message):
        """The user clicked the × of a filter."""

        def __init__(self, facet: Filter) -> None:
            super().__init__()
            self.facet = facet

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._filters: list[Filter] = []
        self.show_filters(())

    def show_filters(self, filters: Sequence[Filter]) -> None:
        self._filters = list(filters)
        self.set_class(bool(filters), "-active")
        line = Text("Filters: ", style="bold")
        if not filters:
            line.append("none (pick names in the facet list)")
        for number, facet in enumerate(filters):
            if number:
                line.append(" · ")
            style = KIND_STYLES.get(facet.kind, "bold")  # sort and date filters: plain
            line.append(f"{facet.kind} ")
            line.append(one_line(facet.name), style=style)
            line.append(" ×", style=Style(bold=True, meta={"@click": f"remove({number})"}))
        if filters:
            line.append("   (x in the facet list clears all)", style="dim")
        self.update(line)

    def action_remove(self, number: int) -> None:
        if 0 <= number < len(self._filters):
            self.post_message(self.Removed(self._filters[number]))
