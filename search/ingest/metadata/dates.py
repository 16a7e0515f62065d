"""Dates in running text (en, ru, uz Latn/Cyrl, kk, az, tr) and the rule that picks the
article's publication date among them.

Why a hand-made recogniser instead of a general date parser: the question is not "what
dates does this text contain" but "which date is stated *with the article*", so every
match must keep its position and its form (full date, day and month only, a weekday
widget) for the picking rule in `find_published`.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from qidir.analyzers.normalize import APOSTROPHE
from qidir.analyzers.normalize import fold as fold_word
from qidir.search.ingest.metadata.keywords import strip_view_counters
from qidir.search.ingest.metadata.lines import LineKind, Page, is_sentence_like, word_count

_LATIN_FOLD = str.maketrans("ışğçöüəâîû", "isgcoueaiu")


def _fold_word(word: str) -> str:
    """A calendar word's lookup form: folded as the analyzers fold words, any case ending
    after an apostrophe cut ("Mart'ta" → "mart"), Turkic letters read as Latin ones."""
    word = fold_word(word).replace("\u0307", "").replace(APOSTROPHE, "'")
    word = word.split("'", 1)[0] if not re.match(r"^[a-z]'", word) else word
    return word.rstrip(".").translate(_LATIN_FOLD)


def _forms(table: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for month, line in enumerate(table.strip().splitlines(), start=1):
        for form in line.split():
            out[_fold_word(form)] = month
    return out


# One line per month; every form on the line (base forms, case forms, abbreviations).
_MONTH_FORMS: dict[str, int] = {}
for _table in (
    # English
    """january jan
    february feb
    march mar
    april apr
    may
    june jun
    july jul
    august aug
    september sept sep
    october oct
    november nov
    december dec""",
    # Russian (all cases used after a day number) and abbreviations
    """январь января январе янв
    февраль февраля феврале фев февр
    март марта марте мар
    апрель апреля апреле апр
    май мая мае
    июнь июня июне июн
    июль июля июле июл
    август августа августе авг
    сентябрь сентября сентябре сен сент
    октябрь октября октябре окт
    ноябрь ноября ноябре ноя нояб
    декабрь декабря декабре дек""",
    # Uzbek Cyrillic
    """январ
    феврал
    март
    апрел
    май
    июн
    июл
    август
    сентябр
    октябр
    ноябр
    декабр""",
    # Uzbek Latin and Azerbaijani (the same Russian-derived names, two spellings)
    """yanvar
    fevral
    mart
    aprel
    may
    iyun
    iyul
    avgust avqust
    sentabr sentyabr
    oktabr oktyabr
    noyabr
    dekabr""",
    # Kazakh
    """қаңтар
    ақпан
    наурыз
    сәуір
    мамыр
    маусым
    шілде
    тамыз
    қыркүйек
    қазан
    қараша
    желтоқсан""",
    # Turkish
    """ocak
    şubat
    mart
    nisan
    mayıs
    haziran
    temmuz
    ağustos
    eylül
    ekim
    kasım
    aralık""",
):
    _MONTH_FORMS.update(_forms(_table))

DATA_MONTHS = Path(__file__).with_name("data") / "months_generated.json"


def _load_generated_months() -> None:
    """CLDR month names and abbreviations (data/months_generated.json, see build_data)."""
    for names in json.loads(DATA_MONTHS.read_text("utf-8")).values():
        for name, month in names.items():
            _MONTH_FORMS.setdefault(_fold_word(name), month)


_load_generated_months()

DATA_CALENDARS = Path(__file__).with_name("data") / "calendar_other.json"


#: Month forms that name a month only in a date with its year (other languages' abbreviations).
_YEAR_ONLY_FORMS: set[str] = set()


def _load_other_calendars() -> frozenset[str]:
    """Month names of other languages (data/calendar_other.json), for pages qidir does not
    analyse; returns their weekday names. A name that means different months in two
    languages (Croatian "listopad" is October, Czech November) or that our six languages
    already use for another month is left out: no date beats a wrong one."""
    data = json.loads(DATA_CALENDARS.read_text("utf-8"))
    seen: dict[str, set[int]] = {}
    weekdays: set[str] = set()
    for table in data.values():
        for name, month in table["months"].items():
            seen.setdefault(_fold_word(name), set()).add(month)
        for name in table["weekdays"]:
            # (parts of two or fewer letters, Albanian "e" in "e hënë", are no weekday)
            weekdays.update(
                _fold_word(part) for part in re.split(r"[-\s]+", name) if len(part) >= 3
            )
    for form, months in seen.items():
        if len(months) == 1 and form not in _MONTH_FORMS:
            _MONTH_FORMS[form] = months.pop()
    # Abbreviations ("ago", "janv", "pro") are short words in other languages too: they
    # count only in a date that states its year ("02 Ago 2017"), never in "3 pro-Morales".
    short: dict[str, set[int]] = {}
    for table in data.values():
        for name, month in table.get("abbreviated", {}).items():
            short.setdefault(_fold_word(name), set()).add(month)
    for form, months in short.items():
        if len(months) == 1 and form not in _MONTH_FORMS:
            _MONTH_FORMS[form] = months.pop()
            _YEAR_ONLY_FORMS.add(form)
    return frozenset(weekdays)


_OTHER_WEEKDAYS = _load_other_calendars()

#: Case suffixes that may follow a month name in the agglutinative languages.
_MONTH_SUFFIXES = sorted(
    {
        _fold_word(s)
        for s in """
        da dan ning ga ni oyi oyida oyining
        да дан нинг га ни ойи ойида ь я
        ы і да де та те дағы дегі тағы тегі ның нің дың дің тың тің
        də dən ın in un ün a ə ında ində unda ündə
        ta te tan ten ında inde
        """.split()
    },
    key=len,
    reverse=True,
)

_WEEKDAYS = frozenset(
    _fold_word(w)
    for w in """
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
    пн вт ср чт пт сб вс
    dushanba seshanba chorshanba payshanba juma shanba yakshanba
    душанба сешанба чоршанба пайшанба жума шанба якшанба
    дүйсенбі сейсенбі сәрсенбі бейсенбі жұма сенбі жексенбі
    bazar ertəsi çərşənbə axşamı cümə şənbə
    pazartesi salı çarşamba perşembe cuma cumartesi pazar
    """.split()
) | _OTHER_WEEKDAYS

#: Words that label a date line ("Published:", "Опубликовано", "Sana:").
_LABELS = frozenset(
    _fold_word(w)
    for w in """
    date dated published posted updated update last on at
    дата опубликовано обновлено обновлен публикации время
    sana e'lon qilingan qilindi nashr chop etilgan yangilangan yangilandi kuni
    сана эълон қилинган қилинди нашр этилган чоп янгиланган янгиланди куни
    жарияланды жарияланған жаңартылды күні уақыты
    tarix yayımlanıb yenilənib
    tarih tarihi yayınlanma yayımlanma yayın güncelleme güncellendi tarixi sanasi
    """.split()
)

#: Words for "year" (and their case forms) that may follow or precede the year number.
_YEAR_WORD = (
    r"(?:года|году|год|г\.|г|yilning|yilda|yili|yil|y\.|йилнинг|йилда|йили|йил|й\.|"
    r"жылғы|жылы|жыл|ж\.|ilin|ildə|ili|il|yılının|yılında|yılı|yıl)"
)

_W = r"[^\W\d_]+(?:['ʻʼ‘’][^\W\d_]+)?\.?"
_Y = r"(?P<y>(?:19|20)\d{2})"
_D = r"(?P<d>[0-3]?\d)"
_DSUF = r"(?:st|nd|rd|th|-?(?:chi|inchi|нчи|чи|нші|ші|інші|ncı|nci|ncu|ncü|cı|ci|cu|cü))?"

# A year ends at a non-digit, or runs into a time when a copy lost the space
# ("31 de marzo de 201619:44").
_YEAR_END = r"(?:(?!\d)|(?=[0-2]?\d[:.][0-5]\d(?!\d)))"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"(?<![\d.]){_Y}-(?P<mo>[01]?\d)-(?P<d>[0-3]?\d)(?![\d])")),
    ("ymd_dots", re.compile(rf"(?<![\d.]){_Y}[./](?P<mo>[01]?\d)[./](?P<d>[0-3]?\d)(?![\d.])")),
    ("dmy_num", re.compile(rf"(?<![\d.]){_D}[./-](?P<mo>[01]?\d)[./-]{_Y}(?![\d])")),
    (
        "ymd_word",
        re.compile(
            rf"(?<!\d){_Y}(?:\s*-?\s*{_YEAR_WORD})?[\s,-]+{_D}{_DSUF}[-\s]+(?P<m>{_W})",
            re.I,
        ),
    ),
    # "2018年6月18日", "2012年12月10日": the CJK calendar form.
    ("ymd_cjk", re.compile(rf"(?<!\d){_Y}\s*年\s*(?P<mo>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日")),
    (
        "dmy",
        re.compile(
            rf"(?<![\w.]){_D}{_DSUF}\.?[-\s]+(?:(?:of|de|del|di)\s+)?(?P<m>{_W})"
            rf"(?:\s+(?:de|del|di))?[\s,.-]*{_Y}{_YEAR_END}",
            re.I,
        ),
    ),
    ("mdy", re.compile(rf"(?<![\w])(?P<m>{_W})\s*{_D}{_DSUF},?\s+{_Y}(?!\d)", re.I)),
    ("dm", re.compile(rf"(?<![\w.]){_D}{_DSUF}[-\s]+(?:of\s+)?(?P<m>{_W})", re.I)),
    ("md", re.compile(rf"(?<![\w])(?P<m>{_W})\s*{_D}{_DSUF}(?![\d:.,]\d)(?!\w)", re.I)),
]

_TIME = re.compile(
    r"(?<!\d)[0-2]?\d(?:[:.]|h(?=\d\d))[0-5]\d(?:[:.][0-5]\d)?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?",
    re.I,
)
_TZ = re.compile(
    r"\(?\b(?:utc|gmt|msk|ast|bst|cet|eet)\s*(?:[+-−]\s*\d{1,2}(?::?\d{2})?)?\)?|\([+-−]\d{1,2}:?\d{2}\)",
    re.I,
)


def month_number(word: str) -> int | None:
    """The month a word names (in any of the six languages, inflected or abbreviated)."""
    w = _fold_word(word)
    if w in _MONTH_FORMS:
        return _MONTH_FORMS[w]
    for suffix in _MONTH_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)]
            if base in _MONTH_FORMS and len(base) >= 4 or base in ("may", "май", "mart", "март"):
                return _MONTH_FORMS.get(base)
    return None


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    year: int | None
    month: int
    day: int
    form: str  # one of the pattern names

    @property
    def full(self) -> bool:
        return self.year is not None

    def iso(self, year: int | None = None) -> str:
        return f"{(year or self.year):04d}-{self.month:02d}-{self.day:02d}"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        _dt.date(y, m, d)
    except ValueError:
        return False
    return True


_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


def date_in_url(url: str | None) -> str | None:
    """The publication date a URL's path states (``/2024/02/14/``, ``/2024-02-14-…``)."""
    if not url:
        return None
    path = url.split("://", 1)[-1].partition("/")[2]
    m = _URL_DATE.search("/" + path)
    if m is None:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None


