"""Uzbek: Cyrillic → official Latin transliteration, then conservative suffix stripping.

Both scripts meet in one form: the official Latin alphabet (1995, as amended), with the one
canonical apostrophe of :mod:`normalize` for oʻ, gʻ and the tutuq belgisi.

The transliteration table is ours: of the PyPI candidates checked, ``alifbo`` was correct on our
table only through two conversions (Cyrillic → 2026 alphabet → previous Latin) and ran at about
5,000 words/s, two orders of magnitude too slow for indexing; the others have no Uzbek table.
"""

from __future__ import annotations

import re

from qidir.analyzers.cache import memoized
from qidir.analyzers.normalize import APOSTROPHE as A
from qidir.analyzers.normalize import fold
from qidir.analyzers.wordlists import UZ_STOP

_VOWELS_CYR = "аеёиоуэюяў"

#: Letter-by-letter part of the table. ``е`` and ``ц`` depend on their neighbours and are
#: handled by the two regexes below before this table applies.
CYR_TO_LAT: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "s",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": A, "ы": "i", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ў": "o" + A, "қ": "q", "ғ": "g" + A, "ҳ": "h",
}
_TABLE = str.maketrans(CYR_TO_LAT)
# е is "ye" at the start of a word and after a vowel, ъ or ь; else "e".
_YE_RE = re.compile(rf"(?<![^{_VOWELS_CYR}ъь])е")
# ц is "ts" after a vowel inside a word; else "s" (at the start, at the end, after a consonant:
# the 1995 spelling rules: абзац → abzas, милиционер → militsioner, цех → sex).
_TS_RE = re.compile(rf"(?<=[{_VOWELS_CYR}])ц(?=[^\W\d_])")


def to_latin(word: str) -> str:
    """Transliterate one folded (lowercase) Uzbek Cyrillic word to the official Latin form."""
    if "е" in word:
        word = _YE_RE.sub("ye", word)
    if "ц" in word:
        word = _TS_RE.sub("ts", word)
    return word.translate(_TABLE)


# --- suffix stripping -------------------------------------------------------------------
#
# Uzbek stacks suffixes in a fixed order: stem + plural (-lar) + possessive (-im, -i/-si,
# -imiz, -ingiz, -lari …) + case (-ning, -ni, -ga/-ka/-qa, -da, -dan, -dagi, -gacha) +
# particles (-mi, -ku, -dir). We peel at most one suffix per layer, outermost first, and only
# when the rest is a plausible stem: at least MIN_STEM letters and a vowel. Verb forms and most
# derivations are left alone (conservative: a wrong strip merges unrelated words).

MIN_STEM = 3
_VOWELS = set("aeiou")

_PARTICLES = ("dir", "mi", "ku")
#: Common words whose final -i/-si is part of the word (the adjective suffix -gi/-ki, and a few
#: others), so the possessive rule must not touch them.
_WHOLE_WORDS = frozenset(
    f"""yangi kishi to{A}g{A}ri ichki tashqi keyingi oldingi bugungi hozirgi avvalgi kechagi
    so{A}nggi ilgari orqali hali endi kabi""".split()
)
_CASES = ("gacha", "ning", "dagi", "dan", "ni", "ga", "ka", "qa", "da", "dek")
_POSSESSIVES = ("lari", "imiz", "ingiz", "miz", "ngiz", "im", "ing", "si", "i")
_PLURAL = ("lar",)


def _letters(stem: str) -> int:
    return len(stem) - stem.count(A)


def _ok(stem: str, min_len: int = MIN_STEM) -> bool:
    return _letters(stem) >= min_len and any(c in _VOWELS for c in stem)


def _strip_case(w: str) -> str:
    for suf in _CASES:
        if w.endswith(suf):
            stem = w[: -len(suf)]
            # -ka only after k, -qa only after q (tilakka, qishloqqa): else they are stem letters.
            if suf == "ka" and not stem.endswith("k"):
                continue
            if suf == "qa" and not stem.endswith("q"):
                continue
            if _ok(stem):
                return stem
    return w


