"""Finding words in the original text.

Words are runs of letters/digits (plus combining marks and invisible characters, which the
normaliser removes later) that may contain apostrophes (``oʻzbek``, ``Azerbaijan’s``) and may be
joined by hyphens into compounds (``Nur-Sultan``). Offsets are those of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qidir.analyzers.normalize import APOSTROPHES, HYPHENS, IGNORABLES

_MARKS = rf"\u0300-\u036f{IGNORABLES}"
_CH = rf"(?:[^\W_]|[{_MARKS}])"
_WORD = rf"{_CH}+(?:[{APOSTROPHES}]{_CH}+)*"
# The same without combining marks and invisible characters: one character class instead of an
# alternation is twice as fast in Python's regex engine, and almost no text needs the other.
_FAST_WORD = rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*"

#: One word, or a hyphenated compound of words.
COMPOUND_RE = re.compile(rf"{_WORD}(?:[{HYPHENS}]{_WORD})*")
#: One word (no hyphen).
WORD_RE = re.compile(_WORD)
_FAST_COMPOUND_RE = re.compile(rf"{_FAST_WORD}(?:[{HYPHENS}]{_FAST_WORD})*")
_FAST_WORD_RE = re.compile(_FAST_WORD)
_NEEDS_FULL_RE = re.compile(f"[{_MARKS}]")
_HYPHEN_RE = re.compile(f"[{HYPHENS}]")


def compound_re_for(text: str) -> re.Pattern[str]:
    """The compound regex to use on ``text``: the fast one unless the text has combining marks
    or invisible characters (same matches either way). An ASCII text has none (known without
    reading it: a string records whether it is ASCII)."""
    if text.isascii():
        return _FAST_COMPOUND_RE
    return COMPOUND_RE if _NEEDS_FULL_RE.search(text) else _FAST_COMPOUND_RE


def word_re_for(text: str) -> re.Pattern[str]:
    """Like :func:`compound_re_for`, for single words."""
    return WORD_RE if _NEEDS_FULL_RE.search(text) else _FAST_WORD_RE


def iter_compounds(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Words and hyphenated compounds of ``text[start:end]``, in order."""
    return compound_re_for(text).finditer(text, start, len(text) if end is None else end)


def split_compound(surface: str) -> list[tuple[str, int, int]]:
    """The parts of a compound with their offsets relative to the compound."""
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(surface)]


def has_hyphen(surface: str) -> bool:
    return _HYPHEN_RE.search(surface) is not None


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Surface words and compounds of ``text`` with offsets (what a query parser splits on)."""
    return [(m.group(), m.start(), m.end()) for m in compound_re_for(text).finditer(text)]
