"""Human labels for facet values: country and language names from pycountry."""

from __future__ import annotations

from functools import lru_cache

import pycountry

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
    if code == "und":
        return "Undetermined"
    lang = pycountry.languages.get(alpha_2=code) if len(code) == 2 else \
        pycountry.languages.get(alpha_3=code)
    return lang.name if lang is not None else code