def find_dates(text: str) -> list[DateMatch]:
    """Every date stated in `text`, full dates first claiming their span."""
    return list(_find_dates(text))


@lru_cache(maxsize=2048)
def _find_dates(text: str) -> tuple[DateMatch, ...]:
    # The same lines are asked about by chrome removal, the title and the date rules.
    taken = bytearray(len(text))
    out: list[DateMatch] = []
    for form, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            groups = m.groupdict()
            if groups.get("m") is not None:
                month = month_number(groups["m"])
                if month is None:
                    continue
                if not groups.get("y") and _fold_word(groups["m"]) in _YEAR_ONLY_FORMS:
                    continue
            else:
                month = int(groups["mo"])
            day = int(groups["d"])
            year = int(groups["y"]) if groups.get("y") else None
            if form == "dmy_num" and month > 12 and day <= 12:
                day, month = month, day
            if not _valid(year or 2000, month, day):
                continue
            if form == "md" and _fold_word(groups["m"]) == "may" and not _looks_like_may(text, s):
                continue
            taken[s:e] = b"\x01" * (e - s)
            out.append(DateMatch(s, e, year, month, day, form))
    out.sort(key=lambda d: d.start)
    return tuple(out)


def _looks_like_may(text: str, start: int) -> bool:
    """English "may 5" is a date only when 'May' is capitalised."""
    return text[start : start + 3] == "May"


