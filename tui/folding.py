"""Folding names for matching as typed: lowercase, no tone or vowel marks, "đ" as "d".

Each character folds to exactly one, so offsets found in the folded text hold in the original.
"""

from __future__ import annotations

import unicodedata


def fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", char)[0].lower()


def fold(text: str) -> str:
    """`text` folded one character for one ("Nhật Bản" → "nhat ban")."""
    return "".join(fold_char(char) for char in unicodedata.normalize("NFC", text))
