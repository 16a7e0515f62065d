"""The article's headline: the first headline-shaped line of the page that is not the
site's name, a menu, a category label or a date widget.

Why position and shape rather than font size: copied text has lost its markup, but the
headline still stands between the page header and the first paragraph, and it is the
first line there that reads like a headline.
"""

from __future__ import annotations

import re

from qidir.search.ingest.metadata import keywords as kw
from qidir.search.ingest.metadata.chrome import (
    Line,
    Page,
    contains_domain,
    is_domain_line,
    is_menu_line,
    is_sentence_like,
    strip_bullet,
    word_count,
)
from qidir.search.ingest.metadata.dates import has_weekday, is_date_only, strip_date_phrases
from qidir.search.ingest.metadata.domains import domains_in
from qidir.search.ingest.metadata.lines import LineKind
from qidir.search.ingest.metadata.mainblock import headline_above, main_block

#: Presentation tags sites append to headlines ("[PHOTO]", "(VIDEO)", "[PHOTOS/VIDEO]").
_MEDIA_TAG = re.compile(
    r"\s*[\[(](?:photos?|videos?|фото|видео|foto|video|surat|фоторепортаж|gallery|infographics?|"
    r"updated?|обновлено)(?:\s*[/+,&]\s*(?:photos?|videos?|фото|видео|foto|video))*[\])]\s*$",
    re.I,
)


def clean_title(text: str) -> str:
    """The headline without bullets, date prefixes and trailing media tags."""
    text = strip_date_phrases(strip_bullet(text)).strip(" -–—|•·")
    prev = None
    while prev != text:
        prev = text
        text = _MEDIA_TAG.sub("", text).strip()
    return text


def _is_lead(text: str) -> bool:
    """The first paragraph of the article: prose, longer than any headline."""
    n = word_count(text)
    return n >= 20 or (n >= 8 and text.rstrip().endswith((".", "»", '"', "”")))


def find_title_index(page: Page) -> int | None:
    """Index (original line number) of the headline line, and its cleaned text in ``page.title``."""
    first = _first_headline(page)
    found = _title_above_article(page, first)
    return found if found is not None else first


def _title_above_article(page: Page, first: int | None) -> int | None:
    """The headline found from the article's position (see :mod:`mainblock`), when the
    page has a clear article and a headline-shaped line above it."""
    block = main_block(page.lines)
    if block is None:
        return None
    prefer = next((k for k, ln in enumerate(page.lines) if ln.index == first), None)
    pos = headline_above(page.lines, block, prefer)
    if pos is None or pos == prefer:
        return None
    title = clean_title(page.lines[pos].text)
    headline, site = split_site_suffix(title, [])
    if site and word_count(headline) >= 3:
        title = headline
        page.title_site = page.title_site or site
    page.title = title
    return page.lines[pos].index


def _first_headline(page: Page) -> int | None:
    """The first headline-shaped line after the page header (short, hand-made pages)."""
    lines = page.lines
    tail_keys = set()
    last_prose = max((k for k, ln in enumerate(lines) if is_sentence_like(ln.text)), default=-1)
    for ln in lines[last_prose + 1 :]:
        tail_keys.add(kw.fold(ln.text))
    # The page header ends with its last menu, address line or date widget: the
    # headline comes after it.
    lead = next(
        (k for k, ln in enumerate(lines) if ln.kind == LineKind.BODY and _is_lead(ln.text)),
        None,
    )
    floor = -1
    for k, ln in enumerate(lines[: lead if lead is not None else len(lines)]):
        if is_menu_line(ln.text) or (word_count(ln.text) <= 8 and contains_domain(ln.text)):
            floor = k
        elif is_date_only(ln.text) and has_weekday(ln.text):
            floor = k
    candidates = _candidates(page, lines, tail_keys, last_prose, floor)
    if not candidates and floor >= 0:
        candidates = _candidates(page, lines, tail_keys, last_prose, -1)
    if not candidates:
        return None
    # A short all-capitals line followed by a mixed-case one is the site's logo text
    # (a headline in capitals is longer than a logo).
    mixed = [c for c in candidates if not _all_caps(c[1])]
    if mixed and _all_caps(candidates[0][1]) and word_count(candidates[0][1]) <= 5:
        page.masthead = candidates[0][1]
        candidates = mixed
    # A short title-case first line followed by a longer headline is the site's name.
    first_body = next((ln.index for ln in lines if ln.kind == LineKind.BODY), None)
    if (
        len(candidates) >= 2
        and candidates[0][0] == first_body
        and _masthead_shaped(candidates[0][1])
        and word_count(candidates[1][1]) > word_count(candidates[0][1])
    ):
        page.masthead = page.masthead or candidates[0][1]
        candidates = candidates[1:]
    best = next(((i, t) for i, t in candidates if word_count(t) >= 3), None)
    if best is None:
        best = next(((i, t) for i, t in candidates if word_count(t) >= 2), candidates[0])
    # The headline repeated in a share block below a menu-like "Share" line: the first
    # occurrence is the headline, with the article's date lines under it.
    key = kw.fold(best[1])
    first = next((ln for ln in lines if ln.index < best[0] and ln.kind == LineKind.BODY
                  and kw.fold(clean_title(ln.text)) == key), None)
    if first is not None:
        best = (first.index, best[1])
    page.title = best[1]
    return best[0]


