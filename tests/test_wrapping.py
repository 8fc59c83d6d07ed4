"""The reader's line breaking: lines fit the width and lose no character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.wrapping import line_breaks

WORDS = st.sampled_from(["Hà", "Nội", "APEC", "中国", "x" * 23, " ", "  ", "đã.", "\u0301"])


@given(st.lists(WORDS, max_size=30).map("".join), st.integers(min_value=2, max_value=30))
def test_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    breaks = line_breaks(text, width)
    assert breaks == sorted(set(breaks)) and all(0 < b < len(text) for b in breaks)
    lines = [text[start:end] for start, end in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines)


def test_words_move_whole_to_the_next_line() -> None:
    assert line_breaks("Hội đàm cấp cao", 8) == [8]
    assert line_breaks("abcdefghij", 4) == [4, 8]
