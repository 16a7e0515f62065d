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

from qidir.search.ingest.metadata import keywords as kw
from qidir.search.ingest.metadata.countries import find_countries
from qidir.search.ingest.metadata.dates import find_published
from qidir.search.ingest.metadata.domains import (
    domain_of_url,
    domains_in,
    normalise_domain,
    unwrap_archive_url,
)
from qidir.search.ingest.metadata.extract import extract_plain
from qidir.search.ingest.metadata.language import page_language
from qidir.search.ingest.metadata.lines import LineKind, Page, word_count
from qidir.search.ingest.metadata.passes import clean_lines
from qidir.search.ingest.metadata.result import Extracted, text_without_title
from qidir.search.ingest.metadata.source import find_source
from qidir.search.ingest.metadata.title import clean_title, split_site_suffix, strip_site_name

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ARCHIVE_HOST = re.compile(r"(?:^|\.)archive\.org$")

#: Class or id words of page furniture whose dates (a related item's <time>) are not
#: the article's.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:related|sidebar|side|aside|popular|recommend\w*|widget\w*|footer|"
    r"comments?|menu|nav\w*|breadcrumbs?|share|social|teasers?|trending|most-?read|"
    r"newsletter|subscribe|advert\w*|ads?|promo\w*|more|latest|feed)(?:$|[\s_-])"
)
_FURNITURE_TAGS = frozenset({"aside", "nav", "footer"})


#: A "headline" this short may be the site's name or a section's.
SITE_NAME_WORDS = 3
_SITE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|•|·)\s+")
#: The site's own domain, from its links, needs this many links and this share of them.
MIN_OWN_LINKS = 5
MIN_OWN_SHARE = 0.3


def most_linked_domain(html: str) -> str | None:
    """The domain a page's links mostly point to (its own navigation and related stories),
    for a page that states neither its address nor its site's name. Links to social
    platforms do not count; a web-archive capture's links count for the site captured."""
    from collections import Counter

    from lxml import etree
    from lxml import html as lxml_html
    from tld import get_fld

    try:
        hrefs = lxml_html.fromstring(html).xpath("//a/@href")
    except (etree.ParserError, ValueError):
        return None
    counts: Counter[str] = Counter()
    for href in hrefs:
        href = str(href).strip()
        if not re.match(r"^(?:https?:)?//", href, re.I):
            continue
        dom = domain_of_url(href if href.startswith("http") else "http:" + href)
        if not dom or _ARCHIVE_HOST.search(dom) or not domains_in(dom):
            continue  # (domains_in leaves out social platforms)
        counts[get_fld(dom, fix_protocol=True, fail_silently=True) or dom] += 1
    if not counts:
        return None
    dom, n = counts.most_common(1)[0]
    return dom if n >= MIN_OWN_LINKS and n >= MIN_OWN_SHARE * sum(counts.values()) else None


def _published_from_markup(html: str, url: str | None) -> str | None:
    """The publication date the page's markup states (meta tags, JSON-LD, the
    article's <time>, a dated URL), read by htmldate after the page's furniture is
    pruned: unpruned, a related item's <time> in a sidebar can pass for the article's.
    """
    import htmldate
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.tag in ("html", "head", "body", "article", "main"):
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if el.tag in _FURNITURE_TAGS or _FURNITURE.search(marks):
            el.drop_tree()
    try:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError):
        return None
    return found if found and _ISO_DATE.match(found) else None


_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol br tr table section article header footer aside nav "
    "main figure figcaption blockquote time dd dt pre address".split()
)


def visible_lines(html: str) -> str:
    """The page's visible text, one block element per line.

    Not an extractor: it keeps everything (menus, sidebars, footers) in page order, for
    the plain-text rules to judge, where trafilatura's own flattening joins it all into
    one line.
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for el in tree.xpath("//script|//style|//noscript|//template|//head"):
        el.drop_tree()
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
    text = tree.text_content() if hasattr(tree, "text_content") else ""
    return re.sub(r"\n\s*\n+", "\n\n", re.sub(r"[ \t\r\f\v]+", " ", text)).strip()


def _first_text(html: str, tag: str) -> str:
    """The text of the page's first element of ``tag`` (its <title>, its <h1>), whitespace
    collapsed; "" when there is none or the page does not parse."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        found = lxml_html.fromstring(html).xpath(f"//{tag}")
    except (etree.ParserError, ValueError):
        return ""
    return re.sub(r"\s+", " ", found[0].text_content()).strip() if found else ""


_STATED_SITE_NAME = re.compile(
    r"<meta\b[^>]*(?:og:site_name|application-name|twitter:site)", re.I
)


