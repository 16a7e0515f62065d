"""The outlet that published a page, in lower-case domain form when one is known.

Signals, strongest first: the page's URL; a web address in a short line of the page's
header, footer or byline ("Azernews.Az", "© novosti-vostok.ru", "kun.uz › News"); the
site's name repeated above the headline and below the article; a copyright line; a
masthead (a logo line in capitals or title case above the headline); an outlet named as
the reporter in the lead ("…, Kabar news agency reports", "… деб хабар бермоқда
«Озодлик» радиосининг …"), tied to the page's own address when one is written; the
handle a "follow us" line names. Social platforms' addresses never count, nor do a
menu's link to a partner's site, a group's list of sister sites or commenters' links.
Nothing at all gives None (ingestion's "unknown"); on copied text,
:func:`last_resort_source` then reads the logo's line, the footer's company or name and a
byline spelt like a brand.
"""

from __future__ import annotations

import re
from collections import Counter

from qidir.search.ingest.metadata import keywords as kw
from qidir.search.ingest.metadata.countries import find_countries
from qidir.search.ingest.metadata.dates import is_date_only
from qidir.search.ingest.metadata.domains import (
    domain_of_url,
    domains_in,
    normalise_domain,
    unwrap_archive_url,
)
from qidir.search.ingest.metadata.lines import Line, LineKind, Page, is_sentence_like, word_count
from qidir.search.ingest.metadata.sitename import (
    byline_lines,
    company_line,
    domain_matches,
    find_brand,
    find_site_domain,
    is_copyright_line,
    is_generic_name,
    is_place_only,
    menu_links,
    name_counts,
    site_lists,
)

#: The line kinds of the page's furniture (header lines are LineKind.HEAD).
_FURNITURE = (LineKind.TAIL, LineKind.LIST, LineKind.CHROME, LineKind.DUP)
#: A brand named this often outweighs a lone domain that does not match it (an ad's or a
#: syndication service's address).
STRONG_BRAND = 6

_HANDLE = re.compile(r"@([A-Za-z0-9_]{3,30})")
_COPYRIGHT = re.compile(
    r"(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,]*(?P<name>[^.|,©]{2,60})",
    re.I,
)
#: Media words: a name containing one of them is an outlet, not a ministry or a person.
_MEDIA_WORDS = frozenset(
    kw.fold(w)
    for w in """
    news agency radio tv television times post press daily herald gazette journal service
    telegraph tribune observer report reports media online info portal channel broadcasting
    агентство радио тв телеканал газета издание портал новости информ служба
    агентлиги агентлик радиоси радио телеканали нашри газетаси хизмати
    agentligi agentlik radiosi radio telekanali nashri gazetasi xizmati
    агенттігі радиосы арнасы газеті порталы қызметі
    agentliyi agentlik radiosu kanalı qəzeti portalı xəbər xəbərləri
    ajansı ajans haber haberleri gazetesi kanalı televizyonu
    """.split()
)

# Attribution patterns: the outlet named as the reporter of the story.
_ATTRIBUTION = [
    re.compile(r",\s*(?P<name>[A-Z][\w.&'’ -]{1,40}?)\s+(?:reports|reported|informs|writes)\b"),
    re.compile(r"\b(?:reports|informs)\s+(?P<name>[A-Z][\w.&'’ -]{1,40}?)[.,]"),
    re.compile(r"(?:сообщает|передает|передаёт|пишет|информирует)\s+(?P<name>[^,.;]{2,60})"),
    re.compile(
        r"(?:хабар бермоқда|хабар беради|хабар қилади|маълум қилди)\s+(?P<name>[^,.;]{2,60})"
    ),
    re.compile(
        r"(?:xabar bermoqda|xabar beradi|xabar qiladi|ma'lum qildi)\s+(?P<name>[^,.;]{2,60})", re.I
    ),
    re.compile(r"(?:хабарлайды|деп хабарлады|жазады)\s+(?P<name>[^,.;]{2,60})"),
    re.compile(r"(?P<name>[\w.ƏəÖöÜüĞğIıŞşÇç'’ -]{2,40}?)\s+xəbər verir"),
    re.compile(
        r"(?P<name>[\w.ÖöÜüĞğIıŞşÇç'’ -]{2,40}?)(?:'(?:n[ıiuü]n|[ıiuü]n))?"
        r"\s+(?:bildirdi|haberine göre)"
    ),
]
_QUOTED = re.compile(r"[«“\"](?P<q>[^»”\"]{2,40})[»”\"]")


