"""The engine's HTML without its indentation: the theme indents every line, which was a sixth of
a report page.

Only a whitespace run that contains a line break and touches a tag is cut, and it becomes one
line break. A browser collapses any such run to one space in normal text, so the page renders
the same; preformatted elements (pre, textarea) and scripts and styles are left as they are.
"""
from __future__ import annotations

import re

_KEPT = r"<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>|<style\b.*?</style>"
# A run is matched from its first character only (possessive, after a non-blank): linear time
# even on a megabyte of spaces.
_RUNS = re.compile(rf"({_KEPT})|>[ \t]*+\n\s*+|(?<![ \t\n])[ \t]*+\n\s*+(?=<)", re.S | re.I)


def _replace(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1)
    return ">\n" if match.group(0)[0] == ">" else "\n"


def compact(html: str) -> str:
    """``html`` with the indentation between tags cut to one line break."""
    return _RUNS.sub(_replace, html)


def compact_file(data: bytes) -> bytes:
    return compact(data.decode("utf-8")).encode("utf-8")
