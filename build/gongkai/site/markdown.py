"""Small Markdown helpers shared by every page generator."""
from __future__ import annotations

import json
import re

GENERATED_KEY = "generated_by"


def front(title: str) -> str:
    """Page front matter. ``generated_by`` tells the writer it may overwrite this file.

    A JSON string is a valid YAML double-quoted scalar, and writing it directly is
    much cheaper than a YAML dump for thousands of pages."""
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n{GENERATED_KEY}: gongkai\n---\n\n"


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text if text is not None else "—").replace("|", "｜").replace("\n", " ") or "—"


def link(text: str, target: str) -> str:
    label = text.replace("[", "［").replace("]", "］")
    return f"[{label}]({target.replace(' ', '%20')})"


def table(header: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "（暂无）\n"
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping the closing mark."""
    return [s for s in re.findall(r"[^。！？；]+[。！？；]?", text) if s.strip()]


def strip_markup(text: str) -> str:
    return re.sub(r"\*\*|\\(?=[\\#>*+\-.)])", "", text)
