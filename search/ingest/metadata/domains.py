"""Web addresses on a page: which domains a line names, and the site an address belongs to.

Shared by the chrome rules (a line that is an address), the headline rules ("Headline |
example.com") and the source rules; kept apart so those import it, not each other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from tld import is_tld

#: (Never from right after an apostrophe inside a word: "Example'sDay.ru" is a name
#: with its address, not "sday.ru".)
_DOMAIN = re.compile(
    r"(?<![\w@.-])(?<!\w['’])(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12})(?![\w-])",
    re.I,
)
#: Common file-name and non-TLD endings that look like domains but are not.
_NOT_TLD = frozenset(
    "jpg jpeg png gif webp svg pdf doc docx html htm php asp aspx txt md js css mp4 mp3".split()
)


#: A Web Archive capture's address: ``/web/<timestamp>[flag_]/<original address>``.
_WAYBACK = re.compile(
    r"^(?:https?:)?(?://)?(?:web\.|wayback\.)?archive\.org/web/\d+(?:[a-z]{2}_)?/+(?P<inner>\S+)$",
    re.I,
)


def unwrap_archive_url(url: str | None) -> str | None:
    """The original address inside a Web Archive capture's address (a saved copy is still
    the original site's article), else the address unchanged."""
    if not url:
        return url
    m = _WAYBACK.match(url.strip())
    if not m:
        return url
    inner = m.group("inner")
    inner = re.sub(r"^(https?):/+", r"\1://", inner)  # "http:/example.com" in some captures
    return inner if "://" in inner else "http://" + inner


def domain_of_url(url: str | None) -> str | None:
    """The domain of a page's address (of the original for an archived copy)."""
    url = unwrap_archive_url(url)
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return normalise_domain(host) if host else None


def normalise_domain(host: str) -> str | None:
    host = host.strip().strip("/").lower()
    host = re.sub(r"^(?:https?://)?(?:www\d?|m|amp|mobile)\.", "", host)
    if "." not in host or host.rsplit(".", 1)[1] in _NOT_TLD:
        return None
    return host


#: Platforms whose addresses appear in share and follow lines (and the Web Archive, whose
#: address a saved copy carries); never the outlet itself.
_PLATFORMS = frozenset(
    """
    facebook.com fb.com twitter.com x.com t.me telegram.me telegram.org instagram.com
    youtube.com youtu.be vk.com ok.ru linkedin.com tiktok.com whatsapp.com wa.me google.com
    play.google.com apple.com apps.apple.com itunes.apple.com news.google.com threads.net
    archive.org web.archive.org
    """.split()
)


#: Blog and site-building platforms a page names as its host ("Blog at WordPress.com",
#: "commenting using your WordPress.com account"): the platform, not the site; a blog on
#: its subdomain ("steppe.wordpress.com") is a site of its own.
_HOSTS = frozenset(
    """
    wordpress.com wordpress.org blogger.com blogspot.com medium.com tumblr.com wix.com
    squarespace.com substack.com ghost.org livejournal.com weebly.com
    """.split()
)


def domains_in(text: str) -> list[str]:
    """Web domains written in a line ("kun.uz", "https://www.example.com/ru/…"), social
    platforms and blog hosts left out."""
    out = []
    for m in _DOMAIN.finditer(text):
        if m.group(0)[:1].isdigit() and re.fullmatch(r"[\d.]+", m.group(0)):
            continue
        dom = normalise_domain(m.group(1))
        if not dom or dom in _PLATFORMS or dom in _HOSTS:
            continue
        if dom.endswith(tuple("." + p for p in _PLATFORMS)):
            continue
        if re.search(r"[a-z]", dom.rsplit(".", 1)[1]) and _real_tld(dom) and dom not in out:
            out.append(dom)
    return out


_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12})\b", re.I
)
#: Mail services anyone has an address at: their domain says nothing of the site.
_MAIL_SERVICES = frozenset(
    """
    gmail.com googlemail.com yahoo.com yahoo.co.uk ymail.com hotmail.com outlook.com live.com
    msn.com aol.com icloud.com me.com mail.com gmx.com gmx.de gmx.net web.de proton.me
    protonmail.com yandex.ru yandex.com ya.ru mail.ru bk.ru inbox.ru list.ru rambler.ru
    ukr.net i.ua meta.ua qq.com 163.com 126.com sina.com naver.com daum.net hanmail.net
    rediffmail.com zoho.com yahoo.co.jp
    """.split()
)


def email_domains_in(text: str) -> list[str]:
    """The domains of e-mail addresses written in a line ("tips@example.com"): a desk's or
    a reporter's address is on the site's own domain; public mail services and social
    platforms left out."""
    out = []
    for m in _EMAIL.finditer(text):
        dom = normalise_domain(m.group(1))
        if not dom or dom in _MAIL_SERVICES or dom in _PLATFORMS or not _real_tld(dom):
            continue
        if dom not in out:
            out.append(dom)
    return out


@lru_cache(maxsize=4096)
def _real_tld(domain: str) -> bool:
    """Whether a written domain ends in a real top-level domain (the Public Suffix List, as
    the ``tld`` package ships it): "player.setav" in a cheat code or "3.sayfa" ("page 3")
    are words joined by a full stop, not addresses."""
    return is_tld(domain.rsplit(".", 1)[1])
