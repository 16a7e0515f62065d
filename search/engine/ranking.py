"""How a matching document is scored: the weighting model and the query pieces that shape it.

qidir scores with Whoosh's BM25F. A typed word can reach a document in several ways: one
analysis per plausible language (``states`` is the English stem ``state`` and the Turkish
``states``), its cross-script name key (``Tokayev`` → ``tokaev`` in the ``names`` field), the
joined and split forms of a hyphenated word. Summed, those ways let one word count two or
three times, and a rare name key or a stray foreign stem outscores the word that matters.
:class:`BestOf` scores a word by its best way (a disjunction-max) with a small tie-breaker,
so every word counts about once whatever form it was found in.

The parameters were chosen on the development collections of ``../shared/relevance`` (see
README, "How ranking works") and are then left alone.
"""

from __future__ import annotations

import functools
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.matching import NullMatcher, NullMatcherClass, UnionMatcher, WrappingMatcher

#: BM25 saturation of term frequency (Whoosh's default 1.2; the usual range 1.2-2.0).
K1 = 1.2
#: BM25 length normalisation of the text field (Whoosh's default 0.75): a little less, since
#: a long news text is more often long because it covers more, not because it repeats.
B_TEXT = 0.6
#: Length normalisation of titles (Whoosh's default; less normalisation measured worse).
B_TITLE = 0.75
#: A word's other ways of matching add this share of their score to its best one.
TIEBREAK = 0.1


def weighting() -> scoring.WeightingModel:
    """The weighting model every searcher of the service uses."""
    return scoring.BM25F(B=B_TEXT, K1=K1, title_B=B_TITLE)


class TieBreakMaxMatcher(UnionMatcher):  # type: ignore[misc]
    """The union of two matchers scored by the better of the two, plus ``tiebreak`` times the
    other where both match the current document.

    Whoosh's own DisjunctionMaxMatcher compares the two sub-matchers' scores without checking
    that both are on the current document, so a document matching one of them can take the
    other's score from another document; this one checks.
    """

    def __init__(self, a: Any, b: Any, tiebreak: float = 0.0) -> None:
        super().__init__(a, b)
        self.tiebreak = tiebreak

    def copy(self) -> TieBreakMaxMatcher:
        return self.__class__(self.a.copy(), self.b.copy(), tiebreak=self.tiebreak)

    def supports_block_quality(self) -> bool:
        # Quality bounds of a max are easy, with a tie-breaker added less so: no skipping.
        return False

    def max_quality(self) -> float:
        return float(self.a.max_quality() + self.b.max_quality())

    def replace(self, minquality: float = 0) -> Any:
        a, b = self.a, self.b
        if not a.is_active() and not b.is_active():
            return NullMatcher()
        if not a.is_active():
            return b.replace(minquality)
        if not b.is_active():
            return a.replace(minquality)
        ra, rb = a.replace(0), b.replace(0)
        if ra is not a or rb is not b:
            return self.__class__(ra, rb, tiebreak=self.tiebreak)
        return self

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active():
            return float(b.score())
        if not b.is_active():
            return float(a.score())
        ia, ib = a.id(), b.id()
        if ia < ib:
            return float(a.score())
        if ib < ia:
            return float(b.score())
        sa, sb = a.score(), b.score()
        return float(max(sa, sb) + self.tiebreak * min(sa, sb))


class BestOf(wq.DisjunctionMax):  # type: ignore[misc]
    """Matches what any alternative matches; scores the best alternative (plus a tie-breaker)."""

    def __init__(self, subqueries: list[wq.Query], boost: float = 1.0,
                 tiebreak: float = TIEBREAK) -> None:
        super().__init__(subqueries, boost=boost, tiebreak=tiebreak)

    def _matcher(self, subs: list[wq.Query], searcher: Any, context: Any) -> Any:
        r = searcher.reader()
        # Whoosh's weighted tree builder drops keyword arguments: bind the tie-breaker here.
        pair = functools.partial(TieBreakMaxMatcher, tiebreak=self.tiebreak)
        return self._tree_matcher(subs, pair, searcher, context, lambda q: q.estimate_size(r))


class Scaled(wq.WrappingQuery):  # type: ignore[misc]
    """A query whose scores are multiplied by ``factor`` (Whoosh drops the boost of a compound
    query with one subquery; this never does)."""

    def __init__(self, child: wq.Query, factor: float) -> None:
        super().__init__(child)
        self.factor = factor

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Scaled) and other.child == self.child
                and other.factor == self.factor)

    def __hash__(self) -> int:
        return hash(self.child) ^ hash(self.factor)

    def _rewrap(self, child: wq.Query) -> Scaled:
        return self.__class__(child, self.factor)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        m = self.child.matcher(searcher, context)
        if self.factor == 1.0 or isinstance(m, NullMatcherClass):
            return m
        return WrappingMatcher(m, boost=self.factor)


def scaled(q: wq.Query, factor: float) -> wq.Query:
    """``q`` with its scores times ``factor`` (a Term takes the boost itself)."""
    if factor == 1.0:
        return q
    if isinstance(q, wq.Term):
        q.boost = q.boost * factor
        return q
    return Scaled(q, factor)
