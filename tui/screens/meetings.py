"""The meetings view: who met whom (date, who, whom, kind, place) for the browser's query and
filters, or one leader; Enter reads the article at the meeting's sentence, Escape goes back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from index.model import ListedMeeting
from tui.meeting_rows import HEADER, fitted_cells
from tui.sanitize import one_line

FIRST_ROWS = 40


class MeetingsScreen(Screen[ListedMeeting | None]):
    """The listed meetings, oldest first; dismissed with the chosen one (None: Escape).

    The first screenful of rows is laid out before the view first shows, the rest right after:
    measuring hundreds of rows would hold the view back by a third of a second."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", id="meetings.back"),
        Binding("j", "cursor('down')", "Down", show=False, id="meetings.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="meetings.up"),
    ]
    DEFAULT_CSS = """
    MeetingsScreen {
        #meetings-title { height: 1; padding: 0 1; text-style: bold; }
        #meetings-table { height: 1fr; border: round $border; }
    }
    """

    def __init__(self, meetings: Sequence[ListedMeeting], title: str) -> None:
        super().__init__(id="meetings")
        self.meetings = list(meetings)
        self.heading = title

    def compose(self) -> ComposeResult:
        count = len(self.meetings)
        noun = "meeting" if count == 1 else "meetings"
        title = f"{one_line(self.heading)} · {count} {noun}"
        yield Static(title, id="meetings-title", markup=False)
        yield DataTable(id="meetings-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*HEADER)
        first = max(FIRST_ROWS, self.app.size.height)
        table.add_rows(self._cells(self.meetings[:first]))
        if len(self.meetings) > first:
            self.call_after_refresh(self._add_rows, first)
        if not self.meetings:
            self.query_one("#meetings-title", Static).update(
                f"{one_line(self.heading)} · no meetings found"
            )
        table.focus()

    def _add_rows(self, start: int) -> None:
        table = self.query_one(DataTable)
        table.add_rows(self._cells(self.meetings[start:]))

    def _cells(self, meetings: Sequence[ListedMeeting]) -> list[list[str]]:
        # The table's border, cell padding and scrollbar take 13 columns of the screen.
        width = self.app.size.width - 13
        return [fitted_cells(item.meeting, width) for item in meetings]

    @property
    def highlighted(self) -> ListedMeeting | None:
        row = self.query_one(DataTable).cursor_row
        return self.meetings[row] if 0 <= row < len(self.meetings) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.meetings):
            self.dismiss(self.meetings[event.cursor_row])

    def action_cursor(self, direction: str) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()

    def action_back(self) -> None:
        self.dismiss(None)
