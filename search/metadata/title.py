"""The article's headline: the first headline-shaped line of the page that is not the
site's name, a menu, a category label or a date widget.

Why position and shape rather than font size: copied text has lost its markup, but the
headline still stands between the page header and the first paragraph, and it is the
first line there that reads like a headline.
"""

from __future__ import annotations

import re

from qidir.search.metadata import keywords as kw
from qidir.search.metadata.chrome import (
    Page,
    is_domain_line,
    is_menu_line,
    is_sentence_like,
    strip_bullet,
    word_count,
)
from qidir.search.metadata.dates import is_date_only, strip_date_phrases

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
    """Index (original line number) of the headline line, and its cleaned text in notes."""
    lines = page.lines
    tail_keys = set()
    last_prose = max((k for k, ln in enumerate(lines) if is_sentence_like(ln.text)), default=-1)
    for ln in lines[last_prose + 1 :]:
        tail_keys.add(kw.fold(ln.text))
    candidates: list[tuple[int, str]] = []
    for k, ln in enumerate(lines):
        if ln.kind != "body":
            continue
        if _is_lead(ln.text) and candidates:
            break
        if _is_lead(ln.text):
            # A page whose first real line is prose has no separate headline line.
            break
        title = clean_title(ln.text)
        n = word_count(title)
        if not title or n == 0 or is_date_only(ln.text) or is_domain_line(title):
            continue
        if k < last_prose and kw.fold(ln.text) in tail_keys:
            continue  # the site's name, repeated in header and footer
        if is_menu_line(title):
            continue
        if n <= 2 and (title.isupper() or kw.fold(title) in kw.SECTION_WORDS):
            continue  # a category label or a dateline place name
        candidates.append((ln.index, title))
    if not candidates:
        return None
    best = next(((i, t) for i, t in candidates if word_count(t) >= 3), None)
    if best is None:
        best = next(((i, t) for i, t in candidates if word_count(t) >= 2), candidates[0])
    page.notes["title"] = best[1]
    return best[0]


def pick_title(page: Page) -> str | None:
    title = page.notes.get("title")
    return title if isinstance(title, str) and title else None
