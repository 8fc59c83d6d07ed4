"""How typed syllables are grouped into words: a fixed dictionary, never the index."""

import pytest

from index.entities import NameTable, load_gazetteer
from index.search.compile import QueryCompiler
from index.search.lexicon import Lexicon
from index.search.query import parse_query


@pytest.fixture(scope="module")
def compiler():
    gazetteer, _warnings = load_gazetteer()
    names = NameTable.from_gazetteer(gazetteer)
    return QueryCompiler(Lexicon(names), names.resolve)


def words(compiler, query):
    (node,) = parse_query(query).children
    return [" ".join(node.syllables[a:b]) for a, b in compiler.groups(node.syllables, node.joined)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hội đàm cấp cao", ["hội đàm", "cấp", "cao"]),
        ("hoi dam", ["hoi dam"]),
        ("người dân", ["người", "dân"]),
        ("thị trường chứng khoán", ["thị trường chứng khoán"]),
        ("Hội đồng Bảo an", ["Hội đồng Bảo an"]),
        ("Bộ ngoại giao", ["Bộ ngoại giao"]),
        ("châu Âu", ["châu Âu"]),
        ("miền Trung", ["miền Trung"]),
        ("tỉnh Quảng Ninh", ["tỉnh", "Quảng Ninh"]),
        ("Tổng thống Mỹ", ["Tổng thống", "Mỹ"]),
        ("Putin Trump", ["Putin", "Trump"]),
        ("Ủy ban Nhân dân", ["Ủy ban Nhân dân"]),
        ("Mặt trận Tổ quốc", ["Mặt trận Tổ quốc"]),
        ("Tổng cục Thống kê", ["Tổng cục Thống kê"]),
        # The gazetteer writes the Security Council's full name: one word, the longest.
        ("Hội đồng Bảo an Liên Hợp Quốc", ["Hội đồng Bảo an Liên Hợp Quốc"]),
        ("Hà Nội Đà Nẵng", ["Hà Nội", "Đà Nẵng"]),
        # "giáo dục học" is a word too, but two two-syllable words beat it plus "sinh", so the
        # grouping is the same whichever word was typed first.
        ("giáo dục học sinh", ["giáo dục", "học sinh"]),
        ("học sinh giáo dục", ["học sinh", "giáo dục"]),
        ("F-35", ["F 35"]),
        ("F 35", ["F 35"]),
        ("TP HCM", ["TP HCM"]),
        ("Kim Jong-un hội đàm", ["Kim Jong un", "hội đàm"]),
        ("y tế", ["y tế"]),
        ("Đà Nẵng", ["Đà Nẵng"]),
        ("đã nặng", ["đã", "nặng"]),  # "da nang" is a word, but not with these marks
    ],
)
def test_typed_syllables_are_grouped_by_the_dictionary(compiler, query, expected):
    assert words(compiler, query) == expected


@pytest.mark.parametrize(
    ("written", "entity"),
    [
        (["Mỹ"], ("country", "US")),
        (["mỹ"], None),
        (["pháp"], None),
        (["Pháp"], ("country", "FR")),
        (["us"], None),
        (["US"], None),
        (["Trương", "Tấn", "Sang"], ("leader", "truong-tan-sang")),
    ],
)
def test_only_names_written_as_the_gazetteer_writes_them_are_entities(compiler, written, entity):
    assert compiler.lexicon.entity(written) == entity
