"""The help screen: every key, pane by pane, as the current keymap binds it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

KeyRow = tuple[str, str, str]  # (keys as shown, what they do, binding ids for keymap.toml)
Section = tuple[str, list[KeyRow]]
Pane = tuple[DOMNode, Callable[[Binding], bool]]  # a node and which of its bindings to list


def key_rows(
    app: App[object], node: DOMNode, keep: Callable[[Binding], bool] = lambda _binding: True
) -> list[KeyRow]:
    """The bindings of `node` that `keep` accepts, after the app's keymap, one row per action:
    ("j / ↓", "Down", "results.down, results.down_arrow")."""
    grouped = _grouped(app, [(node, keep)])
    return [_row(keys, description, ids) for (_, description), (keys, _, ids) in grouped.items()]


def _row(keys: list[str], description: str, ids: list[str]) -> KeyRow:
    return (" / ".join(keys), description, ", ".join(ids))


def merged_key_rows(app: App[object], panes: Sequence[Pane]) -> list[KeyRow]:
    """Like `key_rows` over several nodes, an action bound on more than one (the app's quit and
    the screen's) in one row; the rows of the keys the footer shows first."""
    grouped = _grouped(app, panes)
    order = sorted(grouped, key=lambda group: not grouped[group][1])
    return [_row(grouped[group][0], group[1], grouped[group][2]) for group in order]


def screen_sections(screen: Screen[object], panes: Sequence[tuple[str, DOMNode]]) -> list[Section]:
    """The help for `screen`: the keys that work everywhere on it (the app's and its own), the
    search box's ("search.*" binding ids), then each of `panes`, titled."""
    app = screen.app

    def in_box(binding: Binding) -> bool:
        return (binding.id or "").startswith("search.")

    everywhere = merged_key_rows(
        app, [(app, lambda b: not in_box(b)), (screen, lambda b: bool(b.id) and not in_box(b))]
    )
    sections: list[Section] = [
        ("Everywhere", everywhere),
        ("Search box", key_rows(app, screen, in_box)),
    ]
    return sections + [(title, key_rows(app, pane)) for title, pane in panes]


Grouped = dict[tuple[str, str], tuple[list[str], bool, list[str]]]


def _grouped(app: App[object], panes: Sequence[Pane]) -> Grouped:
    """(action, description) → (keys as shown, whether the footer shows any, binding ids)."""
    grouped: Grouped = {}
    for node, keep in panes:
        bindings = node._bindings.copy()
        if app._keymap:
            bindings.apply_keymap(app._keymap)
        for _key, binding in bindings:
            if binding.system or not keep(binding):
                continue
            description = binding.description or binding.action.replace("_", " ")
            group = (binding.action.removeprefix("app."), description)
            keys, shown, ids = grouped.get(group, ([], False, []))
            display = app.get_key_display(binding)
            if display not in keys:
                keys.append(display)
            if binding.id and binding.id not in ids:
                ids.append(binding.id)
            grouped[group] = (keys, shown or binding.show, ids)
    return grouped


class HelpScreen(ModalScreen[None]):
    """A list of every key the browser answers to; Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll_down", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="help.up"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $border;
            border-title-align: center;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    def __init__(self, sections: Sequence[Section], notes: Iterable[str] = ()) -> None:
        super().__init__()
        self.sections = list(sections)
        self.notes = list(notes)

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll(id="help-body")
        scroll.border_title = "diplonews keys"
        scroll.border_subtitle = "Esc / q / ? close"
        with scroll:
            yield Static(self._table(), id="help-table")

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=14)
        table.add_column()
        table.add_column(style="dim")
        for number, (title, rows) in enumerate(self.sections):
            if number:
                table.add_row("", "")
            table.add_row(Text(title, style="bold underline"), "", Text("binding id"))
            for keys, description, ids in rows:
                table.add_row(Text(keys), Text(description), Text(ids))
        for note in self.notes:
            table.add_row("", "")
            table.add_row("", Text(note, style="italic"))
        return table

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up(animate=False)