def _key(name: str) -> str:
    return re.sub(r"[^\w]", "", kw.fold(name))


def _is_media_name(name: str) -> bool:
    words = [kw.fold(w) for w in re.findall(r"[^\W\d_]+", name)]
    return any(w in _MEDIA_WORDS for w in words)


def _tie_to_domain(name: str, domains: list[str], handles: list[str]) -> str | None:
    """The page's domain that a bare name refers to ("Azernews" ↔ azernews.az)."""
    key = _key(name)
    if not key:
        return None
    for dom in domains:
        label = _key(dom.split(".")[0])
        if key == label or key == _key(dom):
            return dom
    for handle in handles:
        h = _key(handle)
        if h.startswith(key) or key.startswith(h):
            for dom in domains:
                if _key(dom.split(".")[0]) in h:
                    return dom
    return None


def _clean_name(name: str) -> str:
    name = name.strip(" «»\"“”'’.,:;-–—")
    name = re.sub(r"\s+", " ", name)
    # "© Caspian Ledger 2025", "© Steppe Times, 2010–2024": the years are not the name
    name = re.sub(r"[\s,]+(?:19|20)\d\d(?:\s*[-–]\s*(?:(?:19|20)\d\d|present|н\.?\s*в\.?))?$",
                  "", name, flags=re.I)
    return name.strip(" ,")


def find_source(page: Page, *, url: str | None = None) -> str | None:
    from_url = domain_of_url(url)
    if from_url:
        return from_url
    lines = page.lines
    title_pos = _title_pos(page)
    first_prose = next(
        (
            k
            for k, ln in enumerate(lines)
            if k > title_pos and ln.kind == LineKind.BODY and is_sentence_like(ln.text)
        ),
        len(lines),
    )

    def short(ln: Line) -> bool:
        return word_count(ln.text) <= 10 and not is_sentence_like(ln.text)

    head = [ln for k, ln in enumerate(lines) if k < max(title_pos, 0) or ln.kind == LineKind.HEAD]
    lead = [ln for k, ln in enumerate(lines) if title_pos < k < first_prose]
    furniture = [ln for ln in lines if ln.kind in _FURNITURE]
    domains: list[str] = []
    # (a menu's link to another site or product; a list of other sites)
    links = menu_links(lines) | site_lists(lines)
    for group in (head, furniture, lead):
        for ln in group:
            if ln.index in links:
                continue
            if short(ln) or is_copyright_line(ln.text):
                domains.extend(d for d in domains_in(ln.text) if d not in domains)
    handles = [h for ln in head + furniture for h in _HANDLE.findall(ln.text)]
    # Counted evidence first: the domain the page states as its own (copyright line,
    # bare address, matching the brand), then the brand its furniture repeats.
    names = name_counts(lines)
    brand = find_brand(lines, names)
    site_domain = find_site_domain(lines, names)
    if site_domain:
        return site_domain
    if brand is not None:
        tied = next((d for d in domains if domain_matches(d, brand.name)), None)
        if tied or brand.weight >= STRONG_BRAND or not domains:
            return tied or brand.name
    if domains:
        return domains[0]
    site = _repeated_site_name(page)
    if site:
        return site
    for ln in furniture + head:
        m = _COPYRIGHT.search(ln.text) if is_copyright_line(ln.text) else None
        if m:
            name = re.sub(r"\ball rights reserved\b.*", "", m.group("name"), flags=re.I)
            name = _clean_name(name)
            if name and re.search(r"[^\W\d_]", name) and len(name.split()) <= 6:
                return _tie_to_domain(name, domains, handles) or name
    masthead = page.masthead
    if isinstance(masthead, str) and 1 <= word_count(masthead) <= 5:
        return masthead.title() if masthead.isupper() else masthead
    # An attribution in the lead naming an outlet.
    for ln in [ln for ln in lines if ln.kind == LineKind.BODY][:4]:
        for pattern in _ATTRIBUTION:
            for m in pattern.finditer(ln.text):
                name = _clean_name(m.group("name"))
                in_name = domains_in(name)
                if in_name:
                    return in_name[0]
                quoted = _QUOTED.search(m.group("name"))
                tied = _tie_to_domain(name, domains, handles)
                if tied:
                    return tied
                if handles and any(_key(name) and _key(h).startswith(_key(name)) for h in handles):
                    return name
                if quoted and _is_media_name(m.group("name")):
                    return _clean_name(quoted.group("q"))
                if _is_media_name(name) and len(name.split()) <= 5:
                    return name
    # Last: the handle the page asks readers to follow ("Follow us on X @SilkRoadNews").
    for ln in furniture + head:
        if re.search(r"\bfollow\b|подпис|следите|obuna|обуна|izləyin|takip", ln.text, re.I):
            found = _HANDLE.search(ln.text)
            if found:
                return found.group(1)
    return None


