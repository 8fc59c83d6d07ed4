"""The words the meeting extractor reads: triggers, titles, connectors, markers of a plan.

Every entry is lower case in the program's one tone placement (see `normalise_term`).
"""

from __future__ import annotations

import re

from index.model import MeetingKind
from index.text.vietnamese import normalise_term


def _words(text: str) -> frozenset[str]:
    return frozenset(normalise_term(word) for word in text.split())


def _phrases(*phrases: str) -> tuple[str, ...]:
    return tuple(normalise_term(phrase) for phrase in phrases)


# Trigger phrases, longest first so "gặp gỡ" wins over "gặp", with the kind each one states.
TRIGGERS: dict[str, MeetingKind] = {
    normalise_term(phrase): kind
    for phrase, kind in (
        ("nói chuyện qua điện thoại", "call"),
        ("điện đàm", "call"),
        ("gọi điện", "call"),
        ("cuộc gọi", "call"),
        ("hội đàm", "talks"),
        ("hội kiến", "meeting"),
        ("gặp gỡ", "meeting"),
        ("gặp mặt", "meeting"),
        ("gặp riêng", "meeting"),
        ("gặp", "meeting"),
        ("tiếp xúc", "meeting"),
        ("trao đổi với", "meeting"),
        ("làm việc với", "meeting"),
        ("chứng kiến lễ ký kết", "meeting"),
        ("chứng kiến lễ ký", "meeting"),
        ("họp song phương", "meeting"),
        ("thảo luận với", "talks"),
        ("thảo luận", "talks"),
        ("ký", "meeting"),
        ("tiếp đón", "reception"),
        ("đón tiếp", "reception"),
        ("tiếp kiến", "reception"),
        ("chiêu đãi", "reception"),
        ("tiếp", "reception"),
        ("đón", "reception"),
        ("thăm", "visit"),
        ("mời", "visit"),
    )
}
TRIGGER_RE = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(t) for t in sorted(TRIGGERS, key=len, reverse=True))
    + r")(?!\w)"
)

# "tiếp" and "đón" receive someone only when a person follows ("tiếp Thủ tướng X", "X tiếp
# ông Y"); "tiếp tục", "tiếp cận", "đón nhận" and the like are other words.
PERSON_VERBS = _phrases("tiếp", "đón")
PERSON_LEADS = _words(
    "ông bà ngài tổng thủ chủ bộ phó ngoại quốc nữ hoàng thái đoàn người nhà các những cựu tân "
    "đại đặc thượng chánh tể vua"
)
# Compounds ending in "tiếp" or "đón" that mean something else ("trực tiếp Tổng thống").
NOT_PERSON_VERB_AFTER = _words("trực gián liên kế chuyển nối chào")
# "Tổng Thư ký", "lễ ký kết" (a ceremony attended), "đăng ký": not two leaders signing.
NOT_TRIGGER_AFTER = {normalise_term("ký"): _words("thư lễ đăng nhật")}
# Verbs whose object is a document or an agenda: two subjects make a meeting whatever follows.
OBJECTLESS_TRIGGERS = _phrases(
    "chứng kiến lễ ký kết", "chứng kiến lễ ký", "họp song phương", "thảo luận", "ký"
)
# Verbs that state a meeting only between coordinated subjects ("X và Y ký thỏa thuận",
# "X và Y thảo luận về …"), never with one subject ("X ký sắc lệnh").
JOINT_ONLY_TRIGGERS = _phrases("thảo luận", "ký")
# "tiếp xúc gần": close contact, in the health sense.
NOT_TRIGGER_BEFORE_NEXT = {normalise_term("tiếp xúc"): _words("gần")}

# An invitation: a planned visit or meeting, never one that took place.
INVITATION = normalise_term("mời")
# "theo lời mời của X", "nhận lời mời của X": the host of a visit that takes place.
HOST_RE = re.compile(r"(?<!\w)(?:theo|nhận)\s+lời\s+mời(?:\s+của)?(?!\w)")
VISIT = normalise_term("thăm")

