"""Files in any encoding people really have must come out as the exact NFC Vietnamese text."""

from __future__ import annotations

import codecs
import lzma
import random
import shutil
import subprocess
import tarfile
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.ingest.encodings import UndecodableError, decode_article_bytes
from index.ingest.legacy_codecs import (
    LEGACY_DECODERS,
    TCVN3,
    VIETNAMESE_LETTERS,
    encode_tcvn3,
    encode_vni,
)

SENTENCES = [
    "Chủ tịch nước Trương Tấn Sang hội đàm với Tổng thống Nga Vladimir Putin tại Điện Kremlin.",
    "Hoà bình, thuỷ sản, Đà Nẵng, Ưu tiên, người Việt.",
    "Bộ trưởng Ngoại giao Phạm Bình Minh tiếp Đại sứ Nhật Bản tại Hà Nội ngày 19/11.",
    "Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại, đầu tư và quốc phòng.",
    "Thủ tướng Nguyễn Tấn Dũng dự Hội nghị Cấp cao APEC lần thứ 22 tại Bắc Kinh.",
    "Chủ tịch Quốc hội khẳng định hoà bình, ổn định ở Biển Đông là lợi ích chung của khu vực.",
    "Tổng Bí thư Nguyễn Phú Trọng hội kiến Thủ tướng Lý Hiển Long tại Xin-ga-po.",
    "Xin chào các bạn.",
]
ARTICLE = " ".join(SENTENCES[:2]) + "\n" + "\n".join(SENTENCES[2:5]) + "\n"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dantri-unc.tar.xz"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: precomposed where it can, else base + tone mark."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in decomposed if c in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone))
            out += (base + tone).encode("cp1258")
    return bytes(out)


def read_as_cp1252(data: bytes) -> str:
    """What a browser shows for UTF-8 bytes it takes for Windows-1252."""
    chars = []
    for byte in data:
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


