"""Machine-translation garbles made from the gazetteer's own Chinese names, and traps.

Every leader with Chinese characters is written the ways machine translation from Chinese writes
them: pinyin with the given name fused ("Zhang Jinchuang"), a Japanese name read family name
first ("Anbei Jinsan" for 安倍晋三), a Korean one the same way, a Western name's Chinese spelling
fused ("Mokeer" for 默克尔), and Hán-Việt where every character's reading is known. Traps are
names built the same way from characters that spell nobody in the gazetteer.
"""

from __future__ import annotations

import random

import pytest

from index.entities import EntityMatcher, Leader, load_gazetteer
from index.entities.hanzi_names import hanviet_table, is_transliteration
from index.entities.readings import is_cjk, primary

CHINESE_STYLE = {"CN", "TW", "HK", "SG", "VN", "KR", "KP"}


@pytest.fixture(scope="module")
def loaded() -> tuple[EntityMatcher, dict[str, Leader], dict[str, str]]:
    gazetteer, _ = load_gazetteer()
    countries = {k: v.name for k, v in gazetteer.countries.items()}
    return EntityMatcher.from_gazetteer(gazetteer), gazetteer.leaders, countries


def _pinyin(chars: str) -> str:
    return "".join(sorted(primary(c))[0] for c in chars)


def _garbles(leader: Leader, table: dict[str, frozenset[str]]) -> list[str]:
    chars = "".join(c for c in leader.hanzi if is_cjk(c) or c == "·")
    if is_transliteration(leader):
        family = chars.split("·")[-1]
        return [_pinyin(family).capitalize()] if len(family) >= 2 else []
    chars = chars.replace("·", "")
    out = []
    if leader.country in CHINESE_STYLE and len(chars) in (2, 3):
        out.append(f"{_pinyin(chars[0]).capitalize()} {_pinyin(chars[1:]).capitalize()}")
    if leader.country == "JP" and len(chars) == 4:
        out.append(f"{_pinyin(chars[:2]).capitalize()} {_pinyin(chars[2:]).capitalize()}")
    if leader.country in {"JP", "KR", "KP"} and all(c in table for c in chars):
        out.append(" ".join(sorted(table[c])[0].capitalize() for c in chars))
    return out


def _sentence(leader: Leader, garble: str, countries: dict[str, str]) -> str:
    role = leader.roles[0].role if leader.roles else "Lãnh đạo"
    return f"{role} {countries.get(leader.country, '')} {garble} phát biểu tại hội nghị."


def _year(leader: Leader) -> int | None:
    role = leader.roles[0] if leader.roles else None
    return role.start if role is not None and role.start is not None else None


def test_garbles_of_the_gazetteer_s_own_names_resolve(loaded) -> None:
    matcher, leaders, countries = loaded
    table = hanviet_table(list(leaders.values()))
    tried, right, wrong = 0, 0, []
    for leader in leaders.values():
        if not leader.hanzi:
            continue
        for garble in _garbles(leader, table):
            if any(garble == name for name in leader.names):
                continue
            tried += 1
            _, body = matcher.find("", _sentence(leader, garble, countries), year=_year(leader))
            found = {m.id for m in body if m.kind == "leader"}
            if leader.id in found:
                right += 1
            wrong += [(garble, leader.id, other) for other in found - {leader.id}]
    assert tried > 250
    assert wrong == [], wrong[:20]
    assert right / tried >= 0.85, f"{right}/{tried}"


def test_japanese_korean_and_western_garbles(loaded) -> None:
    matcher, _, _ = loaded
    cases = [
        ("Thủ tướng Nhật Bản Anbei Jinsan phát biểu.", 2015, "shinzo-abe"),
        ("Thủ tướng Đức Mokeer phát biểu.", 2015, "angela-merkel"),
        ("Tổng thống Pháp Makelong phát biểu.", 2019, "emmanuel-macron"),
        ("Tổng thống Hàn Quốc Mun Jae-in phát biểu.", 2019, "moon-jae-in"),
        ("Tổng thống Hàn Quốc Moon Jae In phát biểu.", 2019, "moon-jae-in"),
        ("Cố Tổng Bí thư Li Sun được nhắc đến.", 1980, "le-duan"),
    ]
    for text, year, expected in cases:
        _, body = matcher.find("", text, year=year)
        assert [m.id for m in body if m.kind == "leader"] == [expected], text


def _trap_names(leaders: dict[str, Leader], count: int) -> list[str]:
    """Pinyin names from characters no gazetteer name uses: nobody's name."""
    used = {c for leader in leaders.values() for c in leader.hanzi}
    pool = [chr(c) for c in range(0x4E00, 0x9FA5) if chr(c) not in used]
    surnames = [c for c in "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"]
    rng = random.Random(14)
    readings = {_pinyin(c) for leader in leaders.values() for c in leader.hanzi if is_cjk(c)}
    names = []
    while len(names) < count:
        given = "".join(rng.sample(pool, 2))
        if any(_pinyin(c) in readings for c in given):
            continue  # the same sound as a leader's character is a near miss, not a trap
        names.append(f"{_pinyin(rng.choice(surnames)).capitalize()} {_pinyin(given).capitalize()}")
        names.append(_pinyin(rng.choice(pool) + given).capitalize())
    return names


def test_unrelated_names_resolve_to_nobody(loaded) -> None:
    matcher, leaders, _ = loaded
    western = ["Mark Stevenson", "Anna Kowalska", "Pierre Dubois", "Olga Ivanova", "Tom Harwellby"]
    vietnamese = [
        "Minh Anh", "Tú Anh", "Đức Hoàng", "Nguyễn Văn Hùng", "Lê Thị Thu Trang", "Kim Anh"
    ]
    false = []
    for name in _trap_names(leaders, 300) + western + vietnamese:
        for text in (f"Ông {name} cho biết.", f"Giám đốc {name} phát biểu tại Bắc Kinh."):
            _, body = matcher.find("", text, year=2018)
            false += [(name, m.id) for m in body if m.kind == "leader"]
    assert false == []
