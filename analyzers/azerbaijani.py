"""Azerbaijani: Turkic case folding and conservative suffix stripping.

Letters stay as written (ə ı ş ğ ç ö ü are different words' letters); matching the plain-Latin
spelling of a name (``Həsənov`` ↔ ``Hasanov``) is the names field's job, not this one's.
"""

from __future__ import annotations

from qidir.analyzers.cache import memoized
from qidir.analyzers.normalize import APOSTROPHE, cut_turkic_suffix, turkic_lower
from qidir.analyzers.wordlists import AZ_STOP

MIN_STEM = 4
_VOWELS = frozenset("aıoueəiöü")

# (suffix, what must precede it: "V" a vowel, "C" a consonant, "" anything), longest first.
_CASES: tuple[tuple[str, str], ...] = (
    ("dakı", ""), ("dəki", ""),
    ("nın", "V"), ("nin", "V"), ("nun", "V"), ("nün", "V"),
    ("dan", ""), ("dən", ""),
    ("ın", "C"), ("in", "C"), ("un", "C"), ("ün", "C"),
    ("da", ""), ("də", ""),
    ("ya", "V"), ("yə", "V"),
    ("nı", "V"), ("ni", "V"), ("nu", "V"), ("nü", "V"),
)
_POSSESSIVES: tuple[tuple[str, str], ...] = (
    ("ları", ""), ("ləri", ""),
    ("sı", "V"), ("si", "V"), ("su", "V"), ("sü", "V"),
    ("ı", "C"), ("i", "C"), ("u", "C"), ("ü", "C"),
)
_PLURAL: tuple[tuple[str, str], ...] = (("lar", ""), ("lər", ""))


def _peel(w: str, suffixes: tuple[tuple[str, str], ...]) -> list[str]:
    """Every stem one suffix of ``suffixes`` can leave (``[w]`` when none applies)."""
    stems = []
    for suf, after in suffixes:
        if w.endswith(suf):
            stem = w[: -len(suf)]
            if len(stem) < MIN_STEM:
                continue
            if after == "V" and stem[-1] not in _VOWELS:
                continue
            if after == "C" and stem[-1] in _VOWELS:
                continue
            if stem not in stems:
                stems.append(stem)
    return stems or [w]


def _strip(w: str) -> tuple[str, ...]:
    """Stems of ``w``. A genitive or accusative after a final ``n`` is ambiguous without a
    dictionary (``Azərbaycan-ın`` or ``Azərbayca-nın``? ``Bakı-nın`` or ``Bakın-ın``?), so
    both readings are kept, as Russian keeps two likely lemmas."""
    out: list[str] = []
    for stem in _peel(w, _CASES)[:2]:
        stem = _peel(stem, _POSSESSIVES)[0]
        stem = _peel(stem, _PLURAL)[0]
        if stem not in out:
            out.append(stem)
    return tuple(out)


@memoized(30_000)
def analyze_word(surface: str) -> tuple[str, ...]:
    """Index terms of one Azerbaijani word (one stem, two when ambiguous); ``()`` for a stop
    word."""
    w = turkic_lower(surface)
    if APOSTROPHE in w:
        w = cut_turkic_suffix(w)
    if w in AZ_STOP:
        return ()
    if w.isdigit():
        return (w,)
    return _strip(w)
