"""The site's own name and domain, from how often and where a real page states them.

A copied page names its site many times, mostly in furniture: the site's sections and
products carry the brand ("Al Jazeera World", "KPBS Evening Edition", "LA NACION Data"),
bylines end with it ("By A. Writer, CNN"), the copyright line states it, sometimes with
the domain ("© 2000 - 2019 Al Bawaba (www.albawaba.com)"). Other domains on the page —
an ad, a syndication service, a sister site in the menu, a live-video button — are
written once or twice, rarely inside a copyright line, and do not match the brand.

So the two signals here are counted, not positional:

* **brand**: the capitalised run of one to four words found in the most distinct short
  lines (at least :data:`MIN_BRAND_LINES`), generic words (sections, "news", "home") left
  out;
* **domain**: each domain written on the page, scored by the lines naming it, a
  copyright line or a bare address line naming it, and its name matching the brand.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from qidir.search.ingest.metadata import keywords as kw
from qidir.search.ingest.metadata.countries import find_countries
from qidir.search.ingest.metadata.dates import has_weekday, month_number
from qidir.search.ingest.metadata.domains import domains_in, email_domains_in
from qidir.search.ingest.metadata.lines import Line, LineKind, is_sentence_like, word_count

#: A brand must recur in this many distinct short lines.
MIN_BRAND_LINES = 3
#: A copyright line states the owner's name on purpose: it counts as this many lines.
COPYRIGHT_WEIGHT = 3
#: Lines longer than this (in words) are prose, where a brand is only mentioned.
SHORT_LINE_WORDS = 5
#: A domain needs this score to be taken as the site's own.
MIN_DOMAIN_SCORE = 3

_CAP_WORD = re.compile(r"(?<![\w@.])(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’&+-]*|\d+[A-Za-z]\w*)(?![\w@])")
#: The copyright sign or word (the sign, but not as the second byte of a mis-decoded "é":
#: "MÃ©xico").
_SIGN = r"(?<!Ã)©|\(c\)|copyright|ⓒ"
_COPYRIGHT = re.compile(_SIGN, re.I)
# The owner a copyright line names: after the sign and the years, up to a full stop or bar.
_COPYRIGHT_NAME = re.compile(
    rf"(?:{_SIGN})\s*(?:(?:19|20)\d{{2}}(?:\s*[-–—]\s*(?:19|20)\d{{2}})?)?[\s,]*"
    r"(?P<name>[^.|,©\d][^.|©]{1,60})",
    re.I,
)
#: "All rights reserved" in the languages of the set's neighbours: a line saying it is a
#: copyright line even without the sign, and the phrase is never part of the owner's name.
_RESERVED = re.compile(
    r"all rights reserved|todos los derechos reservados|todos os direitos reservados|"
    r"tous droits réservés|alle rechte vorbehalten|tutti i diritti riservati|"
    r"все права защищены|усі права захищені|tüm hakları saklıdır|bütün hüquqlar qorunur|"
    r"barcha huquqlar himoyalangan|барча ҳуқуқлар ҳимояланган|барлық құқықтар қорғалған",
    re.I,
)
_YEARS = re.compile(r"\b(?:19|20)\d{2}(?:\s*[-–—]\s*(?:(?:19|20)\d{2}|present))?\b", re.I)


#: A sign with more words than this on both sides stands inside a paragraph.
PROSE_SIDE_WORDS = 30


def _inside_prose(text: str) -> bool:
    """A copyright sign in the middle of a long paragraph (a comment quoting a game's
    blurb, "… Free Online Games © Example Games 2023 …"): someone's text, not the page's
    copyright line, which opens or closes its line."""
    sign = _COPYRIGHT.search(text)
    if sign is None:
        return False
    before, after = text[: sign.start()], text[sign.end() :]
    return min(word_count(before), word_count(after)) > PROSE_SIDE_WORDS


def is_copyright_line(text: str) -> bool:
    """A line stating the page's copyright: the sign (or the word), not inside prose."""
    return _COPYRIGHT.search(text) is not None and not _inside_prose(text)


