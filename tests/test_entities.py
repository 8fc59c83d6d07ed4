"""The entity matcher: countries and leaders in fresh sentences, the seeds, real articles."""

from __future__ import annotations

import json
import pickle
import time
from pathlib import Path

import pytest

from index.entities import EntityMatcher, load_gazetteer
from index.model import EntityMention

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

COUNTRIES = [
    ("VN", "Việt Nam", "Vietnam", ["Viet Nam", "CHXHCN Việt Nam"]),
    ("US", "Mỹ", "United States", ["Hoa Kỳ", "USA"]),
    ("GB", "Anh", "United Kingdom", ["Vương quốc Anh", "Anh Quốc", "UK"]),
    ("FR", "Pháp", "France", ["Cộng hòa Pháp"]),
    ("DE", "Đức", "Germany", ["CHLB Đức"]),
    ("IT", "Italy", "Italy", ["Ý", "Italia"]),
    ("JP", "Nhật Bản", "Japan", ["Nhật"]),
    ("RU", "Nga", "Russia", ["Liên bang Nga"]),
    ("AU", "Australia", "Australia", ["Úc"]),
    ("LA", "Lào", "Laos", []),
    ("TH", "Thái Lan", "Thailand", []),
    ("CN", "Trung Quốc", "China", ["Trung Hoa"]),
    ("KR", "Hàn Quốc", "South Korea", ["Nam Triều Tiên"]),
    ("KP", "Triều Tiên", "North Korea", ["Bắc Triều Tiên"]),
    ("ZA", "Nam Phi", "South Africa", []),
    ("IN", "Ấn Độ", "India", []),
    ("PG", "Papua New Guinea", "Papua New Guinea", ["PNG"]),
    ("SG", "Singapore", "Singapore", []),
    ("JO", "Jordan", "Jordan", []),
]
LEADERS = [
    {"id": "vladimir-putin", "name": "Vladimir Putin", "aliases": ["V. Putin"],
     "short": ["Putin"], "country": "RU", "roles": [{"role": "Tổng thống", "from": 2012}]},
    {"id": "donald-trump", "name": "Donald Trump", "short": ["Trump", "ông Trump"],
     "country": "US", "roles": [{"role": "Tổng thống", "from": 2017, "to": 2021}]},
    {"id": "theresa-may", "name": "Theresa May", "short": ["May"], "country": "GB",
     "roles": [{"role": "Thủ tướng", "from": 2016, "to": 2019}]},
    {"id": "tran-dai-quang", "name": "Trần Đại Quang", "short": ["Quang", "ông Quang"],
     "hanzi": "陈大光", "country": "VN",
     "roles": [{"role": "Chủ tịch nước", "from": 2016, "to": 2018}]},
    {"id": "ly-hien-long", "name": "Lý Hiển Long", "aliases": ["Lee Hsien Loong"],
     "short": ["Lee", "Lý"], "hanzi": "李显龙", "country": "SG",
     "roles": [{"role": "Thủ tướng", "from": 2004, "to": 2024}]},
    {"id": "lee-myung-bak", "name": "Lee Myung-bak", "short": ["Lee"], "country": "KR",
     "roles": [{"role": "Tổng thống", "from": 2008, "to": 2013}]},
    {"id": "ho-chi-minh", "name": "Hồ Chí Minh", "short": [], "hanzi": "胡志明", "country": "VN",
     "roles": [{"role": "Chủ tịch nước", "from": 1945, "to": 1969}]},
    {"id": "le-duc-anh", "name": "Lê Đức Anh", "short": ["Anh"], "hanzi": "黎德英",
     "country": "VN", "roles": [{"role": "Chủ tịch nước", "from": 1992, "to": 1997}]},
]


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> EntityMatcher:
    folder = tmp_path_factory.mktemp("gazetteer")
    countries = [
        {"id": i, "name": n, "en": e, "aliases": a} for i, n, e, a in COUNTRIES
    ]
    for name, records in (("countries.jsonl", countries), ("leaders_test.jsonl", LEADERS)):
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        (folder / name).write_text("\n".join(lines), encoding="utf-8")
    gazetteer, warnings = load_gazetteer(folder)
    assert warnings == []
    return EntityMatcher.from_gazetteer(gazetteer)


def found(matcher: EntityMatcher, body: str, title: str = "", year: int | None = 2017) -> set:
    in_title, in_body = matcher.find(title, body, year=year)
    return {(m.kind, m.id) for m in in_title + in_body}


def countries(matcher: EntityMatcher, body: str, **kwargs: object) -> set[str]:
    return {i for k, i in found(matcher, body, **kwargs) if k == "country"}  # type: ignore[arg-type]


