import json
from pathlib import Path

import pytest

from index.ingest.articles import ArticleError, SkippedLine, read_jsonl_file, read_text_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def read(path: Path):
    return read_text_file(path, path.read_bytes(), source="test")


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_fused_seed_title_is_split_from_its_body():
    article = read(SEEDS / "002_8b65aa2e01a6e9fd.txt")
    assert article.title == "Chủ tịch nước gặp Tổng thống Mỹ, Nga, Chủ tịch Trung Quốc tại Peru"
    assert article.body.startswith("Tới Peru dự hội nghị thượng đỉnh")
    assert "thế giới. Ngày 19/11" in article.body


def test_dash_line_is_dropped_and_id_is_the_stem():
    article = read(SEEDS / "000_499571635b3814d9.txt")
    assert article.id == "000_499571635b3814d9"
    assert article.title.startswith("Hội nghị thượng đỉnh APEC 2014")
    assert not article.body.startswith("-")
    assert "---" not in article.body


def test_glued_sentences_get_a_space_but_abbreviations_and_numbers_do_not(tmp_path):
    body = "Đoàn tới TP.HCM lúc 2.5 giờ.Sau đó đoàn thăm vnexpress.net và nghỉ.Ông Ba nói."
    article = read(write(tmp_path, "a.txt", "Tiêu đề\n" + body))
    assert article.body == (
        "Đoàn tới TP.HCM lúc 2.5 giờ. Sau đó đoàn thăm vnexpress.net và nghỉ. Ông Ba nói."
    )


def test_whitespace_runs_collapse_and_crlf_is_read(tmp_path):
    article = read(
        write(tmp_path, "a.txt", "Tiêu  đề\r\n\r\nDòng   một\t\tcó  khoảng\r\n\r\n\r\nDòng hai\r\n")
    )
    assert article.title == "Tiêu đề"
    assert article.body == "Dòng một có khoảng\nDòng hai"


def test_baomoi_layout_title_lead_body(tmp_path):
    text = "Thủ tướng tiếp Đại sứ Nhật Bản\nChiều 5/7, Thủ tướng tiếp Đại sứ...\nThân bài dài."
    article = read(write(tmp_path, "21395276.txt", text))
    assert article.title == "Thủ tướng tiếp Đại sứ Nhật Bản"
    assert article.body == "Chiều 5/7, Thủ tướng tiếp Đại sứ...\nThân bài dài."


def test_metadata_lines_are_metadata_not_text(tmp_path):
    text = (
        "# doc_id = news_world_001\n# url = https://dantri.com.vn/the-gioi/a.htm\n"
        "# date = 20201001\nTiêu đề bài\nNội dung."
    )
    article = read(write(tmp_path, "news_world_001.txt", text))
    assert article.title == "Tiêu đề bài"
    assert article.body == "Nội dung."
    assert article.date == "2020-10-01"
    assert article.url == "https://dantri.com.vn/the-gioi/a.htm"
    assert article.source == "dantri.com.vn"


def test_markdown_heading_becomes_the_title(tmp_path):
    article = read(write(tmp_path, "note.md", "# Hội đàm cấp cao\n\nNội dung **đậm**."))
    assert article.title == "Hội đàm cấp cao"
    assert article.body == "Nội dung **đậm**."


def test_nfd_text_is_stored_as_nfc(tmp_path):
    import unicodedata

    text = unicodedata.normalize("NFD", "Hội đàm\nViệt Nam và Hoa Kỳ")
    article = read(write(tmp_path, "nfd.txt", text))
    assert article.title == "Hội đàm"
    assert unicodedata.is_normalized("NFC", article.body)


def test_title_only_file_is_an_article(tmp_path):
    article = read(write(tmp_path, "t.txt", "Chỉ có tiêu đề\n"))
    assert (article.title, article.body) == ("Chỉ có tiêu đề", "")


def test_empty_file_is_refused_with_a_reason(tmp_path):
    with pytest.raises(ArticleError, match="empty"):
        read(write(tmp_path, "e.txt", "  \n\n"))


def test_jsonl_reads_each_line_and_reports_bad_ones(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "a1",
                "title": "Tin một",
                "body": "Nội dung một",
                "date": "2021-03-04",
                "source": "TTXVN",
                "url": "https://x.vn/1",
            },
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps({"title": "Không có id", "body": "Nội dung hai"}, ensure_ascii=False),
        json.dumps(["a", "list"]),
        json.dumps({"id": "a4"}),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    items = list(read_jsonl_file(path, path.read_bytes(), source="test"))
    articles = [i for i in items if not isinstance(i, SkippedLine)]
    skipped = {i.line: i.reason for i in items if isinstance(i, SkippedLine)}
    assert [a.id for a in articles] == ["a1", "feed:3"]
    assert articles[0].date == "2021-03-04" and articles[0].source == "TTXVN"
    assert set(skipped) == {2, 4, 5}
    assert "invalid JSON" in skipped[2]


def test_real_dantri_articles_read_cleanly(dantri_sample):
    files = sorted(dantri_sample.rglob("*.txt"))
    assert len(files) > 2000
    for path in files:
        article = read(path)
        assert article.title and article.body, path
        assert article.date and article.date[:2] == "20", path
        assert not article.body.startswith("# "), path


def test_jsonl_blank_id_is_replaced_by_the_file_and_line():
    data = '{"id": "  ", "title": "Hội đàm"}\n{"id": 0, "title": "Thăm"}\n'.encode()
    first, second = list(read_jsonl_file(Path("feed.jsonl"), data, source="test"))
    assert first.id == "feed:1"
    assert second.id == "0"
