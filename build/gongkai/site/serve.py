"""`make serve`: the built site on this machine, answered as a static host answers it.

Python's plain http.server differs from the host in two ways that hide mistakes: a missing
address gets its English error text instead of the site's 404.html, and the site is served
at / while it was built for site_url's path (/gongkai/), which is where the 404 page loads its
styles from. This server sends 404.html for a missing address and also answers under the
built base path, so that the 404 page looks locally as it will on the host.

    python -m gongkai.site.serve --directory site 8000
"""
from __future__ import annotations

import argparse
import functools
import http.server
import re
from pathlib import Path
from urllib.parse import urlsplit

_ROOT_META = re.compile(r'<meta name="gongkai-root" content="([^"]*)"')


def base_path(site: Path) -> str:
    """The path the site was built for, as its 404 page says (its links are absolute from it)."""
    try:
        found = _ROOT_META.search((site / "404.html").read_text("utf-8", errors="replace"))
    except OSError:
        return "/"
    path = found.group(1) if found else "/"
    return path if path.startswith("/") and path.endswith("/") else "/"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    base = "/"

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)
        if self.base != "/" and parts.path.startswith(self.base):
            path = "/" + path[len(self.base):]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or self.command not in ("GET", "HEAD") or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


def make_server(site: Path, bind: str = "127.0.0.1", port: int = 8000, quiet: bool = False) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (SiteHandler,), {"base": base_path(site)})
    server = http.server.ThreadingHTTPServer((bind, port), functools.partial(handler, directory=str(site)))
    server.quiet = quiet  # type: ignore[attr-defined]
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the built site as its host would.")
    parser.add_argument("port", type=int, nargs="?", default=8000)
    parser.add_argument("--directory", type=Path, default=Path("site"))
    parser.add_argument("--bind", default="127.0.0.1")
    args = parser.parse_args()
    server = make_server(args.directory, args.bind, args.port)
    print(f"serving {args.directory}/ at http://{args.bind}:{args.port}/ (and under {base_path(args.directory)})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