def leaders(matcher: EntityMatcher, body: str, **kwargs: object) -> set[str]:
    return {i for k, i in found(matcher, body, **kwargs) if k == "leader"}  # type: ignore[arg-type]


# -- countries: proper nouns only -------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Luật sư cho rằng khung pháp lý hiện nay còn nhiều kẽ hở.",
        "Chúng tôi đã lắng nghe ý kiến của bà con trong xã.",
        "Ý kiến của cử tri được tổng hợp gửi lên cấp trên.",
        "Pháp luật không cho phép doanh nghiệp làm như vậy.",
        "Hệ thống sẽ cập nhật dữ liệu vào Chủ nhật tuần này.",
        "Chủ Nhật vừa qua, đoàn đã rời thủ đô.",
        "Nhật ký hành trình được công bố sau chuyến đi.",
        "Mỹ phẩm nhập lậu bị thu giữ tại cửa khẩu.",
        "Em gái tôi học tiếng Anh và tiếng Pháp từ nhỏ.",
        "Anh ấy cho biết sẽ trở lại vào tuần sau.",
        "Đức tin giúp họ vượt qua khó khăn.",
        "Ý KIẾN BẠN ĐỌC VỀ GIÁ ĐIỆN",
        "Tàu chiến đi qua Thái Bình Dương và Ấn Độ Dương.",
        "Tình hình Trung Đông tiếp tục căng thẳng.",
        "Các nước Đông Nam Á và Bắc Mỹ tăng cường thương mại.",
        "Khu vực châu Á - Thái Bình Dương tăng trưởng nhanh.",
        "Mưa lớn gây sạt lở ở Lào Cai và Nga Sơn.",
        "Trận đấu diễn ra trên sân Mỹ Đình tối qua.",
        "Ông Nguyễn Văn Anh, Giám đốc Sở Xây dựng, cho biết.",
        "Đại tướng Lê Đức Anh từng có nhiều năm công tác ở miền Nam.",
        "Ủy viên trưởng Trương Đức Giang thăm chính thức.",
        "Cầu thủ Tuấn Anh và Xuân Trường ghi bàn.",
        "Bà Nguyễn Thị Nga được bầu làm chủ tịch hội.",
        "Huyền thoại Michael Jordan giải nghệ.",
    ],
)
def test_common_words_places_and_names_are_not_countries(
    matcher: EntityMatcher, text: str
) -> None:
    assert countries(matcher, text) == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nước Anh đã rời Liên minh châu Âu.", {"GB"}),
        ("Hội nghị có sự tham dự của Anh và Pháp.", {"GB", "FR"}),
        ("Thủ tướng Anh Theresa May thăm Nhật.", {"GB", "JP"}),
        ("Mỹ tuyên bố rút khỏi hiệp định thương mại.", {"US"}),
        ("Nga phản đối lệnh trừng phạt mới.", {"RU"}),
        ("Pháp đã đồng ý cử thêm quân.", {"FR"}),
        ("Ý và Đức ủng hộ đề xuất của Hoa Kỳ.", {"IT", "DE", "US"}),
        ("Quan hệ Việt - Mỹ và Việt Nam - Lào phát triển tốt.", {"US", "VN", "LA"}),
        ("Nam Phi và Ấn Độ ký thỏa thuận hợp tác.", {"ZA", "IN"}),
        ("Đại sứ Việt Nam tại Mỹ Phạm Quang Vinh phát biểu.", {"VN", "US"}),
        ("Căng thẳng trên bán đảo Triều Tiên; Nam Triều Tiên lên tiếng.", {"KR"}),
        ("Thủ tướng PNG và người đồng cấp Úc hội đàm.", {"PG", "AU"}),
        ("ĐOÀN ĐẠI BIỂU TRUNG QUỐC THĂM HÀN QUỐC", {"CN", "KR"}),
        ("Anh cho biết Anh sẽ không thay đổi lập trường, giống như nước Anh trước đây.", {"GB"}),
    ],
)
def test_countries_named_in_text(matcher: EntityMatcher, text: str, expected: set) -> None:
    assert countries(matcher, text) == expected


def test_tone_placement_and_case_variants(matcher: EntityMatcher) -> None:
    _, body = matcher.find("", "Cộng hoà Pháp và Cộng hòa Pháp.")
    assert [(m.id, m.text) for m in body] == [("FR", "Cộng hoà Pháp"), ("FR", "Cộng hòa Pháp")]
    assert countries(matcher, "cộng hòa pháp") == set()


