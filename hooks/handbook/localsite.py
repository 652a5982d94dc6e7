"""A built site on a free 127.0.0.1 port, and the headless Chromium that opens it:
shared by `make pdf` (pdf.py), the browser tests and the bench."""
import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_executable() -> str | None:
    """A system Chromium, or None for Playwright's managed browser."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page that navigates away drops its pending fetches (practice prefetches answers);
        the broken pipe that follows is no error of the site."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve(directory: Path) -> tuple[QuietServer, str]:
    """Serve directory in a background thread; the server (shut it down) and its URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