def without_toned_capitals(text: str) -> str:
    """TCVN3 has no toned capitals: people typed them as lowercase in an all-caps font."""
    return "".join(c.lower() if c in VIETNAMESE_LETTERS and c not in TCVN3 else c for c in text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


ENCODED = {
    "utf-8": (ARTICLE.encode(), "utf-8"),
    "utf-8 with BOM and CRLF": (codecs.BOM_UTF8 + crlf(ARTICLE).encode(), "utf-8-sig"),
    "NFD utf-8": (nfd(ARTICLE).encode(), "utf-8"),
    "utf-16-le with BOM": (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be with BOM": (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be"),
    "utf-16-le without BOM": (crlf(ARTICLE).encode("utf-16-le"), "utf-16-le"),
    "utf-16-be without BOM": (ARTICLE.encode("utf-16-be"), "utf-16-be"),
    "utf-32-le with BOM": (codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "utf-32-le"),
    "utf-32-be with BOM": (codecs.BOM_UTF32_BE + ARTICLE.encode("utf-32-be"), "utf-32-be"),
    "cp1258": (cp1258(ARTICLE), "cp1258"),
    "cp1258 with CRLF and DOS end-of-file": (cp1258(crlf(ARTICLE)) + b"\x1a", "cp1258"),
    "tcvn3": (encode_tcvn3(ARTICLE), "tcvn3"),
    "vni": (encode_vni(ARTICLE), "vni"),
    "vni with old Mac CR": (encode_vni(ARTICLE.replace("\n", "\r")), "vni"),
    "mojibake": (read_as_cp1252(ARTICLE.encode()).encode(), "utf-8 (repaired mojibake)"),
    "mojibake via latin-1": (
        ARTICLE.encode().decode("latin-1").encode(),
        "utf-8 (repaired mojibake)",
    ),
    "mojibake of NFD": (
        read_as_cp1252(nfd(ARTICLE).encode()).encode(),
        "utf-8 (repaired mojibake)",
    ),
}


@pytest.mark.parametrize("label", list(ENCODED))
def test_every_encoding_gives_the_exact_nfc_article(label: str) -> None:
    data, encoding = ENCODED[label]
    assert decode_article_bytes(data) == (ARTICLE, encoding)


def test_bytes_typed_in_legacy_fonts_read_as_vietnamese() -> None:
    vni = "Chuû tòch nöôùc Tröông Taán Sang hoäi ñaøm vôùi Toång thoáng Nga taïi Ñieän Kremlin."
    tcvn3 = "Chñ tÞch n\xadíc Tr\xad¬ng TÊn Sang héi ®µm víi Tæng thèng Nga t¹i §iÖn Kremlin."
    expected = SENTENCES[0].replace("Vladimir Putin ", "")
    assert decode_article_bytes(vni.encode("cp1252")) == (expected, "vni")
    assert decode_article_bytes(tcvn3.encode("cp1252")) == (expected, "tcvn3")
    vni_letters = (
        "Thuû töôùng thaêm Myõ, Ñaøi Loan vaø UÙc; kyû nieäm, Quaûng Trò, laõnh ñaïo, dó nhieân, "
        "yù kieán, ñaëc bieät, Ñaék Laék, Caàn Thô, AÁn Ñoä, kieâng kî, YÛ Lan."
    )
    assert decode_article_bytes(vni_letters.encode("cp1252")) == (
        "Thủ tướng thăm Mỹ, Đài Loan và Úc; kỷ niệm, Quảng Trị, lãnh đạo, dĩ nhiên, "
        "ý kiến, đặc biệt, Đắk Lắk, Cần Thơ, Ấn Độ, kiêng kỵ, Ỷ Lan.",
        "vni",
    )


def test_tcvn3_toned_capitals_come_out_lowercase() -> None:
    text = "Ấn Độ và Việt Nam ký kết hiệp định thương mại song phương."
    data = encode_tcvn3(without_toned_capitals(text))
    assert decode_article_bytes(data) == ("ấn Độ" + text[5:], "tcvn3")
    with pytest.raises(ValueError, match="TCVN3"):
        encode_tcvn3(text)


def test_old_and_new_tone_placement_are_both_kept() -> None:
    text = "Hoà bình và hòa bình; thuỷ sản và thủy sản."
    for data in (text.encode(), nfd(text).encode(), cp1258(text), encode_vni(text)):
        assert decode_article_bytes(data)[0] == text


def test_real_text_that_merely_contains_mojibake_lookalikes_is_left_alone() -> None:
    text = "Ông nói: “Đây là NGÃ”, rồi chỉ về phía chợ Ngã Tư Sở."
    assert decode_article_bytes(text.encode()) == (text, "utf-8")


def test_utf8_cut_off_mid_letter_keeps_everything_before_the_cut() -> None:
    data = ARTICLE.encode() + "ệ".encode()[:2]
    assert decode_article_bytes(data) == (ARTICLE, "utf-8")


def test_pure_ascii_is_utf8() -> None:
    assert decode_article_bytes(b"APEC 2017: Da Nang.\r\n") == ("APEC 2017: Da Nang.\n", "utf-8")


def test_empty_file_is_not_an_error() -> None:
    assert decode_article_bytes(b"") == ("", "empty")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary file"),
        (random.Random(1).randbytes(4096), "binary file"),
        (bytes(b for b in random.Random(2).randbytes(4096) if b), "binary file"),
        (codecs.BOM_UTF16_LE + b"a\x00\x00\xdc", "invalid UTF-16"),
        (
            bytes(random.Random(3).choice(range(0xA0, 0x100)) for _ in range(2000)),
            "not valid text in any known encoding",
        ),
    ],
    ids=["png", "random bytes", "random bytes without NUL", "broken utf-16", "high bytes"],
)
def test_binary_and_garbage_are_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UndecodableError) as raised:
        decode_article_bytes(data)
    message = str(raised.value)
    assert message.startswith(reason)
    assert "\n" not in message


def test_the_tables_cover_all_134_letters_and_agree() -> None:
    assert len(VIETNAMESE_LETTERS) == 134
    assert {"ạ", "Ặ", "ễ", "Ỉ", "ữ", "Ỵ", "đ", "Đ", "ơ", "Ư"} <= VIETNAMESE_LETTERS
    in_tcvn3 = [letter for letter in VIETNAMESE_LETTERS if letter in TCVN3]
    assert len(in_tcvn3) == 67 + 7
    for letter in VIETNAMESE_LETTERS:
        assert unicodedata.normalize("NFC", LEGACY_DECODERS["vni"](encode_vni(letter))) == letter
    for letter in in_tcvn3:
        assert LEGACY_DECODERS["tcvn3"](encode_tcvn3(letter)) == letter


