"""Kazakh: a Latin fold for Kazakh Cyrillic and light suffix stripping.

Kazakh is written in Cyrillic today and in a Latin alphabet that has changed twice since 2017;
we index one plain Latin form both reduce to, so a reader can type either script. The
suffixes stripped are the plural and the common case endings in all their harmony variants,
only when at least ``MIN_STEM`` letters remain.
"""

from __future__ import annotations

import re

from qidir.analyzers.cache import memoized
from qidir.analyzers.normalize import fold
from qidir.analyzers.wordlists import KK_STOP

CYR_TO_LAT: dict[str, str] = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "yo", "ж": "j", "з": "z", "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}
#: The Latin alphabets (2017–2021) reduced to the same plain form.
LAT_TO_LAT: dict[str, str] = {
    "ä": "a", "ğ": "g", "ñ": "n", "ö": "o", "ū": "u", "ü": "u", "ş": "sh", "ç": "ch",
    "ı": "y", "á": "a", "ó": "o", "ú": "u", "ý": "y", "ń": "n", "ǵ": "g",
}
_TABLE = str.maketrans({**CYR_TO_LAT, **LAT_TO_LAT})

#: Letters a stem keeps, with at least one vowel: three, so short nouns inflect (сотта → сот,
#: жерде → жер) while two-letter words stay whole (алды, елде).
MIN_STEM = 3
_VOWELS = set("aeiouy")
# Case endings in their harmony variants, on the plain Latin form (ң is n, ы is y, і is i).
# The ablative -tan/-ten is left out on purpose: it would cut the -stan of place names
# (Қазақстан, Ауғанстан), and -nan/-dan cover most ablatives anyway.
_SUFFIX_RE = re.compile(
    r"(?:"
    r"[nd]yn|[nd]in|t[yi]n"                # genitive
    r"|[nd][ae]n"                          # ablative
    r"|n?[dt][ae]gy|n?[dt][ae]gi"          # relative locative (-дағы/-дегі)
    r"|n?[dt][ae]"                         # locative
    r"|[gq]a|[gk]e"                        # dative
    r"|[nd]y|[nd]i|t[yi]"                  # accusative
    r")$"
)
_PLURAL_RE = re.compile(r"(?:[ldt][ae]r)$")


def to_latin(word: str) -> str:
    """Plain Latin form of a folded Kazakh word in either script."""
    return word.translate(_TABLE)


def _stem_ok(stem: str) -> bool:
    return len(stem) >= MIN_STEM and any(c in _VOWELS for c in stem)


def _strip(w: str) -> str:
    m = _SUFFIX_RE.search(w)
    if m and _stem_ok(w[: m.start()]):
        w = w[: m.start()]
    m = _PLURAL_RE.search(w)
    if m and _stem_ok(w[: m.start()]):
        w = w[: m.start()]
    return w


@memoized(30_000)
def analyze_word(surface: str) -> tuple[str, ...]:
    """Index terms of one Kazakh word in either script; ``()`` for a stop word."""
    w = fold(surface)
    if w in KK_STOP:
        return ()
    w = to_latin(w)
    return (w if w.isdigit() else _strip(w),)
