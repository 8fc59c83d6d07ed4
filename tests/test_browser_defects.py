"""Pilot tests of the browser's defects found by using it (issue 15): each failed before its fix."""

from __future__ import annotations

from pathlib import Path

from browser_waits import settle, wait_until
from test_app import async_test, jsonl_index, results, status, type_query

from tui.app import DiplonewsApp
from tui.widgets.article_view import ArticleView
from tui.widgets.facet_list import FacetList
from tui.widgets.result_list import ResultList
from tui.widgets.search_bar import SearchBar


@async_test
async def test_slash_is_text_in_the_search_box(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ngay 28/4")
        assert app.query_one(SearchBar).value == "ngay 28/4"
        await pilot.press("escape", "slash")
        assert isinstance(app.focused, SearchBar)


@async_test
async def test_enter_opens_the_first_result_of_the_typed_query(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")  # the cursor on the fourth result
        await pilot.press("slash", "enter")
        await settle(pilot)
        listed = app.query_one(ResultList)
        assert listed.highlighted == 0
        assert app.query_one(ArticleView).article_id == results(app)[0]


@async_test
async def test_enter_ignores_results_of_an_older_query(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Putin")
        await settle(pilot)
        await pilot.press("down", "down")
        await pilot.press("slash", "ctrl+u", *"APEC", "enter")
        await settle(pilot)
        assert app.browser.result is not None and app.browser.result.query == "APEC"
        assert app.query_one(ArticleView).article_id == results(app)[0]


@async_test
async def test_facet_cursor_follows_its_entity_or_goes_to_the_top(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        facets = app.query_one(FacetList)
        facets.focus()
        for _ in range(12):
            await pilot.press("j")
        before = facets.entries[0]
        chosen = facets._entry_at(facets.highlighted)
        assert chosen is not None and chosen != before
        await type_query(pilot, "zzzqqq")  # no leader left
        await type_query(pilot, "")
        facets.focus()
        await pilot.pause()
        top = facets._entry_at(facets.highlighted)
        assert top == facets.entries[0]
        assert facets.scroll_offset.y <= facets.highlighted


@async_test
async def test_facet_cursor_is_visible_after_the_list_changes(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        facets = app.query_one(FacetList)
        facets.focus()
        for _ in range(12):
            await pilot.press("j")
        chosen = facets._entry_at(facets.highlighted)
        await type_query(pilot, " ")  # the same articles, so the same facets
        assert facets._entry_at(facets.highlighted) == chosen
        await pilot.pause()
        top = facets.scroll_offset.y
        assert top <= facets.highlighted < top + facets.scrollable_content_region.height


@async_test
async def test_G_goes_to_the_very_last_result(tmp_path: Path) -> None:
    records = [
        {"id": f"a{n:02}", "date": f"2017-01-{1 + n % 28:02}", "title": f"Tin {n}", "body": "x"}
        for n in range(60)
    ]
    app = DiplonewsApp(jsonl_index(tmp_path, records))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(results(app)) < 60
        await pilot.press("G")
        await settle(pilot)
        listed = app.query_one(ResultList)
        assert len(results(app)) == 60
        assert listed.highlighted == 59


@async_test
async def test_wording_is_singular_for_one(tmp_path: Path) -> None:
    body = "Putin gặp Tập Cận Bình. Tập Cận Bình đáp."
    records = [{"id": "one", "title": "Gặp gỡ", "body": body}]
    app = DiplonewsApp(jsonl_index(tmp_path, records))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Putin")
        assert "1 article found" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "1 article found" in status(app)  # not replaced by the article's summary
        said = str(app.query_one(ArticleView).border_subtitle)
        assert said.startswith("1 match "), said
        reader = app.query_one(ArticleView)
        named = {s.name for s in reader.stops if s.kind != "match"}
        mentions = [s for s in reader.stops if s.kind != "match"]
        assert len(mentions) > len(named)
        assert f"{len(named)} named" in str(reader.border_subtitle)


@async_test
async def test_footer_last_cell_is_clean_at_80_columns(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            last = _last_line(app).rstrip()
            assert last.endswith("^p Commands"), last


def _last_line(app: DiplonewsApp) -> str:
    from textual.strip import Strip

    lines: list[Strip] = app.screen._compositor.render_strips()
    return lines[-1].text


@async_test
async def test_help_shows_binding_ids_beside_keys(seed_index: Path) -> None:
    from tui.screens.help import HelpScreen

    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = [row for _title, section in app.screen.sections for row in section]
        assert ("?", "Help", "app.help") in rows
        assert any(ids == "app.next_entity" for _keys, _what, ids in rows)


@async_test
async def test_bad_keymap_entries_are_named_in_one_line(seed_index: Path, tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text(
        '[keymap]\n"app.nxt_match" = "ctrl+n"\n"app.help" = "ctrl+nope"\n', encoding="utf-8"
    )
    app = DiplonewsApp(seed_index, keymap_file=keymap)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = status(app)
        assert "app.nxt_match" in said and "ctrl+nope" in said, said
        await pilot.press("question_mark")  # a bad key leaves the default
        await pilot.pause()
        assert app.screen is not app.browser


@async_test
async def test_hints_show_remapped_keys(seed_index: Path, tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text(
        '[keymap]\n"app.next_match" = "ctrl+n"\n"app.next_entity" = "f5"\n', encoding="utf-8"
    )
    app = DiplonewsApp(seed_index, keymap_file=keymap)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Putin")
        await pilot.press("enter")
        await settle(pilot)
        hint = str(app.query_one(ArticleView).border_subtitle)
        assert "(^n/N)" in hint and "(f5/E)" in hint, hint
        assert "(n/N)" not in hint


@async_test
async def test_a_filter_that_removes_the_open_article_replaces_it(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.query_one(ArticleView)
        opened = reader.article_id
        facets = app.query_one(FacetList)
        with_opened = app.browser.session.index
        assert with_opened is not None
        document = with_opened.document(str(opened))
        assert document is not None
        named = {ref.id for ref in document.leaders + document.countries}
        elsewhere = next(entry for entry in facets.entries if entry.id not in named)
        app.browser.set_filters([elsewhere])
        await settle(pilot)
        assert opened not in results(app)
        assert reader.article_id in (results(app)[:1] or [None])


@async_test
async def test_a_query_that_matches_nothing_empties_the_reader(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.query_one(ArticleView)
        assert reader.document is not None
        await type_query(pilot, "zzqxv")
        assert results(app) == []
        assert reader.document is None


@async_test
async def test_escape_in_facets_goes_back_and_x_clears_undoably(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        facets = app.query_one(FacetList)
        facets.focus()
        await pilot.press("enter")
        await settle(pilot)
        chosen = list(app.browser.filters)
        assert chosen
        await pilot.press("escape")
        await settle(pilot)
        assert app.browser.filters == chosen
        assert isinstance(app.focused, ResultList)
        await pilot.press("shift+tab", "x")
        await settle(pilot)
        assert app.browser.filters == []
        await pilot.press("u")
        await settle(pilot)
        assert app.browser.filters == chosen


@async_test
async def test_e_works_from_the_results(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Putin")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, ResultList)
        await pilot.press("e")
        stop = app.query_one(ArticleView).current_stop
        assert stop is not None and stop.kind in {"leader", "country"}
        assert isinstance(app.focused, ResultList)


@async_test
async def test_tab_cycles_the_panes_without_the_search_box(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = [type(app.focused)]
        for _ in range(3):
            await pilot.press("tab")
            seen.append(type(app.focused))
        assert seen == [ResultList, ArticleView, FacetList, ResultList]
        await pilot.press("j")
        assert app.query_one(SearchBar).value == ""
        await pilot.press("shift+tab")
        assert isinstance(app.focused, FacetList)
        await pilot.press("slash", "shift+tab")
        assert isinstance(app.focused, FacetList)


async def palette_titles(pilot, typed: str) -> list[str]:  # type: ignore[no-untyped-def]
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await pilot.press(*typed)
    commands = pilot.app.screen.query_one(CommandList)
    await wait_until(pilot, lambda: commands.option_count > 0)
    group = CommandPalette._GATHER_COMMANDS_GROUP

    def gathered() -> bool:
        return all(w.is_finished for w in pilot.app.workers if w.group == group)

    await wait_until(pilot, gathered)
    await pilot.pause()
    titles = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
    await pilot.press("escape")
    return titles


@async_test
async def test_palette_offers_removing_an_active_filter(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.query_one(FacetList).entries[0]
        app.browser.set_filters([first])
        await settle(pilot)
        titles = await palette_titles(pilot, first.name)
        assert any(t.startswith(f"Remove filter: {first.name}") for t in titles), titles
        assert not any(f": {first.name}" in t and t.startswith("Filter by") for t in titles)


@async_test
async def test_palette_matches_names_without_diacritics(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = await palette_titles(pilot, "tap can binh")
        assert any("Filter by leader: Tập Cận Bình" in t for t in titles), titles


@async_test
async def test_palette_offers_entities_beyond_the_results(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "Putin")
        shown = {f.name for f in app.query_one(FacetList).entries}
        index = app.browser.session.index
        assert index is not None
        elsewhere = next(e.name for e in index.entities("leader") if e.name not in shown)
        titles = await palette_titles(pilot, elsewhere)
        assert any(f"Filter by leader: {elsewhere}" in t for t in titles), titles


@async_test
async def test_palette_lists_the_app_commands_before_filters(seed_index: Path) -> None:
    app = DiplonewsApp(seed_index)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = await palette_titles(pilot, "")
        assert not any(t.startswith("Filter by") for t in titles[:8]), titles
        assert any(t.startswith("Rebuild") for t in titles)
