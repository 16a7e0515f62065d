"""HTML pages: trafilatura finds the main text and the page's metadata; the same
plain-text rules then clean what it leaves (inline "Read also" lines, credits) and
find countries, so HTML and copied text obey one definition of "main text".

Why trafilatura: boilerplate detection on real-world HTML (nav, aside, footer, comment
sections, cookie banners) is a research problem of its own; trafilatura is maintained,
benchmarked, and also reads the metadata that pages state (og:title, og:site_name,
canonical URL, article:published_time via htmldate).
"""

from __future__ import annotations

import re

from qidir.search.metadata import keywords as kw
from qidir.search.metadata.chrome import clean_lines
from qidir.search.metadata.countries import find_countries
from qidir.search.metadata.dates import find_published
from qidir.search.metadata.extract import Extracted, _without_title, extract_plain
from qidir.search.metadata.language import document_language
from qidir.search.metadata.source import domain_of_url, normalise_domain
from qidir.search.metadata.title import split_site_suffix

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def extract_html(html: str, *, path: str | None = None, url: str | None = None) -> Extracted:
    import trafilatura

    if not isinstance(html, str):
        raise TypeError(f"extract_html expects str, got {type(html).__name__}")
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        # Nothing trafilatura recognises as an article (a bare or table-laid page): read
        # the page's whole text with the plain-text rules instead of giving up.
        whole = trafilatura.html2txt(html) or ""
        plain = extract_plain(whole, path=path, url=url or (doc.url if doc else None))
        if doc is not None and doc.title and not plain.title:
            plain.title = doc.title.strip()
        return plain
    meta_title = (doc.title or "").strip() if doc else ""
    body_text = (doc.text or "") if doc else ""
    page_url = url or (doc.url if doc else None)
    sitename = (doc.sitename or "").strip() if doc else ""
    hostname = normalise_domain(doc.hostname) if doc and doc.hostname else None

    source = domain_of_url(url) or hostname
    if source is None and sitename:
        source = normalise_domain(sitename) if "." in sitename else sitename

    # The extracted text still starts with the headline and may carry inline chrome.
    page = clean_lines((meta_title + "\n\n" + body_text) if meta_title else body_text)
    title = meta_title or page.notes.get("title") or None
    if isinstance(title, str):
        title = split_site_suffix(title, [sitename, source or "", hostname or ""])[0] or title
    text = _without_title(page, title)

    published, precision = None, None
    if doc and doc.date and _ISO_DATE.match(doc.date):
        published, precision = doc.date, "day"
    else:
        published, precision = find_published(page)
        if published is None:
            # Dates the article states in the page around it (a byline line that
            # trafilatura leaves out of the main text), read by the plain-text rules.
            whole = trafilatura.html2txt(html) or ""
            if whole:
                around = extract_plain(whole)
                if around.title and title and kw.fold(around.title) == kw.fold(title):
                    published, precision = around.published, around.published_precision

    lang, script = document_language(text)
    return Extracted(
        title=title if isinstance(title, str) and title else None,
        text=text,
        published=published,
        published_precision=precision,
        source=source,
        url=page_url,
        countries=find_countries(
            f"{title}\n\n{text}" if isinstance(title, str) and title else text
        ),
        lang=lang,
        script=script,
    )
