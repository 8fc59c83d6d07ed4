"""One line of news at the foot of the screen: query errors, the current entity, build results."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.sanitize import one_line


class StatusLine(Static):
    """Shows the last thing worth saying, in one line; errors stand out (not by colour alone)."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &.-error { background: $error 30%; text-style: bold; }
        &.-notice { background: $warning 30%; text-style: bold; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.message = ""

    def say(self, message: str, level: str = "info") -> None:
        """Show `message`; `level` is "info", "notice" or "error"."""
        self.message = one_line(message)
        self.set_class(level == "error", "-error")
        self.set_class(level == "notice", "-notice")
        prefix = {"error": "Error: ", "notice": "▲ "}.get(level, "")
        self.update(Text(prefix + self.message), layout=False)  # always one line high
