"""Reading one published index version: opening it, matching, ordering and fetching hits.

The service decides *what* to ask (a query plan per request); this module is *how* Whoosh
is asked, so that nothing above the engine imports Whoosh. An :class:`IndexVersion` is one
opened generation: its facet columns (shared by all threads) and a searcher per thread.
:func:`open_current` returns the live version, reopening when a rebuild published a new
generation or a writer committed, so searches in flight finish on the version they began.
"""

from __future__ import annotations

import gc
import json
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import query as wq
from whoosh import sorting
from whoosh.index import EmptyIndexError
from whoosh.searching import Searcher

from qidir.search.engine import ranking, scoring, store
from qidir.search.engine.collector import matched_docnums, top_among, top_and_matched
from qidir.search.engine.facets import FacetColumns, bits_from_ids, ids_from_bits
from qidir.search.engine.lexicon import Lexicon
from qidir.search.engine.longlists import LongLists
from qidir.search.engine.postcache import PostingsCache

#: Terms of a document that make up its "related documents" query, and their weights.
RELATED_TERMS = (("text", 12, 0.5), ("names", 12, 2.0))
RELATED_COUNTRY_BOOST = 0.2
RELATED_MAX_COUNTRIES = 5
#: Documents read to label one facet value from the documents filed under it.
LABEL_SAMPLE = 8
#: A filtered search scores only its filtered hits (jumping to each) when they are fewer
#: than 1/AMONG_BELOW of the matches; otherwise one walk scores every match.
AMONG_BELOW = 4

#: A hit as the engine hands it up: its stored fields, its score (None when sorted) and its
#: document number in this version (a relaxed search's row reads the words it lacks by it,
#: which by the document's id would cost a term lookup per hit).
Hit = tuple[dict[str, Any], float | None, int]