def test_offsets_index_the_nfc_strings(matcher: EntityMatcher) -> None:
    import unicodedata

    title = "Tổng thống Putin thăm Việt Nam"
    body = unicodedata.normalize("NFD", "Ngày 12/5, Tổng thống Nga Vladimir Putin đến Hà Nội.")
    in_title, in_body = matcher.find(title, body)
    nfc_body = unicodedata.normalize("NFC", body)
    for mention in in_body:
        assert nfc_body[mention.start : mention.end] == mention.text
    for mention in in_title:
        assert title[mention.start : mention.end] == mention.text
    assert in_body[1] == EntityMention(
        "leader", "vladimir-putin", "Vladimir Putin", "Vladimir Putin", 26, 40
    )


def test_mentions_never_overlap(matcher: EntityMatcher) -> None:
    _, body = matcher.find("", "Vương quốc Anh, Liên bang Nga và CHLB Đức ra tuyên bố chung.")
    assert [m.text for m in body] == ["Vương quốc Anh", "Liên bang Nga", "CHLB Đức"]


# -- leaders ----------------------------------------------------------------------------------

def test_a_leader_does_not_add_his_country(matcher: EntityMatcher) -> None:
    assert found(matcher, "Ông Vladimir Putin phát biểu trước báo giới.") == {
        ("leader", "vladimir-putin")
    }


def test_short_forms_need_a_title_or_the_full_name(matcher: EntityMatcher) -> None:
    assert leaders(matcher, "Tổng thống Putin phát biểu.") == {"vladimir-putin"}
    assert leaders(matcher, "Ông Trump nói sẽ đến.") == {"donald-trump"}
    assert leaders(matcher, "Tổng thống Mỹ, ông Trump, nói vậy.") == {"donald-trump"}
    assert leaders(matcher, "Putin là một cái tên lạ.") == set()
    assert leaders(matcher, "Vladimir Putin đến. Sau đó Putin rời đi.") == {"vladimir-putin"}
    text = "Vladimir Putin đến. Sau đó Putin rời đi."
    _, body = matcher.find("", text)
    assert [m.text for m in body] == ["Vladimir Putin", "Putin"]


def test_short_forms_inside_other_names_are_not_leaders(matcher: EntityMatcher) -> None:
    assert leaders(matcher, "Bà Ivanka Trump và chồng dự tiệc tại Trump Tower.") == set()
    assert leaders(matcher, "Ông Donald Trump tới. Bà Melania Trump đi cùng.") == {"donald-trump"}


def test_a_vietnamese_given_name_needs_a_real_title(matcher: EntityMatcher) -> None:
    assert leaders(matcher, "Ông Quang cho biết vụ lúa năm nay được mùa.") == set()
    assert leaders(matcher, "Chủ tịch nước Quang tiếp đại sứ.", year=2017) == {"tran-dai-quang"}
    assert leaders(matcher, "Chủ tịch nước Quang tiếp đại sứ.", year=2005) == set()


def test_shared_short_forms_pick_the_leader_the_article_supports(
    matcher: EntityMatcher,
) -> None:
    assert leaders(matcher, "Thủ tướng Lee phát biểu tại Singapore.", year=2017) == {
        "ly-hien-long"
    }
    assert leaders(matcher, "Tổng thống Lee thăm Hàn Quốc.", year=2010) == {"lee-myung-bak"}
    assert leaders(matcher, "Ông Lee phát biểu.", year=2010) == set()
    text = "Ông Lee Myung-bak đến Singapore. Ông Lee nói."
    assert leaders(matcher, text) == {"lee-myung-bak"}


def test_full_names_need_capitals(matcher: EntityMatcher) -> None:
    assert leaders(matcher, "vladimir putin") == set()
    assert leaders(matcher, "Tổng thống V. Putin") == {"vladimir-putin"}


def test_places_named_after_leaders_are_not_leaders(matcher: EntityMatcher) -> None:
    text = "Tại TP Hồ Chí Minh và Thành phố Hồ Chí Minh, trên đường Trần Đại Quang."
    assert leaders(matcher, text) == set()
    assert leaders(matcher, "Chủ tịch Hồ Chí Minh đọc bản Tuyên ngôn.") == {"ho-chi-minh"}


def test_bylines_are_not_leaders(matcher: EntityMatcher) -> None:
    body = "Ngày 3/4, hội thảo diễn ra tại Hà Nội với nhiều đại biểu.\nTheo Lê Đức Anh"
    assert leaders(matcher, body) == set()
    body = "Hội thảo diễn ra tại Hà Nội (Nguồn: Lê Đức Anh). Nhiều đại biểu tham dự.\nLê Đức Anh"
    assert leaders(matcher, body) == set()
    body = "Cựu Chủ tịch nước Lê Đức Anh từng nhiều lần thăm Lào."
    assert leaders(matcher, body) == {"le-duc-anh"}


