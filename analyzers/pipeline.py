"""The analysis pipeline: parts → words → per-language terms, and the same for queries.

    text ─ detect_parts ─▶ parts (lang, script)
         ─ tokenize (original offsets) ─▶ words and hyphenated compounds
         ─ per word: the part's language module (english, russian, uzbek, kazakh, azerbaijani,
           turkish; a word in the other script goes to that script's language) ─▶ text terms
         ─ names.name_keys for capitalised words ─▶ names terms

Every word form is analysed once per language and remembered (bounded caches), which is what
keeps the pipeline within a small factor of a plain stemming analyzer.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import NamedTuple

from qidir.analyzers import (
    azerbaijani,
    english,
    exonyms,
    kazakh,
    names,
    russian,
    turkish,
    uzbek,
)
from qidir.analyzers.cache import memoized
from qidir.analyzers.detect import Part, detect_parts, script_of
from qidir.analyzers.normalize import fold, fold_yo, is_cyrillic
from qidir.analyzers.tokenize import compound_re_for, has_hyphen, split_compound, word_re_for
from qidir.analyzers.uzbek import latin_form
from qidir.analyzers.wordlists import FREQ

# The public names are listed once, in qidir/analyzers/__init__.py.

#: Languages with an analyzer of their own; anything else is analysed as ``und``.
LANGUAGES = ("en", "ru", "uz", "kk", "az", "tr", "und")
#: Languages a word in each script may be in (a query word is analysed in all of them).
PLAUSIBLE = {"Cyrl": ("ru", "uz", "kk", "und"), "Latn": ("en", "uz", "kk", "az", "tr", "und")}
#: Compounds with more parts than this get no joined term (they are lists, not names).
MAX_JOINED_PARTS = 4


class Token(NamedTuple):
    """One indexed term: ``pos`` is the word position (stop words are not counted; all terms of
    one word share its position); ``start``/``end`` are offsets of the surface word in the input
    text."""

    term: str
    pos: int
    start: int
    end: int


class QueryForms(NamedTuple):
    """What one query word may match. Both sets empty: the word is a stop word (drop it)."""

    text: frozenset[str]
    names: frozenset[str]


class Analysis(NamedTuple):
    parts: list[Part]
    text: list[Token]
    names: list[Token]


# --- one word in one language -----------------------------------------------------------


def _und(surface: str) -> tuple[str, ...]:
    w = fold_yo(fold(surface))
    return (w,) if w else ()


def _none(surface: str) -> tuple[str, ...]:
    return ()


class Language(NamedTuple):
    """What the pipeline asks of one language: each function takes a surface word and gives
    a tuple of forms (``()`` for a stop word, or for no name base)."""

    #: The terms the index keeps for the word.
    index: Callable[[str], tuple[str, ...]]
    #: The terms a typed query word may stand for (more than the index's when ambiguous).
    query: Callable[[str], tuple[str, ...]]
    #: Base forms a capitalised word is also keyed by in the names field (``Тўқаевнинг`` →
    #: ``тўқаев``), at index time and at query time.
    name_bases: Callable[[str], tuple[str, ...]]
    name_bases_query: Callable[[str], tuple[str, ...]]


def _language(index: Callable[[str], tuple[str, ...]],
              query: Callable[[str], tuple[str, ...]] | None = None,
              name_bases: Callable[[str], tuple[str, ...]] = _none) -> Language:
    query = query or index
    return Language(index, query, name_bases, query if name_bases is index else name_bases)


#: The one dispatch table: a language code → its module's functions.
LANGUAGE_TABLE: dict[str, Language] = {
    "en": _language(english.analyze_word, name_bases=english.name_bases),
    "ru": _language(russian.analyze_word, russian.query_terms, name_bases=russian.analyze_word),
    "uz": _language(uzbek.analyze_word, name_bases=uzbek.analyze_word),
    "kk": _language(kazakh.analyze_word, name_bases=kazakh.analyze_word),
    "az": _language(azerbaijani.analyze_word, name_bases=azerbaijani.analyze_word),
    "tr": _language(turkish.analyze_word),
    "und": _language(_und),
}


def analysis_language(code: str | None) -> str | None:
    """The language a document labelled ``code`` is analysed in, or None to detect it.

    A document in one of qidir's six languages is analysed part by part, each part in the
    language detected for it (its label is the hint for parts too short to tell: see
    :func:`language_hint`). Any other label (``uk``, ``fr``, ``hy``, …) or ``und`` gets the
    neutral analysis, ``und``: Unicode words, case folded, no stems and no stop words. A
    Ukrainian or French text analysed as Russian or Turkish would get another language's
    stems and lose its words to another language's stop list.
    """
    return None if code in LANGUAGE_TABLE and code != "und" else "und"


def _effective_lang(lang: str, surface: str) -> str:
    """A word in the other script than its part's language is analysed in a language of its own
    script: a Cyrillic name in English text as Russian, a Latin acronym in Russian text as
    English (Uzbek and Kazakh are written in both scripts and keep their language)."""
    if lang in ("en", "az", "tr"):
        return "ru" if is_cyrillic(surface) else lang
    if lang == "ru":
        return "ru" if is_cyrillic(surface) or not any(c.isalpha() for c in surface) else "en"
    return lang if lang in LANGUAGE_TABLE else "und"


def _compute_word_terms(lang: str, surface: str) -> tuple[str, ...]:
    terms = LANGUAGE_TABLE[_effective_lang(lang, surface)].index(surface)
    if not all(terms):  # a "word" of invisible characters only folds to nothing
        terms = tuple(t for t in terms if t)
    return terms


#: Per part language: surface word → its index terms (the hot cache of the pipeline).
_WORD_TERMS = {lang: memoized(100_000)(partial(_compute_word_terms, lang))
               for lang in LANGUAGES}


def _word_terms(lang: str, surface: str) -> tuple[str, ...]:
    return _WORD_TERMS[lang](surface)


def _is_name_like(surface: str) -> bool:
    return surface[:1].isupper()


# A name is also keyed by its base form in the language: an inflected name (``Тўқаевнинг``,
# ``Токаева``) must reach the same key as its dictionary form. The surface key is kept too:
# pymorphy3 takes ``Токаев`` for a form of ``токай``.


def _name_keys_with(base: Callable[[str], tuple[str, ...]], surface: str) -> tuple[str, ...]:
    keys = list(names.name_keys(surface))
    for b in base(surface):
        for k in names.name_keys(b):
            if k not in keys:
                keys.append(k)
    return tuple(keys)


def _compute_name_terms(lang: str, surface: str) -> tuple[str, ...]:
    return _name_keys_with(LANGUAGE_TABLE[_effective_lang(lang, surface)].name_bases, surface)


#: Per part language: capitalised surface word → its names-field keys.
_NAME_TERMS = {lang: memoized(50_000)(partial(_compute_name_terms, lang))
               for lang in LANGUAGES}


def _name_terms(lang: str, surface: str) -> tuple[str, ...]:
    return _NAME_TERMS[lang](surface)


# --- texts ------------------------------------------------------------------------------


def _analyze_span(
    text: str,
    start: int,
    end: int,
    lang: str,
    pos: int,
    out: list[Token],
    out_names: list[Token],
    compound_re: re.Pattern[str],
) -> int:
    cache = _WORD_TERMS[lang].cache  # type: ignore[attr-defined]
    name_cache = _NAME_TERMS[lang].cache  # type: ignore[attr-defined]
    append = out.append
    new = tuple.__new__  # Token(...) without the generated __new__'s extra Python frame
    for m in compound_re.finditer(text, start, end):
        surface = m.group()
        terms = cache.get(surface)
        if terms is None:
            if has_hyphen(surface):
                pos = _analyze_compound(surface, m.start(), lang, pos, out, out_names)
                continue
            terms = _word_terms(lang, surface)
        if not terms:
            continue
        s, e = m.span()
        for t in terms:
            append(new(Token, (t, pos, s, e)))
        if surface[0].isupper():
            keys = name_cache.get(surface)
            if keys is None:
                keys = _name_terms(lang, surface)
            if keys and sentence_initial(text, s) and _ordinary(text, surface, lang, keys):
                keys = ()
            for k in keys:
                out_names.append(new(Token, (k, pos, s, e)))
        pos += 1
    return pos


#: Characters that may stand between a sentence's end and its first word.
_OPENERS = frozenset("\"'«»“”„‘’‹›([{—–-*•·")
_SENTENCE_END = frozenset(".!?…:;\n")


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence (or the text, or a line), where every
    word is capitalised whether it is a name or not."""
    i = start - 1
    while i >= 0:
        c = text[i]
        if c in _SENTENCE_END:
            return True
        if not (c.isspace() or c in _OPENERS):
            return False
        i -= 1
    return True


