"""Same-story grouping: the seeds, and small made-up corpora built for each rule."""

from __future__ import annotations

import random
from pathlib import Path

from index.build.annotate import Annotator
from index.ingest.articles import read_text_file
from index.relations.same_story import (
    SameStory,
    anchors,
    group_same_story,
    shingle_hashes,
    signature,
    similarity,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Both report Trần Đại Quang's meetings in Lima at APEC 2016; 003 is a machine translation.
LIMA_SEEDS = {"002_8b65aa2e01a6e9fd", "003_3fb5371926640cd9"}

MADE_UP_WORDS = (
    "hợp tác kinh tế phát triển quan hệ hai nước đầu tư thương mại văn hóa giáo dục an ninh "
    "khu vực thế giới chính sách thị trường doanh nghiệp người dân công nghệ năng lượng môi "
    "trường nông nghiệp du lịch y tế lao động giao thông xây dựng tài chính ngân hàng hàng hóa "
    "xuất khẩu nhập khẩu sản xuất dịch vụ nghiên cứu khoa học đào tạo thanh niên phụ nữ gia "
    "đình trẻ em bệnh viện trường học thành phố nông thôn biển đảo rừng núi sông hồ mưa nắng"
)
SYLLABLES = MADE_UP_WORDS.split()
LEADER_NAMES = ["Alda Brun", "Cato Dima", "Edda Fonn", "Gita Holm", "Ilse Jora", "Kurt Lund"]
LEADER_IDS = ["brun", "dima", "fonn", "holm", "jora", "lund"]


def made_up_sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(SYLLABLES) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def made_up_article(rng: random.Random, sentences: int = 30) -> list[str]:
    return [made_up_sentence(rng) for _ in range(sentences)]


def test_the_two_seeds_on_the_lima_meetings_group_and_nothing_else() -> None:
    annotator = Annotator(user_file=Path("/nonexistent/gazetteer.jsonl"))
    articles = [read_text_file(p, p.read_bytes(), source="seeds") for p in SEEDS.glob("*.txt")]
    docs = [(a.id, f"{a.title}\n{a.body}") for a in articles]
    leaders = {a.id: annotator.annotate(a).leaders for a in articles}
    grouped = group_same_story(docs, leaders)
    assert set(grouped) == LIMA_SEEDS
    assert len(set(grouped.values())) == 1


def test_the_seeds_share_too_few_word_sequences_to_group_on_text_alone() -> None:
    articles = [read_text_file(p, p.read_bytes(), source="seeds") for p in SEEDS.glob("*.txt")]
    assert group_same_story((a.id, f"{a.title}\n{a.body}") for a in articles) == {}


def test_one_event_from_two_outlets_groups() -> None:
    rng = random.Random(1)
    original = made_up_article(rng)
    retold = original[:]
    for index in (3, 11, 19, 27):
        retold[index] = made_up_sentence(rng)
    docs = [
        ("outlet-a", "Tiêu đề thứ nhất\n" + " ".join(original)),
        ("outlet-b", "Một tiêu đề khác hẳn\n" + " ".join(retold)),
        ("other", " ".join(made_up_article(rng))),
    ]
    assert group_same_story(docs) == {"outlet-a": "outlet-a", "outlet-b": "outlet-a"}


def test_unrelated_articles_sharing_boilerplate_do_not_group() -> None:
    rng = random.Random(2)
    boilerplate = made_up_article(rng, sentences=4)
    docs = [(f"story-{n}", " ".join(made_up_article(rng) + boilerplate)) for n in range(5)]
    assert group_same_story(docs) == {}


def _translation_pair(rng: random.Random, names: list[str]) -> tuple[str, str]:
    """Two texts with the same names and numbers but hardly a word sequence in common."""
    facts = [
        f"{name} ngày {day}/11 năm 2016 tại Lima"
        for name, day in zip(names, range(10, 16), strict=False)
    ]
    original = " ".join(f"{made_up_sentence(rng)} Ông {fact}." for fact in facts)
    translated = " ".join(f"Ông {fact}, {made_up_sentence(rng)}" for fact in reversed(facts))
    return original, translated


def test_a_translation_beside_its_original_groups_by_its_cast() -> None:
    rng = random.Random(3)
    original, translated = _translation_pair(rng, LEADER_NAMES)
    docs = [("original", original), ("translation", translated)]
    assert group_same_story(docs) == {}  # the words alone do not tell
    leaders = {"original": LEADER_IDS, "translation": LEADER_IDS}
    assert group_same_story(docs, leaders) == {
        "original": "original",
        "translation": "original",
    }


def test_the_same_cast_in_different_stories_does_not_group() -> None:
    rng = random.Random(4)
    first_places = ["Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Vinh"]
    second_places = ["Berlin", "Paris", "Roma", "Madrid", "Vienna", "Praha"]
    first = " ".join(
        f"{made_up_sentence(rng)} Ông {name} phát biểu tại {place} ngày {day}/5 trước Quốc hội."
        for name, place, day in zip(LEADER_NAMES, first_places, range(1, 7), strict=True)
    )
    second = " ".join(
        f"{made_up_sentence(rng)} Bà {name} tới {place} hôm {day}/9 cùng đoàn Viện Goethe."
        for name, place, day in zip(LEADER_NAMES, second_places, range(21, 27), strict=True)
    )
    leaders = {"first": LEADER_IDS, "second": LEADER_IDS}
    assert group_same_story([("first", first), ("second", second)], leaders) == {}


def test_too_few_shared_leaders_is_no_cast() -> None:
    rng = random.Random(5)
    original, translated = _translation_pair(rng, LEADER_NAMES[:5])
    leaders = {"original": LEADER_IDS[:5], "translation": LEADER_IDS[:5]}
    docs = [("original", original), ("translation", translated)]
    assert group_same_story(docs, leaders) == {}


def test_groups_are_named_by_their_smallest_id_and_chain() -> None:
    rng = random.Random(6)
    base = made_up_article(rng)
    collector = SameStory()
    for name in ("c", "a", "b"):
        collector.add(name, " ".join(base))
    collector.add("lone", " ".join(made_up_article(rng)))
    assert collector.groups() == {"a": "a", "b": "a", "c": "a"}


def test_short_texts_are_never_grouped() -> None:
    docs = [("one", "Hai nước hợp tác."), ("two", "Hai nước hợp tác.")]
    assert group_same_story(docs) == {}


def test_shingles_fold_marks_and_case() -> None:
    assert shingle_hashes("Hợp tác kinh tế hai nước") == shingle_hashes("hop tac KINH TE hai nuoc")
    assert len(shingle_hashes("một hai ba bốn năm sáu")) == 2


def test_the_estimate_follows_the_true_jaccard() -> None:
    rng = random.Random(7)
    words = made_up_article(rng, sentences=60)
    first = shingle_hashes(" ".join(words[:40]))
    second = shingle_hashes(" ".join(words[20:]))
    true = len(first & second) / len(first | second)
    assert abs(similarity(signature(first), signature(second)) - true) < 0.12


def test_anchors_are_numbers_and_names_inside_sentences() -> None:
    text = "Ngày 19/11, Chủ tịch nước gặp ông Putin tại Lima. Hai bên nhất trí."
    assert anchors(text) == {"19/11", "chu", "putin", "lima"}
