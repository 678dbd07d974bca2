"""Scan built HTML with a real parser (the stdlib's html.parser, streaming: no recursion, whatever the depth).

Rules (issue 14, Acceptance):
- a <script> is either ``src`` to the site's own files (relative, or on the site's host), a JSON block
  (``type="application/json"``), or an inline script the theme puts on pages built from the plain seeds
  (learned from a control build, never hard-coded);
- no attribute whose name starts with ``on``;
- no URL attribute whose value starts (after the whitespace and controls a browser ignores) with
  ``javascript:``, ``vbscript:`` or ``data:``;
- no <iframe>, <frame>, <frameset>, <object>, <embed>, <applet>, <base> or <meta http-equiv=refresh>;
- nothing loaded from another host: src/srcset/poster/data of any element, <link rel=stylesheet|icon|
  preload|…>, SVG href, url(…) and @import in style; <a href> to other sites is allowed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

OWN_HOSTS = {"127.0.0.1", "localhost"}
URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background",
             "cite", "codebase", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "imagesrcset"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
LOAD_ATTRS = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "imagesrcset"}
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "modulepreload",
                "manifest", "import", "preconnect", "dns-prefetch", "prerender", "mask-icon"}
SVG_HREF_LOADS = {"image", "use", "feimage", "script", "pattern", "filter"}
_STRIP = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
# The one per-page difference in the theme's inline scripts: the relative root, new URL("../..",location).
_RELATIVE_ROOT = re.compile(r'new URL\("(?:\.|\.\.(?:/\.\.)*|/|(?:\.\./)+)",location\)')


@dataclass(frozen=True)
class Finding:
    path: str     # relative to the site folder
    rule: str
    snippet: str  # what was found, shortened

    def __str__(self) -> str:
        return f"{self.path}: {self.rule}: {self.snippet}"


def normalise_url(value: str) -> str:
    """The URL as a browser's URL parser reads it: controls and spaces stripped, tabs/newlines removed."""
    return _STRIP.sub("", value).lower()


def bad_scheme(value: str) -> bool:
    return normalise_url(value).startswith(BAD_SCHEMES)


def off_site(value: str) -> bool:
    """An absolute or protocol-relative URL whose host is not ours."""
    url = _STRIP.sub("", value).replace("\\", "/")
    if bad_scheme(url):
        return False  # reported by its own rule
    if url.startswith("//"):
        host = urlsplit("http:" + url).hostname
        return host not in OWN_HOSTS
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    if not m:
        return False  # relative: our own files
    scheme = m.group(1).lower()
    if scheme in ("http", "https", "ws", "wss", "ftp"):
        return urlsplit(url).hostname not in OWN_HOSTS
    return scheme not in ("mailto", "tel")  # any other scheme loads from somewhere else (or is bad_scheme)


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def normalise_inline(script: str) -> str:
    return _RELATIVE_ROOT.sub('new URL("<root>",location)', script)


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


class _Scanner(HTMLParser):
    def __init__(self, path: str, allowed_inline: set[str] | None) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.allowed_inline = allowed_inline
        self.findings: list[Finding] = []
        self.inline: list[str] = []          # inline (non-JSON, no src) scripts seen
        self._script: list[str] | None = None
        self._script_attrs: dict[str, str | None] = {}
        self._style: list[str] | None = None

    def _find(self, rule: str, snippet: str) -> None:
        self.findings.append(Finding(self.path, rule, _short(snippet)))

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)
        if tag == "script":
            self._script, self._script_attrs = [], dict(attrs)
        elif tag == "style":
            self._style = []

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = f"<{tag} " + " ".join(f'{k}="{v}"' if v is not None else k for k, v in attrs) + ">"
        if tag in FORBIDDEN:
            self._find(f"forbidden <{tag}>", shown)
        values = {k: (v or "") for k, v in attrs}
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
            self._find("meta refresh", shown)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._find(f"event handler attribute {name}", shown)
            if name in URL_ATTRS or name.endswith(":href"):
                urls = srcset_urls(value) if name in ("srcset", "imagesrcset") else [value]
                if any(bad_scheme(u) for u in urls):
                    self._find(f"{name}= with a javascript:/vbscript:/data: URL", shown)
                loads = (name in LOAD_ATTRS
                         or (tag == "link" and name == "href"
                             and set(values.get("rel", "").lower().split()) & LOADING_RELS)
                         or (tag in SVG_HREF_LOADS and name in ("href", "xlink:href")))
                if loads and any(off_site(u) for u in urls):
                    self._find(f"off-site load via <{tag} {name}=>", shown)
            if name == "style":
                self._css(value, shown)

    def _css(self, css: str, shown: str) -> None:
        for m in _CSS_URL.finditer(css):
            target = m.group(1) or m.group(2)
            if off_site(target) or bad_scheme(target):
                self._find("off-site or data: url() in CSS", shown)

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        elif self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self._end_script("".join(self._script), self._script_attrs)
            self._script = None
        elif tag == "style" and self._style is not None:
            self._css("".join(self._style), "<style>")
            self._style = None

    def close(self):
        super().close()
        if self._script is not None:  # an unterminated script still runs
            self._end_script("".join(self._script), self._script_attrs)
            self._script = None

    def _end_script(self, text: str, attrs: dict[str, str | None]) -> None:
        if attrs.get("src") is not None:
            return  # checked as a URL attribute (scheme and host)
        kind = (attrs.get("type") or "").strip().lower()
        if kind == "application/json":
            return
        self.inline.append(text)
        if self.allowed_inline is not None and normalise_inline(text) not in self.allowed_inline:
            self._find("inline script not among the theme's own", f"<script{''.join(f' {k}={v}' for k, v in attrs.items())}>{text}")


def scan_html(text: str, rel: str, allowed_inline: set[str] | None) -> tuple[list[Finding], list[str]]:
    """Findings in one HTML document, and its inline scripts."""
    scanner = _Scanner(rel, allowed_inline)
    scanner.feed(text)
    scanner.close()
    return scanner.findings, scanner.inline


def html_files(site: Path) -> list[Path]:
    """Every file a browser would render as HTML when served from ``site``."""
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix.lower() in (".html", ".htm", ".xhtml", ".svg"))


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


def rel(path: Path, site: Path) -> str:
    return str(path.relative_to(site)).encode("utf-8", "backslashreplace").decode("utf-8")


def learn_inline_scripts(site: Path) -> set[str]:
    """The theme's inline scripts, as built from the plain seeds (normalised for the relative root)."""
    allowed = set()
    for path in html_files(site):
        _, inline = scan_html(read_text(path), rel(path, site), None)
        allowed.update(normalise_inline(s) for s in inline)
    return allowed


def scan_site(site: Path, allowed_inline: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    for path in html_files(site):
        found, _ = scan_html(read_text(path), rel(path, site), allowed_inline)
        findings.extend(found)
    return findings


class TextOf(HTMLParser):
    """The visible text of an HTML document (no script/style), for 'shown as printed' checks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html_text: str) -> str:
    parser = TextOf()
    parser.feed(html_text)
    parser.close()
    return "".join(parser.parts)


def h1_texts(html_text: str) -> list[str]:
    """The text of each <h1> (what a reader sees as the page title)."""

    class _H1(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.depth = 0

        def handle_starttag(self, tag, attrs):
            if tag == "h1":
                self.depth += 1
                self.out.append("")

        def handle_endtag(self, tag):
            if tag == "h1" and self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth:
                self.out[-1] += data

    parser = _H1()
    parser.feed(html_text)
    parser.close()
    return parser.out
