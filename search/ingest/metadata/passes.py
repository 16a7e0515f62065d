"""The plain-text metadata passes, in order, over one :class:`~.lines.Page`.

1. lines recognisable alone as furniture (:func:`chrome.is_chrome_line`);
2. lists of other stories, from their heading (:func:`chrome.mark_list_blocks`);
3. the body's language, detected once;
4. the headline (:func:`title.find_title_index`, or a finder the caller pins);
5. the page header above it, the footer after the article's last sentence in its language
   and after its run of prose (:mod:`mainblock`), repeated lines, date-only lines.

The date, source, language and countries steps then read the marked page
(:mod:`extract`). Kept in a module of its own so that the rule modules (chrome, title,
mainblock, dates, source) import only the page object and each other's rules, never the
pass that runs them.
"""

from __future__ import annotations

from collections.abc import Callable

from qidir.search.ingest.metadata.chrome import (
    body_language,
    is_chrome_line,
    mark_capital_links,
    mark_comment_forms,
    mark_duplicates,
    mark_label_teasers,
    mark_list_blocks,
    mark_list_repeats,
    mark_playlists,
    mark_signup_boxes,
    mark_stamped_lists,
    mark_tail,
    mark_truncated_lists,
    short_sentence,
)
from qidir.search.ingest.metadata.dates import is_date_only
from qidir.search.ingest.metadata.lines import (
    Line,
    LineKind,
    Page,
    is_sentence_like,
    split_lines,
    word_count,
)
from qidir.search.ingest.metadata.mainblock import main_block, overlap, paragraph_keys, size
from qidir.search.ingest.metadata.title import find_title_index

TitleFinder = Callable[[Page], "int | None"]


def _mark_after_article(lines: list[Line], start: int) -> None:
    """Below the article's run of prose (see :mod:`mainblock`) comes the page's footer:
    other stories, sign-up boxes, comments. Nothing there is kept."""
    block = main_block(lines)
    if block is None or block.end < start:
        return
    end = block.end
    # A closing sentence too short to count as prose ("Talks resume in May.") still
    # belongs to the article when it follows it directly.
    while end + 1 < len(lines) and lines[end + 1].kind in (LineKind.BODY, LineKind.DATE):
        if not (is_sentence_like(lines[end + 1].text) or short_sentence(lines[end + 1].text)):
            break
        end += 1
    for ln in lines[end + 1 :]:
        if ln.kind == LineKind.BODY:
            ln.kind = LineKind.TAIL
    _mark_inserted_lists(lines, max(start, block.start), end, paragraph_keys(lines, block))


#: A line inside the article sharing less than this share of its words with the article,
#: in a run of such lines, is another story's headline.
INSERT_OVERLAP = 0.35


def _question_headline(text: str) -> bool:
    """A short line asking a question ("Who pays for the dam?"): headline-sized, not prose."""
    return size(text) <= 15 and text.rstrip().rstrip("\"'»”’").endswith(("?", "？"))


def _mark_inserted_lists(lines: list[Line], lo: int, hi: int, keys: set[str]) -> None:
    """Other stories' headlines set between the article's paragraphs ("Related", a video
    list): a run of two or more short lines that do not end like sentences and share
    few words with the article. Subheadings share the article's words; captions end
    like sentences."""
    def other_story(ln: Line) -> bool:
        text = ln.text
        return (
            ln.kind == LineKind.BODY
            and 3 <= size(text) <= 25  # (size: a headline in Chinese is one "word")
            and (not is_sentence_like(text) or _question_headline(text))
            and overlap(text, keys) < INSERT_OVERLAP
        )

    k = lo
    while k <= hi:
        if not other_story(lines[k]):
            k += 1
            continue
        j = k
        while j + 1 <= hi and (other_story(lines[j + 1]) or lines[j + 1].kind != LineKind.BODY):
            j += 1
        run = [ln for ln in lines[k : j + 1] if ln.kind == LineKind.BODY]
        if len(run) >= 2:
            for ln in run:
                ln.kind = LineKind.LIST
        k = j + 1


def clean_lines(raw: str, *, title_finder: TitleFinder | None = None) -> Page:
    """Split a copied page into lines and mark everything that is not the article."""
    lines = split_lines(raw)
    for ln in lines:
        if is_chrome_line(ln.text):
            ln.kind = LineKind.CHROME
    mark_list_blocks(lines)
    mark_playlists(lines)
    mark_stamped_lists(lines)
    mark_truncated_lists(lines)
    page = Page(lines)
    page.body_lang = body_language(lines)
    finder = title_finder or find_title_index
    page.title_index = finder(page)
    if page.title_index is not None:
        pos = next(k for k, ln in enumerate(lines) if ln.index == page.title_index)
        for ln in lines[:pos]:
            if ln.kind == LineKind.BODY:
                ln.kind = LineKind.HEAD
        lines[pos].kind = LineKind.TITLE
        start = pos + 1
    else:
        start = 0
        for ln in lines:
            if is_sentence_like(ln.text) and ln.kind == LineKind.BODY:
                break
            if ln.kind == LineKind.BODY and word_count(ln.text) <= 3:
                ln.kind = LineKind.HEAD
    # (after the headline: a sign-up box between it and the article is no headline, but
    # the headline's position is read with the box still in place)
    mark_signup_boxes(lines)
    mark_tail(lines, page.body_lang, start)
    _mark_after_article(lines, start)
    mark_list_repeats(lines)
    mark_label_teasers(lines, start)
    mark_comment_forms(lines, start)
    mark_capital_links(lines, start)
    mark_duplicates(lines)
    for ln in lines:
        if ln.kind == LineKind.BODY and is_date_only(ln.text):
            ln.kind = LineKind.DATE
    return page