def last_resort_source(page: Page) -> str | None:
    """When neither address, brand, copyright line nor a "Headline | Site" line names the
    site (copied text only): the logo's text (:func:`logo_line`), the company a footer's
    postal address opens with, a one-word byline spelt like a brand, or a name the
    footer prints twice on a line of its own."""
    return logo_line(page) or _footer_company(page) or _brand_byline(page) or _footer_name(page)


def _title_pos(page: Page) -> int:
    """The headline's position among the page's lines (-1: none found)."""
    return next((k for k, ln in enumerate(page.lines) if ln.kind == LineKind.TITLE), -1)


def _below_headline(page: Page) -> list[Line]:
    """The furniture lines below the headline (the footer, lists, the comments)."""
    return [ln for ln in page.lines[_title_pos(page) + 1 :] if ln.kind in _FURNITURE]


def _footer_company(page: Page) -> str | None:
    """The company named alone on a line below the article ("Example GmbH" over its
    street and phone number): the publisher of a company's own news or blog."""
    return next(
        (name for ln in _below_headline(page) if (name := company_line(ln.text))), None
    )


def _footer_name(page: Page) -> str | None:
    """A name of two to four capitalised words printed twice as a line of its own below
    the article (the footer's logo and its "about" column): a menu word repeats too,
    but is generic, and a headline is longer."""
    below = Counter(ln.text.strip() for ln in _below_headline(page))
    for text, n in below.items():
        words = text.split()
        if n >= 2 and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            if not is_generic_name(text) and not is_place_only(text):
                return text
    return None


def _brand_spelling(word: str) -> bool:
    """One word, capitalised, with a capital inside after a small letter ("SteppeNews")."""
    return (
        word.isalnum()
        and word[:1].isupper()
        and any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))
    )


def _brand_byline(page: Page) -> str | None:
    """A byline of one word spelt like a brand, capitals inside ("SteppeNews"): the site
    posting as itself (a person signs with a first and last name)."""
    byline = byline_lines(page.lines)
    for ln in page.lines:
        if byline.get(ln.index) and _brand_spelling(ln.text.strip()):
            return ln.text.strip()
    return None


def logo_line(page: Page) -> str | None:
    """Last, when nothing else names the site (copied text only: an HTML page has its
    links to count first): the page's first line, a name of one to
    three words (the logo's text: "Naibaat"), or the first step of a breadcrumb there
    ("新华网 > 正文": the site's home). Never a menu word, a date, a place or a line the
    furniture rules took."""
    first = next((ln for ln in page.lines if ln.text.strip()), None)
    if first is None or first.kind not in (LineKind.HEAD, LineKind.BODY):
        return None
    name = re.split(r"\s+[>›»]", first.text.strip())[0].strip()
    if not 1 <= word_count(name) <= 3 or is_generic_name(name) or is_date_only(name):
        return None
    if find_countries(name) or name[:1].islower():
        return None
    return name


def _repeated_site_name(page: Page) -> str | None:
    """A short line standing both above the headline and below the article."""
    head = [ln for ln in page.lines if ln.kind == LineKind.HEAD]
    below = {kw.fold(ln.text) for ln in _below_headline(page)}
    for ln in head:
        if 1 <= word_count(ln.text) <= 4 and kw.fold(ln.text) in below:
            if not is_generic_name(ln.text):  # ("About", "Edition": a menu in both)
                return _clean_name(ln.text)
    return None


__all__ = [
    "domain_of_url",
    "domains_in",
    "find_source",
    "last_resort_source",
    "logo_line",
    "normalise_domain",
    "unwrap_archive_url",
]
