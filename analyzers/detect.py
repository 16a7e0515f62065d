"""Language and script of each part of a text.

No detector we could use knows Uzbek (let alone Uzbek Cyrillic vs Russian), so this is a
small, transparent scorer: every word votes for the languages it is evidence for (frequent
words of :mod:`wordlists`, letters only one language uses, a few suffixes), each line
(paragraph) is scored, and a sentence or quotation inside a line gets its own part when its own
votes clearly say another language (an Uzbek article quoting Russian). Lines with no evidence
(a headline of names) take the language of their neighbours in the same script.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from qidir.analyzers.cache import memoized
from qidir.analyzers.normalize import APOSTROPHE, fold
from qidir.analyzers.tokenize import word_re_for
from qidir.analyzers.uzbek import to_latin
from qidir.analyzers.wordlists import FREQ

LANGS = ("en", "ru", "uz", "kk", "az", "tr")
EN, RU, UZ, KK, AZ, TR = range(6)
CYRL_LANGS = frozenset({RU, UZ, KK})
LATN_LANGS = frozenset({EN, UZ, KK, AZ, TR})

#: Margin (in votes) by which a sentence must beat its line's language to become its own part.
OVERRIDE_MARGIN = 1.5
#: A line whose best language has fewer votes than this is "no evidence".
MIN_EVIDENCE = 0.5
#: A part with less than this (one Russian-looking ending, one ы: a loanword like ``Операция.``
#: in an Uzbek article) is too short to carry evidence against its surroundings: it takes the
#: language of a neighbour in its script that has more, else the record's (``hint``).
WEAK_EVIDENCE = 1.0


class Part(NamedTuple):
    """A stretch ``text[start:end]`` in one language (ISO 639-1 or ``und``) and script
    (ISO 15924: ``Latn``, ``Cyrl``; ``Zyyy`` when it has no letters)."""

    start: int
    end: int
    lang: str
    script: str


class _WordInfo(NamedTuple):
    cyr: int  # letters in Cyrillic
    lat: int  # letters in Latin
    votes: tuple[tuple[int, float], ...]
    not_uzbek: bool = False  # has a letter Uzbek's Latin alphabet lacks (ı ğ ş ç ö ü)


_UZ_ONLY_CYR = re.compile("[ўҳ]")
_UZ_KK_CYR = re.compile("[қғ]")
_KK_ONLY_CYR = re.compile("[әөұүһің]")
_RU_SUFFIX = re.compile(
    # (not -ция: Uzbek writes the same loanwords, делегация, революция)
    r"(?:ого|его|ому|ему|ыми|ими|ться|тся|ость|ение|ения|ении|ский|ская|ское|ской|ских|"
    r"ного|ных|ный|ная|ное|ые|ый|ая|ой|ет|ют|ют|ла|ли|ать|ить|ует|ции|ства|ство|стве)$"
)
_UZ_SUFFIX_LAT = re.compile(r"(?:ning|larni|lari|larda|larga|dagi|moqda|ligi|lik|ga)$")
_UZ_DIGRAPH_LAT = re.compile(f"[og]{APOSTROPHE}")
_EN_PATTERN = re.compile(r"th|w|(?:tion|ment|ness|ed|ly)$")
_AZ_LETTER = re.compile("ə")
_TR_AZ_LETTER = re.compile("[ığşçöü]")
_QX = re.compile("[qx]")
_TR_PATTERN = re.compile(r"(?:yor|yordu|yorlar|mış|miş|muş|müş|acak|ecek)$")
# Azerbaijani perfect -ıb/-ib/-ub/-üb (açılıb, görüşüb); Turkish says -mış.
_AZ_PATTERN = re.compile(r"(?:ıb|ib|ub|üb|iblər|ıblar)$")
_KK_LATN = re.compile("[ñū]")

_WORDS = {i: FREQ[lang] for i, lang in enumerate(LANGS)}


_CYR_LETTER = re.compile("[\u0400-\u052f]")
_LAT_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0259\u018f]")


def script_of(text: str) -> str:
    """Majority script of a text: ``Cyrl``, ``Latn`` or ``Zyyy`` (no letters). Cheap (counts
    letters, no language detection), for whole documents whose language is already known."""
    cyr = len(_CYR_LETTER.findall(text))
    lat = len(_LAT_LETTER.findall(text))
    if not cyr and not lat:
        return "Zyyy"
    return "Cyrl" if cyr > lat else "Latn"


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


#: What a word is evidence for, as data: (pattern, minimum length, votes). A pattern is
#: searched in the folded word, or, where the table says so, in a Cyrillic word's Uzbek Latin
#: transliteration. The order is the order votes are added in.
Rule = tuple[re.Pattern[str], int, tuple[tuple[int, float], ...]]
#: Frequent-word lists consulted per script: (language, look at the Uzbek Latin form).
_CYR_WORDS = ((RU, False), (KK, False), (UZ, True))
_LAT_WORDS = ((EN, False), (UZ, False), (AZ, False), (TR, False), (KK, False))
_CYR_RULES: tuple[tuple[Rule, bool], ...] = (
    ((_UZ_ONLY_CYR, 0, ((UZ, 2.0),)), False),
    ((_UZ_KK_CYR, 0, ((UZ, 1.0), (KK, 1.0))), False),
    ((_KK_ONLY_CYR, 0, ((KK, 2.0),)), False),
    ((re.compile("ы"), 0, ((RU, 0.5), (KK, 0.5))), False),
    ((re.compile("щ"), 0, ((RU, 1.0),)), False),
    ((_RU_SUFFIX, 5, ((RU, 0.5),)), False),
    ((_UZ_SUFFIX_LAT, 6, ((UZ, 0.5),)), True),
)
_LAT_RULES: tuple[tuple[Rule, bool], ...] = (
    ((_UZ_DIGRAPH_LAT, 0, ((UZ, 2.0),)), False),
    ((_AZ_LETTER, 0, ((AZ, 2.0),)), False),
    # shared by both, but Azerbaijani text also has ə in nearly every sentence (voted above),
    # so without ə these letters lean Turkish
    ((_TR_AZ_LETTER, 0, ((TR, 0.5), (AZ, 0.3))), False),
    ((_QX, 0, ((UZ, 0.5), (AZ, 0.5))), False),
    ((_KK_LATN, 0, ((KK, 2.0),)), False),
    ((_EN_PATTERN, 4, ((EN, 0.5),)), False),
    ((_UZ_SUFFIX_LAT, 6, ((UZ, 0.5),)), False),
    ((_TR_PATTERN, 5, ((TR, 0.5),)), False),
    ((_AZ_PATTERN, 5, ((AZ, 1.0),)), False),
)


#: One shared object per distinct word info: there are few (letter counts and a vote or
#: two), so a cached word costs its key alone and the cache can hold a 100k-document
#: collection's vocabulary (~300k written words over the six languages) in the memory
#: 100k entries with a value each took. A cache smaller than the vocabulary empties itself
#: every few thousand documents and then misses on most words (36 a document at 100k).
_INFOS: dict[_WordInfo, _WordInfo] = {}
_MAX_INFOS = 50_000


@memoized(400_000)
def _word_info(surface: str) -> _WordInfo:
    info = _compute_word_info(surface)
    if len(_INFOS) < _MAX_INFOS:
        return _INFOS.setdefault(info, info)
    return _INFOS.get(info, info)


def _compute_word_info(surface: str) -> _WordInfo:
    w = fold(surface)
    cyr = sum(1 for ch in w if _is_cyr(ch))
    lat = sum(1 for ch in w if ch.isalpha() and not _is_cyr(ch) and ch != APOSTROPHE)
    votes: dict[int, float] = {}
    if cyr > lat or lat:
        cyrillic = cyr > lat
        uz_latin = to_latin(w) if cyrillic else w
        for lang, on_latin in (_CYR_WORDS if cyrillic else _LAT_WORDS):
            if (uz_latin if on_latin else w) in _WORDS[lang]:
                votes[lang] = votes.get(lang, 0.0) + 1.0
        for (pattern, min_len, rule_votes), on_latin in (_CYR_RULES if cyrillic else _LAT_RULES):
            if len(w) >= min_len and pattern.search(uz_latin if on_latin else w):
                for lang, weight in rule_votes:
                    votes[lang] = votes.get(lang, 0.0) + weight
    return _WordInfo(cyr, lat, tuple(votes.items()),
                     bool(lat) and cyr <= lat and bool(_TR_AZ_LETTER.search(w)))


class _Verdict(NamedTuple):
    start: int
    end: int
    script: str  # Latn / Cyrl / Zyyy
    lang: int | None  # index into LANGS; None = no evidence
    best: float
    scores: tuple[float, ...]
    cyr: int
    lat: int


def _judge(text: str, start: int, end: int, word_re: re.Pattern[str]) -> _Verdict:
    scores = [0.0] * 6
    cyr = lat = 0
    get = _word_info.cache.get  # type: ignore[attr-defined]
    turkic_letters = 0
    # findall (strings, no match objects): detection only needs the words, not their offsets
    for word in word_re.findall(text, start, end):
        info = get(word)
        if info is None:
            info = _word_info(word)
        cyr += info.cyr
        lat += info.lat
        for lang, weight in info.votes:
            scores[lang] += weight
        turkic_letters += info.not_uzbek
    if turkic_letters >= 2:
        # Uzbek's Latin alphabet has none of ı ğ ş ç ö ü: two such words rule it out, whatever
        # "Lig'in" or "Kayserispor'u" look like (Turkish suffixes after an apostrophe).
        scores[UZ] = 0.0
    return _verdict(start, end, cyr, lat, scores)


def _verdict(start: int, end: int, cyr: int, lat: int, scores: list[float]) -> _Verdict:
    if not cyr and not lat:
        return _Verdict(start, end, "Zyyy", None, 0.0, tuple(scores), 0, 0)
    script = "Cyrl" if cyr > lat else "Latn"
    allowed = CYRL_LANGS if script == "Cyrl" else LATN_LANGS
    best_lang = max(allowed, key=lambda i: (scores[i], -i))
    best = scores[best_lang]
    lang = best_lang if best >= MIN_EVIDENCE else None
    return _Verdict(start, end, script, lang, best, tuple(scores), cyr, lat)


_LINE_RE = re.compile(r"[^\n]+")
# Sentence ends, and the edges of quotations: a quoted sentence may be in another language.
_SEGMENT_SPLIT_RE = re.compile(r"(?<=[.!?…])\s+|[«»“”„]")


# A name in quotation marks («Шугыла», “Pakhtakor”) is part of its sentence, not a quotation.
_QUOTED_NAME_RE = re.compile(r"[«“„](?:[^\s«»“”„]+\s?){1,3}[»”]")


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    names = {i for m in _QUOTED_NAME_RE.finditer(text, start, end)
             for i in (m.start(), m.end() - 1)}
    for m in _SEGMENT_SPLIT_RE.finditer(text, start, end):
        if m.group()[:1].isspace() and m.end() < end and text[m.end()].islower():
            continue  # "Lig'in 12. haftasında": an ordinal or abbreviation, not a sentence end
        if m.start() in names:
            continue
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans


def _raw_parts(text: str) -> list[_Verdict]:
    """One verdict per line, or per sentence where a sentence clearly differs from its line."""
    out: list[_Verdict] = []
    word_re = word_re_for(text)
    for line in _LINE_RE.finditer(text):
        ls, le = line.span()
        segs = _segments(text, ls, le)
        if len(segs) <= 1:
            out.append(_judge(text, ls, le, word_re))
            continue
        judged = [_judge(text, s, e, word_re) for s, e in segs]
        total = [0.0] * 6
        cyr = lat = 0
        for v in judged:
            cyr += v.cyr
            lat += v.lat
            for i, x in enumerate(v.scores):
                total[i] += x
        line_v = _verdict(ls, le, cyr, lat, total)
        for v in judged:
            differs = v.script != "Zyyy" and (
                v.script != line_v.script
                or (
                    v.lang is not None
                    and v.lang != line_v.lang
                    and v.best - (v.scores[line_v.lang] if line_v.lang is not None else 0.0)
                    >= OVERRIDE_MARGIN
                )
            )
            if differs:
                out.append(v)
            else:
                out.append(line_v._replace(start=v.start, end=v.end))
    return out


def detect_parts(text: str, hint: str | None = None) -> list[Part]:
    """Parts of ``text`` with their language and script, covering the text without gaps.

    A part with no evidence of its own takes the language of the nearest part in the same
    script, else ``hint`` when it is written in that script (e.g. the document's language
    when the text is its title), else ``und``.
    """
    if not text:
        return []
    raw = [v for v in _raw_parts(text) if v.script != "Zyyy"]
    if not raw:
        return [Part(0, len(text), "und", "Zyyy")]
    # Majority language of each script, weighted by evidence, for parts with none of their own.
    weight: dict[tuple[str, int], float] = {}
    for v in raw:
        if v.lang is not None:
            key = (v.script, v.lang)
            weight[key] = weight.get(key, 0.0) + v.best
    majority: dict[str, int] = {}
    for (script, lang), _w in sorted(weight.items(), key=lambda kv: -kv[1]):
        majority.setdefault(script, lang)
    labelled: list[tuple[int, int, str, str]] = []
    for i, v in enumerate(raw):
        lang = v.lang
        if lang is not None and v.best < WEAK_EVIDENCE:
            surrounding = _neighbour_lang(raw, i, WEAK_EVIDENCE)
            if surrounding is None and hint is not None:
                surrounding = _HINTS.get((v.script, hint))
            if surrounding is not None:
                lang = surrounding
        if lang is None:
            lang = _neighbour_lang(raw, i)
        if lang is None:
            lang = majority.get(v.script)
        if lang is None and hint is not None:
            lang = _HINTS.get((v.script, hint))
        labelled.append((v.start, v.end, LANGS[lang] if lang is not None else "und", v.script))
    parts: list[Part] = []
    for start, end, lang, script in labelled:
        if parts and parts[-1].lang == lang and parts[-1].script == script:
            parts[-1] = parts[-1]._replace(end=end)
        else:
            if parts:
                parts[-1] = parts[-1]._replace(end=start)
            parts.append(Part(start, end, lang, script))
    parts[0] = parts[0]._replace(start=0)
    parts[-1] = parts[-1]._replace(end=len(text))
    return parts


_HINTS = {
    **{("Cyrl", LANGS[i]): i for i in CYRL_LANGS},
    **{("Latn", LANGS[i]): i for i in LATN_LANGS},
}


def _neighbour_lang(raw: list[_Verdict], i: int, min_best: float = 0.0) -> int | None:
    """Language of the nearest part in the same script that has evidence (at least
    ``min_best`` votes), looking back first."""
    script = raw[i].script
    for j in (*range(i - 1, -1, -1), *range(i + 1, len(raw))):
        if raw[j].script == script and raw[j].lang is not None and raw[j].best >= min_best:
            return raw[j].lang
    return None


def detect_language(text: str) -> tuple[str, str]:
    """Majority (lang, script) of ``text``, weighted by the length of each part."""
    totals: dict[tuple[str, str], int] = {}
    for p in detect_parts(text):
        key = (p.lang, p.script)
        totals[key] = totals.get(key, 0) + (p.end - p.start)
    if not totals:
        return ("und", "Zyyy")
    return max(totals.items(), key=lambda kv: kv[1])[0]
