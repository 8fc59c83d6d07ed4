"""A fixed, mixed query set for the benchmark: every kind of query people type."""

QUERIES: list[dict] = [
    # single common words
    {"q": "Việt Nam"}, {"q": "kinh tế"}, {"q": "người"}, {"q": "năm"}, {"q": "Hà Nội"},
    {"q": "giá"}, {"q": "bóng đá"}, {"q": "thị trường"}, {"q": "học sinh"}, {"q": "công an"},
    # diplomacy
    {"q": "hội đàm"}, {"q": "Tổng thống"}, {"q": "Thủ tướng"}, {"q": "APEC"}, {"q": "ngoại giao"},
    {"q": "Biển Đông"}, {"q": "Triều Tiên tên lửa"}, {"q": "thượng đỉnh"}, {"q": "Liên hợp quốc"},
    {"q": "đối tác chiến lược toàn diện"},
    # unaccented
    {"q": "hoi dam"}, {"q": "tong thong"}, {"q": "thu tuong"}, {"q": "bien dong"},
    {"q": "ngoai giao"}, {"q": "kinh te"}, {"q": "da nang"}, {"q": "trieu tien"},
    # phrases
    {"q": '"hội đàm cấp cao"'}, {"q": '"Tổng thống Donald Trump"'}, {"q": '"quan hệ hai nước"'},
    {"q": '"hoi nghi thuong dinh"'}, {"q": '"Bộ Ngoại giao"'}, {"q": '"biến đổi khí hậu"'},
    # boolean
    {"q": "Trump OR Putin"}, {"q": "APEC -Trump"}, {"q": "(Nga OR Mỹ) hội đàm"},
    {"q": "title:APEC"},
    # entity filters, alone and with text
    {"q": "", "leaders": ["Donald Trump"]}, {"q": "", "countries": ["Nhật Bản"]},
    {"q": "thương mại", "countries": ["Mỹ"]}, {"q": "hội đàm", "leaders": ["Tập Cận Bình"]},
    {"q": "", "countries": ["Trung Quốc", "Mỹ"]}, {"q": "biển", "countries": ["Trung Quốc"]},
    {"q": "", "leaders": ["Vladimir Putin"]}, {"q": "Trương Tấn Sang"},
    # rare
    {"q": "Ulaanbaatar"}, {"q": "Kazakhstan"}, {"q": "khủng hoảng ngoại giao Qatar"},
    {"q": "Duterte"}, {"q": "Moon Jae-in"}, {"q": "xyzzy"},
    # empty: everything, newest first
    {"q": ""},
]
