"""Fetching URLs: a total deadline, a size limit, a bounded number of redirects, clear errors.

The timeout bounds the whole fetch — connecting, every redirect, the headers and all of the body —
not each read: a server that sends a byte every second cannot hold a fetch past its deadline. A
timer shuts the fetch's sockets when the time is up, which ends any read that is waiting.

With ``public_only`` (the hosted dashboard) every connection — the first and one per redirect —
goes only to a public address the host name was checked to resolve to (``guard.py``), and no
proxy from the environment is used (a proxy would resolve the name itself, unchecked).
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from timeline.errors import FetchError
from timeline.ingest.guard import connect_public

USER_AGENT = "timeline-dashboard/0.1 (+https://github.com/)"
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: where it ended up, its content type, its bytes."""

    url: str
    content_type: str
    data: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``MAX_REDIRECTS`` redirects, to http(s) only, remembering the last target."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def __init__(self) -> None:
        super().__init__()
        self.last: str | None = None

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        target = urllib.parse.urljoin(req.full_url, newurl)
        if not target.startswith(("http://", "https://")):  # urllib would follow ftp://, unchecked
            raise FetchError(f"redirected to {target}, which is not an http:// or https:// address")
        self.last = target
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class _Deadline:
    """When a fetch must be over, and the sockets to shut then."""

    at: float
    expired: bool = False
    sockets: list[socket.socket] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0 or self.expired:
            raise TimeoutError("the fetch's deadline passed")
        return left

    def watch(self, sock: socket.socket | None) -> None:
        with self.lock:
            if sock is not None:
                self.sockets.append(sock)
            if self.expired and sock is not None:
                _shut(sock)

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


def _bounded(base: type[http.client.HTTPConnection], deadline: _Deadline, public_only: bool) -> Any:
    """A connection class whose connect waits at most until the deadline, whose socket the
    deadline's timer shuts and, with ``public_only``, that connects only to a checked public address."""

    class Bounded(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            self.timeout = deadline.remaining()
            if public_only:  # used by HTTPConnection.connect, which HTTPSConnection's calls before TLS
                self._create_connection = connect_public
            super().connect()
            deadline.watch(self.sock)

    return Bounded


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline, public_only: bool) -> None:
        super().__init__()
        self.deadline, self.public_only = deadline, public_only

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_bounded(http.client.HTTPConnection, self.deadline, self.public_only), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline, public_only: bool) -> None:
        super().__init__()
        self.deadline, self.public_only = deadline, public_only

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_bounded(http.client.HTTPSConnection, self.deadline, self.public_only), req,
                            context=getattr(self, "_context", None))


def _read(response: Any, max_bytes: int, deadline: _Deadline, url: str) -> bytes:
    """The body, at most ``max_bytes``, in chunks, stopping at the deadline."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"{url}: larger than the {max_bytes:,}-byte limit")
    chunks, size = [], 0
    while True:
        deadline.remaining()
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: larger than the {max_bytes:,}-byte limit")
        chunks.append(chunk)
    deadline.remaining()  # a read ended by the timer is a timeout, not the end of the body
    return b"".join(chunks)


def fetch(url: str, timeout: float = 10.0, max_bytes: int = 20 * 1024 * 1024,
          public_only: bool = False) -> Fetched:
    """GET a URL, all of it (connection, redirects, headers, body) within ``timeout`` seconds;
    with ``public_only``, from public addresses only (checked again on every redirect).

    Raises:
        FetchError: naming the URL and the reason (timeout, HTTP status, redirect loop, too large,
        a non-public address).
    """
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"{url}: only http:// and https:// addresses can be fetched")
    deadline = _Deadline(time.monotonic() + timeout)
    timer = threading.Timer(timeout, deadline.expire)
    timer.daemon = True
    timer.start()
    redirects = _Redirects()
    handlers: list[urllib.request.BaseHandler] = [_HTTP(deadline, public_only), _HTTPS(deadline, public_only),
                                                  redirects]
    if public_only:
        handlers.append(urllib.request.ProxyHandler({}))
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*",
                                                   "Accept-Encoding": "identity"})
    try:
        with opener.open(request, timeout=timeout) as response:
            data = _read(response, max_bytes, deadline, url)
            return Fetched(response.geturl(), response.headers.get("Content-Type", ""), data)
    except FetchError as exc:  # refused on the way: a non-public address, or a redirect to another scheme
        hop = f"redirected to {redirects.last}; " if redirects.last and redirects.last not in str(exc) else ""
        raise FetchError(f"{url}: {hop}{exc}") from None
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise FetchError(f"{url}: too many redirects (a redirect loop?)") from None
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if deadline.expired or isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(f"{url}: timed out after {timeout:g} s") from None
        raise FetchError(f"{url}: could not connect ({reason})") from None
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        if deadline.expired or isinstance(exc, TimeoutError):
            raise FetchError(f"{url}: timed out after {timeout:g} s") from None
        raise FetchError(f"{url}: the connection failed ({type(exc).__name__}: {exc})") from None
    finally:
        timer.cancel()
