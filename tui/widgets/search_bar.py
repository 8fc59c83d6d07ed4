"""The search box: tells the app the query once the user pauses typing (debounced)."""

from __future__ import annotations

from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

# Far shorter than the gap between a fast typist's keys, so results follow the typing; keys
# arriving in a burst (a paste, a terminal catching up) make one search.
DEBOUNCE_SECONDS = 0.03


class SearchBar(Input):
    """A one-line query box. Enter and Escape are the browser's bindings (`tui/keymap.py`)."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
        &:focus { border: none; background: $primary 20%; }
        & > .input--placeholder { color: $text-muted; }
    }
    """

    class QueryChanged(Message):
        """The query to search for, sent once typing pauses."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class QueryCommitted(Message):
        """The user pressed Enter on this query: search for it and show the first result."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder='Search: words, "phrases", OR, -word   (empty: every article)',
            id=id,
            select_on_focus=False,
        )
        self._debounce: Timer | None = None
        self._sent = ""  # the last query the app was told about

    @property
    def query_pending(self) -> bool:
        """The query changed and the app has not been told yet (the typing pause is running)."""
        return self._debounce is not None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._send_query)

    def _send_query(self) -> None:
        self._debounce = None
        if self.value != self._sent:  # e.g. a change already sent by `commit`
            self._sent = self.value
            self.post_message(self.QueryChanged(self.value))

    def commit(self) -> None:
        """Send the query now, as committed, instead of after the pause."""
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self._sent = self.value
        self.post_message(self.QueryCommitted(self.value))
