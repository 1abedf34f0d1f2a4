"""The client's address, also behind reverse proxies, for rate limits, the login lockout and logs.

`X-Forwarded-For` is believed only when the connection comes from a proxy listed in
settings.TRUSTED_PROXIES (addresses or networks, e.g. `127.0.0.1,10.0.0.0/8`; empty by default,
so that no client can choose its own address by sending the header). The client is then the
right-most address of the header that is not itself a trusted proxy: each proxy appends the
address it received the request from, so everything to the left of that is what the client
sent, and may be forged.

Hand-written with the standard `ipaddress` module rather than django-ipware: the rule is these
twenty lines, and ipware matches trusted proxies by string prefix, not by network.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings

PEER_KEY = "archive.peer_addr"  # request.META key keeping the address the connection came from


@functools.cache
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str, forwarded_for: str) -> str:
    """The client's address, given the connection's peer and the X-Forwarded-For header."""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not forwarded_for or not _trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    client = peer
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break  # garbage from the client's side: the last proxy's view is the best we have
        client = hop
        if not _trusted(hop, networks):
            break
    return client


class ClientAddressMiddleware:
    """Outermost: sets REMOTE_ADDR to the client's address (the peer's is kept under PEER_KEY),
    so that the rate limits, django-axes' lockout and the request log all see the client."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        peer = request.META.get("REMOTE_ADDR", "")
        request.META[PEER_KEY] = peer
        request.META["REMOTE_ADDR"] = client_address(
            peer, request.META.get("HTTP_X_FORWARDED_FOR", "")
        )
        return self.get_response(request)


def request_client(request) -> str:
    """The client's address of a request that went through ClientAddressMiddleware (for
    django-axes' AXES_CLIENT_IP_CALLABLE)."""
    return request.META.get("REMOTE_ADDR", "")