_lower_memo: dict[str, frozenset[str]] = {}
_LOWER_MEMO_TEXTS = 4


def lowercase_words(text: str) -> frozenset[str]:
    """The folded words of ``text`` that are written in lower case somewhere in it (the last
    few texts' sets are remembered: the words of one text are asked about together, and an
    indexer asks about a document's title and text for the text field, then again for the
    names field and its lexicon entries)."""
    hit = _lower_memo.get(text)
    if hit is None:
        hit = frozenset(fold(w) for w in word_re_for(text).findall(text) if w[0].islower())
        if len(_lower_memo) >= _LOWER_MEMO_TEXTS:
            _lower_memo.clear()
        _lower_memo[text] = hit
    return hit


def _ordinary(text: str, surface: str, lang: str, keys: tuple[str, ...]) -> bool:
    """A capitalised word at a sentence start that is an ordinary word, not a name (``Such``,
    ``Такой``, ``Coalition``): a frequent word of its language, a word pymorphy3 knows only as
    a common word (Russian), or a word the same text also writes in lower case. A place name
    keeps its keys whatever it looks like (``Oʻzbekiston`` is a frequent Uzbek word, and the
    key is how ``Uzbekistan`` finds it)."""
    if any(exonyms.is_place(k) for k in keys):
        return False
    lg = _effective_lang(lang, surface)
    if _is_common(surface, (lg,)):
        return True
    if lg == "ru" and russian.is_common_word(surface):
        return True
    return fold(surface) in lowercase_words(text)


