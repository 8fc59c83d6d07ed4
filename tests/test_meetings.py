"""Meeting extraction on made-up sentences, one rule at a time."""

from __future__ import annotations

from datetime import date

import pytest

from index.model import EntityMention, Meeting
from index.relations.meetings import extract_meetings
from index.relations.sentences import split_sentences, stated_date, stated_place

# Made-up leaders: the extractor reads mentions, not names, so any id will do.
LEADERS = {
    "Nguyễn Văn An": "an",
    "Lê Bình": "binh",
    "Carla Duarte": "duarte",
    "Duarte": "duarte",
    "Erik Falk": "falk",
    "Gopal Harsh": "harsh",
    "Ivo Jansen": "jansen",
}


def leader_mentions(body: str) -> list[EntityMention]:
    """Every place a made-up leader is named, longest names first, no overlaps."""
    taken: list[tuple[int, int]] = []
    found = []
    for name in sorted(LEADERS, key=len, reverse=True):
        start = body.find(name)
        while start != -1:
            end = start + len(name)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.append(EntityMention("leader", LEADERS[name], name, name, start, end))
            start = body.find(name, end)
    return sorted(found, key=lambda m: m.start)


def meetings(body: str, article_date: date | None = None) -> list[Meeting]:
    return extract_meetings(body, leader_mentions(body), article_date)


def pairs(body: str, *, planned: bool = False) -> set[frozenset[str]]:
    return {frozenset(ref.id for ref in m.leaders) for m in meetings(body) if m.planned == planned}


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Chủ tịch nước Nguyễn Văn An đã gặp Tổng thống Carla Duarte.", "meeting"),
        ("Chủ tịch nước Nguyễn Văn An đã có cuộc gặp với Tổng thống Carla Duarte.", "meeting"),
        ("Thủ tướng Nguyễn Văn An hội kiến Tổng thống Carla Duarte.", "meeting"),
        ("Thủ tướng Nguyễn Văn An gặp gỡ Tổng thống Carla Duarte bên lề hội nghị.", "meeting"),
        ("Thủ tướng Nguyễn Văn An đã hội đàm với Tổng thống Carla Duarte.", "talks"),
        ("Thủ tướng Nguyễn Văn An điện đàm với Tổng thống Carla Duarte.", "call"),
        ("Thủ tướng Nguyễn Văn An tiếp Tổng thống Carla Duarte tại trụ sở Chính phủ.", "reception"),
        ("Thủ tướng Nguyễn Văn An trao đổi với Tổng thống Carla Duarte về thương mại.", "meeting"),
        ("Thủ tướng Nguyễn Văn An tiếp xúc với Tổng thống Carla Duarte.", "meeting"),
        ("Thủ tướng Nguyễn Văn An đón Tổng thống Carla Duarte tại sân bay.", "reception"),
    ],
)
def test_a_meeting_verb_joins_its_subject_and_object(body: str, kind: str) -> None:
    found = meetings(body)
    assert [(frozenset(r.id for r in m.leaders), m.kind, m.planned) for m in found] == [
        (pair("an", "duarte"), kind, False)
    ]
    assert found[0].sentence == body
    assert (found[0].start, found[0].end) == (0, len(body))


def test_the_subject_meets_every_leader_listed_after_the_verb() -> None:
    body = (
        "Bên lề hội nghị, Chủ tịch nước Nguyễn Văn An đã lần lượt gặp Tổng thống Carla Duarte, "
        "Thủ tướng Erik Falk và Quốc vương Gopal Harsh."
    )
    assert pairs(body) == {pair("an", "duarte"), pair("an", "falk"), pair("an", "harsh")}


def test_two_coordinated_subjects_met_each_other() -> None:
    assert pairs("Tổng thống Carla Duarte và Thủ tướng Erik Falk đã hội đàm tại Lima.") == {
        pair("duarte", "falk")
    }
    assert pairs("Tổng thống Carla Duarte và Thủ tướng Erik Falk đã gặp nhau.") == {
        pair("duarte", "falk")
    }