def copyright_owner(text: str) -> str | None:
    """The owner a copyright line names, wherever the line puts it: after the sign and the
    years ("© 2019 Example Times"), after the reserved-rights phrase ("© 2023 All rights
    reserved | Example Daily", "Copyright © All rights reserved. Example Tribune") or,
    without a sign, before it ("2019 Example News, Inc. All Rights Reserved")."""
    if _inside_prose(text):
        return None
    owner = _COPYRIGHT_NAME.search(text)
    reserved = _RESERVED.search(text)
    if owner and not re.search(r"[^\W\d_]{2}", owner.group("name")):
        owner = None  # (only the years' end: "© 2004-2024")
    if owner and not (reserved and _RESERVED.match(owner.group("name").strip())):
        return owner.group("name")
    sign = _COPYRIGHT.search(text)
    if sign and not reserved and word_count(text) <= 12:
        # "Example Daily v. 5.0 – © 2004-2024": nothing after the sign and the years, the
        # owner stands before them
        after = text[sign.end() :]
        if _YEARS.search(after) and not re.search(r"[^\W\d_]", _YEARS.sub(" ", after)):
            before = re.split(r"\s[|–—/-]\s|\s+v(?:er)?\.?\s*\d", text[: sign.start()])[0]
            before = before.strip(" ,:;-–—|/")
            if re.search(r"[^\W\d_]{2}", before) and kw.fold(before) not in kw.CREDIT_WORDS:
                return before
    if not reserved or word_count(text) > 16:
        return None
    # after the phrase only on a line with the sign: "All rights reserved. Reprinting …"
    # goes on with a notice, not a name
    after = text[reserved.end():] if _COPYRIGHT.search(text) else ""
    before = _COPYRIGHT.sub(" ", text[: reserved.start()])
    for part in (after, before):
        part = _YEARS.sub(" ", part)
        for seg in re.split(r"[|.©•·/]", part):
            seg = seg.strip(" ,:;-–—")
            if re.search(r"[^\W\d_]{2}", seg):
                return seg
    return None


_BARE_EMAIL = re.compile(r"^(?:e-?mail:?\s*)?[\w.+-]+@[\w.-]+\.[a-z]{2,12}$", re.I)
_BARE_ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?[\w.-]+\.[a-z]{2,12}(?:/\S*)?$", re.I)

#: Words too generic to be a brand on their own (beyond the section words of keywords.py),
#: among them "live" and the market widget's menu (gold, currency, stocks, crypto, prices)
#: that news sites print in every header.
_GENERIC = frozenset(
    kw.fold(w)
    for w in """
    the a an and of in on at to for by with from about all more menu home news video videos
    live watch read share follow sign subscribe login log search contact us our your new
    latest top most today world local sport sports business opinion politics weather
    privacy policy terms cookies cookie settings advertise advertising newsletter newsletters
    edition editions podcast podcasts photos photo images image gallery app apps store shop help faq
    la el los las de del en le les des du et il lo di da do dos das um uma o e
    copyright rights reserved inc ltd limited llc gmbh corp co plc sa srl company
    rss feed feeds post posts web about edition column columns columnist columnists directory
    events event welcome site us author
    haber haberler haberleri xəbər xəbərlər yangilik yangiliklar янгиликлар новости
    жаңалықтар новини noticias notícias notizie nachrichten actualités berita hírek
    canlı canli прямой эфир jonli тікелей
    gold currency currencies stocks markets crypto prices rates exchange
    золото валюта курсы биржа oltin valyuta birja алтын qızıl altın döviz borsa kripto
    fiyatları kurlar
    """.split()
)


@lru_cache(maxsize=65536)
def _is_generic(words: tuple[str, ...]) -> bool:
    """Runs that are no name: generic words, dates and times, single letters."""
    folded = [kw.fold(w) for w in words]
    if all(f in _GENERIC or f in kw.SECTION_WORDS for f in folded):
        return True
    phrase = " ".join(folded)
    if phrase in _UI_PHRASES:
        return True  # "Most popular", "Subscribe now": the furniture's own headings
    if len(words) <= 2 and _is_place_name(words):
        return True  # "Taiwan", "North Korea": what the page is about, not who wrote it
    pairs = zip(words, folded, strict=True)
    if not _after_article(folded) and any(
        month_number(w) or has_weekday(w) or f in _TIME_WORDS for w, f in pairs
    ):
        return True
    if (len(words) == 1 and len(words[0]) < 2) or all(w.isdigit() for w in words):
        return True
    if folded[-1] in _OWNER_WORDS or folded[0] in _OWNER_WORDS:
        return True  # "Times Internet Limited", "By Jerusalem Post Staff": who owns or writes
    if folded[0] in _CONNECTORS or folded[-1] in _CONNECTORS:
        return True  # ("de Cádiz": a piece of a name, cut at its joining word)
    return folded[0] in {"and", "of", "to", "for", "by", "with"} or folded[-1] in {
        "the", "a", "an", "and", "of", "la", "el", "de", "le",
    }


