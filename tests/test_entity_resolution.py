"""Garbled names: the machine-translated seeds, and synthetic garbles of other gazetteer names.

The synthetic sets are generated from the gazetteer (never from the seed strings): pinyin of each
person's characters, the same with the last syllable cut short, and a Hán-Việt surname followed by
pinyin. Unrelated names (random Vietnamese names, places, random pinyin names) must not resolve.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from index.entities import EntityMatcher, load_gazetteer
from index.entities.gazetteer import Gazetteer, Leader
from index.entities.hanzi_names import is_transliteration
from index.entities.lexicon import SURNAME_HANZI, is_vietnamese_syllable
from index.text.vietnamese import SYLLABLE_RE, fold

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SEED_LEADERS = frozenset(
    {"truong-tan-sang", "tran-dai-quang", "pham-binh-minh", "ly-hien-long", "vo-nguyen-giap"}
)
GIVEN_NAMES = (
    "An", "Bảo", "Chiến", "Cường", "Dũng", "Duy", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa",
    "Hùng", "Hương", "Huy", "Khánh", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc",
    "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quý", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy",
    "Trang", "Trung", "Tuấn", "Tùng", "Vân", "Việt", "Vinh", "Yến",
)
MIDDLE_NAMES = (
    "Văn", "Thị", "Minh", "Quốc", "Đức", "Thanh", "Hữu", "Ngọc", "Xuân", "Thu", "Hoài", "Kim",
)
PLACES = (
    "Quảng Ninh", "Bình Dương", "Đồng Nai", "Thanh Hóa", "Nghệ An", "Hải Phòng", "Cần Thơ",
    "Lâm Đồng", "Kiên Giang", "Đà Nẵng", "Hà Tĩnh", "Quảng Bình", "Bắc Ninh", "Phú Quốc",
    "Vũng Tàu", "Tây Nguyên", "Hạ Long", "Sa Pa", "Côn Đảo", "Trường Sa", "Hoàng Sa",
    "Điện Biên", "Long An", "Sóc Trăng", "Bến Tre", "Vĩnh Phúc", "Thái Nguyên", "Yên Bái",
)
CHINESE_SURNAMES = (
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
    "ma", "zhu", "hu", "guo", "he", "lin",
)
PINYIN_POOL = (
    "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan",
    "jie", "tao", "ming", "chao", "xiu", "hua", "ping", "gang", "hui", "bo", "lan", "hong",
    "ying", "fei", "xin", "yu", "hao", "kai", "rong", "dong", "zhi", "shan", "qing",
)


def _pinyin(hanzi: str) -> list[str]:
    return lazy_pinyin(hanzi, style=Style.NORMAL, v_to_u=True)


def _han_chars(leader: Leader) -> str:
    return "".join(c for c in leader.hanzi if "\u3400" <= c <= "\u9fff")


def garbles(leader: Leader) -> Iterator[tuple[str, str]]:
    """(method, garbled name): pinyin, pinyin with a cut-off ending, Hán-Việt surname + pinyin."""
    chars = _han_chars(leader)
    if len(chars) < 3:
        return
    readings = _pinyin(chars)
    surname, given = readings[0].capitalize(), "".join(readings[1:]).capitalize()
    yield "pinyin", f"{surname} {given}"
    last = readings[-1]
    keep = max(2, (len(last) + 1) // 2)
    if keep < len(last):
        # "Jinchuang" → "Jinchu": the last syllable cut to its first half.
        yield "truncated", f"{surname} {given[: len(given) - len(last) + keep]}"
    words = SYLLABLE_RE.findall(leader.name)
    hanviet = len(words) == len(chars) and all(is_vietnamese_syllable(w) for w in words)
    if hanviet and words[0] in SURNAME_HANZI:
        yield "mixed", f"{words[0]} {given}"


def is_alias(leader: Leader, text: str) -> bool:
    return any(fold(text) == fold(name) for name in leader.names)


def sentence(name: str, country: str) -> tuple[str, str]:
    """A short article naming the person with a title and the person's country."""
    title = f"Chủ tịch {name} tiếp đoàn đại biểu"
    body = (
        f"Ngày 12/5, Chủ tịch {name} đã tiếp đoàn đại biểu cấp cao. "
        f"Hai bên trao đổi về quan hệ hợp tác giữa {country} và các đối tác trong khu vực."
    )
    return title, body