def test_a_meeting_between_two_named_leaders() -> None:
    body = "Cuộc gặp giữa Tổng thống Carla Duarte và Thủ tướng Erik Falk kéo dài một giờ."
    assert pairs(body) == {pair("duarte", "falk")}


def test_the_one_met_may_come_first_in_a_leading_phrase() -> None:
    body = "Trong cuộc hội đàm với Thủ tướng Erik Falk, Tổng thống Carla Duarte nhấn mạnh hợp tác."
    assert pairs(body) == {pair("duarte", "falk")}


def test_a_passive_reception() -> None:
    body = "Tổng thống Carla Duarte được Chủ tịch nước Nguyễn Văn An tiếp tại Phủ Chủ tịch."
    assert pairs(body) == {pair("an", "duarte")}


def test_a_visit_meets_its_named_host() -> None:
    body = (
        "Theo lời mời của Chủ tịch nước Nguyễn Văn An, Tổng thống Carla Duarte thăm cấp nhà nước "
        "Việt Nam từ ngày 2/3."
    )
    found = meetings(body)
    assert [(frozenset(r.id for r in m.leaders), m.kind, m.planned) for m in found] == [
        (pair("an", "duarte"), "visit", False)
    ]


def test_a_visit_without_a_named_host_is_no_meeting() -> None:
    assert pairs("Tổng thống Carla Duarte thăm chính thức Việt Nam. Ông Erik Falk nói.") == set()


@pytest.mark.parametrize(
    "body",
    [
        "Thủ tướng Nguyễn Văn An sẽ hội đàm với Tổng thống Carla Duarte vào tuần tới.",
        "Thủ tướng Nguyễn Văn An dự kiến gặp Tổng thống Carla Duarte bên lề hội nghị.",
        "Cuộc gặp giữa Tổng thống Carla Duarte và Thủ tướng Nguyễn Văn An sẽ diễn ra tại Lima.",
        "Tổng thống Carla Duarte đề nghị gặp Thủ tướng Nguyễn Văn An.",
    ],
)
def test_a_planned_meeting_is_marked_planned(body: str) -> None:
    assert pairs(body) == set()
    assert pairs(body, planned=True) == {pair("an", "duarte")}


def test_an_invitation_is_a_planned_visit() -> None:
    body = "Thủ tướng Nguyễn Văn An mời Tổng thống Carla Duarte thăm Việt Nam."
    found = meetings(body)
    assert [(m.kind, m.planned) for m in found] == [("visit", True)]
    assert pairs(body) == set()


def test_a_meeting_that_did_not_happen_is_dropped() -> None:
    assert meetings("Tổng thống Carla Duarte không gặp Thủ tướng Erik Falk tại Lima.") == []


@pytest.mark.parametrize(
    "body",
    [
        "Tổng thống Carla Duarte và Thủ tướng Erik Falk có quan điểm khác nhau về thương mại.",
        "Thủ tướng Erik Falk cho rằng chính sách của Tổng thống Carla Duarte là sai lầm.",
        "Tổng thống Carla Duarte và Thủ tướng Erik Falk gặp khó khăn trong bầu cử.",
    ],
)
def test_two_leaders_merely_named_together_did_not_meet(body: str) -> None:
    assert meetings(body) == []


def test_everyone_attending_a_summit_is_no_meeting() -> None:
    body = (
        "Tổng thống Carla Duarte, Thủ tướng Erik Falk, Quốc vương Gopal Harsh và Chủ tịch nước "
        "Nguyễn Văn An đã gặp nhau tại hội nghị cấp cao."
    )
    assert meetings(body) == []
    body = (
        "Hội nghị có sự tham dự của Tổng thống Carla Duarte, Thủ tướng Erik Falk và Chủ tịch "
        "nước Nguyễn Văn An."
    )
    assert meetings(body) == []


