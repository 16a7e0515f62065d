"""Turkish: Turkic case folding (I→ı, İ→i), proper-noun apostrophes, Snowball Turkish stems.

Turkish writes suffixes of proper nouns after an apostrophe (``Türkiye'nin``, ``Erdoğan'ın``):
the part after it is a suffix, so it is dropped before stemming.
"""

from __future__ import annotations

from qidir.analyzers.cache import memoized
from qidir.analyzers.normalize import APOSTROPHE, cut_turkic_suffix, turkic_lower
from qidir.analyzers.snowball import stemmer
from qidir.analyzers.wordlists import TR_STOP


@memoized(30_000)
def analyze_word(surface: str) -> tuple[str, ...]:
    """Index terms of one Turkish word (its stem); ``()`` for a stop word."""
    w = turkic_lower(surface)
    if APOSTROPHE in w:
        w = cut_turkic_suffix(w)
    if w in TR_STOP:
        return ()
    return (w if w.isdigit() else stemmer("turkish").stemWord(w),)
