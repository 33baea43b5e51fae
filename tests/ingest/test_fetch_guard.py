"""The hosted app fetches only public addresses (issue 13, point 3): checked after DNS resolution
and on every redirect, connected to the address checked; the CLI fetches any address. A real HTTP
server on 127.0.0.1 answers; host names are made to resolve by patching ``socket.getaddrinfo``."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from timeline.errors import FetchError
from timeline.ingest import Options, app_options, from_bytes, from_url
from timeline.ingest import guard
from timeline.ingest.limits import AppLimits
from timeline.ingest.web import fetch

ARTICLE = b"Talks end\nPosted on July 18, 2025\nMOSCOW (Reuters) - Putin met Xi on Monday in Moscow.\n"
REAL_GETADDRINFO = socket.getaddrinfo


class Server:
    """A real HTTP server on 127.0.0.1 that records every request's path and Host header."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        self.redirects: dict[str, str] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("Host", "")))
                if self.path in server.redirects:
                    self.send_response(302)
                    self.send_header("Location", server.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(ARTICLE)))
                self.end_headers()
                self.wfile.write(ARTICLE)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def resolve(monkeypatch: pytest.MonkeyPatch, names: dict[str, list[str]]) -> list[str]:
    """Make host names resolve: the first lookup of a name answers its first address, the second its
    second and so on (the last repeats); other names resolve for real. Returns the names looked up."""
    asked: list[str] = []

    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        asked.append(host)
        if host not in names:
            return REAL_GETADDRINFO(host, port, *args, **kwargs)  # type: ignore[arg-type]
        address = names[host][min(asked.count(host), len(names[host])) - 1]
        if ":" in address:
            return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, int(port), 0, 0))]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "a loopback address"),
    ("127.9.9.9", "a loopback address"),
    ("::1", "a loopback address"),
    ("10.1.2.3", "a private address"),
    ("172.16.0.1", "a private address"),
    ("192.168.1.1", "a private address"),
    ("fd00::1", "a private address"),
    ("169.254.169.254", "a link-local address"),  # the cloud metadata service
    ("fe80::1", "a link-local address"),
    ("224.0.0.1", "a multicast address"),
    ("ff02::1", "a multicast address"),
    ("0.0.0.0", "an unspecified address"),
    ("::", "an unspecified address"),
    ("0.1.2.3", "a private address"),  # "this network": Linux connects 0.x to the host itself
    ("240.0.0.1", "a private address"),
    ("255.255.255.255", "a private address"),
    ("100.64.0.1", "a shared (carrier-grade NAT) address"),
    ("192.0.2.1", "a private address"),  # documentation ranges are not public either
    ("::ffff:127.0.0.1", "a loopback address (IPv4 127.0.0.1 inside an IPv6 address)"),
    ("::ffff:169.254.169.254", "a link-local address (IPv4 169.254.169.254 inside an IPv6 address)"),
    ("64:ff9b::a01:203", "a private address (IPv4 10.1.2.3 inside an IPv6 address)"),  # NAT64
    ("2002:7f00:1::", "a loopback address (IPv4 127.0.0.1 inside an IPv6 address)"),  # 6to4
    ("::127.0.0.1", "a loopback address (IPv4 127.0.0.1 inside an IPv6 address)"),  # IPv4-compatible
    ("8.8.8.8", None),
    ("93.184.215.14", None),
    ("2001:4860:4860::8888", None),
    ("::ffff:8.8.8.8", None),
])
def test_address_kinds(address: str, kind: str | None) -> None:
    assert guard.non_public(ipaddress.ip_address(address)) == kind


def test_the_hosted_app_refuses_loopback_and_never_connects(server: Server) -> None:
    url = server.url + "/article"
    with pytest.raises(FetchError) as caught:
        fetch(url, public_only=True)
    assert str(caught.value).startswith(f"{url}: 127.0.0.1 is a loopback address: "
                                        "the hosted app fetches only public addresses")
    assert server.requests == []


def test_the_cli_fetches_any_address(server: Server) -> None:
    assert fetch(server.url + "/article").data == ARTICLE  # public_only is off unless asked for
    (item,) = from_url(server.url + "/article", Options())
    assert item.article is not None


@pytest.mark.parametrize("spelling", ["2130706433", "0x7f.1", "127.1", "[::ffff:127.0.0.1]", "localhost"])
def test_other_spellings_of_loopback_are_refused_too(server: Server, spelling: str) -> None:
    url = f"http://{spelling}:{server.port}/article"
    with pytest.raises(FetchError, match=r"a loopback address.*: the hosted app fetches only public addresses"):
        fetch(url, public_only=True)
    assert server.requests == []