def test_a_summit_keeps_only_the_bilateral_meetings_it_states() -> None:
    body = (
        "Hội nghị có sự tham dự của Tổng thống Carla Duarte, Thủ tướng Erik Falk và Quốc vương "
        "Gopal Harsh. Bên lề hội nghị, Thủ tướng Erik Falk đã gặp Quốc vương Gopal Harsh."
    )
    assert pairs(body) == {pair("falk", "harsh")}


@pytest.mark.parametrize(
    "body",
    [
        "Tổng thống Carla Duarte và Thủ tướng Erik Falk tiếp tục ủng hộ thỏa thuận.",
        "Tổng thống Carla Duarte tiếp tục ủng hộ Thủ tướng Erik Falk.",
        "Thủ tướng Erik Falk tiếp cận Tổng thống Carla Duarte qua trung gian.",
        "Tổng thống Carla Duarte là người kế tiếp Thủ tướng Erik Falk.",
        "Thủ tướng Erik Falk trực tiếp chỉ trích Tổng thống Carla Duarte.",
        "Thủ tướng Erik Falk tiếp nhận thư của Tổng thống Carla Duarte.",
        "Tổng thống Carla Duarte đón nhận thông điệp của Thủ tướng Erik Falk.",
    ],
)
def test_tiep_and_don_receive_only_a_person(body: str) -> None:
    assert meetings(body) == []


def test_a_meeting_with_a_leader_met_earlier_in_the_sentence_shares_the_subject() -> None:
    body = (
        "Chủ tịch nước Nguyễn Văn An đã gặp Tổng thống Carla Duarte và hội đàm với Thủ tướng "
        "Erik Falk."
    )
    assert pairs(body) == {pair("an", "duarte"), pair("an", "falk")}


def test_carry_over_names_the_counterpart_of_the_sentence_before() -> None:
    body = (
        "Chiều 19/11, Chủ tịch nước Nguyễn Văn An đã hội đàm với Tổng thống nước chủ nhà. "
        "Tại cuộc hội đàm, Tổng thống Carla Duarte đánh giá cao quan hệ hai nước."
    )
    found = meetings(body, date(2016, 11, 21))
    assert [(frozenset(r.id for r in m.leaders), m.kind) for m in found] == [
        (pair("an", "duarte"), "talks")
    ]
    assert found[0].start == 0 and found[0].end == len(body)
    assert found[0].date == date(2016, 11, 19)


def test_carry_over_needs_a_meeting_in_the_sentence_before() -> None:
    body = (
        "Chủ tịch nước Nguyễn Văn An phát biểu tại hội nghị. "
        "Hai nhà lãnh đạo, Tổng thống Carla Duarte cho biết, có nhiều điểm chung."
    )
    assert meetings(body) == []
    body = (
        "Chủ tịch nước Nguyễn Văn An đã hội đàm với Tổng thống nước chủ nhà. "
        "Ông Ivo Jansen, nhà phân tích, nhận xét rằng Tổng thống Carla Duarte muốn đầu tư."
    )
    assert meetings(body) == []


def test_pairs_are_unordered_and_kept_once_per_article_with_the_first_sentence() -> None:
    body = (
        "Thủ tướng Nguyễn Văn An hội đàm với Tổng thống Carla Duarte. "
        "Tổng thống Carla Duarte cũng đã gặp Thủ tướng Nguyễn Văn An tại Lima."
    )
    found = meetings(body)
    assert len(found) == 1
    assert found[0].kind == "talks" and found[0].start == 0


def test_a_leader_never_meets_himself() -> None:
    assert meetings("Tổng thống Carla Duarte gặp ông Duarte, người cùng tên.") == []


