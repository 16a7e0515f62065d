"""Relaxed matching: when no document has all the words, the documents with most of them.

Words are AND-ed: a reader typing a question ("military cooperation agreement Kazakhstan
Turkey signed") gets nothing if one word is in no article. Search engines for readers do not
answer a real question with nothing: Meilisearch drops words (``matchingStrategy``), Typesense
drops tokens below ``drop_tokens_threshold``. qidir does the same when, with the filters, no
document has every word:

* what may be left out: the plain words of the top-level AND (``military``, ``signed``);
  never a phrase, a ``NOT``/``-word``, an explicit ``OR`` group, a ``field:`` term or a
  ``+word`` (the reader insists on those; they all still have to match);
* what is shown: every document that has everything that may not be left out and, when
  everything may, at least one of the words, ranked by how many of the words it has, the
  rarest counting most (each word found adds COVERAGE times its inverse document
  frequency, the same unit as a BM25 term score), then by score;
* what is said: the response carries ``relaxed`` with, for the hits shown, the words they
  do not have, so the page can say "No article has all your words; showing those with most
  of them: missing *signed*".

Everything here is computed from per-word bitsets of matching documents, so the cost of a
relaxed search is one unscored walk of each word's postings plus the one scored walk of the
words OR-ed (see ``make bench``: "relaxed" queries).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.reading import IndexReader

from qidir.search.query import parser as ast
from qidir.search.query.compiler import compile_query, query_language
from qidir.search.query.vocabulary import Vocabulary

#: Each word a document has adds COVERAGE × the word's idf to its score before ranking.
#: BM25 gives one occurrence of a word about its idf; with COVERAGE = 1 a document with one
#: more of the words, or a rarer one, ranks above documents that only repeat fewer words.
COVERAGE = 0.3
#: A search is relaxed when fewer documents than this have all its words (with the filters):
#: those come first, then the documents with most of the words.
RELAX_BELOW = 10
#: Added to the documents that have every word, so that they always come first.
COMPLETE = 1e6


@dataclass(frozen=True)
class Relaxation:
    """A relaxed search: what it matches, and which of the words each document lacks."""

    #: The relaxed Whoosh query: the kept parts AND-ed with the words OR-ed.
    query: wq.Query
    #: The words that may be left out, as typed, in query order.
    words: tuple[str, ...]
    #: Per word, the bitset of documents that have it.
    word_bits: tuple[int, ...]
    #: Per word, its weight (idf): rarer words count more.
    weights: tuple[float, ...]
    #: The bitset of every document the relaxed query matches (before the filters).
    matched: int
    #: The bitset of the documents that have every word (and everything kept).
    complete: int = 0

    def missing(self, docnum: int) -> list[str]:
        """The words the document does not have, in query order."""
        return [w for w, bits in zip(self.words, self.word_bits, strict=True)
                if not bits >> docnum & 1]

    def missing_for(self, docnums: Iterable[int]) -> list[str]:
        """The words left out for these documents (any of them lacks it), in query order."""
        lacking: set[str] = set()
        for d in docnums:
            lacking.update(self.missing(d))
        return [w for w in self.words if w in lacking]

    def bonus(self) -> Bonus:
        """``docnum → COVERAGE × the idf of each word it has``, for the ranking collector."""
        terms = [(bits, COVERAGE * w)
                 for bits, w in zip(self.word_bits, self.weights, strict=True) if bits]
        if self.complete:
            terms.append((self.complete, COMPLETE))
        return Bonus(tuple(terms))


class Bonus:
    """A relaxed search's reward per document: the sum, in order, of the weights of the
    bitsets that have it. Callable per document; ``terms`` (bitset, weight) lets the
    engine's array scorer add it to every candidate at once, with the same sums."""

    def __init__(self, terms: tuple[tuple[int, float], ...]) -> None:
        self.terms = terms
        self._tables = [(bits.to_bytes((bits.bit_length() + 7) >> 3, "little"), weight)
                        for bits, weight in terms]

    def __call__(self, docnum: int) -> float:
        i, m = docnum >> 3, 1 << (docnum & 7)
        total = 0.0
        for data, weight in self._tables:
            if i < len(data) and data[i] & m:
                total += weight
        return total


def split(node: ast.Node | None) -> tuple[list[ast.Term], list[ast.Node]] | None:
    """(the words that may be left out, the parts that must still match), or None when the
    query cannot be relaxed: a single word, an explicit OR at the top, a lone phrase."""
    if not isinstance(node, ast.And):
        return None
    words: list[ast.Term] = []
    kept: list[ast.Node] = []
    for child in node.children:
        if isinstance(child, ast.Term) and child.field is None and not child.required:
            words.append(child)
        else:
            kept.append(child)
    positive = [k for k in kept if not isinstance(k, ast.Not)]
    if not words or len(words) + len(positive) < 2:
        return None  # one word and nothing else to show: leaving it out leaves nothing
    return words, kept


def idf(df: int, n: int) -> float:
    """BM25's inverse document frequency (never negative)."""
    return math.log((n - df + 0.5) / (df + 0.5) + 1.0)


def relax(node: ast.Node | None, reader: IndexReader,
          bits_of: Callable[[wq.Query], int], lexicon: Vocabulary | None = None
          ) -> Relaxation | None:
    """The relaxed form of a query, or None when it cannot be relaxed or nothing would match.
    ``lexicon``: what prefix and fuzzy words expand against (see ``compile_query``).

    ``bits_of(query)`` gives the bitset of documents a Whoosh query matches (the service's
    unscored walk)."""
    parts = split(node)
    if parts is None:
        return None
    terms, kept = parts
    lang = query_language(node) if node is not None else "und"
    words: list[str] = []
    queries: list[wq.Query] = []
    for term in terms:
        q = compile_query(term, reader, lenient=True, query_lang=lang, lexicon=lexicon).query
        if q is wq.NullQuery or q is None:
            continue  # a stop word: nothing to leave out
        words.append(term.word)
        queries.append(q)
    if not queries:
        return None
    kept_queries = [q for q in (compile_query(k, reader, query_lang=lang, lexicon=lexicon).query
                                  for k in kept)
                    if q is not wq.NullQuery]
    word_bits = [bits_of(q) for q in queries]
    any_word = 0
    for bits in word_bits:
        any_word |= bits
    if kept_queries:
        # What the reader insisted on must match; the words only add to the score.
        kept_query = kept_queries[0] if len(kept_queries) == 1 else wq.And(kept_queries)
        matched = bits_of(kept_query)
        query: wq.Query = wq.AndMaybe(kept_query, wq.Or(queries))
    else:
        matched = any_word
        query = queries[0] if len(queries) == 1 else wq.Or(queries)
    if not matched:
        return None
    complete = matched
    for bits in word_bits:
        complete &= bits
    n = max(1, reader.doc_count_all())
    weights = [idf(bits.bit_count(), n) for bits in word_bits]
    return Relaxation(query, tuple(words), tuple(word_bits), tuple(weights), matched, complete)
