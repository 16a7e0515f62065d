"""Chrome removal for text copied off a web page.

A copied page is the article plus the site's furniture: a header and menu before the
headline, widgets (today's date, a font-size switcher), lists of other headlines
("most popular", "related"), sign-up boxes and footers after it. The rules below use
general signals rather than any site's strings:

* **position** — what stands before the headline is the page header; what follows the
  last sentence of the article (in the article's language) is the page footer;
* **shape** — list items are short headline-like lines without sentence punctuation,
  often repeated (a headline shown twice: link text and image alt text);
* **vocabulary** — multilingual lists of the words sites use for such blocks
  (`keywords.py`);
* **language** — a footer written in another language than the body.

Photo captions inside the article are kept even when they are in another language:
they stand between the headline and the last sentence, where nothing is dropped for
its language alone.
"""

from __future__ import annotations

import re

from qidir.search.ingest.metadata import keywords as kw
from qidir.search.ingest.metadata.dates import find_dates, is_date_only
from qidir.search.ingest.metadata.domains import domains_in
from qidir.search.ingest.metadata.language import line_language
from qidir.search.ingest.metadata.lines import (
    Line,
    LineKind,
    Page,
    is_headline_like,
    is_sentence_like,
    split_lines,
    strip_bullet,
    strip_markup,
    word_count,
    words_in,
)

__all__ = [
    "Line",
    "Page",
    "is_headline_like",
    "is_sentence_like",
    "split_lines",
    "strip_bullet",
    "strip_markup",
    "word_count",
]

_SIZE_TOKENS = frozenset("xs sm md lg xl xxl s m l a a+ a- aa aaa".split())
_DOMAIN_LINE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}/?$", re.I)
_SEPARATORS = re.compile(r"\s[|/›»>•·]\s|\s{3,}")


def is_size_switcher(text: str) -> bool:
    toks = text.casefold().split()
    return bool(toks) and all(t in _SIZE_TOKENS for t in toks)


def is_domain_line(text: str) -> bool:
    return bool(_DOMAIN_LINE.match(text.strip())) and not re.match(r"^[\d.]+$", text.strip())


def contains_domain(text: str) -> bool:
    """Whether a web address ("kun.uz", "https://example.com/ru") stands in the line."""
    return bool(domains_in(text))