def _residue(text: str) -> list[str]:
    """Words of a line left after removing dates, times, zones, weekdays and labels."""
    text = re.sub(r"(?<=\d)T(?=\d)", " ", text)  # ISO "2022-05-10T14:00"
    pieces, pos = [], 0
    for d in find_dates(text):
        pieces.append(text[pos : d.start])
        pos = d.end
    rest = " ".join([*pieces, text[pos:]])
    rest = _TZ.sub(" ", _TIME.sub(" ", rest))
    rest = re.sub(rf"(?<!\w){_YEAR_WORD}(?!\w)", " ", rest, flags=re.I)
    # Ordinal endings left by a matched year or day ("2023-cü il", "5-chi").
    rest = re.sub(
        r"(?:(?<=\d)-?|(?:^|(?<=\s))-)(?:nc[ıiuü]|c[ıiuü]|inchi|chi|нчи|чи|нші|ші)(?!\w)",
        " ",
        rest,
        flags=re.I,
    )
    words = re.findall(r"[^\W\d_]+(?:['ʻʼ‘’][^\W\d_]+)*", rest)
    words = [w for w in words if _fold_word(w) not in _WEEKDAYS and _fold_word(w) not in _LABELS]
    if words and _TIME.search(text):
        # Around a time, short words are its connectors and zone in any language:
        # "às 20:13", "a las 17:12 CDT", "18:52 WIB", "15:01 AMT".
        words = [w for w in words if not (len(w) <= 3 and (w.islower() or w.isupper()))]
    return words


