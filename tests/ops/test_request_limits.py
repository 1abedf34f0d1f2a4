"""Request bodies: refused early when larger than the site accepts (413, before the body is
read), and a too-large document pasted in the admin refused by its form, with the text kept."""

import socket
from urllib.parse import urlsplit

import pytest

from statements.models import Meeting, Source

pytestmark = pytest.mark.django_db


def _raw_post(live_server, path: str, length: int, cookie: str = "") -> bytes:
    """Send only the headers of a POST declaring `length` bytes, and read the answer: a server
    that waited for the body would never answer (the socket times out and the test fails)."""
    url = urlsplit(live_server.url)
    with socket.create_connection((url.hostname, url.port), timeout=30) as conn:
        conn.sendall(
            (
                f"POST {path} HTTP/1.1\r\nHost: {url.hostname}\r\n"
                "Content-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {length}\r\n{cookie}\r\n"
            ).encode()
        )
        conn.sendall(b"--x\r\n")  # a first morsel of the 500 MB that never come
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = conn.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer


def test_an_anonymous_500_mb_post_is_refused_before_its_body_is_read(live_server):
    answer = _raw_post(live_server, "/admin/login/", 500 * 1024 * 1024)
    assert answer.startswith(b"HTTP/1.1 413")


def test_a_body_within_the_limit_is_read_as_usual(client):
    response = client.post("/admin/login/", {"username": "nobody", "password": "x" * 1000})
    assert response.status_code == 200  # read, and the form says the login is wrong
    assert "correct username and password" in response.content.decode()


def test_twenty_megabytes_pasted_in_the_admin_are_refused_by_the_form(admin_client):
    text = "2020-01-01 - ملاقات\n\n" + "وزیر نے کہا کہ بات اہم ہے۔\n" * 500_000
    assert len(text.encode()) > 20_000_000
    response = admin_client.post("/admin/statements/meeting/add/", {"text": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "a report can be at most 2 MB" in page
    assert page.count("وزیر نے کہا کہ بات اہم ہے۔") == 500_000  # the text is still in the form
    assert not Source.objects.exists() and not Meeting.objects.exists()


def test_the_proxy_sized_limit_still_applies_to_staff(admin_client, settings):
    response = admin_client.post(
        "/admin/statements/meeting/add/",
        {"text": "x"},
        CONTENT_LENGTH=str(settings.MAX_DOCUMENT_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
