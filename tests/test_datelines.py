"""Dates read from a dateline, for articles without a date metadata line."""

import json
from datetime import date

import pytest

from index.ingest.articles import read_jsonl_file, read_text_file
from index.ingest.datelines import dateline_date

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Hà Nội, ngày 12/11/2016, hai bên ký thỏa thuận.", "2016-11-12"),
        ("(Dân trí) - Ngày 3/4/2020, Bộ Ngoại giao thông báo…", "2020-04-03"),
        ("Thứ Hai, 12/06/2017 08:30 Thủ tướng tiếp Đại sứ.", "2017-06-12"),
        ("Ngày 05.02.2017, những trận chiến ác liệt tiếp diễn.", "2017-02-05"),
        ("Chiều ngày 05/02/2017, trước cửa khu phố…", "2017-02-05"),
        ("Sáng nay – ngày 6.2.2017, tức mồng 10 tháng Giêng…", "2017-02-06"),
        ("Hôm nay, ngày 8/2/2017, YouTube chính thức…", "2017-02-08"),
        ("(TITC) – Chiều 4/2/2017, tại sân bay Tân Sơn Nhất…", "2017-02-04"),
        ("Khoảng 15h20’ ngày 22/6/2017 tại khu vực đường…", "2017-06-22"),
        ("Tối 30-6-2017, ông Nguyễn Xuân Phúc…", "2017-06-30"),
        ("Thứ sáu 23/6/2017, chặng đua thứ 8…", "2017-06-23"),
        ("Washington, ngày 12 tháng 11 năm 2016 - Tổng thống…", "2016-11-12"),
    ],
)
def test_a_dateline_gives_the_full_date(opening, expected):
    assert dateline_date(opening + "\nĐoạn hai.", today=TODAY) == expected


@pytest.mark.parametrize(
    "opening",
    [
        "Ngày 6/6, Thủ tướng hội kiến Nhà Vua Nhật Bản.",  # no year
        "Từ ngày 10.2.2017, Thông tư 332 có hiệu lực.",  # a date the article talks about
        "Kể từ ngày 1/3/2017, giá điện tăng.",
        "Theo cáo trạng, tối 28/11/2016, bị cáo…",
        "Theo đó, ngày 13/1/2016, Sở GD-ĐT đã…",
        "Lily Maymac sinh ngày 15/8/1994, hiện sở hữu…",
        "Lễ hội diễn ra từ ngày 29/4 đến hết 24/6/2017 tại TP. Đà Nẵng.",
        "Ngày 1-10/4/2016, đoàn công tác…",  # a range
        "Nhân kỷ niệm 92 năm Ngày Báo chí (21/6/1925 - 21/6/2017)…",
        "Ngày 31/2/2017, một ngày không có thật.",
        "Ngày 1/1/2027, sau hôm nay.",  # after today
    ],
)
def test_no_full_date_at_the_start_gives_nothing(opening):
    assert dateline_date(opening + "\nĐoạn hai.", today=TODAY) is None


def test_only_the_first_paragraph_counts():
    body = "Nữ hoàng kỷ niệm 65 năm trị vì.\nVào ngày 2/6/1953, Nữ hoàng đăng quang."
    assert dateline_date(body, today=TODAY) is None


def read(tmp_path, text: str):
    path = tmp_path / "21395276.txt"
    path.write_text(text, encoding="utf-8")
    return read_text_file(path, path.read_bytes(), source="baomoi")


def test_an_undated_file_takes_its_dateline_date(tmp_path):
    article = read(tmp_path, "Thủ tướng tiếp Đại sứ\nHà Nội, ngày 12/11/2016, Thủ tướng tiếp.")
    assert (article.date, article.date_source) == ("2016-11-12", "text")


def test_the_date_metadata_line_wins(tmp_path):
    article = read(tmp_path, "# date = 20161113\nTiêu đề\nHà Nội, ngày 12/11/2016, hội đàm.")
    assert (article.date, article.date_source) == ("2016-11-13", "metadata")


def test_an_unreadable_metadata_date_falls_back_to_the_dateline(tmp_path):
    article = read(tmp_path, "# date = soon\nTiêu đề\nNgày 12/11/2016, hội đàm.")
    assert (article.date, article.date_source) == ("2016-11-12", "text")


def test_no_date_anywhere_is_none(tmp_path):
    article = read(tmp_path, "Tiêu đề\nHội đàm diễn ra ngày 12/11/2016 tại Hà Nội.")
    assert (article.date, article.date_source) == (None, None)


def test_a_date_in_the_title_is_not_a_dateline(tmp_path):
    article = read(tmp_path, "Ngày 12/11/2016: hội đàm cấp cao\nHai bên hội đàm.")
    assert article.date is None


def test_jsonl_records_have_a_date_source_too(tmp_path):
    lines = [
        {"id": "a", "title": "T", "body": "x", "date": "2020-01-02"},
        {"id": "b", "title": "T", "body": "Hà Nội, ngày 3/4/2020, hội đàm."},
        {"id": "c", "title": "T", "body": "Hội đàm."},
    ]
    data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    articles = list(read_jsonl_file(tmp_path / "feed.jsonl", data, source="test"))
    assert [(a.date, a.date_source) for a in articles] == [
        ("2020-01-02", "metadata"),
        ("2020-04-03", "text"),
        (None, None),
    ]
