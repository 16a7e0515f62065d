"""Human labels for facet values: country and language names, in the reader's language.

English names come from pycountry (with the short names newsrooms use); every other
language's names come from Babel's copy of the Unicode CLDR, which knows every country
and language code in Russian, Uzbek (Latin and Cyrillic), Kazakh and many more, so a
language code another part of qidir starts to detect is labelled without a table here.
``locale`` is a Babel locale identifier (``en``, ``ru``, ``uz``, ``uz_Cyrl``, ``kk``).
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

#: The source language of labels (and of the interface's messages).
DEFAULT_LOCALE = "en"

#: The names newsrooms use where pycountry's official short name differs.
_COMMON_NAMES = {"TR": "Turkey", "RU": "Russia", "IR": "Iran", "KR": "South Korea",
                 "KP": "North Korea", "SY": "Syria", "MD": "Moldova", "VN": "Vietnam",
                 "TW": "Taiwan", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania",
                 "LA": "Laos", "PS": "Palestine"}

#: CLDR's Uzbek (Latin) data mixes typographic quotes into the official letters oʻ and gʻ
#: ("o‘zbek" beside "Oʻzbekiston") and into the tutuq belgisi ("noma’lum"); the official
#: alphabet writes U+02BB and U+02BC.
_UZ_LATIN_MARKS = str.maketrans({"\u2018": "\u02bb", "\u2019": "\u02bc"})


def N_(message: str) -> str:
    """Mark a string for the message catalogs (``pybabel extract -k N_``) without
    translating it here: ``search/`` knows no reader; the web layer translates it when it
    shows it (facet titles are declared once, in :mod:`qidir.search.fields`)."""
    return message


@lru_cache(maxsize=64)
def _cldr(locale: str) -> Locale | None:
    try:
        return Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return None


def _cldr_name(table: str, code: str, locale: str) -> str | None:
    """CLDR's name of ``code`` in ``locale``'s ``table`` (``territories``, ``languages``)."""
    cldr = _cldr(locale)
    return getattr(cldr, table).get(code) if cldr is not None else None


def as_label(name: str, locale: str) -> str:
    """A CLDR name as a label: capitalised, and in Uzbek (Latin) with the official letters."""
    if locale == "uz" or locale.startswith("uz_Latn"):
        name = name.translate(_UZ_LATIN_MARKS)
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=8192)
def country_name(code: str, locale: str = DEFAULT_LOCALE) -> str:
    """A country's name in ``locale``; the English name where CLDR has none."""
    if locale != DEFAULT_LOCALE:
        name = _cldr_name("territories", code, locale)
        if name:
            return as_label(name, locale)
    if code in _COMMON_NAMES:
        return _COMMON_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=4096)
def language_name(code: str, locale: str = DEFAULT_LOCALE) -> str:
    """A language's name in ``locale`` (``und``: CLDR's "unknown language"), capitalised
    as a label; the English name where CLDR has none (CLDR's, then ISO 639's), else the
    code itself. One function of the code: the lang facet's label and the pages read it."""
    if locale != DEFAULT_LOCALE:
        name = _cldr_name("languages", code, locale)
        if name:
            return as_label(name, locale)
    if code == "und":
        return "Undetermined"
    # CLDR's English names are the ones readers know ("Greek", "Malay", "Punjabi") where
    # ISO 639's reference names read "Modern Greek (1453-)", "Malay (macrolanguage)".
    name = _cldr_name("languages", code, DEFAULT_LOCALE)
    if name:
        return name
    lang = pycountry.languages.get(alpha_2=code) if len(code) == 2 else \
        pycountry.languages.get(alpha_3=code)
    return lang.name if lang is not None else code
