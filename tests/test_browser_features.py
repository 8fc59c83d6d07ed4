"""Pilot tests of the browser's features for analysts (issue 15): dates, links, reading, memory,
export."""

from __future__ import annotations

import json
import webbrowser
from pathlib import Path

import pytest
from browser_waits import settle, wait_until
from test_app import async_test, jsonl_index, reader_segments, results, status, type_query

from tui.app import DiplonewsApp
from tui.user_state import UserState
from tui.widgets.article_view import ArticleView
from tui.widgets.result_list import ResultList
from tui.widgets.search_bar import SearchBar

URL = "https://dantri.com.vn/the-gioi/apec.htm"


@pytest.fixture()
def linked_index(tmp_path: Path) -> Path:
    """Three articles: two with a web address and a date, one with neither."""
    body = "Putin gặp Tập Cận Bình tại APEC. " * 40
    records = [
        {"id": "a", "date": "2020-03-01", "title": "APEC Lima", "body": body, "url": URL},
        {
            "id": "b",
            "date": "2019-05-02",
            "title": "APEC Đà Nẵng",
            "body": "APEC năm nay.",
            "url": "https://example.org/b",
        },
        {"id": "c", "title": "Tin APEC không ngày", "body": "APEC."},
    ]
    return jsonl_index(tmp_path, records)


def reader_text(app: DiplonewsApp) -> str:
    return app.query_one(ArticleView).plain


@async_test
async def test_dates_in_results_and_reader_undated_marked(linked_index: Path) -> None:
    app = DiplonewsApp(linked_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listed = app.query_one(ResultList)
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(3)]
        assert "2020-03-01" in prompts[0]
        assert any("undated" in p for p in prompts)
        assert "2020-03-01" in reader_text(app)
        await pilot.press("G", "enter")
        await settle(pilot)
        assert app.query_one(ArticleView).article_id == "c"
        assert "undated" in reader_text(app).splitlines()[1]


@async_test
async def test_url_is_a_hyperlink_in_the_reader_header(linked_index: Path) -> None:
    app = DiplonewsApp(linked_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert URL in reader_text(app)
        links = [style.link for text, style in reader_segments(app) if style and style.link]
        assert URL in links


@async_test
async def test_o_opens_the_url_off_the_ui_thread(linked_index: Path, monkeypatch) -> None:
    import threading

    opened: list[tuple[str, bool]] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        opened.append((url, threading.current_thread() is threading.main_thread()))
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    app = DiplonewsApp(linked_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await wait_until(pilot, lambda: bool(opened))
        assert opened == [(URL, False)]


@async_test
async def test_a_failing_browser_is_one_line(linked_index: Path, monkeypatch) -> None:
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: False)
    app = DiplonewsApp(linked_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await wait_until(pilot, lambda: "Could not open" in status(app))
        assert "\n" not in status(app)


@async_test
async def test_y_copies_the_url_and_Y_the_article(linked_index: Path) -> None:
    app = DiplonewsApp(linked_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == URL
        await pilot.press("Y")
        assert app.clipboard.startswith("APEC Lima\n\nPutin gặp")
        await pilot.press("G", "enter")
        await settle(pilot)
        await pilot.press("y")
        assert "no web address" in status(app)


@async_test
async def test_next_and_previous_article_from_the_reader(linked_index: Path) -> None:
    app = DiplonewsApp(linked_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ArticleView)
        assert app.focused is reader
        order = results(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert reader.article_id == order[1] and app.focused is reader
        assert app.query_one(ResultList).highlighted == 1
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert reader.article_id == order[0]


@async_test
async def test_z_maximises_the_focused_pane_and_back(linked_index: Path) -> None:
    app = DiplonewsApp(linked_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        reader = app.query_one(ArticleView)
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is reader
        assert reader.region.width > 70
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.maximized is None


@async_test
async def test_reader_header_shows_the_position(linked_index: Path) -> None:
    app = DiplonewsApp(linked_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        reader = app.query_one(ArticleView)
        assert str(reader.border_subtitle).endswith("0%")
        await pilot.press("G")
        await wait_until(pilot, lambda: str(reader.border_subtitle).endswith("100%"))


def user_state(tmp_path: Path) -> UserState:
    return UserState.at(tmp_path / "state", tmp_path / "config")


@async_test
async def test_search_history_with_up_and_down_across_runs(
    linked_index: Path, tmp_path: Path
) -> None:
    app = DiplonewsApp(linked_index, state=user_state(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for query in ("APEC", "Putin"):
            await type_query(pilot, query)
            await pilot.press("enter")
            await settle(pilot)
    app = DiplonewsApp(linked_index, state=user_state(tmp_path))  # the next run
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.query_one(SearchBar)
        await pilot.press("slash", "up")
        assert box.value == "Putin"
        await pilot.press("up")
        assert box.value == "APEC"
        await pilot.press("down")
        assert box.value == "Putin"
        await pilot.press("down")
        assert box.value == ""


@async_test
async def test_saved_search_is_listed_with_its_count(linked_index: Path, tmp_path: Path) -> None:
    from test_app import run_command

    app = DiplonewsApp(linked_index, state=user_state(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "APEC Lima")
        await run_command(pilot, "Save this search as")
        await pilot.press("ctrl+u", *"lima")
        await pilot.press("enter")
        await pilot.pause()
        assert "Saved this search" in status(app)
        saved = json.loads((tmp_path / "config" / "saved-searches.json").read_text("utf-8"))
        assert saved == [{"name": "lima", "query": "APEC Lima", "filters": []}]
    app = DiplonewsApp(linked_index, state=user_state(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_command(pilot, "Saved search: lima")
        await settle(pilot)
        assert app.query_one(SearchBar).value == "APEC Lima"
        assert results(app) == ["a"]


@async_test
async def test_theme_is_remembered(linked_index: Path, tmp_path: Path) -> None:
    app = DiplonewsApp(linked_index, state=user_state(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.theme
        app.action_toggle_theme()
        await pilot.pause()
        chosen = app.theme
        assert chosen != first
    app = DiplonewsApp(linked_index, state=user_state(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == chosen


@async_test
async def test_export_writes_every_result_and_says_where(tmp_path: Path, monkeypatch) -> None:
    from test_app import run_command

    records = [
        {"id": f"a{n:02}", "date": "2017-01-01", "title": f"Tin {n}", "body": "APEC."}
        for n in range(60)
    ]
    app = DiplonewsApp(jsonl_index(tmp_path, records))
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "APEC")
        assert len(results(app)) < 60
        await run_command(pilot, "Export these results")
        await wait_until(pilot, lambda: "Wrote" in status(app))
        written = list(out.glob("*.jsonl"))
        assert len(written) == 1
        assert str(written[0]) in status(app) and "60 articles" in status(app)
        lines = written[0].read_text("utf-8").splitlines()
        assert len(lines) == 60 and json.loads(lines[0])["id"].startswith("a")
