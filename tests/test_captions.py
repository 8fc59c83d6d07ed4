"""A photo caption opening a file is not its title: the title is the line after it."""

import pytest

from index.ingest.articles import read_text_file
from index.ingest.captions import is_photo_caption


@pytest.mark.parametrize(
    "line",
    [
        "Chiến hạm Nhật Bản (Ảnh: AP).",
        "Nhân viên y tế tại Ấn Độ(Ảnh: Reuters).",
        "Một tàu ngầm thuộc dự án 613 (Ảnh minh họa: RT).",
        "Nhiều nhà đầu tư choáng váng (ảnh minh hoạ)",
        "Bãi đáp bị thổi bay (Ảnh chụp màn hình).",
        "Tàu khu trục Bayern của Đức. (Nguồn: Pinterest)",
        "Hình ảnh đầm nước đổi sang màu hồng tím. Ảnh: Internet",
        "Mạng 5G trên iPhone 12. Ảnh: Đinh Ngọc Dũng.",
        "Ảnh minh họa",
        "Ảnh minh hoạ: hội nghị thượng đỉnh",
    ],
)
def test_captions_are_recognised(line):
    assert is_photo_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "Chủ tịch nước gặp Tổng thống Mỹ tại Peru",
        "Lũ lụt ở miền Trung (ảnh)",
        "Thủ tướng tiếp Đại sứ Nhật Bản (video)",
        "Ảnh: Những khoảnh khắc ấn tượng tại APEC",
        "Hình ảnh Việt Nam trong mắt bạn bè quốc tế",
        "Triển lãm ảnh: 70 năm quan hệ Việt - Nga",
    ],
)
def test_headlines_are_not_captions(line):
    assert not is_photo_caption(line)


def read(tmp_path, text: str):
    path = tmp_path / "news_world_001.txt"
    path.write_text("# date = 20210427\n" + text, encoding="utf-8")
    return read_text_file(path, path.read_bytes(), source="test")


def test_the_line_after_a_caption_is_the_title_and_the_caption_stays_in_the_body(tmp_path):
    article = read(
        tmp_path,
        "Chiến hạm Nhật Bản (Ảnh: AP).\nNhật Bản điều chiến hạm tới Biển Đông\n"
        "Ngày 26/4, Bộ Quốc phòng Nhật Bản cho biết.",
    )
    assert article.title == "Nhật Bản điều chiến hạm tới Biển Đông"
    assert article.body.split("\n") == [
        "Chiến hạm Nhật Bản (Ảnh: AP).",
        "Ngày 26/4, Bộ Quốc phòng Nhật Bản cho biết.",
    ]


def test_an_illustration_line_is_passed_over(tmp_path):
    article = read(tmp_path, "Ảnh minh họa\nGiá vàng tăng mạnh\nSáng nay giá vàng tăng.")
    assert article.title == "Giá vàng tăng mạnh"


def test_a_photo_story_keeps_its_first_caption_as_title(tmp_path):
    # every paragraph a caption, the byline last: the byline must not become the title
    article = read(
        tmp_path,
        "Phượng tím nở rộ ở Đà Lạt (Ảnh: Khôi Vũ).\nHoa phủ kín con đường (Ảnh: Khôi Vũ).\n"
        "Khôi Vũ",
    )
    assert article.title == "Phượng tím nở rộ ở Đà Lạt (Ảnh: Khôi Vũ)."


def test_a_caption_alone_is_still_the_title(tmp_path):
    assert read(tmp_path, "Chiến hạm Nhật Bản (Ảnh: AP).").title == "Chiến hạm Nhật Bản (Ảnh: AP)."


def test_a_headline_first_line_is_untouched(tmp_path):
    article = read(tmp_path, "Hội đàm cấp cao Việt - Nhật\nẢnh: Internet. Hai bên hội đàm.")
    assert article.title == "Hội đàm cấp cao Việt - Nhật"
