"""Where the article stands in a copied page, and which line above it is its headline.

A page copied off a real site is mostly furniture: a header of menus, tickers, clocks and
banners, then the article, then lists of other stories and a footer. The article is the
one long stretch of prose (jusText's observation: good paragraphs are long, end like
sentences and come in runs; menus are runs of short lines). The stretch with the most
prose, less a small cost for every short line inside it, is found as a maximum-sum run
over the lines (Kadane's algorithm).

The headline stands a little above that stretch, with the byline, the date, a standfirst,
share buttons or a photo between. Each headline-shaped line above the article gets a
score from general evidence: it is long enough to be a headline, stands alone (not one of
a run of short menu lines), is repeated elsewhere on the page ("Headline | Site", a share
text), is followed by a byline or a dateline, and is near the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qidir.search.ingest.metadata import keywords as kw
from qidir.search.ingest.metadata.chrome import (
    Line,
    contains_domain,
    is_chrome_line,
    is_menu_line,
    is_sentence_like,
    strip_bullet,
    word_count,
)
from qidir.search.ingest.metadata.dates import find_dates, has_weekday, is_date_only
from qidir.search.ingest.metadata.lines import LineKind

# Scripts written without spaces between words (or with few): a character carries about
# half a word's worth of text there.
_DENSE = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

#: A prose line counts this many words at most (one huge paragraph is not the article alone).
MAX_LINE_WEIGHT = 80
#: What each short line inside a stretch costs it.
SHORT_LINE_COST = 3
#: A stretch weaker than this is not an article (a page of links, a video page).
MIN_BLOCK_WEIGHT = 40
#: Weight of the share of a line's words found in the article.
OVERLAP_WEIGHT = 5.0
#: How much better another line must score than the first headline after the header.
PREFER_MARGIN = 2.5
#: A line longer than this right under a shorter headline-shaped one is a standfirst.
STANDFIRST_WORDS = 10
#: How far above the article a headline is looked for.
TITLE_WINDOW = 60
#: How many lines into the run of prose a headline (with a byline under it) is looked for.
INSIDE_REACH = 6
#: What each paragraph between the run's start and such a headline costs it.
INSIDE_COST = 2.0
#: More paragraphs than this above a line and it is the article's subheading.
INSIDE_MAX_PARAGRAPHS = 2

_BYLINE = re.compile(
    r"^(?:by|von|por|par|di|oleh|от|автор|муаллиф|yazar|müəllif|авторы|текст|"
    r"author|autor|autori|auteur)\b[\s:]"
    # Chinese and Japanese bylines and source lines: "来源：新华网 作者：…", "記者：…"
    r"|^(?:来源|來源|作者|记者|記者|编辑|編輯|出典|筆者)\s*[:：]",
    re.I,
)
# "Analysis by Joan Writer", "Posted by Admin": one word, "by", a capitalised name.
_LABELLED_BYLINE = re.compile(r"^[^\W\d_]+\s+(?:by|por|von|par|oleh|di)\s+[A-ZÀ-ÞА-ЯЁ]")


def size(text: str) -> int:
    """Words in a line, counting two characters of a spaceless script as one word."""
    return max(word_count(text), len(_DENSE.findall(text)) // 2)


def is_prose(text: str) -> bool:
    """A line of running text: long, and ending like a sentence (or long in a dense script)."""
    n = size(text)
    if n < 10:
        return False
    if len(_DENSE.findall(text)) >= 20:
        return True
    # Prose is punctuated; a tag cloud or a keyword list of 25 words and more is not.
    return is_sentence_like(text) and bool(re.search(r"[.,;:!?…]", text))


@dataclass(frozen=True)
class Block:
    """Positions (in the page's line list) of the article's first and last prose lines."""

    start: int
    end: int
    weight: int


def main_block(lines: list[Line]) -> Block | None:
    """The run of lines with the most prose; None when the page has no real run of prose."""
    best: Block | None = None
    cur = 0
    start = 0
    for k, ln in enumerate(lines):
        if ln.kind in (LineKind.CHROME, LineKind.LIST):
            gain = -SHORT_LINE_COST
        elif is_prose(ln.text):
            gain = min(size(ln.text), MAX_LINE_WEIGHT)
        else:
            gain = -SHORT_LINE_COST
        if cur <= 0:
            cur = 0
            start = k
        cur += gain
        if cur > 0 and (best is None or cur > best.weight):
            best = Block(start, k, cur)
    if best is None or best.weight < MIN_BLOCK_WEIGHT:
        return None
    # The run starts at its first prose line (a short line cannot raise the sum).
    first = next(k for k in range(best.start, best.end + 1) if is_prose(lines[k].text))
    return Block(first, best.end, best.weight)


def _headline_shaped(text: str) -> bool:
    """Long enough for a headline, short enough not to be a paragraph, no closing period."""
    n = size(text)
    if n < 2 or n > 40:
        return False
    stripped = text.rstrip()
    if stripped.endswith((".", ";", ",", ":", "。", "、")) and not stripped.endswith("..."):
        return False
    if is_date_only(text) or is_menu_line(text) or is_chrome_line(text):
        return False
    if n <= 8 and contains_domain(text):
        return False
    if not re.search(r"[^\W\d_]", text):
        return False
    return kw.fold(text) not in kw.SECTION_WORDS


def _similar_neighbours(lines: list[Line], k: int) -> int:
    """How many of the three lines on either side are short lines of about line k's size:
    a menu or a list of other headlines is a run of look-alike lines, a headline stands
    out from what surrounds it (a menu above, a byline or a dateline below)."""
    n = size(lines[k].text)
    similar = 0
    for j in (*range(k - 3, k), *range(k + 1, k + 4)):
        if 0 <= j < len(lines) and not is_date_only(lines[j].text):
            m = size(lines[j].text)
            if m and not is_prose(lines[j].text) and abs(m - n) <= max(2, n // 3):
                similar += 1
    return similar


def _marks_article_start(text: str) -> bool:
    """A byline or a dateline: what follows a headline on a news page."""
    if _BYLINE.match(text) or (_LABELLED_BYLINE.match(text) and size(text) <= 12):
        return True
    dates = find_dates(text)
    if not dates or size(text) > 20:
        return False
    # Today's date in the page header ("Thursday April 18 2024", no time) is a widget.
    return not (has_weekday(text) and not re.search(r"\d[:.]\d\d", text))


def _byline_follows(lines: list[Line], k: int) -> bool:
    """A byline or dateline comes right after line k, with at most a standfirst or a
    button between (not another headline-shaped line, which would be the nearer one)."""
    own = size(lines[k].text)
    key = kw.fold(lines[k].text)
    for j in range(k + 1, min(len(lines), k + 5)):
        text = lines[j].text
        if _marks_article_start(text):
            return True
        if kw.fold(text) == key:
            continue  # the headline printed twice (its link text and its image's alt text)
        if lines[j].kind != LineKind.CHROME and 4 <= size(text) <= 15 and _headline_shaped(text):
            if size(text) <= own or j > k + 1:
                return False  # another headline, nearer to the byline
            # (a longer one right under line k is its standfirst)
    return False


_ENDS_SENTENCE = re.compile(r"[.!?…:;。！？][\"'»”’)\]]*$")
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d\d(?![\d:])")
_CREDIT_END = re.compile(r"[(\[][^()\[\]]{2,80}[)\]]$|credit\b", re.I)


def _headline_inside(lines: list[Line], k: int) -> bool:
    """Line k, inside the run of prose, reads as the headline: no paragraph, four words
    or more (not an author's name), no photo credit, a byline or dateline under it."""
    text = lines[k].text
    if size(text) < 4 or size(text) > 30 or _CREDIT_END.search(text):
        return False
    if is_prose(text) and _ENDS_SENTENCE.search(text.rstrip()):
        return False  # a paragraph (a headline may ask a question inside, not end a sentence)
    return _dateline_under(lines, k)


def _dateline_under(lines: list[Line], k: int) -> bool:
    """A byline or a dateline on one of the two lines under line k (furniture skipped)."""
    seen = 0
    for j in range(k + 1, min(len(lines), k + 6)):
        if lines[j].kind == LineKind.CHROME:
            continue
        if _marks_article_start(lines[j].text):
            return True
        seen += 1
        if seen == 2:
            return False
    return False


def _repeated_as_title(key: str, keys: dict[str, int]) -> bool:
    """The line recurs as "Headline | Site", "Site › Section › Headline" or a breadcrumb
    followed by "Headline - Site" elsewhere."""
    if len(key) < 15:
        return False
    for other in keys:
        if other != key and len(other) > len(key):
            if other.startswith(key) and other[len(key) : len(key) + 3].strip() in _SEPS:
                return True
            if other.endswith(key) and other[-len(key) - 3 : -len(key)].strip() in _SEPS:
                return True
            # "Home News Headline - Section News": a breadcrumb ending in the page's title
            at = other.find(key)
            after = other[at + len(key) : at + len(key) + 3].strip()
            if at > 0 and other[at - 1] == " " and after in _SEPS:
                return True
    return False


_SEPS = frozenset("| - – — : » › > / · •".split())


def _stems(text: str) -> set[str]:
    """Content-word keys of a text: five-letter prefixes of words of four letters or more
    (a crude stem that works across languages), or character pairs in spaceless scripts."""
    keys = {w[:5] for w in re.findall(r"[^\W\d_]{4,}", text.casefold()) if not _DENSE.match(w)}
    dense = "".join(_DENSE.findall(text))
    keys.update(dense[i : i + 2] for i in range(len(dense) - 1))
    return keys


def article_keys(lines: list[Line], block: Block) -> set[str]:
    """The content-word keys of the article's first stretch of text."""
    text = " ".join(ln.text for ln in lines[block.start : block.end + 1])[:4000]
    return _stems(text)


def paragraph_keys(lines: list[Line], block: Block) -> set[str]:
    """The content-word keys of the article's paragraphs only (lines that read as finished
    sentences), so that a short line inside the run is measured against the article's
    prose and not against itself."""
    text = " ".join(
        ln.text for ln in lines[block.start : block.end + 1]
        if ln.kind == LineKind.BODY
        and (
            is_sentence_like(ln.text)
            or (ln.text.rstrip().endswith(_DENSE_STOPS) and size(ln.text) >= DENSE_PARAGRAPH)
        )
    )
    return _stems(text[:6000])


_DENSE_STOPS = ("。", "！", "？", "」", "”")
#: A paragraph in a spaceless script is at least this size (a headline is shorter).
DENSE_PARAGRAPH = 20


def overlap(text: str, keys: set[str]) -> float:
    """Share of a line's content words that the article also uses: a headline announces
    what the article says; a menu entry, a button or a banner does not."""
    own = _stems(text)
    return len(own & keys) / len(own) if own else 0.0


def title_score(
    lines: list[Line], k: int, block: Block, keys: dict[str, int], body: set[str] | None = None
) -> float:
    """Evidence that line k (above the article) is the headline; higher is better."""
    text = strip_bullet(lines[k].text)
    n = size(text)
    score = 0.0
    if body is not None:
        score += OVERLAP_WEIGHT * overlap(text, body)
    if re.search(r"[.!?]\s*[(\[][^()\[\]]{2,80}[)\]]$", text):
        score -= 3  # "… the Moon. [Photo: Agency]": a caption and its credit
    score += min(n, 14) / 3.5  # a headline has words; a label or a button has one or two
    if n <= 3:
        score -= 3
    elif n > 25:
        score -= (n - 25) / 3  # a caption or a standfirst that lost its full stop
    key = kw.fold(text)
    if _repeated_as_title(key, keys):
        score += 3
    elif n >= 4 and keys.get(key, 0) == 2:
        score += 2  # printed twice (the headline and its share text, or its image's alt)
    if _byline_follows(lines, k):
        score += 4
    if find_dates(text) or _CLOCK.search(text):
        score -= 3  # "08/01/2014 Another story": an item of a dated list; a clock
    score -= _similar_neighbours(lines, k)
    distance = block.start - k
    score -= distance / 12
    if lines[k].text[:1].islower():
        score -= 2
    if n > STANDFIRST_WORDS and k > 0 and lines[k - 1].kind != LineKind.CHROME:
        above = strip_bullet(lines[k - 1].text)
        if 3 <= size(above) < n and _headline_shaped(above) and not find_dates(above):
            score -= 3  # a standfirst: the shorter line right above it is the headline
    return score


def _standfirst_like(text: str) -> bool:
    """A paragraph in the run above the article: the standfirst or another story's teaser
    (long, or closed by a full stop), not a headline."""
    return size(text) > 25 or text.rstrip().endswith((".", "…", "。"))


def headline_above(lines: list[Line], block: Block, prefer: int | None = None) -> int | None:
    """Position (in ``lines``) of the best headline candidate above the article, or None.

    ``prefer`` is the position a simpler reading chose (the first headline-shaped line
    after the page header); it stands unless the evidence clearly favours another line.
    """
    keys: dict[str, int] = {}
    for ln in lines:
        key = kw.fold(strip_bullet(ln.text))
        keys[key] = keys.get(key, 0) + 1
    best: tuple[float, int] | None = None
    body = article_keys(lines, block)
    lo = max(0, block.start - TITLE_WINDOW)
    # A list of other stories often runs on into the article's own header (headline,
    # standfirst, byline, date) when nothing but short lines separates them: the lines of
    # that run directly above the article are candidates too.
    # (Not when the "article" is one paragraph: a lone notice below a list is a footer.)
    run_start = block.start
    furniture = (LineKind.LIST, LineKind.CHROME, LineKind.DATE, LineKind.DUP)

    def passable(ln: Line) -> bool:  # furniture, or a photo's caption with its credit
        return ln.kind in furniture or bool(_CREDIT_END.search(ln.text))

    while block.end > block.start and run_start > lo and passable(lines[run_start - 1]):
        run_start -= 1
    # The run of prose may begin with furniture that reads like prose (a site's blurb, a
    # "save this article" notice): a headline a few lines into it, with its byline or
    # dateline under it, is still the article's.
    hi = min(len(lines) - 1, block.start + INSIDE_REACH)
    for k in range(lo, hi + 1):
        ln = lines[k]
        if ln.kind == LineKind.CHROME or (size(ln.text) > 15 and _CREDIT_END.search(ln.text)):
            continue  # (a photo's caption and its credit)
        if k > block.start and not _headline_inside(lines, k):
            continue
        if ln.kind == LineKind.LIST and (k < run_start or _standfirst_like(ln.text)):
            continue
        if not _headline_shaped(ln.text) or _marks_article_start(ln.text):
            continue
        if k == block.start and ln.text.rstrip()[-1:] in "!?！？":
            continue  # the article's first sentence, not a headline above it
        score = title_score(lines, k, block, keys, body)
        if k > block.start:  # each paragraph passed over is evidence against
            passed = sum(is_prose(x.text) for x in lines[block.start : k])
            if passed > INSIDE_MAX_PARAGRAPHS:
                continue  # the article has begun: a subheading
            score -= INSIDE_COST * passed
        if k == prefer:
            score += PREFER_MARGIN
        if best is None or score > best[0]:
            best = (score, k)
    return best[1] if best else None
