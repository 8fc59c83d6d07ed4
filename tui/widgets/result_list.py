"""The result list: one entry an article (title; date, leaders and countries), Enter opens it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import Hit, SearchResult
from tui.sanitize import one_line

# More results are fetched when the cursor comes this close to the last one shown.
MORE_WITHIN = 10


class ResultList(OptionList, inherit_bindings=False):
    """The articles found for the current query and filters."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="results.down"),
        Binding("k", "cursor_up", "Up", show=False, id="results.up"),
        Binding("down", "cursor_down", "Down", show=False, id="results.down_arrow"),
        Binding("up", "cursor_up", "Up", show=False, id="results.up_arrow"),
        Binding("g,home", "first", "First", show=False, id="results.first"),
        Binding("G,end", "last", "Last", show=False, id="results.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="results.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="results.page_up"),
        Binding("enter", "select", "Open", id="results.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "result-list--title",
        "result-list--date",
        "result-list--leader",
        "result-list--country",
        "result-list--organisation",
    }

    DEFAULT_CSS = """
    ResultList {
        height: 1fr;
        max-height: 100%;
        border: round $border-blurred;
        border-title-align: left;
        border-title-color: $text-muted;
        border-subtitle-align: right;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &:focus { border: round $border; }
        & > .option-list--option { padding: 0 1; }
        & > .result-list--title { text-style: bold; }
        & > .result-list--date { color: $text-muted; }
        & > .result-list--leader { text-style: bold; color: $text-accent; }
        & > .result-list--country { text-style: italic; color: $text-success; }
        & > .result-list--organisation { text-style: underline; color: $text-secondary; }
    }
    """

    class NeedMore(Message):
        """The cursor is near the last result shown and the query found more; `everything`:
        load every result (to go to the last one)."""

        def __init__(self, everything: bool = False) -> None:
            super().__init__()
            self.everything = everything

    class Opened(Message):
        """The user asked to read the article with this id."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.border_title = "Results"
        self._ids: list[str] = []
        self._more = False  # the query found more articles than are shown
        self._all_shown = True
        self._to_last = False  # G asked for the last result before every result was loaded
        # Article id → other articles of its same story ("+N similar"): set by the browser.
        self.story_sizes: dict[str, int] = {}

    @property
    def article_ids(self) -> list[str]:
        return list(self._ids)

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or self.highlighted >= len(self._ids):
            return None
        return self._ids[self.highlighted]

    def show_results(self, result: SearchResult) -> None:
        """Show `result`'s hits, keeping the highlighted article if it is still there."""
        keep = self.highlighted_id
        self._ids = [hit.id for hit in result.hits]
        self.set_options(Option(self._prompt(hit)) for hit in result.hits)
        if not result.hits:
            self.add_option(Option(Text("No article matches.", style="italic"), disabled=True))
        order = "best first" if result.query.strip() else "newest first"
        self.border_title = f"Results · {order}"
        shown = len(result.hits)
        self._more = shown < result.total
        self._all_shown = not self._more
        self.border_subtitle = f"{result.total}" if not self._more else f"{shown} of {result.total}"
        if self._to_last and not self._more:
            self._to_last = False
            keep = self._ids[-1] if self._ids else None
        if self._ids:
            self.highlighted = self._ids.index(keep) if keep in self._ids else 0

    def action_last(self) -> None:
        """The last result of the query, loading every result first if some are not shown."""
        if not self._all_shown:
            self._to_last = True
            self._more = False
            self.post_message(self.NeedMore(everything=True))
        super().action_last()

    def _prompt(self, hit: Hit) -> Text:
        style = self.get_component_rich_style
        prompt = Text(one_line(hit.title), style=style("result-list--title", partial=True))
        prompt.append("\n")
        prompt.append(one_line(hit.date or "undated"), style("result-list--date", partial=True))
        similar = self.story_sizes.get(hit.id)
        if similar:
            prompt.append(f" +{similar} similar", style("result-list--title", partial=True))
        kinds = ((hit.leaders, "leader"), (hit.countries, "country"))
        for refs, kind in (*kinds, (hit.organisations, "organisation")):
            if refs:
                if len(prompt.plain.rsplit("\n", 1)[-1]):
                    prompt.append(" · ", style("result-list--date", partial=True))
                prompt.append(
                    ", ".join(one_line(ref.name) for ref in refs),
                    style(f"result-list--{kind}", partial=True),
                )
        return prompt

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self._more and event.option_index >= len(self._ids) - MORE_WITHIN:
            self._more = False  # asked once; the longer list says whether there is still more
            self.post_message(self.NeedMore())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._ids):
            self.post_message(self.Opened(self._ids[event.option_index]))
