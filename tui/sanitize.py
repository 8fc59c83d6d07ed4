"""Make text from articles and file names safe to put on a terminal."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (0x9B is a one-byte CSI on some terminals),
# and the bidirectional overrides that can make text display as something it is not.
_UNSAFE_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_LINE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\x1b":
        return "␛"
    code = ord(char)
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def terminal_safe(text: str) -> str:
    """Control characters and escape sequences become visible symbols; newlines and tabs stay."""
    return _UNSAFE_RE.sub(_visible, text)


def one_line(text: str) -> str:
    """Like `terminal_safe`, for text that must stay on one line (titles, paths, errors)."""
    return _UNSAFE_LINE_RE.sub(lambda m: " " if m.group() in "\n\t\r" else _visible(m), text)