def _after_article(folded: list[str]) -> bool:
    """A run opened by a definite article ("The Sun", "Le Mars"): a name's words, never a
    date's — a weekday or a month takes no article in a dateline."""
    return len(folded) >= 2 and folded[0] in _DEFINITE_ARTICLES


_DEFINITE_ARTICLES = frozenset(("the", "la", "el", "le", "il"))


#: Words that make a name the owning company's, a staff byline's or a notice's rather than
#: the site's: a copyright line names "The Example Times Company" or "Example Media Group
#: Limited" for a site called "The Example Times". A run ending (or starting) with one is
#: not a site name; the shorter run without it still counts.
_OWNER_WORDS = frozenset(
    kw.fold(w)
    for w in """
    limited ltd inc incorporated llc llp plc gmbh ag corp corporation company companies
    holdings holding group organization organisation foundation staff reporters reporter
    writers editors copyright powered
    """.split()
)


#: The legal forms that end a company's name ("Inc", "L.P.", "Media Group", "A.Ş."), or
#: open it ("ООО «…»", "SA Example").
_COMPANY = re.compile(
    r"\b(?:inc|incorporated|llc|llp|ltd|limited|plc|gmbh|corp|corporation|ltda)\b\.?"
    r"|\b(?:a\.ş|s\.a|s\.l|s\.r\.l|s\.p\.a|l\.p)\.?(?!\w)"
    r"|\b(?:company|holdings?|group|publishing|media network|ag|as|ab|oy|sa|kk|lp)\.?\W*$"
    r"|^\W*(?:sa|ag|as)\s"
    r"|(?:^|\W)(?:ооо|оао|зао|пао|ао|тов|mchj|xk|тоо)(?!\w)",
    re.I,
)


def is_company(owner: str) -> bool:
    """Whether a copyright line's owner is a company by its legal form ("Example News &
    Media Ltd", "ООО «Пример Медиа»"), not a site's name ("Example News")."""
    return bool(_COMPANY.search(owner.strip() + " "))


def company_line(text: str) -> str | None:
    """The name on a line that is only a company's name with its legal form ("Example
    GmbH", as the footer's postal address or imprint opens), without the form; None
    for any other line (a credit, "Designed by Example Ltd", is not the publisher)."""
    text = text.strip()
    if not 2 <= word_count(text) <= 4 or _COPYRIGHT.search(text) or not is_company(text):
        return None
    if re.search(r"\b(?:by|powered|designed|hosted)\b", text, re.I):
        return None
    name = _COMPANY.sub(" ", text + " ").strip(" ,.-")
    return name if re.search(r"[^\W\d_]{2}", name) and not is_generic_name(name) else None


def is_generic_name(text: str) -> bool:
    """A line that is no site's name: generic words only, a section, a UI label."""
    folded = [kw.fold(w.strip("'’")) for w in _WORD_TOKEN.findall(text)]
    if not folded or kw.fold(text) in _UI_PHRASES:
        return True
    return all(f in _GENERIC or f in kw.SECTION_WORDS for f in folded)


#: Clock words that come capitalised in datelines ("7:07 PM EST", "10:41 HKT"), and the
#: "ago" that opens a story's age in Portuguese and Spanish ("Há 2 horas", "Hace 5 minutos").
_TIME_WORDS = frozenset(
    "am pm a.m p.m est edt cst cdt pst pdt gmt utc bst cet eet msk hkt ist há hace".split()
)


_UI_PHRASES = kw.LIST_HEADINGS | kw.TAIL_HEADINGS | kw.CHROME_PHRASES | kw.SECTION_WORDS


def _is_place(text: str) -> bool:
    return bool(find_countries(text))


#: Words that make a place of a place ("North Korea", "New South Wales").
_PLACE_QUALIFIERS = frozenset(
    kw.fold(w)
    for w in "north south east west northern southern eastern western central new upper lower"
    " great greater the".split()
)


def _is_place_name(words: tuple[str, ...]) -> bool:
    """A run that is a place and nothing more: "Taiwan", "North Korea", "New Zealand";
    not a name built on one ("Focus Taiwan", "Украинская правда")."""
    if not _is_place(" ".join(words)):
        return False
    alone = [_is_place(w) for w in words]
    if not any(alone):
        return True  # (a place only as a whole: "New Zealand")
    return all(a or kw.fold(w) in _PLACE_QUALIFIERS for w, a in zip(words, alone, strict=True))


