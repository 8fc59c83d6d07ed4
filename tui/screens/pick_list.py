"""A small modal list to pick one of a few entries (who is named with an entity, the articles
of one story); Enter picks, Escape goes back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.sanitize import one_line

T = TypeVar("T")


class PickScreen(ModalScreen[T | None], Generic[T]):
    """Rows of (label, value); dismissed with the picked value, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", id="pick.back"),
        Binding("j", "cursor('down')", "Down", show=False, id="pick.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="pick.up"),
    ]
    DEFAULT_CSS = """
    PickScreen {
        align: center middle;
        #pick { width: 90%; max-width: 90; height: auto; max-height: 90%;
                border: round $border; background: $surface; padding: 0 1; }
        #pick-title { height: auto; text-style: bold; }
        #pick-hint { height: 1; color: $text-muted; }
        OptionList { height: auto; max-height: 20; text-wrap: nowrap; }
        OptionList, OptionList:focus { border: none; }
    }
    """

    def __init__(self, title: str, rows: Sequence[tuple[str, T]], hint: str = "") -> None:
        super().__init__(id="pick-screen")
        self.heading = title
        self.rows = list(rows)
        self.hint = hint or "Enter: choose · Esc: back"

    def compose(self) -> ComposeResult:
        with Vertical(id="pick"):
            yield Static(one_line(self.heading), id="pick-title", markup=False)
            options = [Option(Text(one_line(label))) for label, _value in self.rows]
            yield OptionList(*(options or [Option("Nothing to show.", disabled=True)]))
            yield Static(self.hint, id="pick-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.rows:
            self.dismiss(self.rows[event.option_index][1])

    def action_cursor(self, direction: str) -> None:
        listing = self.query_one(OptionList)
        listing.action_cursor_down() if direction == "down" else listing.action_cursor_up()

    def action_back(self) -> None:
        self.dismiss(None)
