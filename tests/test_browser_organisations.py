"""Organisations in the browser: a facet section with counts, filtering, the palette, the reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_waits import settle
from test_app import async_test, jsonl_index, reader_segments, results

from tui.app import DiplonewsApp
from tui.widgets.article_view import ArticleView
from tui.widgets.facet_list import FacetList, Filter
from tui.widgets.filter_bar import FilterBar


@pytest.fixture()
def org_index(tmp_path: Path) -> Path:
    records = [
        {
            "id": "asean",
            "date": "2020-03-01",
            "title": "Hội nghị ASEAN khai mạc",
            "body": "Hội nghị ASEAN bàn về thương mại. Tổng thư ký Liên Hợp Quốc phát biểu.",
        },
        {"id": "who", "date": "2020-02-01", "title": "Cảnh báo", "body": "WHO cảnh báo dịch."},
        {"id": "none", "date": "2020-01-01", "title": "Tin nhanh", "body": "Hà Nội mưa lớn."},
    ]
    return jsonl_index(tmp_path, records)


@async_test
async def test_the_facet_list_has_organisations_and_filters_by_one(org_index: Path) -> None:
    app = DiplonewsApp(org_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        facets = app.query_one(FacetList)
        prompts = [str(facets.get_option_at_index(i).prompt) for i in range(facets.option_count)]
        assert "Organisations (3)" in prompts
        entry = next(e for e in facets.entries if e.id == "who")
        assert entry == Filter("organisation", "who", "Tổ chức Y tế Thế giới")
        await pilot.press("tab", "tab")
        facets.highlight_entry(entry)
        await pilot.press("enter")
        await settle(pilot)
        assert results(app) == ["who"]
        assert "organisation Tổ chức Y tế Thế giới ×" in str(app.query_one(FilterBar).render())


@async_test
async def test_the_palette_offers_organisation_filters(org_index: Path) -> None:
    app = DiplonewsApp(org_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        offered = app.browser.session.entities()
        assert ("organisation", "asean") in {(kind, f.id) for kind, f in offered}


@async_test
async def test_the_reader_styles_organisations_and_e_steps_to_them(org_index: Path) -> None:
    app = DiplonewsApp(org_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reader = app.query_one(ArticleView)
        assert reader.article_id == "asean"
        assert "Organisations: ASEAN, Liên Hợp Quốc" in reader.plain
        styled = [(text, style) for text, style in reader_segments(app) if "ASEAN" in text]
        assert any(s is not None and s.overline and s.underline for _, s in styled)
        await pilot.press("e")
        await settle(pilot)
        current = reader.current_stop
        assert current is not None and current.kind == "organisation"
        assert "ASEAN" in reader.stop_description(current)
