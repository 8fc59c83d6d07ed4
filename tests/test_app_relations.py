"""The browser's relations, driven with Pilot on a made-up corpus: the meetings view, the
timeline above the results, who is named with an entity, and "+N similar"."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from browser_waits import settle, wait_until
from relations_corpus import write_corpus
from textual.pilot import Pilot
from textual.widgets import OptionList, Sparkline

from index.build.builder import build_index
from tui.app import DiplonewsApp
from tui.screens.meetings import MeetingsScreen
from tui.screens.pick_list import PickScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.facet_list import FacetList
from tui.widgets.filter_bar import FilterBar
from tui.widgets.result_list import ResultList
from tui.widgets.timeline_bar import TimelineBar


@pytest.fixture(scope="module")
def relations_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("relations-app")
    build_index(root / "ix", [write_corpus(root / "articles")])
    return root / "ix"


def run_app(index_dir: Path, test, size: tuple[int, int] = (120, 40)) -> None:
    async def main() -> None:
        app = DiplonewsApp(index_dir, keymap_file=index_dir / "no-keymap.toml")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await test(pilot, app)

    asyncio.run(main())


async def focus_facet(pilot: Pilot[int], app: DiplonewsApp, entity_id: str) -> None:
    facets = app.query_one(FacetList)
    facets.focus()
    await pilot.pause()
    wanted = next(e for e in facets.entries if e.id == entity_id)
    facets.highlight_entry(wanted)
    await pilot.pause()


def test_the_timeline_shows_above_the_results_with_its_range(relations_index) -> None:
    async def check(pilot: Pilot[int], app: DiplonewsApp) -> None:
        bar = app.query_one(TimelineBar)
        await wait_until(pilot, lambda: bool(bar.periods))
        assert bar.range_text == "2017-01 … 2017-07, peak 2 (2017-03)"
        assert list(app.query_one(Sparkline).data or []) == [1, 0, 2, 1, 0, 0, 2]
        assert bar.region.y < app.query_one(ResultList).region.y
        await pilot.press("slash", *"thượng đỉnh", "escape")
        await settle(pilot)
        await wait_until(pilot, lambda: bar.periods[0][0] == "2017-07-02")
        assert bar.range_text.startswith("2017-07-02 … 2017-07-03")

    run_app(relations_index, check)


def test_meetings_view_opens_the_article_at_the_sentence_and_escape_goes_back(
    relations_index,
) -> None:
    async def check(pilot: Pilot[int], app: DiplonewsApp) -> None:
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        screen = app.screen
        assert isinstance(screen, MeetingsScreen)
        assert [m.article for m in screen.meetings] == [
            "talks-moscow",
            "reception-hanoi",
            "call-beijing",
        ]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, MeetingsScreen))
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        await pilot.press("j", "enter")
        reader = app.query_one(ArticleView)
        await wait_until(pilot, lambda: reader.article_id == "reception-hanoi")
        assert reader.has_focus
        meeting = screen.meetings[1].meeting
        start = reader.plain.index(meeting.sentence)
        spans = reader._text.spans
        assert any(s.start == start and s.end == start + len(meeting.sentence) for s in spans)

    run_app(relations_index, check)


def test_a_leader_in_the_facet_list_shows_his_meetings(relations_index) -> None:
    async def check(pilot: Pilot[int], app: DiplonewsApp) -> None:
        await focus_facet(pilot, app, "vladimir-putin")
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        screen = app.screen
        assert isinstance(screen, MeetingsScreen)
        assert screen.heading == "Meetings of Vladimir Putin"
        assert [m.article for m in screen.meetings] == ["talks-moscow", "call-beijing"]

    run_app(relations_index, check)


def test_co_mentions_are_listed_and_one_becomes_a_filter(relations_index) -> None:
    async def check(pilot: Pilot[int], app: DiplonewsApp) -> None:
        await focus_facet(pilot, app, "vladimir-putin")
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen))
        picker = app.screen
        assert isinstance(picker, PickScreen)
        assert [value.id for _label, value in picker.rows][:2] == ["RU", "tran-dai-quang"]
        await pilot.press("j", "enter")
        await settle(pilot)
        assert [(f.kind, f.id) for f in app.browser.filters] == [("leader", "tran-dai-quang")]
        assert app.query_one(FilterBar).display

    run_app(relations_index, check)


def test_similar_articles_are_marked_and_listed(relations_index) -> None:
    async def check(pilot: Pilot[int], app: DiplonewsApp) -> None:
        results = app.query_one(ResultList)
        await wait_until(pilot, lambda: bool(results.story_sizes))
        index = results.article_ids.index("summit-report-a")
        prompt = results.get_option_at_index(index).prompt
        assert "+1 similar" in str(prompt)
        results.focus()
        results.highlighted = index
        await pilot.press("plus")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen))
        picker = app.screen
        assert isinstance(picker, PickScreen)
        assert [value for _label, value in picker.rows] == ["summit-report-b"]
        await pilot.press("enter")
        reader = app.query_one(ArticleView)
        await wait_until(pilot, lambda: reader.article_id == "summit-report-b")
        assert isinstance(app.screen.query_one(OptionList), ResultList)

    run_app(relations_index, check)


def test_the_meetings_view_follows_the_query(relations_index) -> None:
    async def check(pilot: Pilot[int], app: DiplonewsApp) -> None:
        await pilot.press("slash", *"điện đàm", "escape")
        await settle(pilot)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        screen = app.screen
        assert isinstance(screen, MeetingsScreen)
        assert screen.heading == "Meetings · “điện đàm”"
        assert [m.article for m in screen.meetings] == ["call-beijing"]

    run_app(relations_index, check, size=(80, 24))
