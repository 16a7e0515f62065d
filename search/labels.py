"""Human labels for facet values: country names from pycountry, language names from CLDR
(Babel) and ISO 639 (pycountry)."""

from __future__ import annotations

from functools import lru_cache

import pycountry
from babel import Locale

#: The names newsrooms use where pycountry's official short name differs.
_COMMON_NAMES = {"TR": "Turkey", "RU": "Russia", "IR": "Iran", "KR": "South Korea",
                 "KP": "North Korea", "SY": "Syria", "MD": "Moldova", "VN": "Vietnam",
                 "TW": "Taiwan", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania",
                 "LA": "Laos", "PS": "Palestine"}


@lru_cache(maxsize=4096)
def country_name(code: str) -> str:
    if code in _COMMON_NAMES:
        return _COMMON_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=1024)
def language_name(code: str) -> str:
    """A language code's name as readers know it: CLDR's (through Babel) "Greek",
    "Malay", "Punjabi", where ISO 639's reference names read "Modern Greek (1453-)",
    "Malay (macrolanguage)", "Panjabi"; ISO 639 (pycountry) for codes CLDR does not name;
    the code itself as the last resort. One function of the code: the lang facet's
    label and the pages both read it."""
    if code == "und":
        return "Undetermined"
    name = _CLDR_LANGUAGES.get(code)
    if name:
        return name
    lang = pycountry.languages.get(alpha_2=code) if len(code) == 2 else \
        pycountry.languages.get(alpha_3=code)
    return lang.name if lang is not None else code


#: CLDR's English language names (Babel's locale data).
_CLDR_LANGUAGES: dict[str, str] = dict(Locale("en").languages)
