"""The user's keymap: binding id → keys, read from `keymap.toml` in the config directory.

Every binding the browser answers to has an id: "app.*" and "search.*" below, "results.*",
"reader.*" and "facets.*" in each pane's widget. A keymap file remaps keys by id:

    [keymap]
    "app.next_match" = "ctrl+n"
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.keys import Keys

if TYPE_CHECKING:
    from textual.app import App

Keymap = dict[str, str]  # binding id → keys, comma-separated

APP_BINDINGS: list[BindingType] = [
    Binding(
        "ctrl+p", "command_palette", "Commands", show=False, priority=True, id="app.command_palette"
    ),
]
"""Keys that work on every screen (the help and first-run screens bind q themselves)."""

BROWSER_BINDINGS: list[BindingType] = [
    Binding("q", "app.quit", "Quit", id="app.quit"),
    Binding("question_mark", "app.help", "Help", id="app.help"),
    # Priority bindings act as the key arrives, before the keys typed after it are handed
    # to a pane: "/Putin" lands in the search box, and "Enter n" jumps in the new article.
    Binding("slash", "focus_search", "Search", priority=True, id="app.search"),
    Binding(
        "enter",
        "submit_search",
        "Search, open the first",
        show=False,
        priority=True,
        id="search.submit",
    ),
    Binding(
        "escape",
        "leave_search",
        "Go to the results",
        show=False,
        priority=True,
        id="search.leave",
    ),
    Binding("up", "history_back", "Older search", show=False, id="search.history_back"),
    Binding("down", "history_forward", "Newer search", show=False, id="search.history_forward"),
    Binding("n", "next_match", "Next match", id="app.next_match"),
    Binding("N", "previous_match", "Prev match", id="app.previous_match"),
    Binding("e", "next_entity", "Next entity", id="app.next_entity"),
    Binding("E", "previous_entity", "Prev entity", show=False, id="app.previous_entity"),
    Binding("u", "undo_filters", "Undo filters", show=False, id="app.undo_filters"),
    Binding("s", "cycle_sort", "Sort", show=False, id="app.sort"),
    Binding("d", "date_range", "Dates", show=False, id="app.date_range"),
    Binding("right_square_bracket", "next_article", "Next article", id="app.next_article"),
    # Relations (tui/screens/relations.py): on the facet list they act on the highlighted entry.
    Binding("m", "meetings", "Meetings", id="app.meetings"),
    Binding("c", "co_mentions", "Named with", show=False, id="app.co_mentions"),
    Binding("plus", "similar", "Similar", show=False, id="app.similar"),
    Binding(
        "left_square_bracket",
        "previous_article",
        "Prev article",
        show=False,
        id="app.previous_article",
    ),
    Binding("o", "open_url", "Open link", id="app.open_url"),
    Binding("y", "copy_url", "Copy link", show=False, id="app.copy_url"),
    Binding("Y", "copy_article", "Copy article", show=False, id="app.copy_article"),
    Binding("z", "toggle_maximize", "Maximise pane", show=False, id="app.maximize"),
    Binding("r", "reload", "Reload", id="app.reload"),
    Binding("tab", "next_pane", "Next pane", show=False, id="app.next_pane"),
    Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="app.previous_pane"),
]
"""The browser screen's own keys (each pane adds its own: "results.*", "reader.*", …)."""


def user_keymap_file() -> Path:
    """Where the user's keymap lives (it need not exist)."""
    from index.paths import config_dir

    return config_dir() / "keymap.toml"


def load_keymap(path: Path) -> tuple[Keymap, str | None]:
    """Binding id → keys from TOML (a `[keymap]` table or top-level keys); (keymap, problem)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"keymap {path} ignored: {error}"
    table = data.get("keymap", data)
    if not isinstance(table, dict):
        return {}, f"keymap {path} ignored: [keymap] is not a table"
    return {str(k): v for k, v in table.items() if isinstance(v, str)}, None


MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
KEY_NAMES = {key.value for key in Keys}


def is_key_name(key: str) -> bool:
    """Whether Textual knows `key` ("j", "ctrl+n", "f1", "question_mark", "pagedown")."""
    *modifiers, name = key.strip().split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    if (len(name) == 1 and name.isprintable()) or name in KEY_NAMES:
        return True
    try:
        unicodedata.lookup(name.replace("_", " ").upper())
    except KeyError:
        return False
    return True


def keymap_problems(keymap: Keymap, known_ids: Iterable[str]) -> str | None:
    """One line naming the keymap's unknown binding ids and bad key names, or None."""
    known = set(known_ids)
    unknown = [binding_id for binding_id in keymap if binding_id not in known]
    bad = [
        key.strip()
        for keys in keymap.values()
        for key in keys.split(",")
        if not is_key_name(key)
    ]
    parts = []
    if unknown:
        parts.append("unknown binding ids: " + ", ".join(unknown))
    if bad:
        parts.append("bad key names: " + ", ".join(bad))
    return "keymap: " + "; ".join(parts) + " (ignored)" if parts else None


def usable_keymap(keymap: Keymap, known_ids: Iterable[str]) -> Keymap:
    """The keymap without unknown ids and bad key names."""
    known = set(known_ids)
    usable: Keymap = {}
    for binding_id, keys in keymap.items():
        good = [key.strip() for key in keys.split(",") if is_key_name(key)]
        if binding_id in known and good:
            usable[binding_id] = ",".join(good)
    return usable


def shown_key(app: App[object], binding_id: str, default: str) -> str:
    """The first key bound to `binding_id` as the keymap binds it now, as the footer shows it."""
    keys = app._keymap.get(binding_id, default)
    return app.get_key_display(Binding(keys.split(",")[0].strip(), ""))
