"""Plain text copied off a page (.txt/.md): the passes, then date, source, language.

(HTML is :mod:`htmlpage`; both return one :class:`~.result.Extracted`.)
"""

from __future__ import annotations

import re

from qidir.search.ingest.metadata.countries import find_countries
from qidir.search.ingest.metadata.dates import date_in_url, find_published
from qidir.search.ingest.metadata.frontmatter import split_front_matter
from qidir.search.ingest.metadata.language import page_language
from qidir.search.ingest.metadata.lines import LineKind, Page
from qidir.search.ingest.metadata.passes import clean_lines
from qidir.search.ingest.metadata.result import Extracted, text_without_title
from qidir.search.ingest.metadata.source import (
    domains_in,
    find_source,
    last_resort_source,
    unwrap_archive_url,
)
from qidir.search.ingest.metadata.title import pick_title, split_site_suffix

_URL_LINE = re.compile(r"https?://[^\s/]+\.[^\s/]+/\S*")


def _page_url(page: Page) -> str | None:
    """The page's own address, when it was copied along as a line above the headline."""
    for ln in page.lines:
        if ln.kind == LineKind.TITLE:
            return None
        if _URL_LINE.fullmatch(ln.text):
            return ln.text
    return None


def extract_plain(raw: str, *, path: str | None = None, url: str | None = None) -> Extracted:
    """Extract metadata from text copied off a web page (.txt/.md)."""
    if not isinstance(raw, str):
        raise TypeError(f"extract_plain expects str, got {type(raw).__name__}")
    given, raw = split_front_matter(raw)
    page = clean_lines(raw)
    title = pick_title(page)
    text = text_without_title(page, title)
    published, precision = find_published(page)
    source = find_source(page, url=url or given.get("url"))
    if title:
        names = [source or "", page.masthead or ""]
        title, suffix = split_site_suffix(title, names)
        suffix = suffix or page.title_site
        if source is None and isinstance(suffix, str) and suffix:
            source = (domains_in(suffix) or [suffix])[0]
    if source is None:
        source = last_resort_source(page)
    if given.get("title"):
        title = given["title"]
    if given.get("source"):
        source = given["source"]
    if given.get("published"):
        published, precision = given["published"], "day"
    url = unwrap_archive_url(url or given.get("url") or _page_url(page))
    if published is None:
        published = date_in_url(url)  # /2024/02/14/: the only date the page states
        precision = "day" if published else None
    lang, script = page_language(title if isinstance(title, str) else None, text)
    return Extracted(
        title=title,
        text=text,
        published=published,
        published_precision=precision,
        source=source,
        url=url,
        countries=find_countries(f"{title}\n\n{text}" if title else text),
        lang=lang,
        script=script,
    )


__all__ = ["Extracted", "extract_plain"]
