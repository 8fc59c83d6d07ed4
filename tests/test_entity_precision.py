"""Precision rules of the tagger, on sentences written for them: bylines, credits, newspapers,
languages, places named after leaders, bare given names, namesakes, names inside other names."""

from __future__ import annotations

import pytest

from index.entities import EntityMatcher, load_gazetteer


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    gazetteer, _ = load_gazetteer()
    return EntityMatcher.from_gazetteer(gazetteer)


def tagged(matcher: EntityMatcher, body: str, title: str = "", year: int | None = 2020) -> set:
    in_title, in_body = matcher.find(title, body, year=year)
    return {(m.kind, m.id) for m in in_title + in_body}


def ids(matcher: EntityMatcher, body: str, kind: str, **kwargs: object) -> set[str]:
    return {i for k, i in tagged(matcher, body, **kwargs) if k == kind}  # type: ignore[arg-type]


LEAD = "Hội nghị về biến đổi khí hậu diễn ra trong ba ngày với nhiều đại biểu tham dự."


@pytest.mark.parametrize(
    "byline",
    [
        "Minh Anh", "Tú Anh", "Đức Hoàng", "Thái An", "Mỹ Hạnh", "Ngọc Anh (Theo AP)",
        "Đức Hoàng (Theo Reuters)", "Minh PhươngTheo SCMP, Diplomat",
        "Lan Hương - Tú Anh (tổng hợp)", "Theo Minh Anh/Dân trí", "T.Anh", "HÀ ANH",
    ],
)
def test_a_byline_at_the_end_names_no_country(matcher: EntityMatcher, byline: str) -> None:
    assert ids(matcher, f"{LEAD}\n{byline}", "country") == set()


def test_a_byline_after_the_last_sentence_of_a_run_on_body(matcher: EntityMatcher) -> None:
    assert ids(matcher, f"{LEAD} Sau đó họ ra về. Minh Anh", "country") == set()
    assert ids(matcher, f"{LEAD} Sau đó họ ra về. Đức Hoàng/VOV-Trung tâm Tin", "country") == set()


def test_a_byline_at_the_start_names_no_country(matcher: EntityMatcher) -> None:
    assert ids(matcher, f"Đức Anh\n{LEAD}", "country") == set()


@pytest.mark.parametrize(
    "credit",
    ["(Ảnh: Minh Anh)", "Ảnh: Đức Hoàng", "Biên dịch: Tú Anh", "(Minh Anh)", "(Nguồn: Thái An)"],
)
def test_credits_inside_the_text_name_no_country(matcher: EntityMatcher, credit: str) -> None:
    assert ids(matcher, f"{LEAD} {credit} Các đại biểu ra về.", "country") == set()


def test_a_country_in_parentheses_or_a_line_of_its_own_is_still_a_country(
    matcher: EntityMatcher,
) -> None:
    assert ids(matcher, f"Đại học Harvard (Mỹ) công bố. {LEAD}", "country") == {"US"}
    assert ids(matcher, f"{LEAD}\nThái Lan", "country") == {"TH"}
    assert ids(matcher, f"{LEAD}\nNgoại trưởng Anh phát biểu tại London.", "country") == {"GB"}


def test_a_sentence_opening_with_theo_is_not_a_credit(matcher: EntityMatcher) -> None:
    body = f"{LEAD}\nTheo Reuters, Nga đã phản đối kế hoạch của Mỹ."
    assert ids(matcher, body, "country") == {"RU", "US"}


def test_a_newspaper_name_holding_a_country_word(matcher: EntityMatcher) -> None:
    assert ids(matcher, "Theo tờ Nhật báo Phố Wall, giá dầu tăng.", "country") == set()
    assert ids(matcher, "Nhật Bản và Nhật báo Kinh tế.", "country") == {"JP"}


def test_a_language_is_not_its_country(matcher: EntityMatcher) -> None:
    body = "Ông phát biểu bằng tiếng Tây Ban Nha, tiếng Ả Rập và tiếng Anh."
    assert ids(matcher, body, "country") == set()


def test_places_and_institutions_named_after_leaders(matcher: EntityMatcher) -> None:
    for text in (
        "Giá nhà tại TP Hồ Chí Minh tăng mạnh.",
        "Giá nhà tại Hồ Chí Minh tăng mạnh.",
        "Nhiều người ở Hồ Chí Minh đã tiêm vaccine.",
        "Sinh viên ĐH Tôn Đức Thắng đoạt giải.",
        "Cửa hàng trên đường Lê Duẩn đóng cửa.",
        "Học viện Chính trị quốc gia Hồ Chí Minh tuyển sinh.",
    ):
        assert ids(matcher, text, "leader") == set(), text
    assert ids(matcher, "Chủ tịch Hồ Chí Minh đọc Tuyên ngôn Độc lập.", "leader") == {
        "ho-chi-minh"
    }