def test_date_and_place_of_the_sentence() -> None:
    body = "Chiều 10/5, tại Nhà Trắng, Tổng thống Carla Duarte đã tiếp Thủ tướng Erik Falk."
    found = meetings(body, date(2017, 5, 12))
    assert found[0].date == date(2017, 5, 10)
    assert found[0].place == "Nhà Trắng"
    undated = meetings("Tổng thống Carla Duarte gặp Thủ tướng Erik Falk ở Hà Nội.", None)
    assert (undated[0].date, undated[0].place) == (None, "Hà Nội")
    article_day = meetings("Tổng thống Carla Duarte gặp Thủ tướng Erik Falk.", date(2020, 3, 1))
    assert (article_day[0].date, article_day[0].place) == (date(2020, 3, 1), None)


@pytest.mark.parametrize(
    ("text", "article_date", "expected"),
    [
        ("Ngày 12/11, hai bên gặp nhau.", date(2016, 11, 20), date(2016, 11, 12)),
        ("Chiều 10/5 (giờ địa phương, tức sáng 11/5)", date(2017, 5, 12), date(2017, 5, 10)),
        ("ngày 28/12 vừa qua", date(2017, 1, 3), date(2016, 12, 28)),
        ("ngày 5/3/2015", None, date(2015, 3, 5)),
        ("ngày 5 tháng 3 năm 2015", date(2020, 1, 1), date(2015, 3, 5)),
        ("hôm qua", date(2021, 4, 20), date(2021, 4, 19)),
        ("ngày 12/11", None, None),
        ("tỷ số 2/1", date(2020, 1, 1), date(2020, 1, 1)),
        ("ngày 31/2", date(2020, 1, 1), date(2020, 1, 1)),
    ],
)
def test_stated_date(text: str, article_date: date | None, expected: date | None) -> None:
    assert stated_date(text, article_date) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hai bên gặp nhau tại Lima, Peru", "Lima"),
        ("tại thủ đô Bắc Kinh (Trung Quốc)", "Bắc Kinh"),
        ("Tại Hội nghị APEC ở Đà Nẵng", "Đà Nẵng"),
        ("ở Hà Nội và tại Nhà Trắng", "Nhà Trắng"),
        ("tại đây", None),
        ("Tại cuộc gặp, hai bên nhất trí", None),
    ],
)
def test_stated_place(text: str, expected: str | None) -> None:
    assert stated_place(text) == expected


def test_sentences_do_not_end_at_initials_or_inside_names() -> None:
    body = "Ông V. Putin nói. Tổng thống D. Trump gặp ông.\nDòng hai, 2.5 triệu ở TP.HCM"
    texts = [s.text for s in split_sentences(body)]
    assert texts == [
        "Ông V. Putin nói.",
        "Tổng thống D. Trump gặp ông.",
        "Dòng hai, 2.5 triệu ở TP.HCM",
    ]
    body = "Ông A.B Carter gặp ông. Xong."
    assert [s.text for s in split_sentences(body, [(4, 14)])] == [
        "Ông A.B Carter gặp ông.",
        "Xong.",
    ]


def test_a_posting_is_not_a_meeting_place() -> None:
    assert stated_place("gặp Đại sứ Nga tại Mỹ Ivo Jansen hôm qua") is None
    assert stated_place("phóng viên TTXVN tại Lima cho biết, hai bên gặp nhau tại Cusco") == "Cusco"


def test_a_leader_named_after_an_opening_phrase_is_its_subject() -> None:
    body = "Tiếp Thủ tướng Erik Falk, Chủ tịch nước Nguyễn Văn An bày tỏ vui mừng."
    assert pairs(body) == {pair("an", "falk")}
    body = (
        "Tại cuộc gặp với Tổng thống Carla Duarte, trong bối cảnh hai nước kỷ niệm 45 năm quan "
        "hệ, Chủ tịch nước Nguyễn Văn An đề nghị tăng cường hợp tác."
    )
    assert pairs(body) == {pair("an", "duarte")}
    body = (
        "Trong cuộc điện đàm hôm qua, Tổng thống Carla Duarte và Thủ tướng Erik Falk đã trao đổi."
    )
    found = meetings(body)
    assert [(frozenset(r.id for r in m.leaders), m.kind) for m in found] == [
        (pair("duarte", "falk"), "call")
    ]