class IndexVersion:
    """One opened index version: its facet columns and a searcher per thread."""

    def __init__(self, gen: Path) -> None:
        self.gen = gen
        self.index = windex.open_dir(str(gen))
        self._local = threading.local()
        first = self.index.searcher(weighting=ranking.weighting())
        self._local.searcher = first
        self.toc_generation = first.reader().generation()
        self.columns = FacetColumns(first.reader())
        self.meta = store.read_meta(gen)
        #: Index terms → the written words they came from (None: built before it existed).
        self.lexicon = Lexicon.open(gen)
        self._labels: dict[tuple[str, str], str] = {}
        #: Decoded field-length columns for the array scorer, per segment and field.
        self._lengths: scoring.LengthCache = {}
        #: Decoded posting lists and term lookups shared by this version's searches.
        self.postings_cache = PostingsCache.from_env()
        #: Each segment's long posting lists as arrays (see longlists), read once.
        self.long_lists: dict[str, LongLists | None] = {
            sub.segment().segment_id(): LongLists.open(gen, sub.segment().segment_id())
            for sub, _offset in first.reader().leaf_readers()}

    def searcher(self) -> Searcher:
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self._local.searcher = self.index.searcher(weighting=ranking.weighting())
        return s

    def reader(self) -> Any:
        return self.searcher().reader()

    def is_live(self, gen: Path) -> bool:
        return self.gen == gen and self.index.latest_generation() == self.toc_generation

    def doc_count(self) -> int:
        return self.searcher().doc_count()

    def stored(self, doc_id: str) -> dict[str, Any] | None:
        return self.searcher().document(id=doc_id) or None

    def document_label(self, facet: str, value: str) -> str | None:
        """The label the documents filed under a facet value give it (their stored
        ``{"value", "label"}`` entries), read from a few of them once per version. A label
        with more whole words wins (``Zakir Hasanov`` over ``Z. Hasanov`` or ``Hasanov``),
        then the one most documents use, then the first."""
        key = (facet, value)
        cached = self._labels.get(key)
        if cached is not None:
            return cached or None
        bits = self.columns.values.get(facet, {}).get(value, 0)
        votes: Counter[str] = Counter()
        searcher = self.searcher()
        for docnum in self.columns.first_ids(bits, LABEL_SAMPLE):
            meta = json.loads(searcher.stored_fields(docnum).get("meta") or "{}")
            for entry in meta.get(facet) or []:
                if isinstance(entry, dict) and entry.get("value") == value and entry.get("label"):
                    votes[entry["label"]] += 1
        label = max(votes, key=lambda lb: (_whole_words(lb), votes[lb]), default="")
        self._labels[key] = label
        return label or None

    # -- matching -------------------------------------------------------------------------

    def match_bits(self, query: Any, memo: scoring.Memo | None = None) -> int:
        """Every document a query matches, as a bitset, without scoring (set operations over
        the posting lists as boolean arrays, see :func:`scoring.match_mask`); ``memo``: the
        search's decoded posting lists, shared by its passes."""
        return scoring.bits_from_mask(scoring.match_mask(self.searcher(), query, memo,
                                                         self.postings_cache,
                                                         self.long_lists))

    def top_and_matched(self, query: Any, limit: int, allowed: int | None,
                        bonus: Callable[[int], float] | None = None,
                        memo: scoring.Memo | None = None) -> tuple[list[Hit], int]:
        """The best ``limit`` hits among ``allowed`` (None: all) and every match;
        ``bonus(docnum)`` is added to each score before ranking (relaxed searches).

        Scored a posting list at a time (:mod:`qidir.search.engine.scoring`: the same
        scores as Whoosh's walk, bit for bit); a query that cannot be scored so is
        walked by Whoosh (:meth:`top_and_matched_walk`), with the same answers."""
        searcher = self.searcher()
        try:
            scores = scoring.score_all(searcher, query, self._lengths, memo,
                                       self.postings_cache, self.long_lists)
        except scoring.Unsupported:
            return self.top_and_matched_walk(query, limit, allowed, bonus)
        mask = (None if allowed is None
                else scoring.mask_from_bits(allowed, len(scores)))
        hits = [(searcher.stored_fields(docnum), score, docnum)
                for docnum, score in scoring.top(scores, limit, mask, bonus)]
        return hits, scoring.bits_from_mask(scores > 0.0)

    def top_and_matched_walk(self, query: Any, limit: int, allowed: int | None,
                             bonus: Callable[[int], float] | None = None,
                             memo: Any = None) -> tuple[list[Hit], int]:
        """:meth:`top_and_matched` by Whoosh's matcher walk, scoring every match in one pass
        (``memo`` is accepted so the two are interchangeable; the walk reads through
        Whoosh's matchers, not the search's decoded lists).

        (Tried, issue 15: the match set by set operations and the top hits by Whoosh's
        block-skipping top-N walk; the answers were the same but the top-N walk alone cost
        about as much as this one, since each word is a disjunction of alternatives whose
        block bounds rarely allow a skip.)

        With filters that keep under a quarter of the matches, the match set comes from
        set operations and only the filtered hits are scored, the matcher jumping from one
        to the next (:func:`top_among`); the same hits, in the same order."""
        searcher = self.searcher()
        if allowed is not None and bonus is None:
            ids = matched_docnums(searcher, query)
            matched = bits_from_ids(ids, self.columns.size)
            final = matched & allowed
            if final.bit_count() * AMONG_BELOW < len(ids):
                results = top_among(searcher, query, limit, ids_from_bits(final))
                return _hits(results, scored=True), matched
        results, ids = top_and_matched(searcher, query, limit, allowed, bonus)
        return _hits(results, scored=True), bits_from_ids(ids, self.columns.size)

    def ordered(self, query: Any | None, sort: str, limit: int, final: int | None
                ) -> list[Hit]:
        """The first ``limit`` hits in ``sort`` order ("relevance", "newest", "oldest").

        ``final`` is the bitset of every hit (query AND filters), already known from the
        facet columns; given, it is handed to Whoosh as the allowed documents, which costs
        one pass over the hits instead of Whoosh re-running the filters as queries (a date
        range alone expands to one posting list per day). ``query`` None lists everything.
        """
        kwargs: dict[str, Any] = {"limit": limit, "terms": False}
        if final is not None:
            kwargs["filter"] = set(ids_from_bits(final))
        if sort != "relevance":
            # Undated documents last in both directions, then by date (Whoosh keeps the
            # index order among equals, so pages of one sort never overlap).
            kwargs["sortedby"] = sorting.MultiFacet([
                sorting.FieldFacet("undated"),
                sorting.FieldFacet("published", reverse=(sort == "newest")),
            ])
        results = self.searcher().search(query if query is not None else wq.Every(), **kwargs)
        return _hits(results, scored=sort == "relevance")

    def related(self, doc_id: str, body: str, countries: Sequence[str], limit: int
                ) -> list[Hit]:
        """Documents most like one: its most distinctive analysed terms (same language),
        its names' cross-script keys and its countries, OR-ed, the document left out."""
        searcher = self.searcher()
        subs: list[wq.Query] = []
        for fieldname, n, weight in RELATED_TERMS:
            for term, score in searcher.key_terms_from_text(fieldname, body, numterms=n):
                subs.append(wq.Term(fieldname, term, boost=weight * max(score, 0.01)))
        subs += [wq.Term("country", c, boost=RELATED_COUNTRY_BOOST)
                 for c in countries[:RELATED_MAX_COUNTRIES]]
        if not subs:
            return []
        results = searcher.search(wq.Or(subs), limit=limit, mask=wq.Term("id", doc_id),
                                  terms=False)
        return _hits(results, scored=True)


def _whole_words(label: str) -> int:
    return sum(1 for w in label.split() if len(w.rstrip(".")) > 1)


def _hits(results: Any, scored: bool) -> list[Hit]:
    return [(hit.fields(), hit.score if scored else None, hit.docnum) for hit in results]


class VersionCache:
    """The live version of one index location, reopened when it changes.

    When the version changes, unused old versions are freed at once: a Whoosh searcher
    refers to itself, so an old version is only freed by Python's cyclic garbage collector,
    which may not run for a long time in a server; until then the memory maps of a deleted
    generation keep its disk space in use. One collection per index change (tens of ms,
    paid by one request) frees every version no request uses any more.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._version: IndexVersion | None = None
        self._lock = threading.Lock()

    def current(self) -> IndexVersion:
        for attempt in range(3):
            gen = store.require_generation(self.root)
            v = self._version
            if v is not None and v.is_live(gen):
                return v
            with self._lock:
                v = self._version
                if v is None or not v.is_live(gen):
                    try:
                        v = IndexVersion(gen)
                    except (EmptyIndexError, OSError):
                        # Writers published again and removed ``gen`` between reading
                        # CURRENT and opening it (see store.remove_stale): read CURRENT again.
                        if attempt == 2:
                            raise
                        continue
                    replaced, self._version = self._version, v
                    if replaced is not None:
                        del replaced
                        gc.collect()
            return v
        raise AssertionError("unreachable")
