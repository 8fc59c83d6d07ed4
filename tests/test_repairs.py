"""HTML entities and whitespace, as readers see them: decoded once, runs collapsed."""

import json

import pytest

from index.ingest.articles import read_jsonl_file, read_text_file
from index.ingest.repairs import decode_html_entities


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("Hà&nbsp;Nội", "Hà\xa0Nội"),
        ("bản&nbspSUV", "bản\xa0SUV"),  # no semicolon, as browsers read it
        ("T&ampT Group", "T&T Group"),
        ("Bộ VH-TT&amp;DL", "Bộ VH-TT&DL"),
        ("&quot;chiêm ngưỡng&quot;", '"chiêm ngưỡng"'),
        ("&#39;a&#x2013;b", "'a–b"),
        ("&#8220;x&#8221", "“x”"),
        ("&amp;lt;", "&lt;"),  # decoded once
    ],
)
def test_entities_are_decoded(raw, decoded):
    assert decode_html_entities(raw) == decoded


@pytest.mark.parametrize("text", ["Sở GD&TT;", "AT&T", "R&D", "?a=1&utm=2", "&notice", "5 & 6"])
def test_text_that_only_looks_like_an_entity_stays(text):
    assert decode_html_entities(text) == text


def test_article_text_and_title_are_decoded_and_spaces_collapsed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Hội nghị&nbsp;&nbsp;APEC &amp; G20\n&nbspTại Lima,&nbsp; hai  bên\thội đàm.\n",
        encoding="utf-8",
    )
    article = read_text_file(path, path.read_bytes(), source="test")
    assert article.title == "Hội nghị APEC & G20"
    assert article.body == "Tại Lima, hai bên hội đàm."


def test_a_decoded_combining_mark_is_composed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Tiêu đề\nHa&#768; Nội", encoding="utf-8")
    assert read_text_file(path, path.read_bytes(), source="test").body == "Hà Nội"


def test_jsonl_title_and_body_are_decoded(tmp_path):
    record = {"id": "x", "title": "A&amp;B", "body": "Xin&nbspchào &lt;b&gt;"}
    data = json.dumps(record).encode()
    (article,) = read_jsonl_file(tmp_path / "f.jsonl", data, source="test")
    assert (article.title, article.body) == ("A&B", "Xin chào <b>")


def test_metadata_keeps_its_ampersands(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("# url = https://x.vn/?a=1&amp=2\nTiêu đề\nNội dung.", encoding="utf-8")
    assert read_text_file(path, path.read_bytes(), source="t").url == "https://x.vn/?a=1&amp=2"
