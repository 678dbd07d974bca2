"""Remove gambling/SEO injections, leaving a visible marker and a record of what went."""
from __future__ import annotations

from .patterns import spam


def remove_spam(text: str) -> tuple[str, list[str]]:
    """Replace each injected phrase with the marker. Returns (text, removed phrases)."""
    pattern, marker = spam()
    removed: list[str] = []

    def replace(match) -> str:
        removed.append(match.group(0).strip())
        return marker

    cleaned = pattern.sub(replace, text)
    # Two injections side by side leave one marker, not a stutter.
    while marker + marker in cleaned:
        cleaned = cleaned.replace(marker + marker, marker)
    return cleaned.replace(marker + " ", marker), removed


def is_marker_only(line: str) -> bool:
    _, marker = spam()
    return line.replace(marker, "").strip() == ""
