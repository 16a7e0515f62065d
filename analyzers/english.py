"""English: Snowball (Porter2) stems, with possessives removed first.

Snowball's own possessive rule only knows the ASCII apostrophe; our normaliser has already
turned every apostrophe into one canonical character, so we strip ``ʼs`` ourselves.
"""

from __future__ import annotations

from qidir.analyzers.cache import memoized
from qidir.analyzers.normalize import APOSTROPHE, fold
from qidir.analyzers.snowball import stemmer
from qidir.analyzers.wordlists import EN_STOP

_POSSESSIVE = APOSTROPHE + "s"


def base_form(surface: str) -> str:
    """Folded word without a possessive ending (``Azerbaijan’s`` → ``azerbaijan``)."""
    w = fold(surface)
    if w.endswith(_POSSESSIVE):
        w = w[:-2]
    elif w.endswith(APOSTROPHE):
        w = w[:-1]
    return w


@memoized(30_000)
def analyze_word(surface: str) -> tuple[str, ...]:
    """Index terms of one English word (its stem); ``()`` for a stop word."""
    w = base_form(surface)
    return () if w in EN_STOP else (stemmer("english").stemWord(w),)


def name_bases(surface: str) -> tuple[str, ...]:
    """The base form a capitalised English word is also keyed by as a name."""
    return (base_form(surface),)
