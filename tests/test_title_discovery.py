"""Leaders the gazetteer lacks, found from the title before their name."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import build_index, open_index
from index.entities import EntityMatcher, load_gazetteer


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    gazetteer, _ = load_gazetteer()
    return EntityMatcher.from_gazetteer(gazetteer)


def discovered(matcher: EntityMatcher, body: str) -> dict[str, tuple[str, str, str]]:
    tagged = matcher.tag("", body, year=2020)
    return {k: (v.name, v.country, v.roles[0].role) for k, v in tagged.discovered.items()}


def test_a_foreign_minister_with_role_and_country(matcher: EntityMatcher) -> None:
    found = discovered(matcher, "Ngoại trưởng Ba Lan Zbigniew Kowalczykowski cho biết.")
    assert found == {
        "x-zbigniew-kowalczykowski": ("Zbigniew Kowalczykowski", "PL", "Ngoại trưởng")
    }


def test_a_minister_with_a_ministry(matcher: EntityMatcher) -> None:
    found = discovered(matcher, "Bộ trưởng Quốc phòng Úc Marisella Paynter thăm Hà Nội.")
    assert found == {"x-marisella-paynter": ("Marisella Paynter", "AU", "Bộ trưởng Quốc phòng")}


def test_one_entity_per_person_and_repeats_without_title(matcher: EntityMatcher) -> None:
    body = (
        "Thủ tướng Estonia Kaarel Tammsaarik tới Hà Nội. Kaarel Tammsaarik nói thêm."
    )
    tagged = matcher.tag("", body, year=2020)
    assert [m.id for m in tagged.body if m.kind == "leader"] == ["x-kaarel-tammsaarik"] * 2
    again = matcher.tag("", "Thủ tướng Kaarel Tammsaarik phát biểu.", year=2021)
    assert set(again.discovered) == {"x-kaarel-tammsaarik"}


def test_a_known_leader_is_never_discovered(matcher: EntityMatcher) -> None:
    assert discovered(matcher, "Tổng thống Nga Vladimir Putin phát biểu.") == {}
    assert discovered(matcher, "Tổng thống Nga Vladimir V. Putin phát biểu.") == {}


def test_a_garbled_name_that_might_be_known_is_declined(matcher: EntityMatcher) -> None:
    assert discovered(matcher, "Chủ tịch Zhang Jinchong hội đàm.") == {}
    assert discovered(matcher, "Ngoại trưởng Peru Rafael Rồng ký biên bản.") == {}
    body = "Thủ tướng John Key tới. Chủ tịch John Ginz cảm ơn."
    assert discovered(matcher, body) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Chủ tịch UBND tỉnh Nghệ An Nguyễn Đức Trung cho biết.",
        "Chủ tịch Phạm Hữu Lộc phát biểu tại hội nghị tỉnh.",
        "Bộ trưởng Đào Minh Tú cho biết.",
        "Chủ tịch Hội đồng quản trị Phạm Hữu Lộc cho biết.",
        "Chủ tịch Tập đoàn Masan Lưu Quang Khải nói.",
        "Tổng thống Trump",
        "Thủ tướng Mỗi Ngày",
        "Chủ tịch Man Utd Joel Glazer cho biết.",
        "Chủ tịch European Super League tuyên bố.",
        "Thủ tướng Phạm Minh chính và người đồng cấp hội đàm.",
    ],
)
def test_provincial_company_and_bare_roles_make_no_leader(
    matcher: EntityMatcher, text: str
) -> None:
    assert discovered(matcher, text) == {}


def test_a_vietnamese_minister_with_a_ministry(matcher: EntityMatcher) -> None:
    found = discovered(matcher, "Bộ trưởng Bộ Y tế Trần Văn Thuấn cho biết.")
    assert found == {"x-tran-van-thuan": ("Trần Văn Thuấn", "VN", "Bộ trưởng Y tế")}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Bộ trưởng Bộ Lao động - Thương binh và Xã hội Đào Văn Dũng cho biết.",
         "Đào Văn Dũng", "Bộ trưởng Lao động - Thương binh và Xã hội"),
        ("Bộ trưởng Bộ TT&TT Trương Minh Tú nói.", "Trương Minh Tú", "Bộ trưởng TT&TT"),
    ],
)
def test_ministries_with_dashes_and_abbreviations(
    matcher: EntityMatcher, text: str, name: str, role: str
) -> None:
    found = discovered(matcher, text)
    assert [(v[0], v[2]) for v in found.values()] == [(name, role)]


def test_a_vietnamese_name_close_to_a_known_one_is_still_somebody(matcher: EntityMatcher) -> None:
    found = discovered(matcher, "Bộ trưởng Y tế Nguyễn Thị Kim Tâm phát biểu.")
    assert [v[0] for v in found.values()] == ["Nguyễn Thị Kim Tâm"]


def test_a_leader_found_from_a_title_is_named_in_facets_and_filters_across_builds(
    tmp_path: Path,
) -> None:
    """The index knows the names of the leaders it found, not only their ids, and an
    incremental build keeps those it found before."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "Thủ tướng Estonia tới Hà Nội\n\nThủ tướng Estonia Kaarel Tammsaarik tới Hà Nội.\n",
        encoding="utf-8",
    )
    index_dir = tmp_path / "index"
    build_index(index_dir, [articles])
    (articles / "b.txt").write_text("Tin khác\n\nHai bên hợp tác kinh tế.\n", encoding="utf-8")
    build_index(index_dir, [articles])
    with open_index(index_dir) as index:
        result = index.search("", leaders=["Kaarel Tammsaarik"])
        assert [hit.id for hit in result.hits] == ["a"]
        assert [(ref.id, ref.name) for ref in result.facets.leaders] == [
            ("x-kaarel-tammsaarik", "Kaarel Tammsaarik")
        ]
