"""Which addresses the hosted app may fetch: public ones only, checked after DNS resolution.

The check is made on the addresses a host name resolves to, and the connection is then made to
one of those very addresses (never by resolving the name a second time), so a name that answers
a public address to the check and 127.0.0.1 to the connection (DNS rebinding) gains nothing. The
HTTP ``Host`` header and the TLS server name stay the URL's host name: ``http.client`` sends
them from the name, whatever address the socket is connected to.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from timeline.errors import FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

REFUSAL = "the hosted app fetches only public addresses (an intranet deployment may set TIMELINE_ALLOW_PRIVATE_URLS=1)"
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, Teredo, IPv4-compatible)."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if any(ip in net for net in _NAT64) or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def non_public(ip: Address) -> str | None:
    """What kind of non-public address ``ip`` is ("a loopback address" …), or None when it is public.

    >>> non_public(ipaddress.ip_address("127.0.0.1"))
    'a loopback address'
    >>> non_public(ipaddress.ip_address("::ffff:10.0.0.1"))
    'a private address (IPv4 10.0.0.1 inside an IPv6 address)'
    >>> non_public(ipaddress.ip_address("93.184.215.14")) is None
    True
    """
    if isinstance(ip, ipaddress.IPv6Address) and (inner := _embedded(ip)) is not None:
        kind = non_public(inner)
        return f"{kind} (IPv4 {inner} inside an IPv6 address)" if kind else None
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "a shared (carrier-grade NAT) address"
    if ip.is_private:
        return "a private address"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "a non-public address"
    return None


def _literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def public_addresses(host: str, port: int) -> list[tuple[Any, ...]]:
    """The addresses ``host`` resolves to that are public, as ``getaddrinfo`` rows.

    Raises:
        FetchError: every address is non-public, naming the host, the first such address and its kind.
        OSError: the name cannot be resolved.
    """
    rows = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    allowed, refused = [], None
    for row in rows:
        ip = ipaddress.ip_address(str(row[4][0]).split("%")[0])
        kind = non_public(ip)
        if kind is None:
            allowed.append(row)
        elif refused is None:
            shown = f"::ffff:{ip.ipv4_mapped}" if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped else ip
            refused = f"{host} is {kind}" if _literal(host) else f"{host} resolves to {shown}, {kind}"
    if not allowed:
        raise FetchError(f"{refused or f'{host} resolves to no address'}: {REFUSAL}")
    return allowed


def connect_public(address: tuple[str, int], timeout: float | None = None,
                   source_address: tuple[str, int] | None = None) -> socket.socket:
    """A socket connected to a public address of ``address``'s host: a drop-in for
    ``socket.create_connection`` that connects only to the addresses it has checked.

    Raises:
        FetchError: the host resolves to non-public addresses only. OSError: no address answered.
    """
    host, port = address
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in public_addresses(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    assert error is not None  # public_addresses returns at least one row
    raise error
