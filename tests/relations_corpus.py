"""A small made-up corpus for the relations: meetings with dates, a planned visit, a pair of
near-duplicate reports, and articles to count per month."""

from __future__ import annotations

from pathlib import Path

_REPORT = (
    "Hội nghị thượng đỉnh về hợp tác kinh tế khu vực đã khai mạc sáng nay với sự tham dự của "
    "đại diện nhiều nền kinh tế thành viên. Các đại biểu thảo luận về thương mại, đầu tư, năng "
    "lượng tái tạo và kết nối hạ tầng giao thông giữa các nước trong khu vực. Phát biểu tại "
    "phiên khai mạc, chủ tọa nhấn mạnh vai trò của hợp tác đa phương trong bối cảnh kinh tế thế "
    "giới còn nhiều bất ổn và kêu gọi các bên tiếp tục mở cửa thị trường."
)

ARTICLES: dict[str, str] = {
    "talks-moscow": (
        "# date = 2017-01-10\nHội đàm cấp cao Việt Nam - Nga\n"
        "Chủ tịch nước Trần Đại Quang đã hội đàm với Tổng thống Nga Vladimir Putin tại Moskva. "
        "Hai bên nhất trí thúc đẩy quan hệ đối tác chiến lược toàn diện."
    ),
    "reception-hanoi": (
        "# date = 2017-03-05\nThủ tướng tiếp Thủ tướng Nhật Bản\n"
        "Thủ tướng Nguyễn Xuân Phúc đã tiếp Thủ tướng Nhật Bản Shinzo Abe tại Hà Nội. "
        "Hai nhà lãnh đạo trao đổi về hợp tác kinh tế."
    ),
    "call-beijing": (
        "# date = 2017-03-20\nĐiện đàm Nga - Trung Quốc\n"
        "Tổng thống Nga Vladimir Putin đã điện đàm với Chủ tịch Trung Quốc Tập Cận Bình. "
        "Hai bên bàn về tình hình Triều Tiên."
    ),
    "planned-visit": (
        "# date = 2017-04-01\nTổng thống Nga sẽ thăm Việt Nam\n"
        "Tổng thống Nga Vladimir Putin sẽ có cuộc gặp với Chủ tịch nước Trần Đại Quang "
        "vào tháng tới."
    ),
    "summit-report-a": f"# date = 2017-07-02\nKhai mạc hội nghị thượng đỉnh\n{_REPORT}",
    "summit-report-b": (
        f"# date = 2017-07-03\nHội nghị thượng đỉnh khai mạc\n{_REPORT} Tin từ phóng viên."
    ),
}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in ARTICLES.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return folder
