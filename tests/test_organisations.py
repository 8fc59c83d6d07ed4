"""Organisations as the third entity kind: names, abbreviations in capitals, weak abbreviations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.build.annotate import Annotator
from index.entities import EntityMatcher, load_gazetteer
from index.ingest.articles import Article


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    gazetteer, _ = load_gazetteer()
    return EntityMatcher.from_gazetteer(gazetteer)


def organisations(matcher: EntityMatcher, body: str) -> list[str]:
    _, in_body = matcher.find("", body, year=2020)
    return [m.id for m in in_body if m.kind == "organisation"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Liên Hợp Quốc kêu gọi ngừng bắn.", ["un"]),
        ("Liên hợp quốc kêu gọi ngừng bắn.", ["un"]),
        ("Tổng thư ký LHQ phát biểu.", ["un"]),
        ("Hiệp hội các quốc gia Đông Nam Á (ASEAN) họp.", ["asean", "asean"]),
        ("Tổ chức Y tế Thế giới (WHO) cảnh báo.", ["who", "who"]),
        ("Ngân hàng Thế giới (WB) dự báo. WB cho biết.", ["wb", "wb", "wb"]),
        ("Liên minh châu Âu (EU) và NATO.", ["eu", "eu", "nato"]),
        ("Hội nghị G7 và G20 diễn ra.", ["g7", "g20"]),
        ("Hội đồng Bảo an Liên hợp quốc họp khẩn.", ["unsc"]),
        ("Hợp tác Mekong - Lan Thương và Ủy hội sông Mekong.", ["mlc", "mrc"]),
        ("Nhóm Bộ Tứ (Quad) họp trực tuyến.", ["quad", "quad"]),
    ],
)
def test_organisations_by_name_and_abbreviation(
    matcher: EntityMatcher, text: str, expected: list[str]
) -> None:
    assert organisations(matcher, text) == expected


def test_abbreviations_count_only_in_capitals_as_whole_words(matcher: EntityMatcher) -> None:
    assert organisations(matcher, "Who are you? The who and the Eu.") == []
    assert organisations(matcher, "Mã WHOIS và UNICEFX không phải tổ chức.") == []


def test_a_weak_abbreviation_needs_the_organisation_named_in_full(matcher: EntityMatcher) -> None:
    assert organisations(matcher, "Giải AU Open khởi tranh, đội ICC thắng.") == []
    assert organisations(matcher, "Liên minh châu Phi (AU) họp. AU cho biết.") == ["au"] * 3


def test_the_eu_is_an_organisation_not_a_country(matcher: EntityMatcher) -> None:
    _, in_body = matcher.find("", "EU và Liên minh châu Âu.", year=2020)
    assert {(m.kind, m.id) for m in in_body} == {("organisation", "eu")}


def test_the_data_file_reads_and_ids_are_short_slugs() -> None:
    gazetteer, _ = load_gazetteer()
    assert "EU" not in gazetteer.countries
    assert {"un", "asean", "eu", "who", "wb", "imf", "nato", "apec"} <= set(gazetteer.organisations)
    assert all(len(i) <= 12 and i == i.lower() for i in gazetteer.organisations)


def test_a_user_file_adds_an_organisation(tmp_path: Path) -> None:
    user = tmp_path / "gazetteer.jsonl"
    record = {"kind": "organisation", "id": "mekong-institute", "name": "Viện Mekong"}
    user.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    gazetteer, warnings = load_gazetteer(user_file=user)
    assert warnings == [] and gazetteer.organisations["mekong-institute"].name == "Viện Mekong"


def test_the_annotation_lists_organisations_with_the_other_entities(tmp_path: Path) -> None:
    article = Article("a", "ASEAN họp", "Liên Hợp Quốc và Việt Nam.", "2020-01-01", "s", "p")
    annotation = Annotator(user_file=tmp_path / "none.jsonl").annotate(article)
    assert annotation.organisations == ("asean", "un")
    assert annotation.countries == ("VN",)
    found = [(m.kind, m.id) for m in annotation.mentions]
    assert ("organisation", "un") in found and ("country", "VN") in found


def test_an_organisation_s_institutions_and_un_organs(matcher: EntityMatcher) -> None:
    assert organisations(matcher, "Nghị viện châu Âu và Ủy ban châu Âu nhất trí.") == ["eu", "eu"]
    assert organisations(matcher, "Hội đồng Kinh tế - Xã hội (ECOSOC) họp.") == ["ecosoc"] * 2
