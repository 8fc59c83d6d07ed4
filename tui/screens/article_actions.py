"""The browser screen's keys for the open article: its link (open, copy), copying its text,
the next or previous result without leaving the reader, and maximising the focused pane."""

from __future__ import annotations

import webbrowser

from textual import work
from textual.screen import Screen

from index.model import Document
from tui.sanitize import one_line
from tui.widgets.article_view import ArticleView, article_url
from tui.widgets.result_list import ResultList


class ArticleActions(Screen[None]):
    """Actions on the article in the reader; the browser screen binds them (`tui/keymap.py`)."""

    def _say(self, message: str, level: str = "info") -> None:
        raise NotImplementedError

    def open(self, article_id: str, query: str | None = None) -> None:
        raise NotImplementedError

    def _open_document(self) -> Document | None:
        document = self.query_one(ArticleView).document
        if document is None:
            self._say("No article is open", "error")
        return document

    def _open_url(self) -> str | None:
        document = self._open_document()
        if document is None:
            return None
        url = article_url(document)
        if url is None:
            self._say("This article has no web address", "error")
        return url

    def action_open_url(self) -> None:
        url = self._open_url()
        if url is not None:
            self._say(f"Opening {url}")
            self.open_in_browser(url)

    @work(thread=True, exclusive=True, group="web-browser")
    def open_in_browser(self, url: str) -> None:
        """`webbrowser` may start a program and wait for it: never on the UI thread."""
        try:
            opened = webbrowser.open(url)
        except Exception as error:  # a broken $BROWSER raises anything
            problem: str | None = one_line(str(error)) or type(error).__name__
        else:
            problem = None if opened else "no web browser found (set $BROWSER)"
        if problem is not None:
            self.app.call_from_thread(self._say, f"Could not open {url}: {problem}", "error")

    def action_copy_url(self) -> None:
        url = self._open_url()
        if url is not None:
            self.app.copy_to_clipboard(url)
            self._say(f"Copied {url}")

    def action_copy_article(self) -> None:
        document = self._open_document()
        if document is not None:
            self.app.copy_to_clipboard(f"{document.title}\n\n{document.body}")
            self._say(f"Copied the title and text of {one_line(document.title)}")

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        """Open the result after (or before) the open one; the focus stays where it is."""
        listed = self.query_one(ResultList)
        ids = listed.article_ids
        if not ids:
            return
        current = self.query_one(ArticleView).article_id
        position = ids.index(current) if current in ids else (listed.highlighted or 0) - step
        target = position + step
        if not 0 <= target < len(ids):
            self._say("No more results" if step > 0 else "This is the first result")
            return
        listed.highlighted = target  # near the end, this loads more results
        self.open(ids[target])

    def action_toggle_maximize(self) -> None:
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)
