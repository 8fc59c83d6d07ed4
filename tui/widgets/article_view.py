"""The article reader: the text shown literally, with query matches and entities highlighted.

Every highlight is a `Stop`; `n`/`N` move the current stop through the matches and `e`/`E`
through the leaders, countries and organisations. The current stop is marked in the gutter and
described in the status line.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from index.model import ENTITY_FIELDS, Document, EntityKind, EntityRef, Span
from tui.keymap import shown_key
from tui.sanitize import one_line
from tui.widgets.article_parts import (
    Line,
    Stop,
    article_url,
    file_name,
    safe_text,
    stop_description,
)
from tui.wording import plural
from tui.wrapping import line_breaks

GUTTER = 2
ENTITY_KINDS: set[str] = set(ENTITY_FIELDS)  # the stops `e`/`E` move through
CURRENT_MARK = "▶ "


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """A focusable, scrollable reader for one article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("down", "scroll_down", "Down", show=False, id="reader.down_arrow"),
        Binding("up", "scroll_up", "Up", show=False, id="reader.up_arrow"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="reader.page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("escape", "leave", "Back to results", id="reader.leave"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--match",
        "article-view--leader",
        "article-view--country",
        "article-view--organisation",
        "article-view--current",
        "article-view--gutter",
        "article-view--placeholder",
    }

    # Kinds differ by text style first (reverse / bold+underline / italic+underline /
    # overline+underline, plain underline where overline is not shown), so they stay apart with
    # NO_COLOR and on 16 colours; colour only adds to that.
    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        border: round $border-blurred;
        border-title-align: left;
        padding: 0 1;
        overflow-x: hidden;
        scrollbar-gutter: stable;
        border-title-color: $text-muted;
        &:focus { border: round $border; background-tint: $foreground 3%; }
        & > .article-view--title { text-style: bold; color: $text-primary; }
        & > .article-view--meta { color: $text-muted; }
        & > .article-view--match { text-style: reverse; }
        & > .article-view--leader { text-style: bold underline; color: $text-accent; }
        & > .article-view--country { text-style: italic underline; color: $text-success; }
        & > .article-view--organisation { text-style: overline underline; color: $text-secondary; }
        & > .article-view--current { text-style: bold reverse; color: $text-error; }
        & > .article-view--gutter { text-style: bold; color: $text-warning; }
        & > .article-view--placeholder { color: $text-muted; text-style: italic; }
    }
    """

    class CurrentChanged(Message):
        """The current stop moved: `description` says what it is ("leader: Trương Tấn Sang …")."""

        def __init__(self, description: str) -> None:
            super().__init__()
            self.description = description

    class Leave(Message):
        """The reader asks to hand the focus back to the result list."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Article"
        self.document: Document | None = None
        self._title_spans: list[Span] = []
        self._body_spans: list[Span] = []
        self._text = Text()
        self._stops: list[Stop] = []
        self._current: int | None = None
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._wrapped_width = -1
        self._passage: tuple[int, int] | None = None  # body offsets of a shown sentence
        self._body_offset = 0

    # -- what the app calls --------------------------------------------------------------------

    @property
    def article_id(self) -> str | None:
        return self.document.id if self.document is not None else None

    @property
    def stops(self) -> list[Stop]:
        return list(self._stops)

    @property
    def current_stop(self) -> Stop | None:
        return self._stops[self._current] if self._current is not None else None

    @property
    def plain(self) -> str:
        """The whole displayed text, as plain characters."""
        return self._text.plain

    def show_document(
        self, document: Document, title_spans: list[Span], body_spans: list[Span]
    ) -> None:
        """Show `document` with the query's matches in its title and body.

        A new article starts at the top; the same one keeps its scroll and current stop.
        """
        same = self.document is not None and document.id == self.document.id
        current = self.current_stop if same else None
        self.document = document
        self._title_spans, self._body_spans = list(title_spans), list(body_spans)
        self._build()
        self._current = self._stops.index(current) if current in self._stops else None
        if not same:
            self._passage = None
            self._build()
            self.scroll_to(0, 0, animate=False)
        self._announce()

    def clear(self) -> None:
        """Show no article (the placeholder)."""
        self.document = None
        self._title_spans, self._body_spans = [], []
        self._current = None
        self._build()
        self.scroll_to(0, 0, animate=False)
        self._show_summary()

    def show_passage(self, start: int, end: int) -> None:
        """Highlight the body's `start`…`end` (a meeting's sentence) and scroll to it."""
        self._passage = (start, end)
        self._build()
        self._scroll_to_line(self._line_of(self._body_offset + start))

    def stop_description(self, stop: Stop) -> str:
        return stop_description(self._stops, stop)

    # -- building the text ---------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"article-view--{name}", partial=True)

    def _build(self) -> None:
        text, stops = Text(), []
        document = self.document
        if document is None:
            text.append(
                "Open an article from the results (Enter) to read it here.",
                self._style("placeholder"),
            )
        else:
            title = safe_text(document.title).replace("\n", " ")
            text.append(title, self._style("title"))
            stops += [
                Stop(s.start, s.end, "match", written=title[s.start : s.end])
                for s in self._title_spans
                if s.end <= len(title)
            ]
            parts = (document.date or "undated", file_name(document))
            meta = " · ".join(one_line(part) for part in parts if part)
            text.append("\n" + meta, self._style("meta"))
            url = article_url(document)
            if url is not None:
                text.append("\n")
                text.append(url, self._style("meta") + Style(link=url, underline=True))
            self._append_names(text, "Leaders", document.leaders, "leader")
            self._append_names(text, "Countries", document.countries, "country")
            self._append_names(text, "Organisations", document.organisations, "organisation")
            text.append("\n\n")
            offset = self._body_offset = len(text)
            body = safe_text(document.body)
            text.append(body)
            if self._passage is not None:
                text.stylize(
                    self._style("current"), offset + self._passage[0], offset + self._passage[1]
                )
            if len(body) == len(document.body):  # the sanitiser maps one character to one
                stops += [
                    Stop(offset + s.start, offset + s.end, "match", written=body[s.start : s.end])
                    for s in self._body_spans
                ]
                stops += [
                    Stop(offset + m.start, offset + m.end, m.kind, m.name, body[m.start : m.end])
                    for m in document.entities
                ]
        stops.sort(key=lambda s: (s.start, s.end))
        for stop in stops:
            text.stylize(self._style(stop.kind), stop.start, stop.end)
        self._text, self._stops = text, stops
        self._wrapped_width = -1
        self._rewrap()

    def _append_names(
        self, text: Text, label: str, refs: tuple[EntityRef, ...], kind: EntityKind
    ) -> None:
        if not refs:
            return
        text.append(f"\n{label}: ", self._style("meta"))
        for number, ref in enumerate(refs):
            if number:
                text.append(", ", self._style("meta"))
            text.append(one_line(ref.name), self._style(kind))

    def _rewrap(self) -> None:
        width = max(1, self.scrollable_content_region.width - GUTTER)
        if width == self._wrapped_width:
            return
        self._wrapped_width = width
        lines: list[Line] = []
        offset = 0
        for paragraph in self._text.split("\n", allow_blank=True):
            plain = paragraph.plain
            if not plain:
                lines.append(Line(paragraph, offset))
            else:
                breaks = line_breaks(plain, width)
                for start, piece in zip([0, *breaks], paragraph.divide(breaks), strict=True):
                    lines.append(Line(piece, offset + start))
            offset += len(plain) + 1
        self._lines = lines
        self._line_starts = [line.start for line in lines]
        self.virtual_size = Size(width + GUTTER, len(lines))
        self.refresh()

    def _line_of(self, offset: int) -> int:
        return max(0, bisect_right(self._line_starts, offset) - 1)

    # -- rendering -----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._build()  # the placeholder, until an article is opened

    def on_resize(self, _event: events.Resize) -> None:
        self._rewrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self._build()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        number = scroll_y + y
        if number >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[number]
        text = line.text.copy()
        current = self.current_stop
        if current is not None:
            end = line.start + len(text)
            start, stop_end = max(current.start, line.start), min(current.end, end)
            if start < stop_end:
                text.stylize(self._style("current"), start - line.start, stop_end - line.start)
        text.stylize_before(base)
        marked = current is not None and self._line_of(current.start) == number
        gutter = Segment(CURRENT_MARK if marked else " " * GUTTER, base + self._style("gutter"))
        segments = [gutter, *text.render(self.app.console)]
        strip = Strip(segments).crop_extend(scroll_x, scroll_x + width, base)
        return strip.apply_offsets(scroll_x, number)

    # -- moving the current stop ---------------------------------------------------------------

    def _move(self, kinds: set[str], step: int) -> bool:
        """Make the next (step 1) or previous (-1) stop of one of `kinds` current."""
        candidates = [i for i, s in enumerate(self._stops) if s.kind in kinds]
        if not candidates:
            what = "matches" if kinds == {"match"} else "leaders, countries or organisations"
            self.post_message(self.CurrentChanged(f"No {what} in this article"))
            return False
        if self._current is None or self._current not in candidates:
            anchor = self._stops[self._current].start if self._current is not None else None
            if anchor is None:
                index = candidates[0] if step > 0 else candidates[-1]
            else:
                after = [i for i in candidates if self._stops[i].start > anchor]
                before = [i for i in candidates if self._stops[i].start < anchor]
                if step > 0:
                    index = after[0] if after else candidates[0]
                else:
                    index = before[-1] if before else candidates[-1]
        else:
            position = (candidates.index(self._current) + step) % len(candidates)
            index = candidates[position]
        self._set_current(index)
        return True

    def _set_current(self, index: int | None) -> None:
        self._current = index
        self.refresh()
        if index is not None:
            self._scroll_to_line(self._line_of(self._stops[index].start))
        self._announce()

    def _scroll_to_line(self, number: int) -> None:
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if not top <= number < top + height:
            self.scroll_to(y=max(0, number - height // 3), animate=False)

    def _announce(self) -> None:
        """Describe the current stop in the status line; the article's summary in the header."""
        current = self.current_stop
        if current is not None:
            self.post_message(self.CurrentChanged(self.stop_description(current)))
        self._show_summary()

    def _show_summary(self) -> None:
        if self.document is None:
            self.border_subtitle = ""
            return
        matches = sum(1 for s in self._stops if s.kind == "match")
        named = len({(s.kind, s.name) for s in self._stops if s.kind != "match"})
        app = self.app
        next_match, previous_match = (
            shown_key(app, "app.next_match", "n"),
            shown_key(app, "app.previous_match", "N"),
        )
        next_entity, previous_entity = (
            shown_key(app, "app.next_entity", "e"),
            shown_key(app, "app.previous_entity", "E"),
        )
        self.border_subtitle = (
            f"{plural(matches, 'match')} ({next_match}/{previous_match}) · "
            f"{named} named ({next_entity}/{previous_entity}) · {self.position}"
        )

    @property
    def position(self) -> str:
        """How far down the article the view is: "42%", or "all" when it fits."""
        if self.max_scroll_y <= 0:
            return "all"
        return f"{round(100 * self.scroll_y / self.max_scroll_y)}%"

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._show_summary()

    def action_next_match(self) -> None:
        self._move({"match"}, 1)

    def action_previous_match(self) -> None:
        self._move({"match"}, -1)

    def action_next_entity(self) -> None:
        self._move(ENTITY_KINDS, 1)

    def action_previous_entity(self) -> None:
        self._move(ENTITY_KINDS, -1)

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    # -- mouse ---------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        number = round(self.scroll_y) + offset.y
        if number >= len(self._lines):
            return
        line = self._lines[number]
        column, cells = offset.x + round(self.scroll_x) - GUTTER, 0
        for index, char in enumerate(line.text.plain):
            cells += cell_len(char)
            if cells > column:
                position = line.start + index
                break
        else:
            return
        for index, stop in enumerate(self._stops):
            if stop.start <= position < stop.end:
                self._set_current(index)
                return

    def region_of_current(self) -> Region | None:
        """Where the current stop's line is, in virtual coordinates (for tests)."""
        current = self.current_stop
        if current is None:
            return None
        return Region(0, self._line_of(current.start), self.virtual_size.width, 1)