def _strip_possessive(w: str) -> str:
    if w in _WHOLE_WORDS:
        return w
    for suf in _POSSESSIVES:
        if w.endswith(suf):
            stem = w[: -len(suf)]
            last = stem[-1:] if stem else ""
            if suf in ("si", "miz", "ngiz") and last not in _VOWELS:
                continue  # -si/-miz/-ngiz follow vowels only
            if suf in ("i", "im", "ing", "imiz", "ingiz") and (last in _VOWELS or last == A):
                continue  # -i… follow consonants only
            if suf in ("i", "im", "ing") and not _ok(stem, 4):
                continue  # short words ending in -i are usually whole words (kabi, tani)
            if suf == "i" and stem.endswith("ch"):
                continue  # -chi is the agent suffix (yozuvchi, vositachi), not a possessive
            if _ok(stem):
                # vowel-initial suffixes voice a final -k of -lik: hamkorligi → hamkorlik
                if suf[0] == "i" and stem.endswith("lig"):
                    stem = stem[:-1] + "k"
                return stem
    return w


def stem_latin(word: str) -> str:
    """Strip particles, one case ending, one possessive and the plural from a Latin word."""
    w = word
    for suf in _PARTICLES:
        if w.endswith(suf) and _ok(w[: -len(suf)], 4):
            w = w[: -len(suf)]
            break
    w = _strip_case(w)
    w = _strip_possessive(w)
    if w.endswith("lar") and _ok(w[:-3]):
        w = w[:-3]
    return w


@memoized(30_000)
def analyze_word(surface: str) -> tuple[str, ...]:
    """Index terms of one Uzbek word in either script (folded, transliterated, stemmed);
    ``()`` for a stop word."""
    w = fold(surface)
    if not w.isascii():
        w = to_latin(w)
    if w in UZ_STOP:
        return ()
    return (stem_latin(w) if not w.isdigit() else w,)


#: A word with more oʻ/gʻ candidates than this gets only its as-typed and its bare variant
#: (2**n spellings would be looked up otherwise).
MAX_SIGN_POSITIONS = 4
_SIGN_SLOT_RE = re.compile(rf"(?<=[og]){A}?|{A}")


def spelling_variants(surface: str) -> tuple[str, ...]:
    """The Latin spellings a reader may mean by one typed Uzbek word, the typed one first.

    Much Uzbek online writing leaves the sign out (``ozbek``, ``yoqilgi``), and readers type
    queries the same way, while careful texts write ``oʻzbek``, ``yoqilgʻi``. So a query word
    stands for every spelling with or without the sign after each ``o``/``g``, and without any
    tutuq belgisi it has (``talim`` = ``taʼlim``; a missing tutuq cannot be put back, its place
    is not predictable). Only queries expand: the index keeps what was written.
    """
    w = latin_form(surface)
    slots = [(m.start(), m.end()) for m in _SIGN_SLOT_RE.finditer(w)]
    if not slots:
        return (w,)
    bare = w.replace(A, "")
    if len(slots) > MAX_SIGN_POSITIONS:
        return (w, bare) if bare != w else (w,)
    out = [w]
    for mask in range(1 << len(slots)):
        pieces, prev = [], 0
        for i, (start, end) in enumerate(slots):
            pieces.append(w[prev:start])
            if mask >> i & 1 and w[start - 1 : start] in ("o", "g"):
                pieces.append(A)
            prev = end
        pieces.append(w[prev:])
        variant = "".join(pieces)
        if variant not in out:
            out.append(variant)
    return tuple(out)


def latin_form(surface: str) -> str:
    """Folded Latin form of an Uzbek word without stemming (used by detection)."""
    w = fold(surface)
    return to_latin(w) if not w.isascii() else w
