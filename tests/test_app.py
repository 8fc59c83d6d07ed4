"""Pilot tests of the browser: every interaction a person has with it, at 80×24 and 120×40."""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from browser_waits import settle, wait_until
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import ProgressBar

from index import open_index
from index.build.builder import build_index
from tui.app import DiplonewsApp
from tui.screens.browser import RELOAD_OFFER
from tui.screens.building import BuildingScreen
from tui.screens.help import HelpScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.build_bar import BuildBar
from tui.widgets.facet_list import FacetList
from tui.widgets.filter_bar import FilterBar
from tui.widgets.result_list import ResultList
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusLine

SIZES = [(80, 24), (120, 40)]


def async_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test in its own event loop (no pytest-asyncio needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


async def type_query(pilot: Pilot[int], text: str) -> None:
    await pilot.press("slash")
    search = pilot.app.query_one(SearchBar)
    search.value = ""
    await pilot.press(*text)
    await settle(pilot)


def status(app: DiplonewsApp) -> str:
    return app.query_one(StatusLine).message


def results(app: DiplonewsApp) -> list[str]:
    return app.query_one(ResultList).article_ids


def reader_segments(app: DiplonewsApp) -> list[tuple[str, object]]:
    reader = app.query_one(ArticleView)
    return [
        (segment.text, segment.style)
        for y in range(reader.scrollable_content_region.height)
        for segment in reader.render_line(y)
    ]


def jsonl_index(tmp_path: Path, records: list[dict[str, str]]) -> Path:
    """An index of the records, written as one JSON Lines file."""
    articles = tmp_path / "articles"
    articles.mkdir()
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    (articles / "news.jsonl").write_text(lines, encoding="utf-8")
    build_index(tmp_path / "ix", [articles])
    return tmp_path / "ix"


@pytest.fixture()
def dated_index(tmp_path: Path) -> Path:
    """Three articles with dates, written out of date order."""
    records = [
        {"id": "mid", "date": "2016-11-20", "title": "Gặp Tổng thống Nga", "body": "Putin nói."},
        {"id": "old", "date": "2014-11-11", "title": "APEC Bắc Kinh", "body": "Putin và Mỹ."},
        {"id": "new", "date": "2024-11-15", "title": "APEC Peru", "body": "Lima, Peru."},
    ]
    return jsonl_index(tmp_path, records)


# -- the main screen -------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@async_test
async def test_all_four_panes_are_visible(seed_index: Path, size: tuple[int, int]) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen.region
        for widget in (SearchBar, FilterBar, ResultList, ArticleView, FacetList):
            region = app.query_one(widget).region
            assert region.area > 0, widget
            assert screen.contains_region(region), widget
        assert len(results(app)) == 5
        assert app.query_one(ArticleView).document is not None  # the first article is shown
        assert app.query_one(FacetList).entries  # leaders and countries with counts


@async_test
async def test_empty_query_lists_every_article_newest_first(dated_index: Path) -> None:
    app = DiplonewsApp(dated_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert results(app) == ["new", "mid", "old"]
        await type_query(pilot, "Putin")
        assert set(results(app)) == {"mid", "old"}
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await settle(pilot)
        assert results(app) == ["new", "mid", "old"]
        assert "newest first" in str(app.query_one(ResultList).border_title)


@async_test
async def test_typing_updates_the_results(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Putin")
        with open_index(seed_index) as index:
            expected = [hit.id for hit in index.search("Putin", limit=None).hits]
        assert results(app) == expected
        assert 0 < len(expected) < 5
        assert app.query_one(ResultList).border_subtitle == str(len(expected))
        await pilot.press(*" zzzqqq")
        await settle(pilot)
        assert results(app) == []


@pytest.fixture()
def many_index(tmp_path: Path) -> Path:
    """Sixty dated articles: more than a page of results."""
    records = [
        {
            "id": f"a{n:02}",
            "date": f"2017-{1 + n // 28:02}-{1 + n % 28:02}",
            "title": f"Tin {n}",
            "body": f"Hội đàm lần thứ {n}.",
        }
        for n in range(60)
    ]
    return jsonl_index(tmp_path, records)


@async_test
async def test_more_results_load_as_the_cursor_nears_the_end(many_index: Path) -> None:
    app = DiplonewsApp(many_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listed = app.query_one(ResultList)
        first_page = results(app)
        assert len(first_page) < 60
        assert listed.border_subtitle == f"{len(first_page)} of 60"
        await pilot.press(*["j"] * (len(first_page) - 2))  # near the last result shown
        await settle(pilot)
        assert results(app)[: len(first_page)] == first_page
        assert len(first_page) < len(results(app))
        await pilot.press("G")  # the last result of all
        await settle(pilot)
        assert len(results(app)) == 60
        assert listed.border_subtitle == "60"
        assert listed.highlighted_id == results(app)[-1] == "a00"  # the oldest
        await type_query(pilot, "hội đàm")
        assert len(results(app)) == len(first_page)  # a new query starts at one page again


@async_test
async def test_search_runs_debounced_off_the_ui_thread(seed_index: Path, monkeypatch) -> None:
    from tui.widgets import search_bar

    # A pause far longer than the gap between keys the test presses, however busy the machine.
    monkeypatch.setattr(search_bar, "DEBOUNCE_SECONDS", 3.0)
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        searches: list[str] = []
        original = app.browser.run_search

        def counting(query: str, *args: object) -> object:
            searches.append(query)
            return original(query, *args)

        app.browser.run_search = counting  # type: ignore[method-assign]
        await pilot.press("slash", *"Putin")  # typed faster than the debounce
        await settle(pilot)
        assert searches == ["Putin"]
        assert all(w.is_finished for w in app.workers)


@async_test
async def test_query_error_is_one_line_in_the_status_area(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, '"APEC')
        line = app.query_one(StatusLine)
        assert line.has_class("-error")
        assert "quote" in line.message and "\n" not in line.message
        assert len(results(app)) == 5  # the last good results stay
        await pilot.press('"')
        await settle(pilot)
        assert not line.has_class("-error")


# -- keys ------------------------------------------------------------------------------------


@async_test
async def test_q_quits_but_is_text_in_the_search_box(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        assert app.query_one(SearchBar).value == "q"
        assert app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


@pytest.mark.parametrize("size", SIZES)
@async_test
async def test_tab_and_shift_tab_move_between_panes(
    seed_index: Path, size: tuple[int, int]
) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        order = [ResultList, ArticleView, FacetList]
        await pilot.press("slash")
        seen = [type(app.focused)]
        for _ in range(3):
            await pilot.press("tab")
            seen.append(type(app.focused))
        assert seen == [SearchBar, *order]
        backwards = []
        for _ in range(3):
            await pilot.press("shift+tab")
            backwards.append(type(app.focused))
        assert backwards == [ArticleView, ResultList, FacetList]


@async_test
async def test_help_lists_every_key_binding(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {(keys, what) for _title, rows in app.screen.sections for keys, what, _ in rows}
        listed_keys = {(key, what) for keys, what in listed for key in keys.split(" / ")}
        panes = [DiplonewsApp, type(app.get_default_screen()), ResultList, ArticleView, FacetList]
        expected = 0
        for pane in panes:
            for binding in pane.__dict__["BINDINGS"]:  # each class's own
                for key in binding.key.split(","):
                    display = app.get_key_display(binding.with_key(key))
                    assert (display, binding.description) in listed_keys, (display, binding)
                    expected += 1
        assert expected > 30
        text = app.screen.query_one("#help-table").render()
        assert text is not None
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@async_test
async def test_user_keymap_remaps_by_binding_id(seed_index: Path, tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"app.help" = "f1"\n"app.quit" = "ctrl+x"\n', encoding="utf-8")
    app = DiplonewsApp(seed_index, keymap_file=keymap)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("f1", "Help", "app.help") in app.screen.sections[0][1]
        await pilot.press("escape", "q")
        assert app.is_running
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert not app.is_running


@async_test
async def test_footer_shows_the_keys_of_the_focused_pane(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def footer_actions() -> set[str]:
            return {b.binding.action for b in app.screen.active_bindings.values() if b.binding.show}

        assert "select" in footer_actions()  # results: Enter opens
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, FacetList)
        assert {"select", "clear_filters"} <= footer_actions()
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ArticleView)
        assert {"next_entity", "leave", "next_match"} <= footer_actions()


# -- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@async_test
async def test_open_article_highlights_matches_and_n_moves(
    seed_index: Path, size: tuple[int, int]
) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_query(pilot, "Putin")
        await pilot.press("enter")  # to the results, showing the first one
        await settle(pilot)
        assert isinstance(app.focused, ResultList)
        await pilot.press("down", "enter")  # open the second result
        await settle(pilot)
        reader = app.query_one(ArticleView)
        assert isinstance(app.focused, ArticleView)
        assert reader.article_id == results(app)[1]
        matches = [s for s in reader.stops if s.kind == "match"]
        assert matches and all(reader.plain[s.start : s.end] == "Putin" for s in matches)

        await pilot.press("n")
        assert reader.current_stop == matches[0]
        assert status(app).startswith(f"match 1/{len(matches)}")
        highlighted = [t for t, style in reader_segments(app) if style and style.reverse]
        assert "Putin" in highlighted
        await pilot.press("n")
        assert reader.current_stop == matches[1 % len(matches)]
        await pilot.press("N", "N")
        assert reader.current_stop == matches[-1]
        # the reader scrolled to show the current match, marked in the gutter
        line = reader.region_of_current()
        assert line is not None
        top = round(reader.scroll_y)
        assert top <= line.y < top + reader.scrollable_content_region.height
        assert any(t.startswith("▶") for t, _ in reader_segments(app))


@async_test
async def test_enter_then_n_typed_at_once_reaches_the_new_article(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Putin", "enter", "n")  # no pause: the search is still running
        await settle(pilot)
        reader = app.query_one(ArticleView)
        assert reader.article_id == results(app)[0]
        assert reader.current_stop is not None and reader.current_stop.kind == "match"
        assert status(app).startswith("match 1/")


@async_test
async def test_resizes_cleanly(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.query_one(ArticleView)
        for size in [(80, 24), (100, 30), (120, 40), (80, 24)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            screen = app.screen.region
            assert screen.size == size
            for widget in (SearchBar, FilterBar, ResultList, ArticleView, FacetList):
                region = app.query_one(widget).region
                assert region.area > 0 and screen.contains_region(region), (size, widget)
            width = reader.scrollable_content_region.width
            assert all(
                reader.render_line(y).cell_length == width
                for y in range(reader.scrollable_content_region.height)
            )
            assert max(line.text.cell_len for line in reader._lines) <= width - 1


@async_test
async def test_reader_scrolls_with_j_and_k(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ArticleView)
        assert app.focused is reader
        await pilot.press("j", "j", "j")
        assert round(reader.scroll_y) == 3
        await pilot.press("k", "down", "G")
        assert reader.scroll_y == reader.max_scroll_y > 3
        await pilot.press("g")
        assert reader.scroll_y == 0
        await pilot.press("escape")
        assert isinstance(app.focused, ResultList)


@async_test
async def test_entity_status_shows_canonical_name(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Jinchuang")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ArticleView)
        assert reader.article_id == "000_499571635b3814d9"
        said = []
        for _ in [s for s in reader.stops if s.kind == "match"]:
            await pilot.press("n")
            said.append(status(app))
        # the garbled name as written reads as the leader it names
        assert any(
            "leader: Trương Tấn Sang" in line and "Zhang Jinchuang" in line for line in said
        ), said

        # e/E step through the leaders, countries and organisations, each by canonical name
        await pilot.press("tab")
        assert app.focused is reader
        seen = set()
        for _ in range(len([s for s in reader.stops if s.kind != "match"])):
            await pilot.press("e")
            current = reader.current_stop
            assert current is not None and current.kind in {"leader", "country", "organisation"}
            assert f"{current.kind}: {current.name}" in status(app)
            seen.add(current.kind)
        assert seen == {"leader", "country", "organisation"}
        await pilot.press("E")
        assert reader.current_stop is not None and reader.current_stop.kind != "match"


@async_test
async def test_entity_kinds_differ_without_colour(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Putin")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ArticleView)
        styles = {kind: reader._style(kind) for kind in ("match", "leader", "country", "current")}
        attributes = {
            kind: (bool(s.reverse), bool(s.bold), bool(s.italic), bool(s.underline))
            for kind, s in styles.items()
        }
        assert attributes["match"] == (True, False, False, False)
        assert attributes["leader"] == (False, True, False, True)
        assert attributes["country"] == (False, False, True, True)
        assert len(set(attributes.values())) == 4


@async_test
async def test_clicking_an_entity_describes_it(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.query_one(ArticleView)
        entity = next(s for s in reader.stops if s.kind != "match")
        line = reader._line_of(entity.start)
        column = 2 + entity.start - reader._lines[line].start
        content = reader.scrollable_content_region
        await pilot.click(offset=(content.x + column, content.y + line))
        assert reader.current_stop == entity
        assert f"{entity.kind}: {entity.name}" in status(app)


@async_test
async def test_article_text_is_shown_literally(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    record = {
        "id": "tricky",
        "title": "Tiêu đề [bold]đậm[/bold] \x1b[31mđỏ",
        "body": "Thân bài [red]đỏ[/red] và \x1b[31mmàu\x1b[0m Putin.\x07 Hết\u202e.",
    }
    (articles / "tricky.jsonl").write_text(json.dumps(record), encoding="utf-8")
    build_index(tmp_path / "ix", [articles])
    app = DiplonewsApp(tmp_path / "ix")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Putin")
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ArticleView)
        assert "[bold]đậm[/bold]" in reader.plain
        assert "[red]đỏ[/red]" in reader.plain
        assert "␛[31mmàu␛[0m" in reader.plain
        assert "\x07" not in reader.plain and "\u202e" not in reader.plain
        shown = "".join(text for text, _style in reader_segments(app))
        assert "[bold]" in shown and "␛[31m" in shown
        assert "\x1b" not in shown
        title = app.query_one(ResultList).options[0].prompt
        assert "[bold]" in str(title) and "\x1b" not in str(title)
        # offsets stay aligned after sanitising: the match is exactly "Putin"
        matches = [s for s in reader.stops if s.kind == "match"]
        assert [reader.plain[s.start : s.end] for s in matches] == ["Putin"]
        screen = "".join(
            segment.text for strip in app.screen._compositor.render_strips() for segment in strip
        )
        assert "\x1b" not in screen and "[bold]" in screen


# -- facets and filters ----------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@async_test
async def test_facets_filter_combine_and_clear(seed_index: Path, size: tuple[int, int]) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        facets = app.query_one(FacetList)
        first = facets.entries[0]
        await pilot.press("tab", "tab")
        assert app.focused is facets
        await pilot.press("enter")
        await settle(pilot)
        with open_index(seed_index) as index:
            only_first = index.search(**{f"{first.kind}s": [first.id]}, limit=None)
        assert results(app) == [hit.id for hit in only_first.hits]
        assert len(results(app)) < 5
        bar = str(app.query_one(FilterBar).render())
        assert f"{first.kind} {first.name} ×" in bar

        # a second facet combines with the first (AND)
        second = next(e for e in facets.entries if e != first)
        facets.highlight_entry(second)
        await pilot.press("enter")
        await settle(pilot)
        assert app.browser.filters == [first, second]
        with open_index(seed_index) as index:
            both = index.search(
                leaders=[f.id for f in app.browser.filters if f.kind == "leader"],
                countries=[f.id for f in app.browser.filters if f.kind == "country"],
                limit=None,
            )
        assert results(app) == [hit.id for hit in both.hits]
        bar = str(app.query_one(FilterBar).render())
        assert first.name in bar and second.name in bar

        # selecting an active one again clears it
        facets.highlight_entry(first)
        await pilot.press("enter")
        await settle(pilot)
        assert app.browser.filters == [second]

        # one key clears them all
        await pilot.press("x")
        await settle(pilot)
        assert app.browser.filters == []
        assert len(results(app)) == 5
        assert "none" in str(app.query_one(FilterBar).render())


@async_test
async def test_x_in_facets_clears_and_click_filters(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        facets = app.query_one(FacetList)
        first = facets.entries[0]
        # the mouse works too: click the first entry (line 1, under the "Leaders" heading)
        await pilot.click(FacetList, offset=(4, 2))
        await settle(pilot)
        assert app.browser.filters == [first]
        await pilot.click(FacetList, offset=(4, 2))  # the same entry again: off
        await settle(pilot)
        assert app.browser.filters == []
        facets.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.browser.filters
        await pilot.press("x")
        await settle(pilot)
        assert app.browser.filters == []

        # the × after a filter in the filter line drops that filter
        second = facets.entries[1]
        app.browser.set_filters([first, second])
        await settle(pilot)
        line = str(app.query_one(FilterBar).render())
        cross = line.index("×", line.index(second.name))
        await pilot.click(FilterBar, offset=(1 + cross, 0))  # 1: the bar's left padding
        await settle(pilot)
        assert app.browser.filters == [first]


# -- the command palette, rebuilding and reloading -------------------------------------------


async def run_command(pilot: Pilot[int], title: str) -> None:
    """Open the palette, type `title`, wait for the best match, and run it."""
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await pilot.press(*title)
    commands = pilot.app.screen.query_one(CommandList)
    await wait_until(pilot, lambda: commands.option_count > 0)
    if commands.highlighted is None:
        await pilot.press("down")

    def best_match_is_title() -> bool:  # every provider has answered
        highlighted = commands.highlighted_option if commands.highlighted is not None else None
        return highlighted is not None and title in str(highlighted.prompt)

    await wait_until(pilot, best_match_is_title, timeout=10)
    await pilot.press("enter")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, CommandPalette))
    await pilot.pause()


@async_test
async def test_palette_search_and_theme(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        theme = app.theme
        await run_command(pilot, "Toggle theme")
        assert app.theme != theme
        await run_command(pilot, "Toggle theme")
        assert app.theme == theme
        await run_command(pilot, "Search")
        assert isinstance(app.focused, SearchBar)


@async_test
async def test_palette_jumps_to_a_facet(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_command(pilot, "Filter by leader: Trương Tấn Sang")
        await settle(pilot)
        assert [(f.kind, f.id) for f in app.browser.filters] == [("leader", "truong-tan-sang")]
        hits = app.browser.result.hits
        assert all(any(ref.id == "truong-tan-sang" for ref in hit.leaders) for hit in hits)


@async_test
async def test_palette_rebuild_shows_progress_then_offers_reload(
    tmp_path: Path, seeds_copy: Path
) -> None:
    build_index(tmp_path / "ix", [seeds_copy])
    app = DiplonewsApp(tmp_path / "ix", poll_seconds=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.query_one(ArticleView)
        shown = reader.article_id
        bar = app.query_one(BuildBar)
        calls: list[tuple[str, object]] = []
        for name in ("start", "advance", "finish"):
            method = getattr(bar, name)

            def record(*args: object, _name: str = name, _method: Any = method) -> None:
                calls.append((_name, args[0] if args else None))
                _method(*args)

            setattr(bar, name, record)
        await run_command(pilot, "Rebuild the index from scratch")
        await wait_until(pilot, lambda: app.browser.reload_offered)
        names = [name for name, _arg in calls]
        assert names[0] == "start" and names[-1] == "finish"
        updates = [arg for name, arg in calls if name == "advance"]
        indexing = [update for update in updates if update.phase == "indexing"]
        assert indexing and indexing[-1].done == indexing[-1].total == 5
        assert updates[-1].phase == "publishing"
        assert reader.article_id == shown  # the reader kept its article meanwhile
        assert status(app) == RELOAD_OFFER
        # The toast is a message the app handles after the offer is made: wait for it.
        await wait_until(
            pilot, lambda: any(RELOAD_OFFER in n.message for n in app._notifications)
        )
        assert "reload" in {b.binding.action for b in app.screen.active_bindings.values()}
        await pilot.press("r")
        await settle(pilot)
        assert not app.browser.reload_offered
        assert len(results(app)) == 5
        assert reader.article_id == shown


@async_test
async def test_index_rebuilt_outside_offers_reload(tmp_path: Path, seeds_copy: Path) -> None:
    build_index(tmp_path / "ix", [seeds_copy])
    app = DiplonewsApp(tmp_path / "ix", poll_seconds=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.browser.reload_offered
        await pilot.press("r")  # nothing to reload yet: the key does nothing
        assert not app.browser.reload_offered
        (seeds_copy / "005_new.txt").write_text("Bài mới\n\nPutin đến Hà Nội.\n", encoding="utf-8")
        await asyncio.to_thread(build_index, tmp_path / "ix", [seeds_copy])
        await wait_until(pilot, lambda: app.browser.reload_offered, timeout=10)
        assert "press r to reload" in status(app)
        await pilot.press("r")
        await settle(pilot)
        assert len(results(app)) == 6


# -- the first run ---------------------------------------------------------------------------


@async_test
async def test_first_run_builds_from_the_bundled_seeds(tmp_path: Path) -> None:
    app = DiplonewsApp(tmp_path / "fresh-index")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BuildingScreen), timeout=10)
        await pilot.pause()
        assert app.screen.query_one(ProgressBar) is not None
        await wait_until(pilot, lambda: not isinstance(app.screen, BuildingScreen), timeout=60)
        await settle(pilot)
        assert len(results(app)) == 5
        assert app.query_one(ArticleView).document is not None


@async_test
async def test_facet_list_shows_the_most_named_and_every_active_filter(
    seed_index: Path, monkeypatch
) -> None:
    from tui.widgets import facet_list

    monkeypatch.setattr(facet_list, "ROWS_PER_KIND", 2)
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        facets = app.query_one(FacetList)
        leaders = [e for e in facets.entries if e.kind == "leader"]
        all_leaders = app.browser.result.facets.leaders
        assert len(all_leaders) > 3
        assert [e.id for e in leaders] == [c.id for c in all_leaders[:2]]
        text = " ".join(
            str(facets.get_option_at_index(i).prompt) for i in range(facets.option_count)
        )
        assert f"Leaders ({len(all_leaders)})" in text
        assert f"{len(all_leaders) - 2} more" in text

        # a filter picked from further down (the palette) stays listed, ticked
        last = all_leaders[-1]
        app.browser.toggle_filter(facet_list.Filter("leader", last.id, last.name))
        await settle(pilot)
        assert last.id in [e.id for e in facets.entries if e.kind == "leader"]


@async_test
async def test_an_index_of_an_older_version_is_rebuilt_from_its_sources(
    tmp_path: Path, seeds_copy: Path
) -> None:
    from index.engine.store import META_FILE, current_generation

    next(seeds_copy.glob("*.txt")).unlink()  # four articles: not the bundled five
    build_index(tmp_path / "ix", [seeds_copy])
    meta_file = current_generation(tmp_path / "ix") / META_FILE
    meta_file.write_text(json.dumps({"schema": 1}), encoding="utf-8")
    app = DiplonewsApp(tmp_path / "ix")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, BuildingScreen), timeout=10)
        building = app.screen  # the build may be over by the next frame: keep the screen
        assert isinstance(building, BuildingScreen)
        assert "rebuild needed" in building.reason
        await wait_until(pilot, lambda: not isinstance(app.screen, BuildingScreen), timeout=60)
        await settle(pilot)
        assert len(results(app)) == 4


@async_test
async def test_two_browsers_on_one_index_keep_working_while_another_process_builds(
    tmp_path: Path, seeds_copy: Path
) -> None:
    import subprocess
    import sys

    build_index(tmp_path / "ix", [seeds_copy])
    queries = ("Putin", "Putin Hà Nội")
    with open_index(tmp_path / "ix") as index:
        before = {query: index.search(query).total for query in queries}
    for number in range(60):
        (seeds_copy / f"new{number:03}.txt").write_text(
            f"Tin {number}\n\nPutin gặp Thủ tướng tại Hà Nội.\n", encoding="utf-8"
        )
    repo = Path(__file__).resolve().parent.parent
    first = DiplonewsApp(tmp_path / "ix", poll_seconds=0.1)
    second = DiplonewsApp(tmp_path / "ix", poll_seconds=0.1)
    async with first.run_test(size=(80, 24)) as one, second.run_test(size=(80, 24)) as two:
        await settle(one)
        await settle(two)
        build = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tui.cli",
                "--index-dir",
                str(tmp_path / "ix"),
                "index",
                "build",
            ],
            cwd=repo,
        )
        searched = 0
        while build.poll() is None or searched < 2:
            for app, pilot in ((first, one), (second, two)):
                query = queries[searched % 2]
                await type_query(pilot, query)
                assert app.browser.result.total == before[query]  # the index they opened
            searched += 1
        assert build.wait() == 0
        for app, pilot in ((first, one), (second, two)):
            await wait_until(pilot, lambda app=app: app.browser.reload_offered, timeout=10)
            await pilot.press("escape", "r")  # from the search box to the results, reload
            await settle(pilot)
            await type_query(pilot, "Putin")
            assert app.browser.result.total == before["Putin"] + 60
