"""Counted nouns in messages: "1 article", "2 articles"."""

from __future__ import annotations

IRREGULAR = {"match": "matches"}


def plural(count: int, noun: str) -> str:
    """`count` and `noun`, the noun in the plural unless the count is one."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {IRREGULAR.get(noun, noun + 's')}"