def test_a_name_that_resolves_to_a_private_address_is_refused_naming_both(monkeypatch: pytest.MonkeyPatch,
                                                                          server: Server) -> None:
    resolve(monkeypatch, {"intranet.example": ["10.20.30.40"]})
    (item,) = from_url(f"http://intranet.example:{server.port}/wiki", app_options())
    assert item.article is None
    assert item.error is not None and item.error.startswith(
        f"http://intranet.example:{server.port}/wiki: intranet.example resolves to 10.20.30.40, a private address: "
        "the hosted app fetches only public addresses")


def test_an_ipv4_mapped_answer_is_refused(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    resolve(monkeypatch, {"mapped.example": ["::ffff:127.0.0.1"]})
    with pytest.raises(FetchError, match=r"mapped\.example resolves to ::ffff:127\.0\.0\.1, a loopback address "
                                         r"\(IPv4 127\.0\.0\.1 inside an IPv6 address\)"):
        fetch(f"http://mapped.example:{server.port}/", public_only=True)


def test_a_redirect_to_a_private_address_is_refused(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    """The first hop is allowed (the local server stands in for a public host: its address is taken
    for public here); its redirect to an intranet name is checked again and refused."""
    real = guard.non_public
    monkeypatch.setattr(guard, "non_public", lambda ip: None if str(ip) == "127.0.0.1" else real(ip))
    resolve(monkeypatch, {"news.example": ["127.0.0.1"], "intranet.example": ["10.0.0.7"]})
    server.redirects["/story"] = f"http://intranet.example:{server.port}/admin"
    url = f"http://news.example:{server.port}/story"
    with pytest.raises(FetchError) as caught:
        fetch(url, public_only=True)
    assert str(caught.value).startswith(
        f"{url}: redirected to http://intranet.example:{server.port}/admin; intranet.example resolves to "
        "10.0.0.7, a private address: the hosted app fetches only public addresses")
    assert [path for path, _ in server.requests] == ["/story"]


def test_the_connection_goes_to_the_address_checked_not_to_a_second_lookup(monkeypatch: pytest.MonkeyPatch,
                                                                           server: Server) -> None:
    """DNS rebinding: the name answers a (here: taken for public) address to the check, then a
    private one. The name is looked up once, the socket connects to the address checked, and the
    Host header still names the host."""
    real = guard.non_public
    monkeypatch.setattr(guard, "non_public", lambda ip: None if str(ip) == "127.0.0.1" else real(ip))
    asked = resolve(monkeypatch, {"rebind.example": ["127.0.0.1", "10.255.255.1"]})
    fetched = fetch(f"http://rebind.example:{server.port}/article", timeout=5, public_only=True)
    assert fetched.data == ARTICLE
    assert asked == ["rebind.example"]
    assert server.requests == [("/article", f"rebind.example:{server.port}")]


def test_a_redirect_to_another_scheme_is_refused(server: Server) -> None:
    server.redirects["/ftp"] = "ftp://127.0.0.1/etc/passwd"
    with pytest.raises(FetchError, match="redirected to ftp://127.0.0.1/etc/passwd, which is not an http"):
        fetch(server.url + "/ftp")


def test_links_in_an_uploaded_feed_follow_the_same_rule(server: Server) -> None:
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
            f'<item><title>Short</title><link>{server.url}/article</link><pubDate>Fri, 18 Jul 2025 08:00:00 GMT'
            f'</pubDate><description>Teaser.</description></item></channel></rss>').encode()
    (item,) = from_bytes("feed.xml", feed, app_options())
    assert item.article is None and "a loopback address: the hosted app fetches only public addresses" in (item.error or "")
    assert server.requests == []


def test_the_setting_allows_private_addresses_for_an_intranet_deployment(monkeypatch: pytest.MonkeyPatch,
                                                                        server: Server) -> None:
    monkeypatch.setenv("TIMELINE_ALLOW_PRIVATE_URLS", "1")
    (item,) = from_url(server.url + "/article", app_options())
    assert item.article is not None and item.article.url == server.url + "/article"
    (refused,) = from_url(server.url + "/article", app_options(limits=AppLimits(allow_private=False)))
    assert refused.article is None


def test_https_keeps_the_host_name_for_sni_and_the_certificate(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    """Connected to the checked address, TLS still names the host: the server sees it as SNI and the
    certificate is verified against it (a self-signed one for tls.example, trusted for this test)."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=tls.example", "-addext", "subjectAltName=DNS:tls.example", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment, func-returns-value]
    server = Server()
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    try:
        real = guard.non_public
        monkeypatch.setattr(guard, "non_public", lambda ip: None if str(ip) == "127.0.0.1" else real(ip))
        resolve(monkeypatch, {"tls.example": ["127.0.0.1"]})
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        fetched = fetch(f"https://tls.example:{server.port}/article", timeout=5, public_only=True)
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
    assert fetched.data == ARTICLE
    assert names == ["tls.example"] and server.requests == [("/article", f"tls.example:{server.port}")]