def test_an_opening_phrase_does_not_reach_a_leader_deep_in_the_sentence() -> None:
    body = (
        "Trong cuộc gặp với Tổng thống Carla Duarte, hai bên trao đổi về quan hệ với New Zealand "
        "và chuyến thăm của Thủ tướng Erik Falk."
    )
    assert pairs(body) == set()


def test_the_sentences_after_a_series_of_meetings_keep_its_subject() -> None:
    body = (
        "Bên lề hội nghị, Chủ tịch nước Nguyễn Văn An đã có các cuộc gặp song phương với lãnh đạo "
        "các nước. Hai bên nhất trí tăng cường hợp tác. "
        "Trong cuộc gặp với Tổng thống Carla Duarte, hai bên bàn về thương mại. "
        "Khi gặp gỡ Thủ tướng Erik Falk, hai bên nhất trí thúc đẩy đầu tư."
    )
    assert pairs(body) == {pair("an", "duarte"), pair("an", "falk")}


def test_an_elided_subject_is_not_taken_from_far_back() -> None:
    body = (
        "Chủ tịch nước Nguyễn Văn An đã có các cuộc gặp với lãnh đạo các nước. "
        "Ông Ivo Jansen phát biểu. Ông Gopal Harsh bình luận. Ông Lê Bình nhận xét. "
        "Trong cuộc gặp với Tổng thống Carla Duarte, hai bên bàn về thương mại."
    )
    assert pairs(body) == set()


def test_hai_nha_lanh_dao_continues_a_meeting_with_an_unnamed_counterpart_only() -> None:
    body = (
        "Tổng thống Carla Duarte đã gặp Thủ tướng Erik Falk. "
        "Hai nhà lãnh đạo, cùng Quốc vương Gopal Harsh, dự lễ khai mạc."
    )
    assert pairs(body) == {pair("duarte", "falk")}


def test_a_photo_credit_ends_its_caption() -> None:
    body = (
        "Chủ tịch nước Nguyễn Văn An và Thủ tướng Erik Falk (Nguồn: TTXVN) gặp Thủ tướng Erik "
        "Falk tại Lima, Chủ tịch nước Nguyễn Văn An đánh giá cao hợp tác."
    )
    texts = [s.text for s in split_sentences(body)]
    assert texts[0].endswith("(Nguồn: TTXVN)")
    assert pairs(body) == {pair("an", "falk")}


@pytest.mark.parametrize(
    "body",
    [
        "Thủ tướng Erik Falk (trái) và Tổng thống Carla Duarte ký thỏa thuận hợp tác ở Lima.",
        "Thủ tướng Erik Falk và Tổng thống Carla Duarte đã thảo luận về quan hệ song phương.",
        "Thủ tướng Erik Falk và Tổng thống Carla Duarte chứng kiến lễ ký kết các văn kiện.",
        "Thủ tướng Erik Falk đã thảo luận với Tổng thống Carla Duarte về thương mại.",
    ],
)
def test_signing_or_discussing_together_is_a_meeting(body: str) -> None:
    assert pairs(body) == {pair("duarte", "falk")}


@pytest.mark.parametrize(
    "body",
    [
        "Tổng thống Carla Duarte ký sắc lệnh mới về thuế, theo Thủ tướng Erik Falk.",
        "Thủ tướng Erik Falk thảo luận về đề xuất của Tổng thống Carla Duarte.",
    ],
)
def test_signing_or_discussing_alone_is_no_meeting(body: str) -> None:
    assert pairs(body) == set()


def test_a_meeting_between_two_others_is_theirs_not_the_speakers() -> None:
    body = "Thủ tướng Erik Falk hoan nghênh cuộc gặp giữa Tổng thống Carla Duarte và ông Lê Bình."
    assert pairs(body) == {pair("duarte", "binh")}