def _analyze_compound(
    surface: str, offset: int, lang: str, pos: int, out: list[Token], out_names: list[Token]
) -> int:
    """``Nur-Sultan``: the parts as words (so ``Nur Sultan`` finds it), plus the joined word at
    the first part's position (so ``Nursultan``/``NurSultan`` find it)."""
    parts = split_compound(surface)
    first_pos = pos
    part_terms: set[str] = set()
    for part, ps, pe in parts:
        terms = _word_terms(lang, part)
        if not terms:
            continue
        part_terms.update(terms)
        for t in terms:
            out.append(Token(t, pos, offset + ps, offset + pe))
        if _is_name_like(part):
            for k in _name_terms(lang, part):
                out_names.append(Token(k, pos, offset + ps, offset + pe))
        pos += 1
    if 2 <= len(parts) <= MAX_JOINED_PARTS and pos > first_pos:
        joined = "".join(p for p, _, _ in parts)
        end = offset + len(surface)
        for t in _word_terms(lang, joined):
            if t not in part_terms:
                out.append(Token(t, first_pos, offset, end))
        if _is_name_like(surface):
            for k in _name_terms(lang, joined):
                out_names.append(Token(k, first_pos, offset, end))
    return pos


_HINT: contextvars.ContextVar[str | None] = contextvars.ContextVar("qidir_hint", default=None)