def _headline_words_taken_for_site(html: str, title: str, sitename: str) -> str | None:
    """When what was split off the page's <title> as the site's name is the headline's own
    words (the page states no site name in its markup, and the words of "Diet X (14 days)
    - lose up to 10 kg" after the dash are in the page's <h1> too; a site's name is not
    part of the headline printed on the page): the headline, the <h1> or the whole <title>
    for a <title> segment. None when the site's name stands."""
    if not sitename or _STATED_SITE_NAME.search(html):
        return None
    full = _first_text(html, "title")
    if sitename not in full:
        return None
    h1 = _first_text(html, "h1")
    site_words = {kw.fold(w) for w in re.findall(r"\w+", sitename) if len(w) > 1}
    h1_words = {kw.fold(w) for w in re.findall(r"\w+", h1)}
    if len(site_words) < 2 or len(site_words & h1_words) * 2 < len(site_words):
        return None
    if not title or title not in full:
        return title or h1
    title_words = {kw.fold(w) for w in re.findall(r"\w+", title) if len(w) > 1}
    return h1 if title_words & h1_words else full


def _visible_page(html: str, title: str | None) -> Page | None:
    """The visible page split by the plain-text rules, with the known headline pinned."""
    if not title:
        return None
    key = kw.fold(title)

    def finder(page: Page) -> int | None:
        for ln in page.lines:
            if ln.kind in (LineKind.BODY, LineKind.CHROME) and kw.fold(clean_title(ln.text)) == key:
                page.title = title
                return ln.index
        return None

    page = clean_lines(visible_lines(html), title_finder=finder)
    return page if page.title_index is not None else None


_FIGCAPTION = re.compile(r"<(/?)figcaption\b[^>]*>", re.I)
_FIGURE = re.compile(r"<(/?)figure\b[^>]*>", re.I)


def _captions_as_paragraphs(html: str) -> str:
    """trafilatura drops <figure> with its <figcaption>, but a photo's caption belongs to the
    article (it can carry facts, and another language): hand it over as a paragraph. A
    figure in a sidebar stays in the sidebar, which is dropped as before."""
    html = _FIGCAPTION.sub(lambda m: f"<{m.group(1)}p>", html)
    return _FIGURE.sub(lambda m: f"<{m.group(1)}div>", html)


def extract_html(html: str, *, path: str | None = None, url: str | None = None) -> Extracted:
    import trafilatura

    if not isinstance(html, str):
        raise TypeError(f"extract_html expects str, got {type(html).__name__}")
    doc = trafilatura.bare_extraction(
        _captions_as_paragraphs(html),
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
        whole = visible_lines(html)
        plain = extract_plain(whole, path=path, url=url or (doc.url if doc else None))
        if doc is not None and doc.title and not plain.title:
            plain.title = doc.title.strip()
        return plain
    meta_title = (doc.title or "").strip() if doc else ""
    body_text = (doc.text or "") if doc else ""
    page_url = unwrap_archive_url(url or (doc.url if doc else None))
    sitename = (doc.sitename or "").strip() if doc else ""
    hostname = normalise_domain(doc.hostname) if doc and doc.hostname else None
    if hostname and _ARCHIVE_HOST.search(hostname):
        hostname = domain_of_url(page_url)  # a saved copy: the site it was saved from
    headline = _headline_words_taken_for_site(html, meta_title, sitename)
    if headline:
        meta_title, sitename = headline, ""

    source = domain_of_url(url) or hostname
    if source is None and sitename:
        # A site name with separators is "Name | Tagline" or "Name | Section | Section".
        name = _SITE_SEPARATOR.split(sitename)[0].strip() or sitename
        source = normalise_domain(name) if "." in name and " " not in name else name

    # The extracted text still starts with the headline and may carry inline chrome.
    page = clean_lines((meta_title + "\n\n" + body_text) if meta_title else body_text)
    names = [sitename, source or "", hostname or ""]
    title = meta_title or page.title or None
    if isinstance(title, str) and kw.fold(title) in {kw.fold(n) for n in names if n}:
        # The site's name is no headline: take the rest of the page's <title>.
        rest, site = split_site_suffix(_first_text(html, "title"), names)
        title = rest if site else page.title or None
    if isinstance(title, str) and word_count(title) <= SITE_NAME_WORDS:
        # A heading of a word or two ("Corrientes Capital", a logo's h1) that the page's
        # <title> does not begin with: the <title>'s first segment is the headline.
        first = _SITE_SEPARATOR.split(_first_text(html, "title"))[0].strip()
        if word_count(first) > SITE_NAME_WORDS and kw.fold(title) not in kw.fold(first):
            title = first
    if isinstance(title, str):
        title = split_site_suffix(title, names)[0] or title
        title = strip_site_name(title, names) or title
    text = text_without_title(page, title)

    published, precision = None, None
    stated = _published_from_markup(html, page_url)
    if stated:
        published, precision = stated, "day"
    else:
        published, precision = find_published(page)
    visible: Page | None = None
    if published is None or source is None:
        # A date line under the headline, or an address in the footer, that trafilatura
        # left out of the main text: read the visible page with the plain-text rules.
        visible = _visible_page(html, title if isinstance(title, str) else None)
    if visible is not None:
        if published is None:
            published, precision = find_published(visible)
        if source is None:
            source = find_source(visible)
    if source is None:
        source = most_linked_domain(html)

    lang, script = page_language(title if isinstance(title, str) else None, text)
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