def is_place_only(text: str) -> bool:
    """A line that is a place and nothing more ("North Korea"; not "Focus Taiwan")."""
    return _is_place_name(tuple(text.split()))


_WORD_TOKEN = re.compile(r"[^\W_][\w'’&+-]*")
_CYRILLIC_LOWER = re.compile(r"^[а-яёәіңғүұқөһўқҳ]")


#: Small words that join the capitalised words of one name ("Bahía de Cádiz", "Bank of
#: Asia", "Mensagens de Reflexão"): inside a run when a capitalised word follows.
_CONNECTORS = frozenset("de da do das dos del della di du des of y e et und van von".split())


def _runs(text: str) -> list[tuple[str, ...]]:
    """Runs of consecutive capitalised words in a line, joined by a small connector word
    ("Bahía de Cádiz"). Cyrillic names are written in sentence case ("Степной вестник"),
    so there lower-case words continue a run."""
    tokens = []
    last_end = -1
    for m in _WORD_TOKEN.finditer(text):
        gap = text[last_end : m.start()] if last_end >= 0 else ""
        tokens.append((m.group(0).strip("'’"), bool(_CAP_WORD.fullmatch(m.group(0))), gap))
        last_end = m.end()
    runs: list[tuple[str, ...]] = []
    cur: list[str] = []
    for k, (word, capital, gap) in enumerate(tokens):
        joined = bool(cur) and not gap.strip()
        follows = joined and (capital or bool(_CYRILLIC_LOWER.match(word)))
        if not follows and joined and word.isdigit() and len(word) <= 3:
            follows = cur[-1] not in _CONNECTORS  # "FOX 13", "Kanal 7": a channel's number
        if not follows and joined and word in _CONNECTORS and k + 1 < len(tokens):
            nxt = tokens[k + 1]
            follows = nxt[1] and not nxt[2].strip() and cur[-1] not in _CONNECTORS
        if follows:
            cur.append(word)
        else:
            if cur:
                runs.append(tuple(cur))
            cur = [word] if capital else []
    if cur:
        runs.append(tuple(cur))
    return runs


@dataclass(frozen=True)
class Brand:
    """A site name and the evidence for it (lines naming it; a copyright line counts more)."""

    name: str
    weight: int


def _grams(text: str) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for run in _runs(text):
        for n in (1, 2, 3, 4):
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                if not _is_generic(gram):
                    grams.add(gram)
    return grams


def _positions(text: str) -> list[tuple[tuple[str, ...], str | None]]:
    """Each name a line's runs hold (folded), with the capitalised word before it in its
    run (None when the name opens the run): "Example Talk" gives ("talk",) after
    "example"."""
    found = []
    for run in _runs(text):
        for n in (1, 2, 3, 4):
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                if not _is_generic(gram):
                    # (after a lower-case word — a Cyrillic run in sentence case — or
                    # an article a name opens its part: "Все публикации ПГ", "The Hill")
                    before = kw.fold(run[i - 1]) if i and run[i - 1][:1].isupper() else None
                    before = None if before in _DEFINITE_ARTICLES else before
                    found.append((tuple(kw.fold(w) for w in gram), before))
    return found


def _spelling(forms: Counter[str]) -> str:
    """The usual spelling, mixed case before a logo's capitals ("Caspian Ledger")."""
    return max(forms, key=lambda f: (not f.isupper(), forms[f]))