def vietnamese_names(rng: random.Random, count: int) -> list[str]:
    surnames = list(SURNAME_HANZI)
    return [
        f"{rng.choice(surnames)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
        for _ in range(count)
    ]


def pinyin_names(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < count:
        given = rng.choice(PINYIN_POOL) + rng.choice(PINYIN_POOL)
        if given in taken:
            continue
        out.append(f"{rng.choice(CHINESE_SURNAMES).capitalize()} {given.capitalize()}")
    return out


def given_pinyin(gazetteer: Gazetteer) -> set[str]:
    """Every gazetteer person's given name in pinyin, fused: what random names must avoid."""
    taken = set()
    for leader in gazetteer.leaders.values():
        chars = _han_chars(leader)
        if len(chars) >= 2:
            taken.add("".join(_pinyin(chars[1:])))
    return taken


@pytest.fixture(scope="module")
def real() -> tuple[EntityMatcher, Gazetteer]:
    gazetteer, _ = load_gazetteer()
    return EntityMatcher.from_gazetteer(gazetteer), gazetteer


def read_seed(stem: str) -> tuple[str, str]:
    """Title = first line; body = the rest without the dash line (the reader's repairs apply)."""
    from index.ingest.articles import parse_text_article

    path = SEEDS / f"{stem}.txt"
    article = parse_text_article(
        path.read_text("utf-8"), article_id=stem, path=str(path), source="seeds"
    )
    return article.title, article.body


SEED_GARBLES = [
    ("000_499571635b3814d9", "Trương Jinchuang", "truong-tan-sang"),
    ("000_499571635b3814d9", "Zhang Jinchuang", "truong-tan-sang"),
    ("000_499571635b3814d9", "Zhang Jinchu", "truong-tan-sang"),
    ("000_499571635b3814d9", "Trương Tấn Thành", "truong-tan-sang"),
    ("000_499571635b3814d9", "Jim Chong", "truong-tan-sang"),
    ("000_499571635b3814d9", "John Keye", "john-key"),
    ("001_d361021e82024496", "Trương Tấn Thành", "truong-tan-sang"),
    ("001_d361021e82024496", "Jin Chong", "truong-tan-sang"),
    ("001_d361021e82024496", "Zhang Jinchuang", "truong-tan-sang"),
    ("001_d361021e82024496", "Zhang Jinchu", "truong-tan-sang"),
    ("001_d361021e82024496", "Fan Pingming", "pham-binh-minh"),
    ("001_d361021e82024496", "Wu Yuanjiao", "vo-nguyen-giap"),
    ("001_d361021e82024496", "Ngô Yuanjiao", "vo-nguyen-giap"),
    ("003_3fb5371926640cd9", "Chen Daguang", "tran-dai-quang"),
    ("003_3fb5371926640cd9", "Trần Daguang", "tran-dai-quang"),
    ("003_3fb5371926640cd9", "Daguang", "tran-dai-quang"),
    ("003_3fb5371926640cd9", "Lý Xianlong", "ly-hien-long"),
    ("003_3fb5371926640cd9", "Brian Malcolm Turnbull", "malcolm-turnbull"),
]


@pytest.mark.parametrize("stem, garbled, leader_id", SEED_GARBLES)
def test_every_garbled_seed_name_resolves(real, stem: str, garbled: str, leader_id: str) -> None:
    matcher, _ = real
    title, body = read_seed(stem)
    in_title, in_body = matcher.find(title, body)
    places = [(title, in_title, m.start()) for m in re.finditer(re.escape(garbled), title)]
    places += [(body, in_body, m.start()) for m in re.finditer(re.escape(garbled), body)]
    assert places, garbled
    for _text, mentions, start in places:
        end = start + len(garbled)
        hits = [m for m in mentions if m.start < end and start < m.end]
        assert [m.id for m in hits] == [leader_id], (garbled, start, hits)


def test_machine_translation_leaves_one_leader_not_six(real) -> None:
    matcher, _ = real
    in_title, in_body = matcher.find(*read_seed("000_499571635b3814d9"))
    ids = {m.id for m in in_title + in_body if m.kind == "leader"}
    assert "truong-tan-sang" in ids
    assert len([m for m in in_title + in_body if m.id == "truong-tan-sang"]) >= 7


def test_garbles_in_a_fresh_article(real) -> None:
    matcher, _ = real
    body = (
        "Chủ tịch nước Trần Đại Quang tiếp Thủ tướng Papua New Guinea. "
        "Trước đó, Chủ tịch Chen Daguang đã gặp Thủ tướng Úc. Chen Daguang cảm ơn Việt Nam."
    )
    _, mentions = matcher.find("", body)
    assert [m.text for m in mentions if m.kind == "leader"] == [
        "Trần Đại Quang", "Chen Daguang", "Chen Daguang"
    ]


def test_near_miss_vietnamese_names_stay_unresolved_without_context(real) -> None:
    matcher, _ = real
    # The same near miss as "Trương Tấn Thành", but nothing in the article points at Sang.
    _, mentions = matcher.find("", "Chủ tịch xã Trương Tấn Thành cho biết lúa được mùa.")
    assert [m for m in mentions if m.kind == "leader"] == []
    _, mentions = matcher.find("", "Ông Trương Tấn Thành, giám đốc công ty, cho biết.")
    assert [m for m in mentions if m.kind == "leader"] == []


def resolution_rates(matcher: EntityMatcher, gazetteer: Gazetteer) -> dict[str, Counter]:
    positives: Counter = Counter()
    for leader in gazetteer.leaders.values():
        if leader.id in SEED_LEADERS or not leader.hanzi or is_transliteration(leader):
            continue  # transliterated Western names have their own garbles (test_garbles.py)
        country = gazetteer.countries.get(leader.country)
        for method, name in garbles(leader):
            if is_alias(leader, name):
                continue
            in_title, in_body = matcher.find(*sentence(name, country.name if country else "Lào"))
            ids = {m.id for m in in_title + in_body if m.kind == "leader"}
            positives[method, "n"] += 1
            positives[method, "hit" if ids == {leader.id} else "wrong" if ids else "miss"] += 1
    negatives: Counter = Counter()
    rng = random.Random(7)
    taken = given_pinyin(gazetteer)
    unrelated = (
        ("vietnamese", vietnamese_names(rng, 400)),
        ("place", list(PLACES)),
        ("pinyin", pinyin_names(rng, 400, taken)),
    )
    for kind, names in unrelated:
        for name in names:
            if any(is_alias(leader, name) for leader in gazetteer.leaders.values()):
                continue
            in_title, in_body = matcher.find(*sentence(name, "Việt Nam"))
            negatives[kind, "n"] += 1
            negatives[kind, "false"] += any(m.kind == "leader" for m in in_title + in_body)
    return {"positives": positives, "negatives": negatives}


def test_synthetic_garbles_of_other_names_resolve_and_strangers_do_not(real) -> None:
    matcher, gazetteer = real
    rates = resolution_rates(matcher, gazetteer)
    positives, negatives = rates["positives"], rates["negatives"]
    total = sum(v for (_, k), v in positives.items() if k == "n")
    hits = sum(v for (_, k), v in positives.items() if k == "hit")
    wrong = sum(v for (_, k), v in positives.items() if k == "wrong")
    strangers = sum(v for (_, k), v in negatives.items() if k == "n")
    false = sum(v for (_, k), v in negatives.items() if k == "false")
    print(f"garble recall {hits}/{total}, wrong {wrong}; false resolutions {false}/{strangers}")
    assert total >= 100
    assert hits / total >= 0.9
    assert wrong / total <= 0.02
    assert false / strangers <= 0.02
