"""The browser screen's index: opening it (or building it first), noticing it was rebuilt
underneath, reloading and rebuilding it."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.screen import Screen

from tui.index_session import IndexSession
from tui.screens.building import BuildingScreen
from tui.widgets.build_bar import BuildBar

STALE_POLL_SECONDS = 2.0
RELOAD_OFFER = "The index was rebuilt — press r to reload"


OUTDATED_REBUILD = (
    "The index was written by another version of diplonews: rebuild needed. "
    "Rebuilding it from its sources."
)


class IndexLifecycle(Screen[None]):
    """What the browser screen does with its index besides searching it."""

    index_dir: Path
    session: IndexSession
    reload_offered: bool

    def _say(self, message: str, level: str = "info") -> None:
        raise NotImplementedError

    def _index_opened(self) -> None:
        raise NotImplementedError

    # -- opening the index -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index")
    def open_index(self) -> None:
        from index import open_index
        from index.errors import IndexCorruptError, IndexMissingError, IndexOutdatedError

        try:
            index = open_index(self.index_dir)
        except IndexMissingError:
            self.app.call_from_thread(self._build_first, False, "")
            return
        except IndexOutdatedError:
            self.app.call_from_thread(self._build_first, True, OUTDATED_REBUILD)
            return
        except IndexCorruptError as error:
            self.app.call_from_thread(self._build_first, True, f"{error} Rebuilding it.")
            return
        except OSError as error:
            self.app.call_from_thread(self._say, f"index: {error}", "error")
            return
        self.session.replace(index)
        self.app.call_from_thread(self._index_opened)

    def _build_first(self, full: bool, reason: str) -> None:
        screen = BuildingScreen(self.index_dir, full=full, reason=reason)
        self.app.push_screen(screen, self._first_built)

    def _first_built(self, error: str | None) -> None:
        if error is None:
            self.open_index()

    # -- the index changing underneath -----------------------------------------------------

    def poll_stale(self) -> None:
        if self.session.index is not None and not self.reload_offered:
            self.check_stale()

    @work(thread=True, exclusive=True, group="stale")
    def check_stale(self) -> None:
        if self.session.is_stale_unless_busy():
            self.app.call_from_thread(self._offer_reload)

    def _offer_reload(self) -> None:
        if self.reload_offered:
            return
        self.reload_offered = True
        self.refresh_bindings()
        self._say(RELOAD_OFFER, "notice")
        self.notify(RELOAD_OFFER, title="Index rebuilt", timeout=8)

    @on(BuildBar.Finished)
    def _rebuilt(self, event: BuildBar.Finished) -> None:
        if event.summary is None:
            self._say(f"build: {event.error}", "error")
            return
        self._say(f"Index built: {event.summary.describe_counts()}")
        self.check_stale()

    def action_reload(self) -> None:
        self._say("Reloading the index…")
        self.open_index()

    def action_rebuild(self, full: bool = False) -> None:
        bar = self.query_one(BuildBar)
        if bar.building:
            self._say("A build is already running", "error")
            return
        bar.rebuild(self.index_dir, full)