@contextlib.contextmanager
def language_hint(lang: str | None) -> Iterator[None]:
    """Within the block, ``hint`` defaults to ``lang`` for every analysis in this thread.

    For callers that cannot pass ``hint=`` themselves: an indexer wraps the adding of one
    document in ``with language_hint(doc.lang):`` so the engine's analyzer call for the title
    (a short text that may give no evidence of its own) uses the document's language.
    """
    if lang is not None and lang not in LANGUAGE_TABLE:
        raise ValueError(f"language_hint: unknown language {lang!r}; expected one of {LANGUAGES}")
    token = _HINT.set(lang)
    try:
        yield
    finally:
        _HINT.reset(token)


def analyze_all(text: str, lang: str | None = None, hint: str | None = None) -> Analysis:
    """Parts, text-field tokens and names-field tokens of ``text`` in one pass.

    ``lang`` forces one language for the whole text (no detection). ``hint`` is the language
    for parts that give no evidence of their own (a short title: pass the document's
    language). The last few results are remembered, so an indexer calling :func:`analyze` and
    :func:`analyze_names` on the same field value pays for one analysis.
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze: text must be str, not {type(text).__name__}")
    if hint is None:
        hint = _HINT.get()
    if lang is not None and lang not in LANGUAGE_TABLE:
        raise ValueError(f"analyze: unknown language {lang!r}; expected one of {LANGUAGES}")
    return _analysis((text, lang, hint))


#: The last few analyses: an indexer asks for the text field's and the names field's tokens
#: of the same value one after the other.
@memoized(4)
def _analysis(key: tuple[str, str | None, str | None]) -> Analysis:
    text, lang, hint = key
    if lang is None:
        parts = detect_parts(text, hint=hint)
    else:
        parts = [Part(0, len(text), lang, script_of(text))] if text else []
    out: list[Token] = []
    out_names: list[Token] = []
    pos = 0
    compound_re = compound_re_for(text)
    for p in parts:
        pos = _analyze_span(text, p.start, p.end, p.lang, pos, out, out_names, compound_re)
    return Analysis(parts, out, out_names)


def analyze(text: str, lang: str | None = None, hint: str | None = None) -> list[Token]:
    """Tokens of an analysed text field (title, text), each part in its own language."""
    return analyze_all(text, lang, hint).text


def analyze_names(text: str, lang: str | None = None, hint: str | None = None) -> list[Token]:
    """Tokens of the names field: cross-script keys of capitalised, non-stop words."""
    return analyze_all(text, lang, hint).names


# --- queries ----------------------------------------------------------------------------

_EMPTY = QueryForms(frozenset(), frozenset())


def query_forms(word: str, lang: str | None = None) -> QueryForms:
    """Every term one typed word may match, in the text fields and in the names field.

    Without ``lang`` the word is analysed in every language plausible for its script (a
    Cyrillic word as Russian, Uzbek and Kazakh; a Latin word as English, Uzbek, Kazakh,
    Azerbaijani and Turkish), plus the unstemmed fold. A word that is a stop word in any of
    those languages gives empty forms. A hyphenated word gives the forms of its joined
    compound (the index has that term at the compound's first position); a query parser that
    also wants ``Nur Sultan`` should add the phrase of its parts. Several words given at once
    are treated the same way, as one word written together.
    """
    if not isinstance(word, str):
        raise TypeError(f"query_forms: word must be str, not {type(word).__name__}")
    if lang is not None and lang not in LANGUAGE_TABLE:
        raise ValueError(f"query_forms: unknown language {lang!r}; expected one of {LANGUAGES}")
    return _query_forms((word, lang))


@memoized(20_000)
def _query_forms(key: tuple[str, str | None]) -> QueryForms:
    word, lang = key
    pieces = [m.group() for m in compound_re_for(word).finditer(word)]
    if not pieces:
        return _EMPTY
    surface = pieces[0] if len(pieces) == 1 else "".join(pieces)
    if has_hyphen(surface):
        parts = [p for p, _, _ in split_compound(surface)]
        surface = "".join(parts)
        if all(_readings_and_keys(p, lang)[0] is None for p in parts):
            # Every part is a stop word (из-за): the index keeps neither the parts nor the
            # joined word, so the query must drop it too.
            return _EMPTY
    return _forms(surface, lang)


def _forms(surface: str, lang: str | None) -> QueryForms:
    readings, keys = _readings_and_keys(surface, lang)
    if readings is None:
        return _EMPTY
    text: set[str] = set()
    for _, terms in readings:
        text.update(terms)
    return QueryForms(frozenset(text), keys)


def _readings_and_keys(
    surface: str, lang: str | None
) -> tuple[tuple[tuple[str, frozenset[str]], ...] | None, frozenset[str]]:
    """Per plausible language, the text terms of ``surface`` (None for a stop word), and the
    word's name keys."""
    if lang is not None:
        langs: tuple[str, ...] = (_effective_lang(lang, surface),)
    elif not any(c.isalpha() for c in surface):
        langs = ("und",)
    else:
        langs = PLAUSIBLE["Cyrl" if is_cyrillic(surface) else "Latn"]
    readings: list[tuple[str, frozenset[str]]] = []
    keys: set[str] = set()
    common = _is_common(surface, langs)
    place_keys: set[str] = set()  # a frequent word is still looked up if it names a place
    for lg in langs:
        language = LANGUAGE_TABLE[lg]
        terms = language.query(surface)
        if not terms:
            # a stop word in a plausible language: the index dropped it there
            return None, frozenset()
        reading = set(terms)
        if lg == "uz":  # the same word with and without the oʻ/gʻ sign (ozbek = oʻzbek)
            for variant in uzbek.spelling_variants(surface)[1:]:
                reading.update(t for t in language.query(variant) if t)
        readings.append((lg, frozenset(reading)))
        (place_keys if common else keys).update(
            _name_keys_with(language.name_bases_query, surface))
    if any(exonyms.is_place(k) for k in place_keys):
        keys.update(place_keys)
    return tuple(readings), exonyms.other_names(keys)


def query_readings(word: str, lang: str | None = None) -> tuple[tuple[str, frozenset[str]], ...]:
    """The text terms of one typed word per language it may be in: ``((lang, terms), ...)``.

    The union of the terms is ``query_forms(word, lang).text``; kept apart so a query can weigh
    each reading by how likely its language is (an English word's Turkish stem matching an
    unrelated Turkish-looking English stem should not count as much as its English stem).
    Empty for a stop word.
    """
    if lang is not None and lang not in LANGUAGE_TABLE:
        raise ValueError(f"query_readings: unknown language {lang!r}; expected one of "
                         f"{LANGUAGES}")
    return _query_readings((word, lang))


@memoized(20_000)
def _query_readings(key: tuple[str, str | None]) -> tuple[tuple[str, frozenset[str]], ...]:
    word, lang = key
    pieces = [m.group() for m in compound_re_for(word).finditer(word)]
    if not pieces or not query_forms(word, lang).text:
        return ()
    surface = pieces[0] if len(pieces) == 1 else "".join(pieces)
    if has_hyphen(surface):
        surface = "".join(p for p, _, _ in split_compound(surface))
    readings, _ = _readings_and_keys(surface, lang)
    return readings or ()


def _is_common(surface: str, langs: tuple[str, ...]) -> bool:
    """A frequent word of a plausible language is not looked up as a name."""
    w = fold_yo(fold(surface))
    for lg in langs:
        words = FREQ.get(lg)
        if words and (w in words or (lg == "uz" and latin_form(surface) in words)):
            return True
    return False
