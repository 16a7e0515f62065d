"""English: Snowball (Porter2) stems, with possessives removed first.

Snowball's own possessive rule only knows the ASCII apostrophe; our normaliser has already
turned every apostrophe into one canonical character, so we strip ``ʼs`` ourselves.
"""

from __future__ import annotations

from qidir.analyzers.cache import BoundedCache
from qidir.analyzers.normalize import APOSTROPHE, fold
from qidir.analyzers.snowball import stemmer
from qidir.analyzers.wordlists import EN_STOP

_cache: BoundedCache[str, str] = BoundedCache(30_000)
_POSSESSIVE = APOSTROPHE + "s"


def base_form(surface: str) -> str:
    """Folded word without a possessive ending (``Azerbaijan’s`` → ``azerbaijan``)."""
    w = fold(surface)
    if w.endswith(_POSSESSIVE):
        w = w[:-2]
    elif w.endswith(APOSTROPHE):
        w = w[:-1]
    return w


def analyze_word(surface: str) -> str:
    """Index term of one English word; ``""`` for a stop word."""
    term = _cache.get(surface)
    if term is None:
        w = base_form(surface)
        term = "" if w in EN_STOP else stemmer("english").stemWord(w)
        _cache[surface] = term
    return term