@dataclass
class Names:
    """How often each capitalised run of words is written in the page's furniture: folded
    run -> weight (distinct lines; a copyright line counts more), and its spellings."""

    counts: Counter[tuple[str, ...]] = field(default_factory=Counter)
    spelling: dict[tuple[str, ...], Counter[str]] = field(default_factory=dict)
    #: names the site gives itself in its calls to action (see :func:`self_references`)
    own: set[tuple[str, ...]] = field(default_factory=set)
    #: the weight each name has from copyright lines naming a company (see
    #: :func:`is_company`): the publisher's name, not necessarily the site's
    corporate: Counter[tuple[str, ...]] = field(default_factory=Counter)
    #: names a copyright line states whole, without a legal form ("© 2019 Ledger da
    #: Estepe")
    stated: set[tuple[str, ...]] = field(default_factory=set)
    #: names seen opening a run of capitalised words (or standing alone)
    leading: set[tuple[str, ...]] = field(default_factory=set)
    #: the words seen right before a name inside a run ("Example Talk": "example")
    after: dict[tuple[str, ...], set[str]] = field(default_factory=dict)

    def add(self, grams: set[tuple[str, ...]], weight: int, company: bool = False) -> None:
        """Count each name (as written) with a weight; a company's name apart too."""
        for gram in sorted(grams):  # (a set's order changes between runs; ties must not)
            key = tuple(kw.fold(w) for w in gram)
            self.counts[key] += weight
            if company:
                self.corporate[key] += weight
            self.spelling.setdefault(key, Counter())[" ".join(gram)] += 1

    def add_copyright(self, text: str, owner: str) -> None:
        """The owner a copyright line names, three times; apart when it is a company."""
        # (the owner stops at a full stop: its legal form may follow, "Example L.P.")
        rest = text[text.find(owner) :].split("|")[0] if owner in text else owner
        company = is_company(owner) or is_company(rest)
        parts = [p for p in re.split(r"\s*[,;]\s*", owner) if p.strip()]
        named = [p for p in parts if not is_company(p)]
        if company and named and len(named) < len(parts):
            # "© Example Pravda, LLC «Example Media»": the site and its publisher side by
            # side; only the site's name counts
            owner, company = ", ".join(named), False
        grams = _grams(owner)
        self.add(grams, COPYRIGHT_WEIGHT, company)
        if not company:
            self.stated.update(tuple(kw.fold(w) for w in g) for g in grams)

    def add_own(self, text: str) -> None:
        """The names a line of calls to action gives the site, twice each."""
        for words in _own_names(text):
            self.add({words}, SELF_REFERENCE_WEIGHT)  # (written as the site writes it)
            self.own.add(tuple(kw.fold(w) for w in words))

    def add_short(self, text: str) -> set[tuple[str, ...]]:
        """A short line's names, once each, and where in their runs they stand."""
        grams = _grams(text)
        self.add(grams, 1)
        for key, before in _positions(text):
            if before is None:
                self.leading.add(key)
            else:
                self.after.setdefault(key, set()).add(before)
        return {tuple(kw.fold(w) for w in g) for g in grams}

    def in_copyright(self, key: tuple[str, ...]) -> bool:
        """Whether a copyright line names it (as the site or as its company)."""
        return key in self.stated or self.corporate[key] > 0

    def is_category(self, key: tuple[str, ...]) -> bool:
        """A word the menus put after other names and never first ("Market Talk", "Tech
        Talk"; "Hava Durumu", "Yol Durumu"): a kind of page, not the site. A site's
        name opens its products' names ("Example Live") or stands alone; a name that
        always follows the same word ("Al Jazeera") is one name."""
        return key not in self.leading and len(self.after.get(key, ())) >= 2


#: How a site names itself in its own calls to action: "Follow X on …", "More from X",
#: "Search X", "Subscribe to X Newsletter", "Download the X app", "Acompanhe o X no …",
#: "Buscar en X", "X uygulamasını indirin". The name caught counts as this many lines.
SELF_REFERENCE_WEIGHT = 2
_SOCIAL = r"(?:facebook|twitter|instagram|youtube|telegram|tiktok|linkedin|whatsapp|x)"
_SELF_REFERENCE = [
    re.compile(p, re.I)
    for p in (
        rf"^follow (?P<name>.{{2,40}}?)(?: on {_SOCIAL}\b.*)?$",
        r"^(?:more from|elsewhere on|advertise with|jobs at|careers at|seen on) "
        r"(?P<name>.{2,40}?)\W*$",
        r"^subscribe to (?P<name>.{2,40}?) newsletters?\b.*$",
        r"^(?:download|get) the (?P<name>.{2,40}?) (?:news )?app\b.*$",
        r"^(?:search|buscar en|buscar|pesquisar no|pesquisar em|rechercher sur)"
        r" (?P<name>.{2,40}?)$",
        rf"^(?:acompanhe|siga|sigue a|segue) (?:o |a |al |los )?(?P<name>.{{2,40}}?)"
        rf" (?:no|na|en|on) {_SOCIAL}\b.*$",
        r"\b(?:últimas notícias|notícias|últimas noticias|lo último) d[eoa]s? (?P<name>.{2,40}?)$",
        r"(?P<name>[^\W\d_][\w.]+) uygulamasını indir",
        r"^mehr von (?P<name>.{2,40}?)$",
        r"^suivez (?P<name>.{2,40}?) sur .*$",
    )
]


