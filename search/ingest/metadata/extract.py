"""The two entry points ingestion calls: plain text copied off a page, and HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qidir.search.ingest.metadata.chrome import Page, clean_lines
from qidir.search.ingest.metadata.countries import find_countries
from qidir.search.ingest.metadata.dates import date_in_url, find_published
from qidir.search.ingest.metadata.frontmatter import split_front_matter
from qidir.search.ingest.metadata.keywords import fold
from qidir.search.ingest.metadata.language import document_language
from qidir.search.ingest.metadata.source import domains_in, find_source, unwrap_archive_url
from qidir.search.ingest.metadata.title import clean_title, pick_title, split_site_suffix


@dataclass
class Extracted:
    """Everything ingestion needs from one page; None means "the page does not say"."""

    title: str | None
    text: str
    published: str | None
    published_precision: str | None
    source: str | None
    url: str | None
    countries: dict[str, int] = field(default_factory=dict)
    lang: str = "und"
    script: str = "Latn"


def _without_title(page: Page, title: str | None) -> str:
    """The kept lines as paragraphs, minus repetitions of the headline."""
    key = fold(title) if title else None
    body = [text for text in page.body if key is None or fold(clean_title(text)) != key]
    return "\n\n".join(body).strip()


_URL_LINE = re.compile(r"https?://[^\s/]+\.[^\s/]+/\S*")


def _page_url(page: Page) -> str | None:
    """The page's own address, when it was copied along as a line above the headline."""
    for ln in page.lines:
        if ln.kind == "title":
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
    text = _without_title(page, title)
    published, precision = find_published(page)
    source = find_source(page, url=url or given.get("url"))
    if title:
        masthead = page.notes.get("masthead")
        names = [source or "", masthead if isinstance(masthead, str) else ""]
        title, suffix = split_site_suffix(title, names)
        suffix = suffix or page.notes.get("title_site")
        if source is None and isinstance(suffix, str) and suffix:
            source = (domains_in(suffix) or [suffix])[0]
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
    lang, script = document_language(text or title or "")  # (a video page: its headline)
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


def extract_html(html: str, *, path: str | None = None, url: str | None = None) -> Extracted:
    """Extract metadata from an HTML page via trafilatura (main text + its metadata)."""
    from qidir.search.ingest.metadata.htmlpage import extract_html as _extract_html

    return _extract_html(html, path=path, url=url)
