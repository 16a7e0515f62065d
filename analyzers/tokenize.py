"""Finding words in the original text.

Words are runs of letters/digits (plus combining marks and invisible characters, which the
normaliser removes later) that may contain apostrophes (``oʻzbek``, ``Azerbaijan’s``) and may be
joined by hyphens into compounds (``Nur-Sultan``). Offsets are those of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qidir.analyzers.normalize import APOSTROPHES, HYPHENS, IGNORABLES

_CH = rf"(?:[^\W_]|[\u0300-\u036f{IGNORABLES}])"
_WORD = rf"{_CH}+(?:[{APOSTROPHES}]{_CH}+)*"

#: One word, or a hyphenated compound of words.
COMPOUND_RE = re.compile(rf"{_WORD}(?:[{HYPHENS}]{_WORD})*")
#: One word (no hyphen).
WORD_RE = re.compile(_WORD)
_HYPHEN_RE = re.compile(f"[{HYPHENS}]")


def iter_compounds(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Words and hyphenated compounds of ``text[start:end]``, in order."""
    return COMPOUND_RE.finditer(text, start, len(text) if end is None else end)


def split_compound(surface: str) -> list[tuple[str, int, int]]:
    """The parts of a compound with their offsets relative to the compound."""
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(surface)]


def has_hyphen(surface: str) -> bool:
    return _HYPHEN_RE.search(surface) is not None


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Surface words and compounds of ``text`` with offsets (what a query parser splits on)."""
    return [(m.group(), m.start(), m.end()) for m in COMPOUND_RE.finditer(text)]
