"""Outlets from URLs: one function for ingest and dedup, on the bundled suffix list."""

from __future__ import annotations

import pytest

from newsdesk.outlets import outlet_family, outlet_from_url, registrable_domain


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.news24.co.za/x", "News24.co.za"),
        ("https://news.detik.com/x", "Detik.com"),
        ("https://pontianak.tribunnews.com/x", "Tribunnews.com"),
        ("https://rejabar.republika.co.id/berita/x", "Republika.co.id"),
        ("https://www.scmp.com.hk/x", "Scmp.com.hk"),
        ("https://timesofindia.co.in/x", "Timesofindia.co.in"),
        ("https://www.bbc.co.uk/news/x", "Bbc.co.uk"),
    ],
)
def test_outlet_is_the_registrable_domain_never_a_bare_suffix(url: str, outlet: str) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize("url", ["not a url", "http://localhost/x", "http://[::1]/x", ""])
def test_no_outlet_from_hosts_without_a_public_suffix(url: str) -> None:
    assert outlet_from_url(url) is None


def test_subdomains_of_one_newsroom_are_one_family() -> None:
    assert outlet_family("finance.detik.com") == outlet_family("Detik.com") == "detik.com"
    assert outlet_family("https://news.detik.com/x") == "detik.com"
    assert outlet_family("www.news24.co.za") == "news24.co.za"
    assert outlet_family("news24.co.za") != outlet_family("other.co.za")


def test_a_plain_outlet_name_is_its_own_family() -> None:
    assert outlet_family("Harian Berkat") == "harian berkat"
    assert outlet_family(None) is None


def test_the_suffix_list_is_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tldextract tried the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    registrable_domain.cache_clear()
    assert registrable_domain("a.b.example.co.id") == "example.co.id"