# Words of a title or a way of naming someone: they may stand between a verb and a name, and
# between the names of a list ("gặp Tổng thống Nga Vladimir Putin, Thủ tướng Canada ...").
TITLE_WORDS = _words(
    "tổng thống thủ tướng chủ tịch nước bộ trưởng ngoại giao phó quốc vương hoàng đế nữ thái tử "
    "bí thư đảng chính phủ ủy uỷ viên thường trực vụ ban trung ương hội nghị viện thượng hạ "
    "lãnh đạo nhà đồng cấp người ngài ông bà cựu tân đương nhiệm kiêm liên bang cộng hòa hoà "
    "dân nhân quốc phòng tài chính thương mại an ninh công kinh tế kế hoạch đầu tư pháp nội "
    "khanh tể hoàng công chúa vua tổng thư ký hội đồng châu âu thống đốc sultan emir quốc vụ "
    "lao động y giáo dục văn hóa hoá nông nghiệp công nghiệp năng lượng môi trường khoa học "
    "công thương giao thông vận tải xây dựng toàn hiệp trị mặt trận tổ nền khác đối tác "
    "trưởng đặc phái"
)
# Connectors of a list, and the left/right of a photo caption ("X (trái) và Y").
CONNECTOR_WORDS = _words(
    "và cùng với các những lần lượt gồm bao trong đó có như cũng hai trái phải"
)
# What may stand between a trigger and the first name it governs.
OBJECT_LEAD_WORDS = _words(
    "với cho giữa riêng ngắn song phương cấp cao chính thức thân mật kín trực tuyến qua điện "
    "thoại lần đầu tiên thứ đã đoàn đại biểu do dẫn đầu cuộc buổi thượng đỉnh sang không"
)
CHAIN_WORDS = TITLE_WORDS | CONNECTOR_WORDS
OBJECT_GAP_WORDS = CHAIN_WORDS | OBJECT_LEAD_WORDS
BACKWARD_GAP_WORDS = CHAIN_WORDS | _words("được")
PASSIVE = normalise_term("được")
# What joins two subjects of one meeting: "X và Y hội đàm", "X cùng Y", "X được Y tiếp".
JOINERS = _phrases("và", "cùng", "với", "được")
# "Tổng thống X nói với Thủ tướng Y trong cuộc điện đàm": the two of them, joined by a verb.
NOMINAL_LEADS = _phrases("cuộc", "buổi")
VERB_WITH_MAX_CHARS = 40
BETWEEN = normalise_term("giữa")
# "gặp Y cùng với Z": Z came along with the subject; he is not met.
TOGETHER = normalise_term("cùng")
# "Sau cuộc gặp, X và Y đều nói …": after (or before) a meeting, X and Y may be one side.
BEFORE_OR_AFTER = _words("sau trước")
WITH = normalise_term("với")
DASHES = frozenset("-–—")

# Between a leader and the verb he governs, these words mean he is not its subject.
SUBJECT_BLOCKERS = _phrases(
    "kết quả",  # "X báo cáo Y về kết quả hội đàm với Z": the talks were someone else's
    "báo cáo",
    "rằng",
    "cho biết",
    "nói",
    "nhấn mạnh",
    "khẳng định",
    "tuyên bố",
    "phát biểu",
    "sau khi",
    "trước khi",
    "khi",
    "trong khi",
    "nếu",
    "để",
    "mà",
    "nhưng",
    "tuy nhiên",
    "vì",
    "bởi",
    "đồng thời",
    "cũng như",
    "còn",
    "thì",
    "khiến",
    "theo đó",
)
# Left of the verb: the meeting did not happen.
NEGATIONS = _phrases("không", "chưa", "chẳng", "từ chối", "hủy", "huỷ", "hoãn", "bác bỏ")
NOT_NEGATIONS = _phrases("không chính thức")
# Left of the verb: a meeting announced, proposed or hoped for, not one that took place.
PLAN_MARKERS = _phrases(
    "sẽ",
    "sắp",
    "dự kiến",
    "dự định",
    "kế hoạch",
    "chuẩn bị",
    "muốn",
    "mong muốn",
    "đề nghị",
    "đề xuất",
    "hy vọng",
    "hi vọng",
    "có thể",
    "sẵn sàng",
    "tới đây",
    "sắp tới",
    "tuần tới",
    "tháng tới",
    "năm tới",
    "thời gian tới",
    "khả năng",
    "mời",
    "trước thềm",
    "nhằm chuẩn bị",
    "kêu gọi",
    "yêu cầu",
    "thúc giục",
    "đòi",
)
# After the names, only words of time: "cuộc gặp giữa X và Y sẽ diễn ra", "… vào tháng tới".
RIGHT_PLAN_MARKERS = _phrases(
    "sẽ", "sắp", "dự kiến", "dự định", "tới đây", "sắp tới", "tuần tới", "tháng tới", "năm tới",
    "thời gian tới",
)
RIGHT_PLAN_WINDOW = 40
# "X đưa ra lời kêu gọi tại cuộc gặp với Y": a meeting named as the place of another act; what
# stands before "tại cuộc" belongs to that act.
SETTING_WORDS = _words("tại trong sau")

# After a verb with no named object, these leave it a complete meeting of its subjects:
# "X và Y đã hội đàm tại Hà Nội", "X và Y gặp nhau". Anything else ("gặp khó khăn") does not.
SELF_CONTAINED_NEXT = _words(
    "nhau tại ở bên vào hôm ngày sáng chiều tối trưa đêm lần song riêng trực qua kín trong "
    "thân chính cấp hồi từ sau trước kéo diễn"
)
CALL_HINTS = _phrases("điện thoại", "trực tuyến", "video", "cuộc gọi")

# Sentences after a meeting whose verb may leave its subject unsaid ("Trong cuộc gặp với Y, …").
ELIDED_SUBJECT_REACH = 3
# Words that may open a sentence before a meeting verb whose subject comes after the comma:
# "Tại cuộc gặp với Y, X …", "Tiếp Thủ tướng Y, X …", "Khi gặp gỡ với ông Y, …".
LEADING_PHRASE_MAX_CHARS = 30

# A sentence that continues the one before about its meeting.
CARRY_OVER_RE = re.compile(
    r"^(?:(?:tại|trong|sau|kết thúc|mở đầu)\s+(?:cuộc|buổi)\s"
    r"|hai\s+(?:nhà lãnh đạo|bên|ông|bà|vị|người|lãnh đạo)(?!\w)"
    r"|(?:cuộc|buổi)\s+(?:gặp|hội|điện|tiếp))"
)