def self_references(text: str) -> list[str]:
    """The names a line of calls to action gives the site ("Follow The Example on X")."""
    found = []
    text = re.sub(r"^[^\w@]+", "", text).strip()  # ("📲 Follow …", "» More from …")
    for rx in _SELF_REFERENCE:
        m = rx.search(text)
        if m:
            found.append(m.group("name").strip(" .,:;!|"))
    return found


def _own_names(text: str) -> list[tuple[str, ...]]:
    """The names a line of calls to action gives the site, as words (see
    :func:`self_references`); none from a line too long to be one."""
    if word_count(text) > 30:
        return []
    found = []
    for name in self_references(text):
        words = tuple(w.strip("'’") for w in _WORD_TOKEN.findall(name))
        if 1 <= len(words) <= 4 and not is_generic_name(name) and not _is_generic(words):
            found.append(words)
    return found


#: A byline's writer: "By Jane Roe" up to the separator before the outlet, if any.
_WRITER = re.compile(r"^\s*(?:by|por|von|par|di|door|от|автор)\s+[^,|/–—]+", re.I)


def byline_lines(lines: list[Line]) -> dict[int, bool]:
    """Line index -> whether it is a short line between the headline and the article's
    first sentence: the byline and dateline, where a reporter's outlet is named ("By
    Jane Roe, Example News", "From Example, in Almaty")."""
    out: dict[int, bool] = {}
    after_title = False
    for ln in lines:
        if ln.kind == LineKind.BODY and is_sentence_like(ln.text):
            after_title = False
        out[ln.index] = (
            after_title and ln.kind == LineKind.BODY and word_count(ln.text) <= SHORT_LINE_WORDS
        )
        after_title = after_title or ln.kind == LineKind.TITLE
    return out


#: The article's own lines: the names there are what it is about.
_ARTICLE_KINDS = (LineKind.BODY, LineKind.TITLE, LineKind.DATE)


def name_counts(lines: list[Line]) -> Names:
    """The names the page's furniture repeats (see the module's docstring): lines outside
    the article only, since the article repeats the names of what it is about — except
    its byline, which may name the reporter's outlet."""
    names = Names()
    short: list[tuple[str, set[tuple[str, ...]]]] = []
    byline = byline_lines(lines)
    seen: dict[str, set[bool]] = {}
    above = True  # (above the headline: the page's header)
    for ln in lines:
        text = ln.text
        above = above and ln.kind != LineKind.TITLE
        zones = seen.setdefault(kw.fold(text), set())
        if zones:
            # a button or label printed on every item ("Reply", "Back") is one line; but
            # a call to action printed in the header and again below the article is the
            # site naming itself in both of its places
            if above not in zones and ln.kind not in _ARTICLE_KINDS:
                names.add(set(_own_names(text)), SELF_REFERENCE_WEIGHT)
            zones.add(above)
            continue
        zones.add(above)
        owner = copyright_owner(text)
        if owner:
            names.add_copyright(text, owner)
            continue
        if byline[ln.index]:
            text = _WRITER.sub("", text)  # ("By Jane Roe, Example": the outlet only)
        elif ln.kind in _ARTICLE_KINDS:
            continue  # the article mentions places and people; the furniture names the site
        names.add_own(text)
        if word_count(text) <= SHORT_LINE_WORDS:
            short.append((text, names.add_short(text)))
    # A name the site calls itself by may be its brand in lower case: the short lines
    # it opens count it too ("steppe ledger live", "steppe ledger awards").
    for key in names.own:
        phrase = re.compile(r"^\W*" + r"\W+".join(map(re.escape, key)) + r"(?!\w)")
        for text, keys in short:
            if key not in keys and phrase.search(kw.fold(text)):
                names.add({tuple(key)}, 1)
    return names


