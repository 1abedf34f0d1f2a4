"""The client's address behind trusted proxies (archive/clientip.py): pure, no database."""

import pytest

from archive.clientip import client_address


@pytest.fixture(autouse=True)
def proxies(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address("127.0.0.1", "203.0.113.7") == "127.0.0.1"


def test_from_an_untrusted_peer_the_header_is_ignored():
    assert client_address("198.51.100.2", "203.0.113.7") == "198.51.100.2"


def test_the_right_most_untrusted_address_is_the_client():
    assert client_address("127.0.0.1", "203.0.113.7") == "203.0.113.7"
    assert client_address("127.0.0.1", "9.9.9.9, 203.0.113.7, 10.1.2.3") == "203.0.113.7"


def test_what_the_client_sent_itself_is_not_believed():
    # The client forged "1.1.1.1"; our proxy appended the address it really came from.
    assert client_address("127.0.0.1", "1.1.1.1, 198.51.100.9") == "198.51.100.9"


def test_a_chain_of_trusted_proxies_gives_the_left_most():
    assert client_address("127.0.0.1", "10.0.0.5, 10.0.0.6") == "10.0.0.5"


def test_garbage_in_the_chain_stops_the_walk():
    assert client_address("127.0.0.1", "203.0.113.7, not-an-ip, 10.0.0.6") == "10.0.0.6"
    assert client_address("127.0.0.1", "") == "127.0.0.1"


def test_ipv6_addresses_and_networks(settings):
    settings.TRUSTED_PROXIES = ["::1", "fd00::/8"]
    assert client_address("::1", "2001:db8::1, fd00::2") == "2001:db8::1"