def _candidates(
    page: Page, lines: list[Line], tail_keys: set[str], last_prose: int, floor: int
) -> list[tuple[int, str]]:
    candidates: list[tuple[int, str]] = []
    for k, ln in enumerate(lines):
        if k <= floor:
            if ln.kind == LineKind.BODY and (_all_caps(ln.text) or _masthead_shaped(ln.text)):
                if word_count(ln.text) <= 5 and not is_date_only(ln.text):
                    page.masthead = page.masthead or ln.text
            continue
        if ln.kind != LineKind.BODY:
            continue
        if _is_lead(ln.text):
            break  # the article's text has begun (a page may have no headline line at all)
        title = clean_title(ln.text)
        headline, site = split_site_suffix(title, [])
        if site and word_count(headline) >= 3:
            title = headline  # "Headline | example.com": the site named in the title line
            page.title_site = page.title_site or site
        n = word_count(title)
        if not title or n == 0 or is_date_only(ln.text) or is_domain_line(title):
            continue
        if k < last_prose and kw.fold(ln.text) in tail_keys:
            continue  # the site's name, repeated in header and footer
        if is_menu_line(title):
            continue
        if n <= 8 and contains_domain(title):
            continue  # the site's header: "Daily Example • example.com"
        if n <= 2 and (title.isupper() or kw.fold(title) in kw.SECTION_WORDS):
            if k == 0 and _all_caps(title) and kw.fold(title) not in kw.SECTION_WORDS:
                page.masthead = page.masthead or title  # a logo at the very top
            continue  # a category label or a dateline place name
        candidates.append((ln.index, title))
    return candidates


_SMALL_WORDS = frozenset("of the and for on in de la va ва и ve və мен".split())


def _masthead_shaped(text: str) -> bool:
    """Two to five capitalised words and nothing else: how site names are written."""
    words = re.findall(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*", text)
    if not 2 <= len(words) <= 5 or len(words) != word_count(text):
        return False
    if re.search(r"[,:;!?]", text):
        return False
    return all(w[0].isupper() or w.casefold() in _SMALL_WORDS for w in words)


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " « ", " • ", " · ")


def split_site_suffix(title: str, names: list[str]) -> tuple[str, str | None]:
    """'Headline | Site' -> ('Headline', 'Site') when Site is one of the page's own names
    (or a web address); otherwise the title unchanged and None."""
    keys = {kw.fold(n) for n in names if n} | {
        kw.fold(n.split(".")[0]) for n in names if n and "." in n
    }
    for sep in _SITE_SEPARATORS:
        if sep in title:
            head, _, tail = title.rpartition(sep)
            tail = tail.strip()
            if head.strip() and word_count(head) >= 2:
                if kw.fold(tail) in keys or (domains_in(tail) and word_count(tail) <= 3):
                    return head.strip(), tail
            # "Site | Headline": the name first.
            first, _, rest = title.partition(sep)
            if rest.strip() and word_count(rest) >= 2 and kw.fold(first) in keys:
                return rest.strip(), first.strip()
    return title, None


_SEGMENT_SEP = re.compile(r"\s+(?:\||-|–|—|»|›|::|•|·)\s+")


def _name_keys(names: list[str]) -> set[str]:
    """Squashed forms of a site's names, of their parts ("LinkNaija | Nigeria's popular
    news platform" → both parts) and of its domain's labels."""
    keys: set[str] = set()
    for name in names:
        if not name:
            continue
        parts = [name, *_SEGMENT_SEP.split(name)]
        if "." in name and " " not in name.strip():
            parts += name.split(".")[:-1]
        keys.update(k for k in (re.sub(r"[^\w]", "", kw.fold(p)) for p in parts) if len(k) >= 3)
    return keys


def strip_site_name(title: str, names: list[str]) -> str:
    """A page's <title>-style headline without the site's name wherever the site put it:
    "Headline - Site - Tagline", "Headline » Section » Site Region", "Site | Tagline:
    Headline". ``names`` are the site's name(s) and domain as the page's metadata states
    them; a segment matches when it is one of them, or starts with the domain's name."""
    keys = _name_keys(names)
    if not keys:
        return title
    folded = kw.fold(title)
    parts = {p.strip() for n in names if n for p in [n, *_SEGMENT_SEP.split(n)]}
    for name in sorted((p for p in parts if len(p) >= 5), key=len, reverse=True):
        key = kw.fold(name)
        if folded.endswith(key) and len(folded) > len(key):
            head = title[: len(title) - len(name)].rstrip()
            if head[-1:] in "|-–—»›:•·" and word_count(head) >= 3:
                return head.rstrip(" |-–—»›:•·")
        if folded.startswith(key) and len(folded) > len(key):
            rest = title[len(name) :].lstrip()
            if rest[:1] in "|-–—»›:•·" and word_count(rest) >= 3:
                return rest.lstrip(" |-–—»›:•·")

    def is_site(segment: str) -> bool:
        squashed = re.sub(r"[^\w]", "", kw.fold(segment))
        return squashed in keys or word_count(segment) <= 3 and any(
            len(k) >= 5 and squashed.startswith(k) for k in keys
        )  # ("Ultima Hora Mallorca" for ultimahora.es; not "Comwrap at the DMEXCO 2018")

    for m in _SEGMENT_SEP.finditer(title):
        head, tail = title[: m.start()], title[m.end() :]
        if word_count(head) >= 3 and is_site(_SEGMENT_SEP.split(tail)[0]):
            # A breadcrumb's sections between the headline and the site ("» Local »").
            while True:
                crumb = re.search(r"\s+[»›]\s+([^»›]+)$", head)
                if crumb is None or word_count(crumb.group(1)) > 3:
                    break
                head = head[: crumb.start()]
            return head
    return title


def pick_title(page: Page) -> str | None:
    title = page.title
    return title if isinstance(title, str) and title else None
