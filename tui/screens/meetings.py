"""The meetings view: who met whom (date, who, whom, kind, place) for the browser's filters
or one leader; Enter reads the article at the meeting's sentence, Escape goes back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from index.model import ListedMeeting
from tui.meeting_rows import header_row, meeting_row
from tui.sanitize import one_line


class MeetingsScreen(Screen[ListedMeeting | None]):
    """The listed meetings, oldest first; dismissed with the chosen one (None: Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", id="meetings.back"),
        Binding("j", "cursor('down')", "Down", show=False, id="meetings.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="meetings.up"),
    ]
    DEFAULT_CSS = """
    MeetingsScreen {
        #meetings-title { height: 1; padding: 0 1; text-style: bold; }
        #meetings-header { height: 1; padding: 0 2; color: $text-muted; }
        #meetings-list { height: 1fr; border: round $border; padding: 0; text-wrap: nowrap; }
        #meetings-list > .option-list--option { padding: 0 1; }
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
        yield Static(header_row(), id="meetings-header", markup=False)
        yield OptionList(*self._options(), id="meetings-list", markup=False)
        yield Footer(compact=True)

    def _options(self) -> list[Option]:
        width = max(40, self.app.size.width - 4)
        if not self.meetings:
            return [Option("No meetings found.", disabled=True)]
        return [Option(meeting_row(item.meeting, width)) for item in self.meetings]

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @property
    def highlighted(self) -> ListedMeeting | None:
        index = self.query_one(OptionList).highlighted
        return self.meetings[index] if index is not None and self.meetings else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.meetings:
            self.dismiss(self.meetings[event.option_index])

    def action_cursor(self, direction: str) -> None:
        listing = self.query_one(OptionList)
        listing.action_cursor_down() if direction == "down" else listing.action_cursor_up()

    def action_back(self) -> None:
        self.dismiss(None)
