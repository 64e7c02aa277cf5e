"""Outlets from URLs and hosts: one answer for ingest and dedup alike.

The registrable domain comes from the Public Suffix List snapshot bundled in `tldextract`,
never fetched (no network at run time, no cache written): "news24.co.za" stays one outlet,
and "news.detik.com" and "finance.detik.com" are one newsroom, "Detik.com".
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# suffix_list_urls=() and cache_dir=None: the bundled snapshot only, nothing read or written
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str | None:
    """ "news.detik.com" -> "detik.com"; None for hosts with no public suffix (localhost, IPs)."""
    host = host.strip().strip(".").lower()
    if not host or "." not in host:
        return None
    found = _EXTRACT(host)
    return found.top_domain_under_public_suffix or None


def _host(url_or_host: str) -> str | None:
    text = url_or_host.strip()
    try:
        return urlsplit(text if "//" in text else f"//{text}").hostname
    except ValueError:
        return None


def outlet_from_url(url: str) -> str | None:
    """The outlet a URL belongs to: its registrable domain, capitalised ("Detik.com")."""
    host = _host(url)
    domain = registrable_domain(host) if host else None
    return domain[:1].upper() + domain[1:] if domain else None


def outlet_family(outlet: str | None) -> str | None:
    """The newsroom behind an outlet name or host: "finance.detik.com" and "Detik.com" are one.

    A name that is not a domain ("Harian Berkat") is its own family, case-folded.
    """
    if not outlet:
        return None
    host = _host(outlet)
    domain = registrable_domain(host) if host else None
    return domain or outlet.strip().casefold() or None
