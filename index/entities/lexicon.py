"""Word lists the matcher and the resolver reason with: surnames, title words, non-entity names.

Lists are written in ordinary Vietnamese spelling and compared through `normalise_term` or `fold`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.text.vietnamese import fold, normalise_term

# Common Vietnamese surnames with their Chinese characters: the characters let a Hán-Việt surname
# be compared with pinyin ("Ngô" 吴 is "wu", the reading machine translation confuses with 武).
SURNAME_HANZI: dict[str, str] = {
    "Nguyễn": "阮", "Trần": "陈", "Lê": "黎", "Phạm": "范", "Hoàng": "黄", "Huỳnh": "黄",
    "Phan": "潘", "Vũ": "武", "Võ": "武", "Đặng": "邓", "Bùi": "裴", "Đỗ": "杜", "Hồ": "胡",
    "Ngô": "吴", "Dương": "杨", "Lý": "李", "Trương": "张", "Đinh": "丁", "Lương": "梁",
    "Tô": "苏", "Vương": "王", "Tạ": "谢", "Đoàn": "段", "Lâm": "林", "Mai": "梅", "Trịnh": "郑",
    "Cao": "高", "Hà": "何", "Lưu": "刘", "Tôn": "孙", "Triệu": "赵", "Quách": "郭", "Đào": "陶",
    "Tăng": "曾", "Chu": "周", "Châu": "周", "Từ": "徐", "Giang": "江", "Khổng": "孔", "Kim": "金",
    "Mạc": "莫", "Thân": "申", "Lã": "吕", "Lữ": "吕", "Ông": "翁", "Phùng": "冯", "Tống": "宋",
    "Bạch": "白", "Hứa": "许", "La": "罗", "Diệp": "叶", "Mã": "马", "Tiêu": "萧", "Đàm": "谭",
    "Lục": "陆", "Nghiêm": "严", "Doãn": "尹", "Kiều": "乔", "Hàn": "韩", "Khương": "姜",
    "Lạc": "骆", "Vi": "韦", "Hầu": "侯", "Âu": "欧", "Tập": "习", "Ôn": "温", "Giả": "贾",
    "Thái": "蔡", "Chung": "钟", "Lạng": "郎", "Quan": "关", "Viên": "袁",
    "Chử": "褚", "Khúc": "曲", "Lò": "罗", "Thạch": "石", "Đồng": "童", "Uông": "汪",
}
SURNAMES: frozenset[str] = frozenset(normalise_term(s) for s in SURNAME_HANZI)

# Words that, right before a name, say who the person is. Matched at the end of the preceding
# text, so "Bộ trưởng Ngoại giao Phạm Bình Minh" is found through "bộ trưởng ngoại giao".
STRONG_TITLES = (
    "tổng thống", "phó tổng thống", "thủ tướng", "phó thủ tướng", "thủ tướng chính phủ",
    "chủ tịch", "chủ tịch nước", "phó chủ tịch nước", "chủ tịch quốc hội", "tổng bí thư",
    "ngoại trưởng", "bộ trưởng", "bộ trưởng ngoại giao", "bộ trưởng quốc phòng", "thứ trưởng",
    "quốc vương", "nhà vua", "vua", "nữ hoàng", "hoàng tử", "thái tử", "tổng thư ký",
    "chủ tịch hạ viện", "chủ tịch thượng viện", "thượng nghị sĩ", "đại sứ", "tướng", "đại tướng",
    "thượng tướng", "nguyên thủ", "lãnh tụ", "nhà lãnh đạo", "lãnh đạo", "tân tổng thống",
    "tân thủ tướng", "cựu tổng thống", "cựu thủ tướng", "cựu chủ tịch", "cố chủ tịch",
    "cố tổng bí thư", "cố thủ tướng", "tổng thống đắc cử", "thủ tướng đắc cử", "quốc vụ khanh",
    "thống đốc", "phó chủ tịch", "chủ tịch ủy ban thường vụ", "ủy viên trưởng", "tư lệnh",
)
# National roles that, with a name after them, make a leader the gazetteer may lack. Ministers
# need their ministry ("Bộ trưởng Quốc phòng") or a foreign country or a foreign-looking name.
DISCOVERY_ROLES = (
    "Tổng thống", "Phó Tổng thống", "Thủ tướng", "Phó Thủ tướng", "Ngoại trưởng",
    "Chủ tịch nước", "Phó Chủ tịch nước", "Chủ tịch Quốc hội", "Phó Chủ tịch Quốc hội",
    "Chủ tịch Hạ viện", "Chủ tịch Thượng viện", "Tổng Bí thư", "Quốc vương", "Nhà vua",
    "Nữ hoàng", "Bộ trưởng", "Chủ tịch", "Phó Chủ tịch", "Tân Tổng thống", "Tân Thủ tướng",
    "Cựu Tổng thống", "Cựu Thủ tướng", "Cựu Ngoại trưởng", "Quyền Tổng thống", "Quyền Thủ tướng",
    "Thủ tướng lâm thời", "Tổng thống lâm thời", "Tổng thống đắc cử", "Thủ tướng đắc cử",
)
MINISTRIES = (
    "ngoại giao", "quốc phòng", "tài chính", "tư pháp", "nội vụ", "công an", "an ninh nội địa",
    "an ninh", "y tế", "giáo dục", "giáo dục và đào tạo", "thương mại", "công thương",
    "kinh tế", "năng lượng", "ngoại thương", "nông nghiệp", "nông nghiệp và phát triển nông thôn",
    "lao động", "lao động - thương binh và xã hội", "giao thông", "giao thông vận tải",
    "xây dựng", "tài nguyên và môi trường", "môi trường", "văn hóa", "văn hóa, thể thao và du lịch",
    "thông tin và truyền thông", "khoa học và công nghệ", "kế hoạch và đầu tư", "công nghiệp",
    "du lịch", "đối ngoại", "ngân khố", "thương mại và công nghiệp", "di trú", "nhập cư",
    "phát triển", "quốc phòng quốc gia", "các vấn đề đối ngoại", "ngoại giao và thương mại",
    "kinh tế và tài chính", "khí hậu", "hợp tác quốc tế", "thông tin", "tình trạng khẩn cấp",
    "tài nguyên", "dầu mỏ", "thống nhất", "nội các", "tt&tt", "gd&đt", "lđtb&xh", "nn&ptnt",
    "kh&đt", "tn&mt", "kh&cn", "gtvt", "vh-tt&dl", "vhttdl", "lđ-tb&xh",
)

HONORIFICS = ("ông", "bà", "ngài", "ngài tổng thống", "nhà lãnh đạo")

# Words before a leader's full name that make it the name of a place or an institution:
# "TP Hồ Chí Minh", "đường Lê Duẩn", "Đại học Tôn Đức Thắng", "đại lộ Võ Nguyên Giáp".
PLACE_WORDS = (
    "thành phố", "tp", "tỉnh", "đường", "phố", "đại lộ", "quận", "huyện", "xã", "phường",
    "cầu", "sân bay", "cảng", "trường", "đại học", "học viện", "bảo tàng", "công viên",
    "quảng trường", "ngõ", "hẻm", "tàu", "giải", "giải thưởng", "quỹ", "khu", "làng", "bến",
    "ga", "nhà ga", "bệnh viện", "thpt", "thcs", "chuyên", "cộng sản", "tuyến", "hầm",
    "đh", "đhqg", "trường đh", "bv", "svđ", "sân vận động", "nhà văn hóa", "lăng", "tượng đài",
    "khu di tích", "đền", "chợ", "bến xe", "đảo", "thị trấn", "thị xã", "tp.hcm", "q", "tt",
)

# Ordinary occupations before a full name: the person is a namesake, not the leader
# ("KTS Nguyễn Xuân Thắng", "luật sư Trần Tuấn Anh").
ORDINARY_ROLES = (
    "kts", "kiến trúc sư", "luật sư", "ls", "bác sĩ", "bs", "nhà báo", "phóng viên", "ca sĩ",
    "diễn viên", "cầu thủ", "hlv", "huấn luyện viên", "giáo viên", "kỹ sư", "nghệ sĩ",
    "nhạc sĩ", "họa sĩ", "nhà văn", "nhà thơ", "sinh viên", "học sinh", "nông dân", "doanh nhân",
    "em", "cháu", "anh", "chị", "bé", "thầy", "cô giáo", "thầy giáo", "bị cáo", "bị can",
)

# Names of non-state institutions: a country at the end of one ("Hiệp hội Du lịch Việt Nam",
# "Ngân hàng Thụy Sỹ Geneva") names the institution, not the country.
INSTITUTION_HEADS = (
    "hiệp hội", "tổng liên đoàn", "liên đoàn", "ngân hàng", "bệnh viện", "công ty", "ctcp",
    "tập đoàn", "chứng khoán", "trường", "đại học", "học viện", "câu lạc bộ", "clb", "báo",
    "thời báo", "nhật báo", "tuần báo", "tạp chí", "bưu điện", "hãng", "quỹ", "viện",
)

# Prepositions after which a leader's full name is a place: "tại Hồ Chí Minh", "ở Hồ Chí Minh".
LOCATIVES: frozenset[str] = frozenset({"tại", "ở", "khắp"})

# Proper names that contain a country's name but do not name that country: oceans, regions,
# days. They take part in longest-match so their syllables never become a country.
NON_ENTITY_NAMES = (
    "Thái Bình Dương", "Ấn Độ Dương", "Đại Tây Dương", "Bắc Băng Dương", "Nam Băng Dương",
    "châu Á - Thái Bình Dương", "Ấn Độ - Thái Bình Dương", "Trung Đông", "Cận Đông", "Viễn Đông",
    "Bắc Mỹ", "Nam Mỹ", "Trung Mỹ", "Mỹ Latinh", "Mỹ La tinh", "Mỹ La-tinh", "châu Mỹ",
    "Đông Nam Á", "Nam Á", "Đông Á", "Trung Á", "Tây Á", "Bắc Á", "Đông Bắc Á", "Bắc Phi",
    "Tây Phi", "Đông Phi", "Đông Âu", "Tây Âu", "Bắc Âu", "Nam Âu", "Trung Âu", "Chủ nhật",
    "bán đảo Triều Tiên", "Vịnh Thái Lan", "Đông Đức", "Tây Đức",
)

# Pronouns that are also single-syllable country names: "Anh cho biết…" starts many sentences.
PRONOUNS: frozenset[str] = frozenset({"anh", "em", "chị", "ông", "bà", "cô", "chú", "bác"})

# The syllable before a country name that makes it a language: "tiếng Anh", "tiếng Pháp".
LANGUAGE_MARKERS: frozenset[str] = frozenset({"tiếng", "ngữ"})  # "tiếng Anh", "Ngôn ngữ Anh"
LANGUAGE_SUFFIXES: frozenset[str] = frozenset({"ngữ"})


# Vietnamese syllable shapes, on folded text: onset, one of the vowel groups the language has,
# coda. "Nga", "Thành", "Chen" fit; "Putin", "Jin", "Deying", "Xiyu" do not.
_VIETNAMESE_SYLLABLE_RE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:ieu|yeu|oai|oay|uay|uoi|uou|uye|oeo|uya|uyu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo"
    r"|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)"
    r"(?:ch|nh|ng|[cmnpt])?"
)


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(text: str) -> bool:
    """Whether a word is shaped like a Vietnamese syllable ("Nga", "Thành"), not "Putin", "Jin"."""
    return bool(_VIETNAMESE_SYLLABLE_RE.fullmatch(fold(text)))


def title_phrases(phrases: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(normalise_term(p).split()) for p in phrases)