def is_date_only(text: str) -> bool:
    """A line that states a date (and maybe time, weekday, label, view counter) and nothing
    else."""
    return bool(find_dates(text)) and not _residue(strip_view_counters(text))


def has_weekday(text: str) -> bool:
    return any(_fold_word(w) in _WEEKDAYS for w in re.findall(r"[^\W\d_]+", text))


def has_label(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+(?:['ʻʼ‘’][^\W\d_]+)*", text)
    return any(_fold_word(w) in _LABELS - {"on", "at", "last"} for w in words)


def strip_date_phrases(text: str) -> str:
    """A headline without a date (and its label) glued to its start or end."""
    dates = find_dates(text)
    if not dates:
        return text
    first, last = dates[0], dates[-1]
    head = text[: first.start]
    strippable = (_LABELS | _WEEKDAYS) - {"on", "at", "last"}
    if first.start <= 20 and all(
        _fold_word(w) in strippable for w in re.findall(r"[^\W\d_]+", head)
    ):
        rest = text[first.end :]
        rest = _TZ.sub(" ", re.sub(rf"^\s*(?:{_TIME.pattern})", " ", rest))
        text = rest.strip(" ,|-–—•·")
        return strip_date_phrases(text) if find_dates(text) and text != rest else text
    tail = text[last.end :]
    if not re.search(r"[^\W\d_]", _TZ.sub("", _TIME.sub("", tail))):
        body = text[: last.start].rstrip(" ,|-–—•·")
        if re.search(r"[^\W\d_]", body):
            return body
    return text


def _is_dateline(text: str, d: DateMatch) -> bool:
    """'BAKU, June 7 (Reuters) —' or 'June 7, 2024 —' at the start of a paragraph."""
    prefix = text[: d.start]
    if prefix.strip() and not re.fullmatch(r"\s*[A-ZА-ЯЁЎҚҒҲӘӨҮҰІҢҺ][\w .'’-]{1,30},\s*", prefix):
        return False
    place = prefix.strip(" ,")
    if place and not all(w[:1].isupper() for w in re.split(r"[\s-]+", place) if w):
        return False  # "BAKU," or "Душанбе," — a place, not the end of a sentence
    if len(place.split()) > 3:
        return False
    after = text[d.end :]
    return bool(
        re.match(
            rf"\s*(?:{_YEAR_WORD}\s*)?,?\s*(?:\d{{1,2}}:\d{{2}}\s*)?(?:\([^)]{{1,40}}\)\s*)?[—–-]",
            after,
            re.I,
        )
    )


_PUBLISHED_WORDS = re.compile(
    r"published|publication|опубликован\w*|публикац\w*|e'lon qilin\w*|эълон қилин\w*|"
    r"chop etil\w*|чоп этил\w*|жариялан\w*|dərc\w*|yayımlan\w*|yayınlan\w*",
    re.I,
)


def _stated_publication(text: str, dates: list[DateMatch]) -> DateMatch | None:
    """A full date the line itself calls the publication date."""
    for d in dates:
        if not d.full:
            continue
        window = text[max(0, d.start - 40) : d.end + 40].replace("’", "'").replace("ʼ", "'")
        if _PUBLISHED_WORDS.search(window) and not _UPDATED.search(text[: d.start][-25:]):
            return d
    return None


def _without_dates(text: str, dates: list[DateMatch]) -> str:
    """The line with its dates and clock times cut out (what is left is the byline)."""
    for d in sorted(dates, key=lambda d: -d.start):
        text = text[: d.start] + " " + text[d.end :]
    return _TIME.sub(" ", text).strip(" ,:;|·•-–—/")  # ("Updated:" left by its date)


_BYLINE_START = re.compile(
    r"^(?:by|von|por|par|di|oleh|от|автор|yazar|müəllif|muallif|posted|published)\b", re.I
)
_SEGMENTS = re.compile(r"\s+[|/·•—–]\s+")


def _dateline_above(text: str, dates: list[DateMatch]) -> bool:
    """A dateline standing above the headline: "November 19, 2019 / 12:21 AM / Updated …"
    (its first segment a date), a byline with a full date ("Von A. Autor publiziert am
    30. Juli 2018"), or a full date with its time and a word or two ("itthon 2019-07-30
    20:36"). Today's-date widgets have no time and no byline."""
    first = _SEGMENTS.split(text, maxsplit=1)[0]
    if first != text and is_date_only(first):
        return True
    full = [d for d in dates if d.full]
    if not full or word_count(text) > 14:
        return False
    if _BYLINE_START.match(text.strip()):
        return True
    return bool(_TIME.search(text)) and word_count(_without_dates(text, dates)) <= 2


def _place_and_date(text: str, dates: list[DateMatch]) -> bool:
    """'Bakı, 5 may 2023': a place name and a full date, nothing else."""
    d = dates[0]
    place = text[: d.start].strip(" ,")
    rest = text[d.end :].strip(" ,")
    return (
        d.full
        and bool(place)
        and len(place.split()) <= 3
        and all(w[:1].isupper() for w in place.split())
        and not _residue(rest)
    )


def _trailer_date(text: str) -> DateMatch | None:
    """A full date standing alone at the end of a line, after a finished sentence."""
    dates = [d for d in find_dates(text) if d.full]
    if not dates:
        return None
    d = dates[-1]
    before = text[: d.start].rstrip()
    after = _TZ.sub("", _TIME.sub("", text[d.end :]))
    after = re.sub(rf"(?<!\w){_YEAR_WORD}(?!\w)", "", after, flags=re.I)
    if re.search(r"[^\W\d_]", after):
        return None
    return d if before.endswith((".", "!", "?", "»", '"', "”", ")")) or not before else None


_UPDATED = re.compile(
    r"(?:updated|update|обновлено|обновлен|обновлён|изменено|yangilangan|yangilandi|"
    r"янгиланган|янгиланди|жаңартылды|жаңартылған|yenilənib|yeniləndi|"
    r"güncelleme|güncellendi)\W{0,3}$",
    re.I,
)


def _first_published(text: str, dates: list[DateMatch]) -> DateMatch:
    """On a line with "Published … | Updated …", the date not labelled as an update."""
    for d in dates:
        if not _UPDATED.search(text[max(0, d.start - 20) : d.start]):
            return d
    return dates[0]


#: Characters of scripts written without spaces (a paragraph there has few "words").
_DENSE_CHARS = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def find_published(page: Page) -> tuple[str | None, str | None]:
    """The date stated with the article, as (YYYY-MM-DD, precision) or (None, None).

    Preference, highest first: a date line between the headline and the first paragraph;
    a date glued to the headline line or a paragraph's dateline; a date line above the
    headline that is not a weekday widget; a full date closing a caption near the top;
    a date line right after the article's last sentence. Lists, sidebars and footers
    never count; a weekday line above the headline without a time is today's-date widget.
    """
    lines = page.lines
    title_pos = next((k for k, ln in enumerate(lines) if ln.kind == LineKind.TITLE), None)
    cands: list[tuple[int, int, DateMatch]] = []  # (score, position, match)
    prose_seen = 0
    tail_seen = 0
    # Between the headline and the article's first paragraph stand its byline and date,
    # even where a list of other stories ran on into them (so they were marked "list").
    # (The header ends at the second paragraph: the first may be the standfirst.)
    paragraphs = [
        k for k, ln in enumerate(lines)
        if title_pos is not None and k > title_pos and ln.kind == LineKind.BODY
        and (is_sentence_like(ln.text) or len(_DENSE_CHARS.findall(ln.text)) >= 20)
    ]
    header_end = paragraphs[1] if len(paragraphs) > 1 else len(lines)
    for k, ln in enumerate(lines):
        in_header = title_pos is not None and title_pos < k < header_end
        listed = ln.kind == LineKind.LIST and not in_header
        if ln.kind in (LineKind.CHROME, LineKind.DUP) or listed:
            continue
        if ln.kind == LineKind.TAIL:
            tail_seen += 1
            if tail_seen <= 3 and is_date_only(ln.text):
                # Right after the last sentence, or labelled a little further down
                # ("Published: …" under the share buttons).
                if tail_seen == 1 or has_label(ln.text):
                    cands.append((1, k, _first_published(ln.text, find_dates(ln.text))))
            continue
        dates = find_dates(ln.text)
        if title_pos is not None and k < title_pos:
            if dates and (
                is_date_only(ln.text) or _place_and_date(ln.text, dates)
                or _dateline_above(ln.text, dates)
            ):
                widget = (
                    has_weekday(ln.text) and not _TIME.search(ln.text) and not has_label(ln.text)
                )
                if not widget:
                    cands.append((3 if has_label(ln.text) else 2, k, dates[0]))
            continue
        if not dates:
            if k != title_pos and is_sentence_like(ln.text):
                prose_seen += 1  # (a headline ending in "?" is not the article's text)
            continue
        if k == title_pos:
            if strip_date_phrases(ln.text) != ln.text:
                d = dates[0] if dates[0].start < len(ln.text) // 2 else dates[-1]
                cands.append((3, k, d))
            continue
        if is_date_only(ln.text):
            if prose_seen <= 1:
                d = _first_published(ln.text, dates)
                if _UPDATED.search(ln.text[: d.start]):
                    score = 1  # "Updated: …" on a line of its own; the published line wins
                else:
                    score = 5 if has_label(ln.text) else 4
                if prose_seen:
                    score -= 1  # under a standfirst: still the article's date line
                cands.append((score, k, d))
        elif (
            prose_seen <= 1 and not is_sentence_like(_without_dates(ln.text, dates))
            and word_count(_without_dates(ln.text, dates)) <= 14
        ):
            # A dateline or byline between headline and text: "ASTANA, 21 October 2025",
            # "By A. Writer | 8 December 2020", "28.09.2022 | Society".
            segments = re.split(r"\s+[|·•—–]\s+|\s*\|\s*", ln.text)
            separate = any(is_date_only(seg) for seg in segments if seg.strip())
            full = [d for d in dates if d.full]
            # (Under a standfirst, one point less: the standfirst's own line comes first.)
            if full:
                score = (4 if separate else 3) - (1 if prose_seen else 0)
                cands.append((score, k, _first_published(ln.text, full)))
            elif separate or dates[0].start == 0:
                cands.append((3 - prose_seen, k, dates[0]))  # "6 марта, 09:12 Дина Касымова"
        elif prose_seen <= 1:
            if _is_dateline(ln.text, dates[0]):
                cands.append((3, k, dates[0]))
            else:
                trailer = _trailer_date(ln.text)
                if trailer is not None and prose_seen == 0:
                    cands.append((2, k, trailer))
        stated = _stated_publication(ln.text, dates) if word_count(ln.text) <= 12 else None
        if stated is not None:
            cands.append((2, k, stated))  # "This story was published on 3 January 2024."
        if is_sentence_like(ln.text):
            prose_seen += 1
    if not cands:
        return None, None
    cands.sort(key=lambda c: (-c[0], c[1]))
    best = cands[0][2]
    if best.full:
        return best.iso(), "day"
    years = {
        d.year
        for ln in lines
        if ln.kind in (LineKind.BODY, LineKind.TITLE, LineKind.DATE)
        for d in find_dates(ln.text)
        if d.full
    }
    if len(years) == 1:
        (year,) = years
        if _valid(year, best.month, best.day):
            return best.iso(year), "day-inferred-year"
    return None, None