def test_matcher_pickles(matcher: EntityMatcher) -> None:
    copy = pickle.loads(pickle.dumps(matcher))
    text = "Tổng thống Nga Vladimir Putin gặp Thủ tướng Anh Theresa May."
    assert copy.find("", text) == matcher.find("", text)


# -- the seed articles, judged by reading them -------------------------------------------------

SEED_EXPECTED = {
    "000_499571635b3814d9": (
        {"truong-tan-sang", "vladimir-putin", "park-geun-hye", "john-key"},
        {"VN", "RU", "KR", "NZ", "CN", "BY", "KZ", "KP"},
    ),
    "001_d361021e82024496": (
        {"truong-tan-sang", "tap-can-binh", "ly-khac-cuong", "vo-nguyen-giap", "shinzo-abe",
         "john-key", "peter-o-neill", "pham-binh-minh", "sergey-lavrov", "jose-antonio-meade"},
        {"CN", "JP", "VN", "NZ", "PG", "PK", "US", "RU", "MX", "PE"},
    ),
    "002_8b65aa2e01a6e9fd": (
        {"tran-dai-quang", "tap-can-binh", "truong-duc-giang", "vladimir-putin",
         "michelle-bachelet", "justin-trudeau", "peter-o-neill", "barack-obama",
         "hassanal-bolkiah", "ly-hien-long"},
        {"US", "RU", "CN", "PE", "CL", "PG", "VN", "CA", "BN", "SG"},
    ),
    "003_3fb5371926640cd9": (
        {"tran-dai-quang", "vladimir-putin", "michelle-bachelet", "justin-trudeau",
         "peter-o-neill", "malcolm-turnbull", "barack-obama", "hassanal-bolkiah", "ly-hien-long"},
        {"VN", "RU", "CL", "CA", "PG", "AU", "US", "SG", "NZ"},
    ),
    "004_fd50ac6eeaff5edd": (
        {"tap-can-binh", "luong-cuong", "joe-biden", "anwar-ibrahim", "lawrence-wong",
         "anthony-albanese", "justin-trudeau", "alexei-overchuk", "hassanal-bolkiah",
         "yoon-suk-yeol", "christopher-luxon", "prabowo-subianto", "shigeru-ishiba"},
        {"CN", "US", "PE", "VN", "MY", "SG", "AU", "CA", "RU", "BN", "KR", "NZ", "ID", "JP"},
    ),
}


@pytest.fixture(scope="module")
def real() -> tuple[EntityMatcher, set[str]]:
    gazetteer, _ = load_gazetteer()
    return EntityMatcher.from_gazetteer(gazetteer), set(gazetteer.leaders)


def read_seed(stem: str) -> tuple[str, str]:
    from index.ingest.articles import parse_text_article

    path = SEEDS / f"{stem}.txt"
    article = parse_text_article(path.read_text("utf-8"), article_id=stem, path=str(path),
                                 source="seeds")
    return article.title, article.body


@pytest.mark.parametrize("stem", sorted(SEED_EXPECTED))
def test_seed_articles_leaders_and_countries(real, stem: str) -> None:
    matcher, known = real
    expected_leaders, expected_countries = SEED_EXPECTED[stem]
    # Every leader a reader finds in these articles is one the gazetteer must know.
    assert expected_leaders <= known, expected_leaders - known
    title, body = read_seed(stem)
    in_title, in_body = matcher.find(title, body)
    assert {m.id for m in in_title + in_body if m.kind == "leader"} == expected_leaders
    assert {m.id for m in in_title + in_body if m.kind == "country"} == expected_countries
    for text, mentions in ((title, in_title), (body, in_body)):
        assert all(text[m.start : m.end] == m.text for m in mentions)


# -- real articles ------------------------------------------------------------------------------

def test_real_articles_fast_and_sound(real, baomoi_sample: Path) -> None:
    from index.ingest.articles import read_text_file

    matcher, _ = real
    files = sorted(baomoi_sample.rglob("*.txt"))[:200]
    articles = [read_text_file(p, p.read_bytes(), source="baomoi") for p in files]
    size = sum(len((a.title + a.body).encode("utf-8")) for a in articles)
    matcher.find("Ý kiến", "Pháp luật.")  # pyvi's model loads once, outside the timing
    started = time.perf_counter()
    results = [matcher.find(a.title, a.body, year=2017) for a in articles]
    seconds = time.perf_counter() - started
    for article, (in_title, in_body) in zip(articles, results, strict=True):
        for text, mentions in ((article.title, in_title), (article.body, in_body)):
            ends = [-1]
            for m in mentions:
                assert text[m.start : m.end] == m.text
                assert m.start >= ends[-1]
                ends.append(m.end)
    assert sum(len(t) + len(b) for t, b in results) > 200
    assert size / seconds >= 0.5e6, f"{size / seconds / 1e6:.2f} MB/s"
