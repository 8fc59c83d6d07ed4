"""Pilot tests of the browser's sort toggle and date-range filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_waits import settle
from test_app import async_test, jsonl_index, results, status, type_query
from textual.widgets import Input

from tui.app import DiplonewsApp
from tui.screens.name_prompt import NamePrompt
from tui.widgets.filter_bar import FilterBar


@pytest.fixture()
def dated_index(tmp_path: Path) -> Path:
    records = [
        {"id": "a", "date": "2020-03-01", "title": "APEC Lima", "body": "APEC APEC APEC."},
        {"id": "b", "date": "2019-05-02", "title": "APEC Đà Nẵng", "body": "Hội nghị."},
        {"id": "c", "title": "Tin không ngày", "body": "APEC năm nay."},
    ]
    return jsonl_index(tmp_path, records)


def filter_line(app: DiplonewsApp) -> str:
    return str(app.query_one(FilterBar).render())


@async_test
async def test_s_cycles_relevance_newest_oldest(dated_index: Path) -> None:
    app = DiplonewsApp(dated_index)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_query(pilot, "APEC")
        await pilot.press("escape", "s")
        await settle(pilot)
        assert results(app) == ["a", "b", "c"]
        assert "sort newest" in filter_line(app)
        await pilot.press("s")
        await settle(pilot)
        assert results(app) == ["b", "a", "c"]
        assert "sort oldest" in filter_line(app)
        await pilot.press("s")
        await settle(pilot)
        assert "sort" not in filter_line(app)
        assert sorted(results(app)) == ["a", "b", "c"]


@async_test
async def test_d_sets_and_drops_a_date_range(dated_index: Path) -> None:
    app = DiplonewsApp(dated_index)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "d")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        await pilot.press(*"..2019", "enter")
        await settle(pilot)
        assert results(app) == ["b"]
        assert "date ..2019" in filter_line(app)
        await pilot.press("d")
        await settle(pilot)
        assert app.screen.query_one(Input).value == "..2019"
        app.screen.query_one(Input).value = "2020"
        await pilot.press("enter")
        await settle(pilot)
        assert results(app) == ["a"]
        assert "date 2020" in filter_line(app)
        app.query_one(FilterBar).action_remove(0)  # its ×
        await settle(pilot)
        assert results(app) == ["a", "b", "c"]
        assert "date" not in filter_line(app)


@async_test
async def test_a_bad_date_range_is_said_in_the_status_line(dated_index: Path) -> None:
    app = DiplonewsApp(dated_index)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "d")
        await settle(pilot)
        await pilot.press(*"soon", "enter")
        await settle(pilot)
        assert "bad date" in status(app)
        await pilot.press("u")
        await settle(pilot)
        assert results(app) == ["a", "b", "c"]