def is_menu_line(text: str) -> bool:
    """A line of section names ("News | World | Sport") rather than a sentence."""
    if _SEPARATORS.search(text):
        parts = [p for p in re.split(r"\s[|/›»>•·]\s|\s{3,}", text) if p.strip()]
        if len(parts) >= 3 and all(word_count(p) <= 4 for p in parts):
            return True
        # A breadcrumb: "Home / Society", "Bosh sahifa › Jamiyat".
        folded = [kw.fold(p) for p in parts]
        if (
            len(parts) >= 2
            and all(word_count(p) <= 3 for p in parts)
            and any(f in kw.SECTION_WORDS or f in kw.CHROME_PHRASES for f in folded)
        ):
            return True
    words = [kw.fold(w) for w in words_in(text)]
    if len(words) >= 3:
        hits = sum(w in kw.SECTION_WORDS for w in words)
        return hits >= max(2, (len(words) + 1) // 2)
    return False


def is_chrome_line(text: str) -> bool:
    """Furniture recognisable from the line alone, wherever it stands."""
    folded = kw.fold(text)
    if not folded:
        return True
    n = word_count(text)
    if folded in kw.CHROME_PHRASES or folded in kw.TAIL_HEADINGS:
        return True
    if is_size_switcher(text):
        return True
    if not kw.strip_view_counters(text).strip(" |·•,;"):
        return True  # a view counter on its own line
    words = folded.replace("|", " ").split()
    social = [w for w in words if w in kw.SOCIAL_WORDS]
    rest = " ".join(w for w in words if w not in kw.SOCIAL_WORDS)
    if len(social) >= 2 and (not rest or rest in kw.CHROME_PHRASES):
        return True  # share buttons: "Telegram Facebook X Copy link"
    if n and all(kw.fold(w) in kw.LANGUAGE_NAMES for w in re.split(r"[\s|/·•,]+", text) if w):
        return True  # a language switcher
    if n <= 30 and any(f in folded for f in kw.CHROME_FRAGMENTS):
        return True
    if n <= 60 and any(f in folded for f in kw.EMBED_NOTICES):
        return True
    if not text.rstrip().endswith("?") and any(
        n <= most and rx.search(folded) for rx, most in kw.READER_PROMPTS
    ):
        return True  # (a prompt tells, it does not ask: a headline may ask)
    if _COPYRIGHT_SIGN.search(text) and n <= 20:
        return True
    if re.match(r"^\(?(?:copyright|\(c\))\b", folded) and n <= 20:
        return True
    # "Photo: Reuters" / "Фото: пресс-служба" — a credit, not a caption.
    m = re.match(r"^([^\W\d_]+)\s*[:/|]\s*(.*)$", folded)
    if m and m.group(1) in kw.CREDIT_WORDS and word_count(m.group(2)) <= 5:
        return True
    if n <= 6 and is_menu_line(text) and not _has_full_date(text):
        return True
    if _MARKUP_LINE.match(text):
        return True  # a tag of the page's source shown as text ("<link href=…>")
    if social and n <= 6 and words and words[0] in _SHARE_VERBS:
        return True  # "Share this on WhatsApp"
    if is_button_row(text):
        return True
    return bool(n == 0 and not re.search(r"\d", text))


#: The copyright sign, but not as the second byte of a mis-decoded "é" ("MÃ©xico": a page
#: sent in UTF-8 and read as Latin-1).
_COPYRIGHT_SIGN = re.compile(r"(?<!Ã)©")
_MARKUP_LINE = re.compile(r"^<[a-zA-Z!/][^<>]*>(?:.*</?[a-zA-Z][^<>]*>)?$")
_SHARE_VERBS = frozenset(
    kw.fold(w)
    for w in "share compartilhe compartir comparte partager partagez teilen condividi "
    "bagikan поделиться поделитесь поділитися paylaş ulashish улашиш бөлісу".split()
)


def is_button_row(text: str) -> bool:
    """A row of buttons or menu items copied as one line: one word repeated on every item
    ("이메일에 공유하기 카카오톡에 공유하기 …", "Share Share Share"), or items glued without
    spaces ("The Economic TimesHindi Economic TimesNavbharat Times…")."""
    words = [kw.fold(w) for w in words_in(text) if not w.isdigit()]
    if len(words) >= 6 and not is_sentence_like(text):
        top = max(words.count(w) for w in set(words))
        if top >= 3 and top * 4 >= len(words):
            return True
    return len(_GLUED.findall(text)) >= 3


#: A lower-case letter followed directly by a capital inside a word: items glued together.
_GLUED = re.compile(r"[a-zà-ÿа-яё][A-ZÀ-ÞА-ЯЁ](?=[a-zà-ÿа-яё])")


def _has_full_date(text: str) -> bool:
    return any(d.full for d in find_dates(text))


def heading_key(text: str) -> str:
    """A heading's folded words without bullets or a count ("Comments (3)")."""
    return kw.fold(re.sub(r"\s*[(\[]?\d+[)\]]?\s*$", "", strip_bullet(text)))


def list_heading(text: str) -> str | None:
    """'list' or 'tail' when the line opens a block of other headlines / closing furniture."""
    folded = heading_key(text)
    if folded in kw.LIST_HEADINGS:
        return "list"
    if folded in kw.TAIL_HEADINGS:
        return "tail"
    # "Most popular in Sport", "Самые популярные диеты": a heading of two words or more
    # narrowed to a topic by one or two words
    words = folded.split()
    for n in range(2, len(words)):
        if len(words) - n <= 2 and " ".join(words[:n]) in kw.LIST_HEADINGS:
            return "list"
    # "More world news", "további belföldi híreink": one word inserted inside a heading
    if 3 <= len(words) <= 4:
        for k in range(1, len(words) - 1):
            if " ".join(words[:k] + words[k + 1 :]) in kw.LIST_HEADINGS:
                return "list"
    return None


def inline_read_also(text: str) -> bool:
    """'Read also: <another headline>' on one line."""
    m = re.match(r"^\s*([^:–—]{3,40})\s*[:–—]\s*\S", text)
    if m and kw.fold(m.group(1)) in kw.LIST_HEADINGS:
        return True
    # "READ MORE Another headline": the heading set apart by its capitals alone.
    words = text.lstrip(" >»").split()
    for n in range(1, min(4, len(words) - 1) + 1):
        head = " ".join(words[:n])
        if head.isupper() and kw.fold(head) in kw.LIST_HEADINGS:
            return True
    return False


def _norm_key(text: str) -> str:
    return kw.fold(strip_bullet(text))


def mark_list_blocks(lines: list[Line]) -> None:
    """Drop lists of other headlines, from their heading to where the article resumes.

    A block is its heading, then headline-like items (short, no closing punctuation,
    often repeated), teasers (a paragraph between two items), and furniture. The
    article resumes at two paragraphs in a row; if no such run follows, the block is
    the page's closing furniture and everything after it goes. Comment sections always
    run to the end of the page.
    """
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind not in (LineKind.BODY, LineKind.CHROME):
            i += 1
            continue
        if ln.kind == LineKind.BODY and inline_read_also(ln.text) and word_count(ln.text) <= 25:
            ln.kind = LineKind.LIST
            i += 1
            continue
        kind = list_heading(ln.text)
        if kind is None:
            i += 1
            continue
        at_top = not any(is_sentence_like(x.text) for x in lines[:i] if x.kind == LineKind.BODY)
        if heading_key(ln.text) in kw.COMMENT_HEADINGS and _button_follows(lines, i + 1):
            i += 1  # "Comments" in a row of buttons (Comments / Print / Email): a link
            continue
        ln.kind = LineKind.LIST
        j = _consume_block(lines, i + 1, at_top)
        comments = heading_key(ln.text) in kw.COMMENT_HEADINGS
        if kind == "tail" and not comments and not at_top:
            # (Above the article, "Subscribe" is a button in the masthead: the line after
            # it is more likely the headline than a sign-up pitch.)
            j = _consume_box(lines, i + 1)
        if not at_top and (comments or not _prose_after(lines, j)):
            for later in lines[j:]:
                if later.kind in (LineKind.BODY, LineKind.CHROME):
                    later.kind = LineKind.LIST
            return
        i = j


def _button_follows(lines: list[Line], j: int) -> bool:
    """Whether the next line is a one-word button ("Print", "Email", "Share")."""
    nxt = next((t for t in lines[j:] if t.text.strip()), None)
    if nxt is None or word_count(nxt.text) != 1:
        return False
    key = kw.fold(nxt.text)
    return key not in kw.TAIL_HEADINGS and (key in kw.CHROME_PHRASES or key in kw.SOCIAL_WORDS)


def _consume_block(lines: list[Line], j: int, at_top: bool) -> int:
    """Mark a list's items and teasers from line j; return where the article resumes."""
    items = 0
    after_item = True
    while j < len(lines):
        t = lines[j]
        if t.kind == LineKind.CHROME:
            t.kind = LineKind.LIST
        elif t.kind != LineKind.BODY:
            pass
        elif at_top:
            # Above the article a block is links ("skip to content"), not headlines; a
            # headline there is more likely the article's own.
            if word_count(t.text) > 2:
                break
            t.kind = LineKind.LIST
        elif (
            (not is_sentence_like(t.text) and word_count(t.text) <= 20)
            or (_question_item(t.text) and _next_is_item(lines, j + 1))
            or _kicker_headline(t.text)
        ):
            t.kind = LineKind.LIST
            items += 1
            after_item = True
        elif (
            after_item
            and _teaser_sized(t.text)
            and _next_is_item(lines, j + 1)
            and (items >= 2 or (items == 1 and _teaser_follows(lines, j + 1)))
        ):
            t.kind = LineKind.LIST  # a teaser: a paragraph between two items of a real list
            after_item = False
        else:
            break
        j += 1
    return j


def _kicker_headline(text: str) -> bool:
    """"Kicker. A headline of up to thirty words": a label and a headline joined by a full
    stop or colon, with no closing punctuation (an article's paragraph ends like one)."""
    return (
        word_count(text) <= 30
        and bool(re.match(r"^[^.!?:]{2,60}[.:]\s+\S", text))
        and not re.search(r"[.!?…:;][\"'»”’)\]]*$|[\"»”]$", text.rstrip())
    )


def _question_item(text: str) -> bool:
    """A headline that asks ("Where is the warmest seat in a yurt?"): under a list heading
    and followed by another item, an item, though it ends like a sentence."""
    return word_count(text) <= 15 and text.rstrip().rstrip("\"'»”’").endswith(("?", "？"))


def _teaser_sized(text: str) -> bool:
    """One or two sentences (three when short): what a list shows under a headline, not
    an article's text."""
    sentences = len(re.findall(r"\w[.!?…](?:\s|$)", text))
    words = word_count(text)
    return words <= 60 and (sentences <= 2 or (sentences <= 3 and words <= 30))


def _consume_box(lines: list[Line], j: int) -> int:
    """A sign-up or follow-us box: its pitch line(s) up to its button, at most three."""
    end = min(len(lines), j + 3)
    for k in range(j, end):
        if lines[k].kind == LineKind.CHROME:
            for t in lines[j : k + 1]:
                t.kind = LineKind.LIST
            return k + 1
    if j < len(lines) and lines[j].kind == LineKind.BODY:
        lines[j].kind = LineKind.LIST
        return j + 1
    return j


def mark_signup_boxes(lines: list[Line]) -> None:
    """A mailing list's box before its button: a short heading and a pitch, or the pitch
    alone, right above "Subscribe" / "Sign up", that speak of e-mail, a newsletter or
    alerts ("Breaking News Emails" / "Get breaking news alerts …" / "SUBSCRIBE")."""
    for k, ln in enumerate(lines):
        if kw.fold(ln.text) not in kw.SIGNUP_BUTTONS:
            continue
        box: list[Line] = []
        for t in reversed(lines[max(0, k - 2) : k]):
            if t.kind != LineKind.BODY or word_count(t.text) > 35:
                break
            box.insert(0, t)
        if len(box) == 2 and not (is_headline_like(box[0].text) and word_count(box[0].text) <= 6):
            box = box[1:]  # the line above the pitch is no heading: the article's own
        if box and any(w in kw.fold(t.text) for t in box for w in kw.MAIL_WORDS):
            for t in box:
                t.kind = LineKind.CHROME


def _next_is_item(lines: list[Line], j: int) -> bool:
    for t in lines[j:]:
        if t.kind in (LineKind.BODY, LineKind.CHROME):
            return t.kind == LineKind.CHROME or not is_sentence_like(t.text)
    return True  # the page ends: the teaser closed the list


def _teaser_follows(lines: list[Line], j: int) -> bool:
    """Whether the item after line j has a teaser of its own: headline and teaser pairs
    repeat, so one pair under a list heading is enough to read the next as a list."""
    body = [t for t in lines[j:] if t.kind == LineKind.BODY][:2]
    return (
        len(body) == 2
        and not is_sentence_like(body[0].text)
        and is_sentence_like(body[1].text)
        and _teaser_sized(body[1].text)
    )


def _prose_after(lines: list[Line], j: int) -> bool:
    """Whether any paragraph of prose follows line j (the article going on)."""
    return any(t.kind == LineKind.BODY and is_sentence_like(t.text) for t in lines[j:])


def mark_list_repeats(lines: list[Line]) -> None:
    """A headline-shaped line printed again as an item of a list of other stories is another
    story's headline wherever it stands (a teaser box and the "latest" list both show it).
    The article's own headline is the title by now; prose is never taken."""
    listed = {_norm_key(ln.text) for ln in lines if ln.kind == LineKind.LIST}
    for ln in lines:
        if (
            ln.kind == LineKind.BODY
            and word_count(ln.text) >= 3
            and (is_headline_like(ln.text) or not is_sentence_like(ln.text))
            and _norm_key(ln.text) in listed
        ):
            ln.kind = LineKind.LIST


#: "Kicker In Title Case: a teaser sentence." — another story's label and teaser.
_LABEL_TEASER = re.compile(r"^(?P<label>[^\W\d_][^:.!?]{2,60}):\s+\S")
#: Such items come in runs of at least this many.
LABEL_TEASERS_MIN = 3


def _label(text: str) -> str | None:
    m = _LABEL_TEASER.match(text)
    if not m or word_count(text) > 60:
        return None
    words = m.group("label").split()
    if not 2 <= len(words) <= 6:
        return None  # (a speaker's name in a transcript is one or two words, and repeats)
    if not all(w[0].isupper() or kw.fold(w) in _SMALL_WORDS for w in words):
        return None
    return kw.fold(m.group("label"))


_SMALL_WORDS = frozenset("a an the and of to in on for at by with or".split())


def mark_label_teasers(lines: list[Line], start: int) -> None:
    """Other stories listed as "Label In Title Case: a teaser sentence.", three or more in
    a row with different labels, right after furniture (a heading, a share button): a list,
    not the article's paragraphs, which follow prose."""
    k = start
    while k < len(lines):
        j = k
        labels: set[str] = set()
        while j < len(lines) and lines[j].kind == LineKind.BODY:
            label = _label(lines[j].text)
            if label is None or label in labels:
                break
            labels.add(label)
            j += 1
        prev = next((t for t in reversed(lines[:k]) if t.text.strip()), None)
        after_furniture = prev is not None and prev.kind in (
            LineKind.LIST,
            LineKind.TAIL,
            LineKind.CHROME,
        )
        if j - k >= LABEL_TEASERS_MIN and after_furniture:
            for ln in lines[k:j]:
                ln.kind = LineKind.LIST
        k = max(j, k + 1)


#: A form field's label: a word or three, then ":", "*" or "(*)" ("Name *", "E-mail:").
_FIELD = re.compile(r"^(?P<name>[^\W\d_][\w' -]{0,30}?)\s*(?:\(\*\)|\*)?\s*[:*]?\s*$")


def _field(text: str) -> str | None:
    """A form field's folded label, or None. Without a colon or star only a comment field
    counts ("Comment", a text box's caption)."""
    m = _FIELD.match(text.strip())
    if not m or word_count(m.group("name")) > 3:
        return None
    key = kw.fold(m.group("name"))
    if re.search(r"[:*]\s*$", text) or key.startswith(kw.COMMENT_FIELD_WORDS):
        return key
    return None


def mark_comment_forms(lines: list[Line], start: int) -> None:
    """A comment form below the article — two or more field labels in a row, one of them
    for an e-mail address and one for the comment ("Nombre (*):", "Correo electrónico
    (*):", "Comentario:") — opens the readers' comments: nothing after it is the article."""
    k = start
    while k < len(lines):
        j = k
        fields: list[str] = []
        while j < len(lines) and lines[j].kind in (
            LineKind.BODY,
            LineKind.CHROME,
            LineKind.LIST,
            LineKind.TAIL,
        ):
            name = _field(lines[j].text)
            if name is None:
                break
            fields.append(name)
            j += 1
        mail = any(any(w in f for w in kw.MAIL_FIELD_WORDS) for f in fields)
        comment = any(f.startswith(kw.COMMENT_FIELD_WORDS) for f in fields)
        if len(fields) >= 2 and mail and comment:
            for ln in lines[k:]:
                if ln.kind in (LineKind.BODY, LineKind.CHROME):
                    ln.kind = LineKind.LIST
            return
        k = max(j, k + 1)


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def mark_capital_links(lines: list[Line], start: int) -> None:
    """A line in capitals of six words or more, no sentence, set between two paragraphs of
    the article ("CLICK HERE TO GET THE APP", "GRADUATE PAYS OFF LOANS BY SELLING BOOKS"):
    a link to another story or the site's app. A subheading in capitals is shorter."""
    body = [k for k in range(start, len(lines)) if lines[k].kind == LineKind.BODY]
    for a, k, b in zip(body, body[1:], body[2:], strict=False):
        text = lines[k].text
        if (
            6 <= word_count(text) <= 25
            and _in_capitals(text)
            and not is_sentence_like(text)
            and is_sentence_like(lines[a].text)
            and is_sentence_like(lines[b].text)
        ):
            lines[k].kind = LineKind.LIST


def mark_duplicates(lines: list[Line]) -> None:
    seen: set[str] = set()
    for ln in lines:
        key = _norm_key(ln.text)
        if key in seen and ln.kind == LineKind.BODY:
            ln.kind = LineKind.DUP
        seen.add(key)


def body_language(lines: list[Line]) -> str:
    weight: dict[str, int] = {}
    for ln in lines:
        if ln.kind == LineKind.BODY and is_sentence_like(ln.text):
            lang = line_language(ln.text)
            weight[lang] = weight.get(lang, 0) + len(ln.text)
    return max(weight, key=weight.__getitem__) if weight else "und"


def mark_tail(lines: list[Line], body_lang: str, start: int) -> None:
    """Everything after the article's last sentence in its own language is footer."""
    last = None
    for pos in range(len(lines) - 1, start - 1, -1):
        ln = lines[pos]
        if ln.kind != LineKind.BODY:
            continue
        if is_sentence_like(ln.text):
            lang = line_language(ln.text)
            if body_lang in ("und", lang) or lang == "und":
                last = pos
                break
        elif short_sentence(ln.text) and line_language(ln.text) == body_lang != "und":
            last = pos  # "Talks resume in May." closes many articles
            break
    if last is None:
        return
    for ln in lines[last + 1 :]:
        prose = not _quoted_speech(ln.text) and not _long_paragraph(ln.text)
        if ln.kind == LineKind.BODY and prose:
            ln.kind = LineKind.TAIL


def _long_paragraph(text: str) -> bool:
    """Footers are short; a long paragraph after the last one in the body's language is
    more likely the article's own (a misjudged language) and is kept."""
    return word_count(text) >= 30 and is_sentence_like(text)


def short_sentence(text: str) -> bool:
    return word_count(text) >= 3 and text[:1].isupper() and text.rstrip()[-1:] in ".!?…"


def _quoted_speech(text: str) -> bool:
    """A closing quotation in another language belongs to the article, not the footer."""
    return bool(re.match(r"^\s*[«\"“„]", text)) and word_count(text) >= 5


#: A clip's running time printed beside its title ("03:10", "1:02:45").
_DURATION = re.compile(r"^\(?\d{1,2}:\d{2}(?::\d{2})?\)?$")
#: A playlist has at least this many clips.
PLAYLIST_MIN = 3


def mark_playlists(lines: list[Line]) -> None:
    """A video playlist copied as text: one-line clip titles alternating with their running
    times ("Hear the minister …", "03:10", "Flood waters rise", "01:47", …). Each item is
    exactly one headline-shaped line, so a live blog, whose times stand over paragraphs
    (often a subheading and then prose), is not one."""

    def item(ln: Line) -> bool:
        return (
            ln.kind in (LineKind.BODY, LineKind.LIST)
            and not _DURATION.match(ln.text)
            and not is_sentence_like(ln.text)
            and 2 <= word_count(ln.text) <= 25
        )

    k = 0
    while k < len(lines):
        j = k
        stamps = items = 0
        expect_stamp = bool(_DURATION.match(lines[k].text))
        while j < len(lines):
            ln = lines[j]
            if expect_stamp and _DURATION.match(ln.text):
                stamps += 1
            elif not expect_stamp and item(ln):
                items += 1
            else:
                break
            expect_stamp = not expect_stamp
            j += 1
        if stamps >= PLAYLIST_MIN and items >= PLAYLIST_MIN:
            for ln in lines[k:j]:
                ln.kind = LineKind.LIST
            k = j
        else:
            k += 1


#: How long ago another story was posted ("32M ago", "5 hours ago", "Hace 37 minutos").
_AGE = re.compile(
    r"^(?:\d+\s*(?:[smhdw]|mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago"
    r"|(?:hace|há)\s+\d+\s+\w+"
    r"|vor\s+\d+\s+\w+"
    r"|il y a\s+\d+\s+\w+"
    r"|\d+\s+(?:saniye|dakika|saat|gün|hafta)\s+önce"
    r"|\d+\s+\w+\s+назад)$",
    re.I,
)
_NUMERIC_STAMP = re.compile(
    r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]\.?M\.?)?$", re.I
)
#: A list of stamped items has at least this many stamps in a row.
STAMPED_MIN = 3


