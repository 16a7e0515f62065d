"""Azerbaijani: Turkic case folding and conservative suffix stripping.

Letters stay as written (ə ı ş ğ ç ö ü are different words' letters); matching the plain-Latin
spelling of a name (``Həsənov`` ↔ ``Hasanov``) is the names field's job, not this one's.
"""

from __future__ import annotations

import re

from qidir.analyzers.cache import BoundedCache
from qidir.analyzers.normalize import APOSTROPHE, cut_turkic_suffix, turkic_lower
from qidir.analyzers.wordlists import AZ_STOP

MIN_STEM = 4
_CASE_RE = re.compile(
    r"(?:"
    r"n[ıiuü]n|[ıiuü]n"             # genitive
    r"|d[ae]n|d[əe]n|dan|dən"       # ablative
    r"|d[aə]|d[aə]kı|dəki|dakı"     # locative (+ki)
    r"|y[aə]|n[ıiuü]|y[ıiuü]"       # dative after vowel, accusative
    r")$"
)
_POSS_RE = re.compile(r"(?:s[ıiuü]|l[aə]r[ıi])$")
_PLURAL_RE = re.compile(r"l[aə]r$")

_cache: BoundedCache[str, str] = BoundedCache(100_000)


def _strip(w: str) -> str:
    for rx in (_CASE_RE, _POSS_RE, _PLURAL_RE):
        m = rx.search(w)
        if m and m.start() >= MIN_STEM:
            w = w[: m.start()]
    return w


def analyze_word(surface: str) -> str:
    """Index term of one Azerbaijani word; ``""`` for a stop word."""
    term = _cache.get(surface)
    if term is None:
        w = turkic_lower(surface)
        if APOSTROPHE in w:
            w = cut_turkic_suffix(w)
        term = "" if w in AZ_STOP else (w if w.isdigit() else _strip(w))
        _cache[surface] = term
    return term
