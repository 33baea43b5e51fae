"""Fetching URLs: a timeout, a size limit, a bounded number of redirects, clear errors."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from timeline.errors import FetchError

USER_AGENT = "timeline-dashboard/0.1 (+https://github.com/)"
MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: where it ended up, its content type, its bytes."""

    url: str
    content_type: str
    data: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2


def fetch(url: str, timeout: float = 10.0, max_bytes: int = 20 * 1024 * 1024) -> Fetched:
    """GET a URL.

    Raises:
        FetchError: naming the URL and the reason (timeout, HTTP status, redirect loop, too large).
    """
    if not url.startswith(("http://", "https://")):
        raise FetchError(f"{url}: only http:// and https:// addresses can be fetched")
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(f"{url}: larger than the {max_bytes:,}-byte limit")
            return Fetched(response.geturl(), response.headers.get("Content-Type", ""), data)
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise FetchError(f"{url}: too many redirects (a redirect loop?)") from None
        raise FetchError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(f"{url}: timed out after {timeout:g} s") from None
        raise FetchError(f"{url}: could not connect ({reason})") from None
    except TimeoutError:
        raise FetchError(f"{url}: timed out after {timeout:g} s") from None