def find_brand(lines: list[Line], names: Names | None = None) -> Brand | None:
    """The name the page's furniture repeats most."""
    names = names or name_counts(lines)
    counts = Counter({k: n for k, n in names.counts.items() if not names.is_category(k)})
    if not counts:
        return None
    best_n = max(counts.values())
    if best_n < MIN_BRAND_LINES:
        return None
    # Of the runs seen (nearly) as often as the best, the longest: "Al Jazeera" over "Jazeera".
    top = [k for k, n in counts.items() if n >= best_n * 0.6 and n >= MIN_BRAND_LINES]
    # A name the site calls itself by ("Follow X", "More from X") over a longer one seen
    # as often (the owner's in the copyright line, a place in the menu).
    top = [k for k in top if k in names.own] or top
    # (a tie: the name a copyright line states, on purpose, over one a menu repeats)
    key = max(top, key=lambda k: (len(k), counts[k], names.in_copyright(k)))
    # "Example News" over "Example": the brand followed by an outlet word, written as a
    # brand must be, is the site's full name (the bare brand is its menus' shorthand).
    # (Not from a company's name in a copyright line: "Example News & Media Ltd" is the
    # publisher.)
    longer_names = [
        (*key, w)
        for w in _OUTLET_WORDS
        if counts.get((*key, w), 0) - names.corporate[(*key, w)] >= MIN_BRAND_LINES
    ]
    if longer_names:
        key = max(longer_names, key=lambda k: counts[k])
    # "© 2019 Ledger da Estepe" over "Ledger", the menus' shorthand: the name
    # a copyright line states whole, without a company's legal form, containing the brand.
    whole = [k for k in names.stated if len(k) > len(key) and _contains(k, key)]
    if whole:
        key = max(whole, key=lambda k: (counts[k], len(k)))
    # "The Hill", "The Observers": the article belongs to the name when the page writes
    # it with the name at least half the time.
    for article in _NAME_ARTICLES:
        longer = (article, *key)
        if counts.get(longer, 0) >= max(2, counts[key] / 2):
            key = longer
            break
    return Brand(_spelling(names.spelling[key]), counts[key])


