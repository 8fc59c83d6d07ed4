"""The gazetteer loader: built-in files, the user's own file, validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.entities import EntityMatcher, GazetteerError, NameTable, load_gazetteer

COUNTRIES = [
    {"id": "VN", "name": "Việt Nam", "en": "Vietnam", "aliases": ["Viet Nam"]},
    {"id": "US", "name": "Mỹ", "en": "United States", "aliases": ["Hoa Kỳ", "USA"]},
    {"id": "CN", "name": "Trung Quốc", "en": "China", "aliases": []},
]
LEADERS = [
    {
        "id": "tap-can-binh", "name": "Tập Cận Bình", "en": "Xi Jinping", "aliases": ["Xi Jinping"],
        "short": ["Tập"], "hanzi": "习近平", "country": "CN",
        "roles": [{"role": "Chủ tịch nước", "from": 2013, "to": None}],
    },
]


def write_jsonl(path: Path, records: list[dict] | list[str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    write_jsonl(folder / "countries.jsonl", COUNTRIES)
    write_jsonl(folder / "leaders_test.jsonl", LEADERS)
    return folder


def test_loads_builtin_files(data_dir: Path) -> None:
    gazetteer, warnings = load_gazetteer(data_dir)
    assert warnings == []
    assert set(gazetteer.countries) == {"VN", "US", "CN"}
    leader = gazetteer.leaders["tap-can-binh"]
    assert leader.hanzi == "习近平" and leader.country == "CN"
    assert leader.active_in(2017) and not leader.active_in(2010)
    assert "Xi Jinping" in leader.names and "Tập" not in leader.names


def test_every_leaders_file_is_read(data_dir: Path) -> None:
    write_jsonl(
        data_dir / "leaders_more.jsonl",
        [{"id": "joe-biden", "name": "Joe Biden", "short": ["Biden"], "country": "US"}],
    )
    gazetteer, _ = load_gazetteer(data_dir)
    assert {"tap-can-binh", "joe-biden"} <= set(gazetteer.leaders)


def test_user_file_adds_a_leader_the_matcher_finds(data_dir: Path, tmp_path: Path) -> None:
    user = write_jsonl(
        tmp_path / "gazetteer.jsonl",
        [{"kind": "leader", "id": "ho-van-a", "name": "Hồ Văn A", "country": "VN"}],
    )
    gazetteer, warnings = load_gazetteer(data_dir, user)
    assert warnings == []
    matcher = EntityMatcher.from_gazetteer(gazetteer)
    _, body = matcher.find("", "Đại sứ Hồ Văn A đã tiếp đoàn Trung Quốc.")
    assert [(m.kind, m.id) for m in body] == [("leader", "ho-van-a"), ("country", "CN")]


def test_user_entry_with_an_existing_id_extends_and_overrides(
    data_dir: Path, tmp_path: Path
) -> None:
    user = write_jsonl(
        tmp_path / "gazetteer.jsonl",
        [
            {"kind": "country", "id": "US", "name": "Hoa Kỳ", "aliases": ["Huê Kỳ"]},
            {"kind": "leader", "id": "tap-can-binh", "name": "Tập Cận Bình", "short": ["Cận Bình"]},
        ],
    )
    gazetteer, warnings = load_gazetteer(data_dir, user)
    assert warnings == []
    us = gazetteer.countries["US"]
    assert us.name == "Hoa Kỳ"
    assert {"Mỹ", "Huê Kỳ", "USA"} <= set(us.names)  # the old name still names it
    xi = gazetteer.leaders["tap-can-binh"]
    assert xi.short == ("Tập", "Cận Bình") and xi.hanzi == "习近平"


def test_malformed_user_lines_warn_with_file_and_line(data_dir: Path, tmp_path: Path) -> None:
    user = write_jsonl(
        tmp_path / "gazetteer.jsonl",
        [
            {"kind": "leader", "id": "good-one", "name": "Ngô Văn B"},
            "{not json",
            {"id": "no-kind", "name": "X"},
            {"kind": "country", "id": "usa", "name": "Mỹ"},
            {"kind": "leader", "id": "no-name"},
            {"kind": "leader", "id": "bad", "name": "Y", "roles": [{"role": "A", "from": "x"}]},
            ["a", "list"],
        ],
    )
    gazetteer, warnings = load_gazetteer(data_dir, user)
    assert [w.split(": ", 1)[0] for w in warnings] == [f"{user}:{n}" for n in (2, 3, 4, 5, 6, 7)]
    assert "invalid JSON" in warnings[0]
    assert "kind" in warnings[1]
    assert "ISO" in warnings[2]
    assert '"name"' in warnings[3]
    assert "good-one" in gazetteer.leaders
    # The built-in gazetteer is untouched and still works.
    assert set(gazetteer.countries) == {"VN", "US", "CN"}
    matcher = EntityMatcher.from_gazetteer(gazetteer)
    _, body = matcher.find("", "Hoa Kỳ và Trung Quốc đối thoại.")
    assert [m.id for m in body] == ["US", "CN"]


def test_unreadable_user_file_is_a_warning(data_dir: Path, tmp_path: Path) -> None:
    user = tmp_path / "gazetteer.jsonl"
    user.write_bytes(b"\xff\xfe\x00broken")
    gazetteer, warnings = load_gazetteer(data_dir, user)
    assert len(warnings) == 1 and warnings[0].startswith(str(user))
    assert "VN" in gazetteer.countries


def test_missing_user_file_is_fine(data_dir: Path, tmp_path: Path) -> None:
    _, warnings = load_gazetteer(data_dir, tmp_path / "absent.jsonl")
    assert warnings == []


@pytest.mark.parametrize(
    "line, reason",
    [
        ("{oops", "invalid JSON"),
        (json.dumps({"id": "X1", "name": "Nowhere"}), "ISO"),
        (json.dumps({"id": "VN", "name": "Việt Nam"}), "duplicate"),
        (json.dumps({"id": "FR", "name": "Pháp", "aliases": "Cộng hòa Pháp"}), "aliases"),
    ],
)
def test_malformed_builtin_line_raises(data_dir: Path, line: str, reason: str) -> None:
    path = data_dir / "countries.jsonl"
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=reason) as error:
        load_gazetteer(data_dir)
    assert str(error.value).startswith(f"{path}:{len(COUNTRIES) + 1}: ")


def test_name_table_round_trips_and_resolves(data_dir: Path, tmp_path: Path) -> None:
    gazetteer, _ = load_gazetteer(data_dir)
    NameTable.from_gazetteer(gazetteer).save(tmp_path / "names.json")
    names = NameTable.load(tmp_path / "names.json")
    assert names.name("leader", "tap-can-binh") == "Tập Cận Bình"
    for text in ("Xi Jinping", "Tập Cận Bình", "tap can binh", "TẬP CẬN BÌNH", "tap-can-binh"):
        assert names.resolve("leader", text) == "tap-can-binh", text
    for text in ("Mỹ", "Hoa Kỳ", "hoa ky", "US", "us", "United States", "usa"):
        assert names.resolve("country", text) == "US", text
    assert names.resolve("country", "Atlantis") is None
    assert names.resolve("leader", "Tập") is None  # never a short form


def test_name_table_does_not_load_pypinyin(tmp_path: Path, data_dir: Path) -> None:
    import subprocess
    import sys

    gazetteer, _ = load_gazetteer(data_dir)
    NameTable.from_gazetteer(gazetteer).save(tmp_path / "names.json")
    script = (
        "import sys; from index.entities.names import NameTable; "
        f"t = NameTable.load({str(tmp_path / 'names.json')!r}); "
        "assert t.resolve('leader', 'xi jinping') == 'tap-can-binh'; "
        "print('pypinyin' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_builtin_gazetteer_loads_and_is_consistent() -> None:
    gazetteer, warnings = load_gazetteer(user_file=None)
    assert warnings == []
    assert len(gazetteer.countries) >= 190
    assert len(gazetteer.leaders) >= 100