#: A byline before the stamp ("Jane Roe, 8 January, 17:46"): a name of up to five words.
_BYLINE_STAMP = re.compile(r"^([^,\d]{2,60}),\s*(\S.*)$")


def _stamp(text: str) -> bool:
    if _AGE.match(text) or _NUMERIC_STAMP.match(text) or is_date_only(text):
        return True
    m = _BYLINE_STAMP.match(text)
    return bool(
        m
        and word_count(m.group(1)) <= 5
        and (_AGE.match(m.group(2)) or _NUMERIC_STAMP.match(m.group(2)) or is_date_only(m.group(2)))
    )


def mark_stamped_lists(lines: list[Line]) -> None:
    """Other stories listed with their age or time: a headline-shaped line, maybe a teaser
    or a byline, then "2H ago" / "11/20/2019 01:14 PM", three or more times in a row.
    An item is at most two lines, the first no sentence, so a live blog (times over
    paragraphs) or an article's dated sections are not such a list."""

    def item(seg: list[Line]) -> bool:
        return (
            1 <= len(seg) <= 2
            and all(ln.kind in (LineKind.BODY, LineKind.LIST) and not _stamp(ln.text) for ln in seg)
            # (a headline may join a kicker with a full stop: "Kicker. Headline", but does
            # not end like a sentence)
            and (not is_sentence_like(seg[0].text) or is_headline_like(seg[0].text))
            and 2 <= word_count(seg[0].text) <= 20
            and all(word_count(ln.text) <= 40 for ln in seg)
        )

    stamps = [k for k, ln in enumerate(lines) if _stamp(ln.text)]
    run: list[tuple[int, int]] = []  # (item start, stamp) pairs

    def flush() -> None:
        if len(run) >= STAMPED_MIN:
            for ln in lines[run[0][0] : run[-1][1] + 1]:
                ln.kind = LineKind.LIST
        run.clear()

    prev = -1
    for s in stamps:
        gap = lines[prev + 1 : s] if run else []
        if run and item(gap):
            run.append((prev + 1, s))
        else:
            flush()
            start = next(
                (b for b in (s - 2, s - 1) if b > prev and item(lines[b:s])), None
            )
            if start is not None:
                run.append((start, s))
        prev = s
    flush()


#: A teaser cut short: the text breaks off with an ellipsis ("Minister says the new..").
_TRUNCATED = re.compile(r"[\w,’'\"”)]\s*(?:\.{2,3}|…)\s*$")
#: Teasers cut short come in runs of at least this many.
TRUNCATED_MIN = 3


def mark_truncated_lists(lines: list[Line]) -> None:
    """Other stories' titles or comments cut to a fixed width: three or more short lines in
    a row that break off with an ellipsis. An article's lines end like sentences."""
    k = 0
    while k < len(lines):
        j = k
        while (
            j < len(lines)
            and lines[j].kind in (LineKind.BODY, LineKind.LIST)
            and word_count(lines[j].text) <= 25
            and _TRUNCATED.search(lines[j].text)
        ):
            j += 1
        if j - k >= TRUNCATED_MIN:
            for ln in lines[k:j]:
                ln.kind = LineKind.LIST
        k = max(j, k + 1)