def test_bare_given_names_are_not_leaders(matcher: EntityMatcher) -> None:
    assert ids(matcher, "Ông Bình cho biết giá lúa đã tăng.", "leader") == set()
    assert ids(matcher, "Bác sĩ Thành cho biết bệnh nhân đã ổn định.", "leader") == set()


def test_a_namesake_in_an_ordinary_role(matcher: EntityMatcher) -> None:
    assert ids(matcher, "Ông Clark, một nông dân ở Texas, cho biết.", "leader") == set()
    assert ids(matcher, "Bà Helen Clark phát biểu. Bà Clark nói thêm.", "leader") == {
        "helen-clark"
    }


def test_a_one_word_name_inside_a_longer_name(matcher: EntityMatcher) -> None:
    assert ids(matcher, "Tỷ phú François-Henri Pinault cam kết quyên góp.", "leader") == set()


def test_common_words_holding_country_names(matcher: EntityMatcher) -> None:
    body = "Vấn đề pháp lý và ý kiến của người dân được cập nhật ở vùng Thái Bình Dương."
    assert tagged(matcher, body) == set()


def test_a_leader_s_acronym_counts_only_beside_the_full_name(matcher: EntityMatcher) -> None:
    broker = "Theo CTCK MB - MBS, dòng tiền vào mạnh. MBS khuyến nghị mua."
    assert ids(matcher, broker, "leader") == set()
    body = "Thái tử Mohammed bin Salman tới Paris. MBS hội đàm với Tổng thống Pháp."
    assert "mohammed-bin-salman" in ids(matcher, body, "leader")


def test_one_given_name_after_an_honorific_is_nobody(matcher: EntityMatcher) -> None:
    assert ids(matcher, "Video cho thấy bà Xiang tát nhân viên cửa hàng.", "leader") == set()
    assert ids(matcher, "Chủ tịch Sun Huixin tiếp đoàn đại biểu.", "leader") == set()


def test_a_namesake_in_an_ordinary_occupation(matcher: EntityMatcher) -> None:
    assert ids(matcher, "Hình ảnh do KTS Nguyễn Xuân Thắng cung cấp.", "leader") == set()
    assert ids(matcher, "Luật sư Trần Tuấn Anh bào chữa cho bị cáo.", "leader") == set()
    assert ids(matcher, "Thủ tướng Anh Theresa May phát biểu.", "leader") == {"theresa-may"}


def test_a_country_inside_an_institution_s_name(matcher: EntityMatcher) -> None:
    for text in (
        "Hiệp hội Du lịch Việt Nam đề xuất giảm phí.",
        "Ông Thắng, Giám đốc khu vực Diebold Việt Nam, cho biết.",
        "Các nhà đầu tư gồm Ngân hàng Thụy Sỹ Geneva và Temasek.",
        "Tổng Liên đoàn Lao động Việt Nam đình chỉ ông Vinh.",
    ):
        assert ids(matcher, text, "country") == set(), text
    clubs = "Hai CLB Italia là Inter và AC Milan, 3 CLB của Tây Ban Nha. Báo giới Italia chê."
    assert ids(matcher, clubs, "country") == {"IT", "ES"}
    both = "Hiệp hội Du lịch Việt Nam họp. Việt Nam đón 18 triệu khách."
    assert ids(matcher, both, "country") == {"VN"}
    assert ids(matcher, "Ngân hàng HSBC (Anh) và Hanwha (Hàn Quốc) góp vốn.", "country") == {
        "GB", "KR"
    }


def test_a_language_after_ngon_ngu_and_a_reporter_s_note(matcher: EntityMatcher) -> None:
    assert ids(matcher, "Thí sinh xét tuyển vào ngành Ngôn ngữ Anh.", "country") == set()
    assert ids(matcher, f"{LEAD} (Tú Anh ghi)", "country") == set()


def test_a_vietnamese_given_name_needs_a_title_that_fits(matcher: EntityMatcher) -> None:
    body = "Thứ trưởng Bộ GD&ĐT Nguyễn Văn Phúc cho biết. Theo thứ trưởng Phúc, luật đã rõ."
    assert ids(matcher, body, "leader") == set()


def test_a_short_form_before_the_next_person_s_name(matcher: EntityMatcher) -> None:
    body = "Phát ngôn viên của Tổng thống Putin Dmitry Peskov khẳng định."
    assert ids(matcher, body, "leader") == {"vladimir-putin"}
    assert ids(matcher, "Bà Ivanka Trump tới Trump Tower.", "leader") == set()