def test_two_people_joined_by_a_verb_in_a_call() -> None:
    body = "Tổng thống Carla Duarte đã nói với Thủ tướng Erik Falk trong cuộc điện đàm hôm 26/4."
    assert pairs(body) == {pair("duarte", "falk")}


def test_a_list_of_long_titles_separated_by_semicolons() -> None:
    body = (
        "Chủ tịch nước Nguyễn Văn An đã hội kiến với Thủ tướng Erik Falk; Chủ tịch Ủy ban Thường "
        "vụ Quốc hội Gopal Harsh; Chủ tịch Hội đồng Ivo Jansen."
    )
    assert pairs(body) == {pair("an", "falk"), pair("an", "harsh"), pair("an", "jansen")}


def test_a_short_adverbial_before_the_one_met() -> None:
    body = (
        "Thủ tướng Nguyễn Văn An đã có cuộc gặp riêng 15 phút tại phòng Bầu Dục với Tổng thống "
        "Carla Duarte."
    )
    assert pairs(body) == {pair("an", "duarte")}


def test_an_informal_meeting_is_not_a_negated_one() -> None:
    body = (
        "Tổng thống Carla Duarte đã tiếp đón và có cuộc gặp không chính thức Thủ tướng Erik Falk."
    )
    assert pairs(body) == {pair("duarte", "falk")}


@pytest.mark.parametrize(
    "body",
    [
        "Tổng Thư ký Erik Falk lên án vụ tấn công, theo Tổng thống Carla Duarte.",
        "Tổng thống Carla Duarte, cùng Thủ tướng Erik Falk, đã tham dự lễ ký kết hợp đồng.",
    ],
)
def test_ky_inside_a_title_or_a_ceremony_is_no_signing(body: str) -> None:
    assert meetings(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Tổng thống Carla Duarte đưa ra lời kêu gọi trên tại cuộc gặp với Thủ tướng Erik Falk.",
        "Với Tổng thống Carla Duarte, cuộc gặp với Thủ tướng Erik Falk là một phần trong kế "
        "hoạch thương mại.",
        "Thủ tướng Erik Falk hội kiến Tổng thống Carla Duarte, Thủ tướng đề nghị tăng cường "
        "hợp tác.",
    ],
)
def test_a_plan_word_of_another_act_leaves_the_meeting_done(body: str) -> None:
    assert pairs(body) == {pair("duarte", "falk")}
    assert pairs(body, planned=True) == set()


@pytest.mark.parametrize(
    "body",
    [
        "Thủ tướng Erik Falk đánh giá cao cuộc hội đàm giữa Bộ trưởng Ivo Jansen và Thượng tướng "
        "Lưu Minh.",
        "Trên cơ sở kết quả cuộc hội đàm giữa Chủ tịch Thượng viện Ivo Jansen với ông Lưu Minh, "
        "Thủ tướng Erik Falk bày tỏ đồng tình.",
        "Thượng tướng Lưu Minh báo cáo với Thủ tướng Erik Falk về kết quả hội đàm với Bộ trưởng "
        "Ivo Jansen.",
    ],
)
def test_talks_between_others_are_not_the_speakers(body: str) -> None:
    assert pairs(body) == set()


def test_after_a_meeting_two_leaders_may_speak_for_one_side() -> None:
    body = "Sau cuộc gặp, Ngoại trưởng Erik Falk và Tổng thống Carla Duarte đều nói rằng hài lòng."
    assert pairs(body) == set()


def test_someone_along_on_a_visit_is_not_its_host() -> None:
    body = (
        "Ngoại trưởng Erik Falk, người đang có chuyến thăm Pháp cùng với Tổng thống Carla Duarte, "
        "cho biết."
    )
    assert pairs(body) == set()


def test_the_visitor_is_the_one_right_before_the_visit() -> None:
    body = (
        "Thủ tướng Erik Falk đã tiếp Chủ tịch Thượng viện Lưu Minh đang thăm chính thức Việt Nam "
        "theo lời mời của Chủ tịch Quốc hội Carla Duarte."
    )
    assert pairs(body) == set()