def _contains(longer: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(longer[i : i + n] == part for i in range(len(longer) - n + 1))


_NAME_ARTICLES = ("the", "la", "el", "le", "il", "o", "a")
#: Words that end an outlet's full name after its brand ("Example News", "Example TV").
_OUTLET_WORDS = tuple(
    kw.fold(w)
    for w in "news tv radio magazine daily online network новости haber xəbər yangiliklari".split()
)


def _squash(text: str) -> str:
    return re.sub(r"[^\w]", "", kw.fold(text))


def domain_matches(domain: str, name: str) -> bool:
    """Whether a site name and a domain are the same site ("Al Bawaba" ↔ albawaba.com)."""
    key = _squash(name)
    if len(key) < 2:
        return False
    labels = [_squash(label) for label in domain.split(".")[:-1]]
    return any(label and (label == key or (len(key) >= 4 and key in label)) for label in labels)


def _label_match(domain: str, key: str) -> int:
    """2 when a label of the domain is the name squashed ("jpost" ↔ jpost.com), 1 when it
    contains it (a name of four letters or more), else 0."""
    if len(key) < 2:
        return 0
    labels = [_squash(label) for label in domain.split(".")[:-1]]
    if key in labels:
        return 2
    return 1 if len(key) >= 4 and any(key in label for label in labels) else 0


def name_support(domain: str, names: Names) -> float:
    """How strongly the names the furniture repeats point at a domain: the weight of the
    best-matching name, halved when the domain only contains it."""
    best = 0.0
    for gram, n in names.counts.items():
        match = _label_match(domain, _squash("".join(gram)))
        if match:
            best = max(best, n if match == 2 else n / 2)
    return best


#: Two bare addresses of different sites this many lines apart or closer are a list.
SITE_LIST_SPAN = 3
#: This many bare addresses in a row, each of a site written once, are a list of links.
LINK_RUN = 4


def site_lists(lines: list[Line]) -> set[int]:
    """The indices of the lines of a list of other sites, each a link, not the page
    stating its own address: a group's network menu (:func:`_network_menu`) or the
    commenters' links under a post (:func:`_link_runs`)."""
    bare = [
        (k, frozenset(domains_in(ln.text)))
        for k, ln in enumerate(lines)
        if _BARE_ADDRESS.match(ln.text.strip()) and domains_in(ln.text)
    ]
    return _network_menu(lines, bare) | _link_runs(lines, bare)


Addresses = list[tuple[int, frozenset[str]]]


def _network_menu(lines: list[Line], bare: Addresses) -> set[int]:
    """A bare address with another site's a few lines away ("WSJ.com", "New York
    Post", "Realtor.com")."""
    listed: set[int] = set()
    for (k, doms), (j, others) in zip(bare, bare[1:], strict=False):
        if j - k <= SITE_LIST_SPAN and doms != others:
            listed.update((lines[k].index, lines[j].index))
    return listed


def _link_runs(lines: list[Line], bare: Addresses) -> set[int]:
    """Runs of :data:`LINK_RUN` or more bare addresses in a row, each of a site the page
    writes once, however far apart (the article between two of them ends a run: the
    header's own address is not the comments' first link)."""
    written = Counter(doms for _, doms in bare)
    runs: list[list[int]] = [[]]
    for k, doms in bare:
        run = runs[-1]
        apart = bool(run) and any(
            ln.kind in (LineKind.BODY, LineKind.TITLE) for ln in lines[run[-1] + 1 : k]
        )
        if apart or written[doms] > 1:
            runs.append([])
        if written[doms] == 1:
            runs[-1].append(k)
    return {lines[k].index for run in runs if len(run) >= LINK_RUN for k in run}


def _menu_item(ln: Line) -> bool:
    return (
        ln.kind not in (LineKind.BODY, LineKind.TITLE, LineKind.DATE)
        and 1 <= word_count(ln.text) <= 3
        and re.search(r"[^\W\d_]{2}", ln.text) is not None  # (a counter's "21" is no item)
        and not is_sentence_like(ln.text)
        and not _COPYRIGHT.search(ln.text)
    )


def menu_links(lines: list[Line]) -> set[int]:
    """The indices of the bare addresses standing inside a menu: the lines on both
    sides are menu items (one to three words, outside the article), so the address is
    one more item — a link to a partner or a product ("Sections", "Example.com",
    "Chat"), not the page stating its own address, which stands by itself or by the
    copyright line."""
    return {
        lines[k].index
        for k in range(1, len(lines) - 1)
        if _BARE_ADDRESS.match(lines[k].text.strip())
        and _menu_item(lines[k - 1])
        and _menu_item(lines[k + 1])
    }


def _by_copyright_line(lines: list[Line], k: int) -> bool:
    """A bare address right above or below the copyright line: the footer's statement of
    the site ("Example.com" over "© 1996-2024 Example Communications")."""
    if not _BARE_ADDRESS.match(lines[k].text.strip()):
        return False
    return any(
        0 <= j < len(lines) and is_copyright_line(lines[j].text) for j in (k - 1, k + 1)
    )


def find_site_domain(lines: list[Line], names: Names | None = None) -> str | None:
    """The domain the page most plainly states as its own, or None."""
    names = names or name_counts(lines)
    scores: Counter[str] = Counter()
    links = site_lists(lines) | menu_links(lines)
    for k, ln in enumerate(lines):
        found = domains_in(ln.text)
        for dom in found:
            scores[dom] += 1
            if is_copyright_line(ln.text) or _by_copyright_line(lines, k):
                scores[dom] += 3
            if _BARE_ADDRESS.match(ln.text.strip()) and ln.index not in links:
                scores[dom] += 2
        if ln.kind in (LineKind.BODY, LineKind.TITLE):
            continue  # an address the article quotes may be anyone's
        for dom in email_domains_in(ln.text):
            if dom in found:
                continue
            # a desk's or reporter's address outside the article: the site's own domain,
            # as plainly as a bare address when the line is the address alone
            scores[dom] += 3 if _BARE_EMAIL.match(ln.text.strip()) else 1
    if not scores:
        return None
    # (the brand is the most repeated name, so name_support already counts it)
    support = {dom: name_support(dom, names) for dom in scores}
    ranked = {dom: score + support[dom] for dom, score in scores.items()}
    dom = max(ranked, key=ranked.__getitem__)  # a tie: the domain written first
    if ranked[dom] >= MIN_DOMAIN_SCORE:
        return dom
    # Written once, but its very name also stands in the furniture ("PanARMENIAN.Net" and
    # a "PanARMENIAN Photo" credit): still the page's own, when no other domain competes.
    # (The name must stand in another line than the address: "Visit Example.ca" alone is
    # a link to another site.)
    own_line = any(
        dom in domains_in(ln.text)
        and ln.kind not in (LineKind.BODY, LineKind.TITLE, LineKind.DATE)
        and word_count(ln.text) <= SHORT_LINE_WORDS
        for ln in lines
    )
    if len(scores) == 1 and any(
        _label_match(dom, _squash("".join(gram))) == 2 and n > own_line
        for gram, n in names.counts.items()
    ):
        return dom
    return None
