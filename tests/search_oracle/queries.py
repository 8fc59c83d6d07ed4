"""The oracle's queries, each with the reading of it that DESIGN.md "Search semantics" implies.

`groups` are the words of the query as the specification groups them: dictionary words (pyvi's
word list: "hội đàm", "thủ tướng", "kinh tế", "thị trường chứng khoán" are words; "người dân",
"cho biết" are two; and the offices the project's own list adds, index/text/data/names.txt:
"Phó Thủ tướng", "Chủ tịch nước"), and a proper name (a place, an organisation, a person) is one
group however long. Every group must
occur; a group of several syllables occurs where they stand adjacent, in order, within one chunk.
`any_of` is an OR clause (one of its groups must occur) and `none_of` the negated groups. A quoted
phrase is one group.

`entity` marks a query one of whose groups names a gazetteer entity as the gazetteer writes it:
that group also matches the articles tagged with the entity (what the product's own filter for
that entity returns); kind is "leader", "country" or "organisation". All other queries avoid such
names on purpose, including one-syllable short names ("Trung", "Âu", "Hà", "Kim"), which are safe
only inside a longer name ("miền Trung", "châu Âu", "Hà Nội"): an expansion never changes how the
rest is grouped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Entity:
    kind: str
    name: str  # as the query writes it
    canonical: str = ""  # the gazetteer's main name, for a filter that does not take short names


@dataclass(frozen=True)
class Q:
    text: str
    kind: str
    groups: Sequence[Sequence[str]] = ()
    any_of: Sequence[Sequence[str]] = ()
    none_of: Sequence[Sequence[str]] = ()
    entity: Entity | None = None

    @property
    def plain(self) -> bool:
        """A conjunction of words only: no quotes, OR or negation, so its words may be permuted."""
        return not (self.any_of or self.none_of or '"' in self.text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _q(text: str, kind: str, *groups: str, entity: Entity | None = None) -> Q:
    """Shorthand: each group written as one string, syllables separated by spaces."""
    return Q(text, kind, groups=[g.split() for g in groups], entity=entity)


def _split(*groups: str) -> list[list[str]]:
    return [g.split() for g in groups]


ABE = Entity("leader", "Abe", "Shinzo Abe")
PHUC = Entity("leader", "Phúc", "Nguyễn Xuân Phúc")

COMMON = [
    _q("và", "common", "và"),
    _q("của", "common", "của"),
    _q("người dân", "common", "người", "dân"),
    _q("kinh tế", "common", "kinh tế"),
    _q("phát triển", "common", "phát triển"),
    _q("chính phủ", "common", "chính phủ"),
    _q("thị trường chứng khoán", "common", "thị trường chứng khoán"),
    _q("công an điều tra", "common", "công an", "điều tra"),
    _q("học sinh giáo dục", "common", "học sinh", "giáo dục"),
    _q("bóng đá", "common", "bóng đá"),
    _q("xe máy tai nạn", "common", "xe máy", "tai nạn"),
    _q("bệnh viện", "common", "bệnh viện"),
    # Negated words of one syllable only: whether `-` takes one syllable or a dictionary word is
    # a question of syntax the oracle leaves open.
    Q("bóng đá -cúp", "common", groups=_split("bóng đá"), none_of=_split("cúp")),
    Q("xe máy NOT taxi", "common", groups=_split("xe máy"), none_of=_split("taxi")),
]

UNACCENTED = [
    _q("hoi dam", "unaccented", "hoi dam"),
    _q("da nang", "unaccented", "da nang"),
    _q("thu tuong", "unaccented", "thu tuong"),
    _q("ha noi", "unaccented", "ha noi"),
    _q("kinh te", "unaccented", "kinh te"),
    _q("hop tac", "unaccented", "hop tac"),
    _q("bien dong", "unaccented", "bien dong"),
    _q("giao duc", "unaccented", "giao duc"),
    _q("tong thong", "unaccented", "tong thong"),
    _q("xuat khau", "unaccented", "xuat khau"),
    _q("hop tac kinh te", "unaccented", "hop tac", "kinh te"),
    _q("thu tuong chinh phu", "unaccented", "thu tuong", "chinh phu"),
    _q("benh vien", "unaccented", "benh vien"),
]

ORGANISATIONS = [
    _q("Liên Hợp Quốc", "org", "Liên Hợp Quốc", entity=Entity("organisation", "Liên Hợp Quốc")),
    _q("Liên hợp quốc", "org", "Liên hợp quốc", entity=Entity("organisation", "Liên hợp quốc")),
    _q(
        "Ngân hàng Thế giới",
        "org",
        "Ngân hàng Thế giới",
        entity=Entity("organisation", "Ngân hàng Thế giới"),
    ),
    _q(
        "Hội đồng Bảo an",
        "org",
        "Hội đồng Bảo an",
        entity=Entity("organisation", "Hội đồng Bảo an"),
    ),
    _q("Bộ Ngoại giao", "org", "Bộ Ngoại giao"),
    _q("Bộ ngoại giao", "org", "Bộ ngoại giao"),
    _q("Quốc hội", "org", "Quốc hội"),
    _q("Bộ Công an", "org", "Bộ Công an"),
    _q("Ngân hàng Nhà nước", "org", "Ngân hàng Nhà nước"),
    _q("Ủy ban Nhân dân", "org", "Ủy ban Nhân dân"),
    _q("Bộ Tài chính", "org", "Bộ Tài chính"),
    _q("Mặt trận Tổ quốc", "org", "Mặt trận Tổ quốc"),
    _q("Tổng cục Thống kê", "org", "Tổng cục Thống kê"),
    _q("Bộ Quốc phòng", "org", "Bộ Quốc phòng"),
    _q("Nhà Trắng", "org", "Nhà Trắng"),
]

COMPOUNDS = [
    _q("đối tác chiến lược toàn diện", "compound", "đối tác", "chiến lược", "toàn diện"),
    _q("biến đổi khí hậu", "compound", "biến đổi", "khí hậu"),
    _q("phát triển bền vững", "compound", "phát triển", "bền vững"),
    _q("an ninh lương thực", "compound", "an ninh", "lương thực"),
    _q("cách mạng công nghiệp", "compound", "cách mạng công nghiệp"),
    _q("doanh nghiệp nhà nước", "compound", "doanh nghiệp", "nhà nước"),
    _q("chiến tranh thương mại", "compound", "chiến tranh", "thương mại"),
    _q("tăng trưởng kinh tế", "compound", "tăng trưởng", "kinh tế"),
    _q("vệ sinh an toàn thực phẩm", "compound", "vệ sinh", "an toàn", "thực phẩm"),
    _q("quan hệ ngoại giao", "compound", "quan hệ", "ngoại giao"),
    _q("tên lửa hạt nhân", "compound", "tên lửa", "hạt nhân"),
    _q("bảo vệ môi trường", "compound", "bảo vệ", "môi trường"),
]

CAPITAL_RUNS = [
    _q("châu Âu", "capital_run", "châu Âu"),
    _q("châu Á", "capital_run", "châu Á"),
    _q("miền Trung", "capital_run", "miền Trung"),
    _q("miền Bắc", "capital_run", "miền Bắc"),
    # Titles are not names: pyvi's word list has "thủ tướng" and "chủ tịch" but neither
    # "phó thủ tướng" nor "chủ tịch nước".
    _q("Phó Thủ tướng", "capital_run", "Phó Thủ tướng"),
    _q('"Phó Thủ tướng"', "capital_run", "Phó Thủ tướng"),
    _q("Thủ tướng", "capital_run", "Thủ tướng"),
    _q("Tổng thống", "capital_run", "Tổng thống"),
    _q("Bộ trưởng", "capital_run", "Bộ trưởng"),
    _q("Chủ tịch nước", "capital_run", "Chủ tịch nước"),
    _q("Đông Nam Á", "capital_run", "Đông Nam Á"),
    _q("Tây Nguyên", "capital_run", "Tây Nguyên"),
    _q("tỉnh Quảng Ninh", "capital_run", "tỉnh", "Quảng Ninh"),
]

QUOTED = [
    _q('"hội đàm"', "quoted", "hội đàm"),
    _q('"hoi dam"', "quoted", "hoi dam"),
    _q('"cho biết"', "quoted", "cho biết"),
    _q('"năm nay"', "quoted", "năm nay"),
    _q('"thủ tướng chính phủ"', "quoted", "thủ tướng chính phủ"),
    _q('"an ninh quốc phòng"', "quoted", "an ninh quốc phòng"),
    _q('"phát triển kinh tế"', "quoted", "phát triển kinh tế"),
    _q('"tai nạn giao thông"', "quoted", "tai nạn giao thông"),
    _q('"người dân"', "quoted", "người dân"),
    _q('"tuy nhiên"', "quoted", "tuy nhiên"),
    _q('"nội đà"', "quoted", "nội đà"),
    _q('"ngày càng"', "quoted", "ngày càng"),
    _q('"kinh tế" "xã hội"', "quoted", "kinh tế", "xã hội"),
]

JOINERS = [
    _q("F-35", "joiner", "F-35"),
    _q("F 35", "joiner", "F 35"),
    _q("TP.HCM", "joiner", "TP.HCM"),
    _q("TP HCM", "joiner", "TP HCM"),
    _q("Kim Jong-un", "joiner", "Kim Jong-un", entity=Entity("leader", "Kim Jong-un")),
    _q("G20", "joiner", "G20", entity=Entity("organisation", "G20")),
    _q("6/2", "joiner", "6/2"),
    _q("30/4", "joiner", "30/4"),
    _q("2017", "joiner", "2017"),
    _q("4.0", "joiner", "4.0"),
    _q("U23", "joiner", "U23"),
    _q("V-League", "joiner", "V-League"),
    _q("Su-30", "joiner", "Su-30"),
    Q("F-35 OR F-16", "joiner", any_of=_split("F-35", "F-16")),
]

NFD = [
    _q(nfd("Đà Nẵng"), "nfd", nfd("Đà Nẵng")),
    _q(nfd("hội đàm"), "nfd", nfd("hội đàm")),
    _q(nfd("Thủ tướng"), "nfd", nfd("Thủ tướng")),
    _q(nfd("biến đổi khí hậu"), "nfd", nfd("biến đổi"), nfd("khí hậu")),
    _q(nfd("châu Âu"), "nfd", nfd("châu Âu")),
    _q(nfd("phát triển"), "nfd", nfd("phát triển")),
    _q(nfd("hòa bình"), "nfd", nfd("hòa bình")),
    _q(nfd("thủy điện"), "nfd", nfd("thủy điện")),
    _q(nfd("Bộ Ngoại giao"), "nfd", nfd("Bộ Ngoại giao")),
    _q(nfd("sức khỏe"), "nfd", nfd("sức khỏe")),
    _q(nfd('"hội đàm"'), "nfd", nfd("hội đàm")),
]

OLD_TONES = [
    _q("hoà bình", "old_tone", "hoà bình"),
    _q("hòa bình", "old_tone", "hòa bình"),
    _q("thuỷ điện", "old_tone", "thuỷ điện"),
    _q("thủy điện", "old_tone", "thủy điện"),
    _q("Khánh Hoà", "old_tone", "Khánh Hoà"),
    _q("Khánh Hòa", "old_tone", "Khánh Hòa"),
    _q("sức khoẻ", "old_tone", "sức khoẻ"),
    _q("uỷ ban", "old_tone", "uỷ ban"),
    _q("tuỳ", "old_tone", "tuỳ"),
    _q("hoá chất", "old_tone", "hoá chất"),
    _q("khóa", "old_tone", "khóa"),
    _q("xoá", "old_tone", "xoá"),
    _q("Thuỵ Sĩ", "old_tone", "Thuỵ Sĩ", entity=Entity("country", "Thuỵ Sĩ", "Thụy Sĩ")),
]

COUNTRY_WORDS = [
    _q("y tế", "country_word", "y tế"),
    _q("mỹ phẩm", "country_word", "mỹ phẩm"),
    _q("anh hùng", "country_word", "anh hùng"),
    _q("pháp luật", "country_word", "pháp luật"),
    _q("do la", "country_word", "do la"),
    _q("an ninh", "country_word", "an ninh"),
    _q("ca sĩ", "country_word", "ca sĩ"),
    _q("trung tâm", "country_word", "trung tâm"),
    _q("ý kiến", "country_word", "ý kiến"),
    _q("pháp lý", "country_word", "pháp lý"),
    _q("thái độ", "country_word", "thái độ"),
    _q("anh em", "country_word", "anh em"),
    _q("mỹ thuật", "country_word", "mỹ thuật"),
]

ORDER = [
    _q("hội đàm Abe", "order", "hội đàm", "Abe", entity=ABE),
    _q("Abe hội đàm", "order", "Abe", "hội đàm", entity=ABE),
    _q("hợp tác Phúc", "order", "hợp tác", "Phúc", entity=PHUC),
    _q("Phúc hợp tác", "order", "Phúc", "hợp tác", entity=PHUC),
    _q("phát triển kinh tế", "order", "phát triển", "kinh tế"),
    _q("kinh tế phát triển", "order", "kinh tế", "phát triển"),
    _q("du lịch Đà Nẵng", "order", "du lịch", "Đà Nẵng"),
    _q("Đà Nẵng du lịch", "order", "Đà Nẵng", "du lịch"),
    _q("an ninh quốc phòng", "order", "an ninh", "quốc phòng"),
    _q("quốc phòng an ninh", "order", "quốc phòng", "an ninh"),
    _q("đầu tư nước ngoài", "order", "đầu tư", "nước ngoài"),
    _q("nước ngoài đầu tư", "order", "nước ngoài", "đầu tư"),
]

DIACRITICS = [
    _q("đảo", "diacritic", "đảo"),
    _q("dao", "diacritic", "dao"),
    _q("Biển Đông", "diacritic", "Biển Đông"),
    _q("Đà Nẵng", "diacritic", "Đà Nẵng"),
    _q("bão", "diacritic", "bão"),
    _q("mưa", "diacritic", "mưa"),
    _q("lũ", "diacritic", "lũ"),
    _q("cá", "diacritic", "cá"),
    _q("đất", "diacritic", "đất"),
    _q("Hà Nội", "diacritic", "Hà Nội"),
    Q("mưa OR bão", "diacritic", any_of=_split("mưa", "bão")),
    Q("Đà Nẵng -biển", "diacritic", groups=_split("Đà Nẵng"), none_of=_split("biển")),
]

QUERIES: list[Q] = [
    *COMMON,
    *UNACCENTED,
    *ORGANISATIONS,
    *COMPOUNDS,
    *CAPITAL_RUNS,
    *QUOTED,
    *JOINERS,
    *NFD,
    *OLD_TONES,
    *COUNTRY_WORDS,
    *ORDER,
    *DIACRITICS,
]