@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv")
def test_tcvn3_table_matches_glibc_tcvn5712() -> None:
    letters = sorted((byte, letter) for letter, byte in TCVN3.items() if letter.isalpha())
    data = b" ".join(bytes([byte]) for byte, _ in letters)
    result = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True, check=False
    )
    if result.returncode:
        pytest.skip("iconv lacks TCVN5712-1")
    assert result.stdout.decode().split(" ") == [letter for _, letter in letters]


VIETNAMESE_TEXT = st.text(
    alphabet=st.sampled_from(
        sorted(VIETNAMESE_LETTERS)
        + list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        + list("0123456789 .,;:!?-()'\"/“”…–")
    ),
    min_size=1,
)


@given(VIETNAMESE_TEXT)
def test_any_vietnamese_text_round_trips_through_unicode_encodings(text: str) -> None:
    assert decode_article_bytes(text.encode()) == (text, "utf-8")
    assert decode_article_bytes(nfd(text).encode()) == (text, "utf-8")
    assert decode_article_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))[0] == text
    assert decode_article_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))[0] == text


@given(VIETNAMESE_TEXT)
def test_any_vietnamese_text_round_trips_through_the_legacy_codecs(text: str) -> None:
    def decoded(name: str, data: bytes) -> str:
        return unicodedata.normalize("NFC", LEGACY_DECODERS[name](data))

    assert decoded("cp1258", cp1258(text)) == text
    assert decoded("vni", encode_vni(text)) == text
    tcvn3_text = without_toned_capitals(text)
    assert decoded("tcvn3", encode_tcvn3(tcvn3_text)) == tcvn3_text


LEGACY_ENCODERS = {
    "cp1258": cp1258,
    "tcvn3": lambda text: encode_tcvn3(without_toned_capitals(text)),
    "vni": encode_vni,
    "utf-8 (repaired mojibake)": lambda text: read_as_cp1252(text.encode()).encode(),
}


@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
    st.sampled_from(["\n", " ", "\r\n"]),
    st.sampled_from(sorted(LEGACY_ENCODERS)),
)
def test_detection_finds_the_encoding_of_any_news_text(
    sentences: list[str], separator: str, encoding: str
) -> None:
    text = separator.join(sentences)
    expected = without_toned_capitals(text) if encoding == "tcvn3" else text
    data = LEGACY_ENCODERS[encoding](text)
    assert decode_article_bytes(data) == (expected.replace("\r\n", "\n"), encoding)


def dantri_articles(count: int) -> list[str]:
    keep = set(map(chr, range(32, 127))) | set(VIETNAMESE_LETTERS) | set("\n“”…–")
    articles = []
    with lzma.open(CORPUS) as packed, tarfile.open(fileobj=packed, mode="r|") as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".txt"):
                raw = archive.extractfile(member)
                assert raw is not None
                text = unicodedata.normalize("NFC", raw.read().decode())
                articles.append("".join(c for c in text if c in keep))
                if len(articles) == count:
                    break
    return articles


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared corpus absent")
def test_detection_on_real_news_articles() -> None:
    for article in dantri_articles(40):
        for encoding, encode in LEGACY_ENCODERS.items():
            expected = without_toned_capitals(article) if encoding == "tcvn3" else article
            assert decode_article_bytes(encode(article)) == (expected, encoding)


@pytest.mark.parametrize("encoding", ["cp1258", "vni"])
def test_a_five_megabyte_legacy_file_decodes_quickly(encoding: str) -> None:
    chunk = LEGACY_ENCODERS[encoding](ARTICLE)
    data = chunk * (5_000_000 // len(chunk) + 1)
    started = time.perf_counter()
    text, detected = decode_article_bytes(data)
    elapsed = time.perf_counter() - started
    assert (detected, text[: len(ARTICLE)], len(text)) == (
        encoding,
        ARTICLE,
        len(ARTICLE) * (5_000_000 // len(chunk) + 1),
    )
    assert elapsed < 2.0
