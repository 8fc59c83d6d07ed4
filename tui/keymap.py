"""The user's keymap: binding id → keys, read from `keymap.toml` in the config directory.

Every binding the browser answers to has an id: "app.*" and "search.*" below, "results.*",
"reader.*" and "facets.*" in each pane's widget. A keymap file remaps keys by id:

    [keymap]
    "app.next_match" = "ctrl+n"
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding, BindingType

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
    Binding("n", "next_match", "Next match", id="app.next_match"),
    Binding("N", "previous_match", "Prev match", id="app.previous_match"),
    Binding("r", "reload", "Reload", id="app.reload"),
    # Relations (tui/screens/relations.py): on the facet list they act on the highlighted entry.
    Binding("m", "meetings", "Meetings", id="app.meetings"),
    Binding("c", "co_mentions", "Named with", show=False, id="app.co_mentions"),
    Binding("s", "similar", "Similar", show=False, id="app.similar"),
    Binding("tab", "app.focus_next", "Next pane", show=False, id="app.next_pane"),
    Binding(
        "shift+tab", "app.focus_previous", "Previous pane", show=False, id="app.previous_pane"
    ),
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
