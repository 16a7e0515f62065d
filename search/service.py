"""The one search service: the CLI, the JSON API and the pages all ask it and only render.

A service owns an index location and keeps its live version open (see
:mod:`qidir.search.engine.searching`). Every request is answered from one
:class:`QueryPlan`: the version it started on, the parsed and compiled query, the selection
and its filter bits, and the match bits, each computed once and shared by the hits, the
facet counts, the marks and the suggestion counts of that request.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from qidir.search import fields
from qidir.search.engine.deadline import Deadline, SearchTimeout
from qidir.search.engine.docvalues import Members
from qidir.search.engine.facets import DATES, Selection
from qidir.search.engine.records import from_stored
from qidir.search.engine.schema import SCHEMA_VERSION, schema_current
from qidir.search.engine.searching import Hit, IndexVersion, VersionCache
from qidir.search.follower.state import summaries as feed_summaries
from qidir.search.labels import DEFAULT_LOCALE
from qidir.search.query import relax as relax_module
from qidir.search.query.compiler import CompiledQuery, compile_query, no_marks
from qidir.search.query.highlight import Marker, highlight, snippet
from qidir.search.query.parser import Node, QueryError, parse
from qidir.search.query.relax import Relaxation, relax
from qidir.search.query.suggest import suggest
from qidir.search.request import (
    DEFAULT_FACET_LIMIT,
    MAX_FACET_LIMIT,
    MAX_PAGE,
    MAX_PER_PAGE,
    SORTS,
    BadRequest,
    SearchRequest,
    request_from_params,
)
from qidir.search.timeline import build_timeline

RELATED_LIMIT = 5


class DocumentNotFound(LookupError):
    """No document has this id; a 404."""

    def __init__(self, doc_id: str) -> None:
        super().__init__(f"no document with id {doc_id!r}")
        self.doc_id = doc_id
        self.message = str(self)
        self.param = "id"


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    took_ms: float
    hits: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]]
    facets_more: dict[str, bool] = field(default_factory=dict)
    suggestion: dict[str, Any] | None = None
    timeline: dict[str, Any] = field(default_factory=dict)
    #: When fewer than RELAX_BELOW documents have all the words: the words that could be
    #: left out ("words") and those the hits shown lack ("missing"), in query order, and how
    #: many documents have them all ("complete", listed first); None otherwise.
    relaxed: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The API's search response (the contract's shape)."""
        r = self.request
        return {
            "query": {"q": r.q, "filters": r.filters(), "sort": r.sort, "page": r.page,
                      "per_page": r.per_page},
            "total": self.total,
            "took_ms": self.took_ms,
            "hits": self.hits,
            "facets": self.facets,
            "facets_more": self.facets_more,
            "suggestion": self.suggestion["q"] if self.suggestion else None,
            "suggestion_total": self.suggestion["total"] if self.suggestion else None,
            "timeline": self.timeline,
            "relaxed": self.relaxed,
        }


class QueryPlan:
    """Everything one request needs, computed at most once: the index version it runs on,
    the parsed and compiled query (under the request's deadline), the filter bits of the
    selection and the bits of every document the query matches."""

    def __init__(self, version: IndexVersion, q: str, selection: Selection,
                 deadline: Deadline) -> None:
        self.version = version
        self.columns = version.columns
        self.deadline = deadline
        self.selection = selection
        self.node: Node | None = parse(q)
        self.compiled: CompiledQuery | None = (
            compile_query(self.node, version.reader(), lexicon=version.lexicon)
            if self.node is not None else None)
        #: The Whoosh query under the deadline; None for an empty query (every document).
        self.query = deadline.guard(self.compiled.query) if self.compiled else None
        self._matched: int | None = None
        #: This search's term lookups and decoded posting lists, for all its passes.
        self._memo: dict[tuple[Any, ...], Any] = {}
        #: Set by :meth:`relax` when no document has all the words.
        self.relaxation: Relaxation | None = None
        #: The facets' and the timeline's bases (see :meth:`_base`): filter left out (None:
        #: none) → (the matches they were made from, the base).
        self._bases: dict[str | None, tuple[int, Members]] = {}
        deadline.check("parsing")

    @property
    def marks(self) -> dict[str, set[str]]:
        return self.compiled.marks if self.compiled is not None else no_marks()

    @cached_property
    def marker(self) -> Marker:
        """What the hits' snippets and titles mark: the marks' written words, looked up
        once in the index's lexicon."""
        marks = self.marks
        lexicon = self.version.lexicon
        if lexicon is None or not any(marks.values()):
            return Marker(marks)
        return Marker(marks, lexicon.surfaces(marks["text"], marks["names"]))

    @cached_property
    def _filter_parts(self) -> dict[str, int]:
        """Each selected filter's bits, computed once: the hits, every facet (without its
        own filter) and the timeline (without the date range) AND them differently."""
        return self.columns.filter_parts(self.selection)

    @cached_property
    def filter_bits(self) -> int:
        return self.columns.combined(self._filter_parts)

    @property
    def matched(self) -> int:
        """Every document the query matches, filters aside (the facets' base)."""
        if self._matched is None:
            self._matched = (self.columns.live if self.query is None
                             else self.version.match_bits(self.query, self._memo))
        return self._matched

    def top_and_matched(self, limit: int, filtered: bool) -> list[Hit]:
        """The best ``limit`` hits, collecting :attr:`matched` in the same walk."""
        bonus = self.relaxation.bonus() if self.relaxation is not None else None
        hits, self._matched = self.version.top_and_matched(
            self.query, limit, self.filter_bits if filtered else None, bonus, self._memo)
        return hits

    def relax(self) -> bool:
        """When fewer than RELAX_BELOW documents have all the words, switch this plan to the
        relaxed query (see :mod:`qidir.search.query.relax`); whether it did."""
        # Decided on the words alone, filters aside: the hit set then does not depend on
        # the selection, so every facet count is the total of selecting that value.
        if (self.node is None or self.relaxation is not None
                or self.matched.bit_count() >= relax_module.RELAX_BELOW):
            return False
        relaxation = relax(self.node, self.version.reader(), self._match_bits,
                           self.version.lexicon)
        if relaxation is None:
            return False
        self.relaxation = relaxation
        self.query = self.deadline.guard(relaxation.query)
        self._matched = relaxation.matched
        return True

    def row(self, hit: Hit, doc: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """A hit's row; in a relaxed search with the words it lacks (``missing``), and its
        score without the rank's lift for documents that have every word. ``doc``: the
        stored fields already read as a document (:func:`from_stored`)."""
        stored, score, docnum = hit
        if doc is None:
            doc = from_stored(stored)
        if self.relaxation is None:
            return hit_row(doc, score)
        missing = self.relaxation.missing(docnum)
        if score is not None and not missing:
            score -= relax_module.COMPLETE
        row = hit_row(doc, score)
        row["missing"] = missing
        return row

    @property
    def final(self) -> int:
        """The hits: matched AND every filter."""
        return self.matched & self.filter_bits

    def _match_bits(self, query: Any) -> int:
        return self.version.match_bits(query, self._memo)

    def count(self, q: str) -> int:
        """Hits another query string would give with the same filters (suggestions)."""
        try:
            node = parse(q)
            if node is None:
                return 0
            query = compile_query(node, self.version.reader(), lexicon=self.version.lexicon).query
            bits = self._match_bits(query)
            if bits.bit_count() < relax_module.RELAX_BELOW:
                # What that search would show: relaxed too when few documents have it all.
                relaxation = relax(node, self.version.reader(), self._match_bits,
                                   self.version.lexicon)
                if relaxation is not None:
                    bits = relaxation.matched
        except QueryError:
            return 0
        return (bits & self.filter_bits).bit_count()

    def _base(self, exclude: str) -> Members:
        """The matches passing every filter except ``exclude`` (a facet's or the date
        range's): what that facet or the timeline counts. Made once per distinct set of
        filters, so the facets without a selection and the timeline share the hits' own
        base, and its documents are read once for all of them."""
        key = exclude if exclude in self._filter_parts else None
        matched = self.matched
        made = self._bases.get(key)
        if made is None or made[0] is not matched:  # relax() changes the matches
            bits = matched & self.columns.combined(self._filter_parts, exclude=key)
            made = self._bases[key] = (matched, self.columns.members(bits))
        return made[1]

    def timeline(self) -> dict[str, Any]:
        """Hits per period with every filter except the date range (as each facet is counted
        without its own filter), so the bars outside the current range keep their counts and
        a click on one moves the range there; undated hits are counted apart."""
        base = self._base(DATES)
        return build_timeline(self.columns.day_counts(base.bits, base),
                              (base.bits & self.columns.undated).bit_count(),
                              self.selection.date_from, self.selection.date_to)

    def label(self, facet: fields.Facet, value: str, locale: str = DEFAULT_LOCALE) -> str:
        """A value's label in ``locale`` (a Babel locale identifier): the facet's own, else
        (people) what its documents call it."""
        label = facet.label(value, locale)
        if not label and facet.label_from_documents:
            label = self.version.document_label(facet.name, value) or ""
        return label or value

    def facet_values(self, name: str, limit: int | None, prefix: str | None = None,
                     locale: str = DEFAULT_LOCALE) -> tuple[list[dict[str, Any]], bool]:
        """One facet's values with disjunctive counts: every filter except its own; labels
        (and the order of ties, and ``prefix``) in ``locale``."""
        facet = fields.get(name)
        assert facet is not None
        base = self._base(name)
        counts = self.columns.counts(name, base.bits, base)
        selected = set(self.selection.values.get(name, ()))
        for value in selected:
            counts.setdefault(value, 0)
        if limit is not None and not prefix and len(counts) > limit:
            # Label only what can be listed: the values counted at least as often as the
            # limit-th (ties are ordered by label) and the selected ones. People's labels are
            # read from documents, and an index has thousands of people.
            floor = sorted(counts.values(), reverse=True)[limit - 1]
            counts = {v: n for v, n in counts.items() if n >= floor or v in selected}
            more = True
        else:
            more = False
        rows = [{"value": value, "label": self.label(facet, value, locale), "count": n,
                 "selected": value in selected} for value, n in counts.items()]
        if prefix:
            p = prefix.casefold()
            rows = [r for r in rows if r["label"].casefold().startswith(p)
                    or r["value"].casefold().startswith(p)]
        rows.sort(key=lambda r: (-r["count"], r["label"].casefold()))
        if limit is None or len(rows) <= limit:
            return rows, more
        shown = rows[:limit]
        # Selected values are always listed, even past the limit or with a count of 0.
        shown += [r for r in rows[limit:] if r["selected"]]
        return shown, True


class SearchService:
    """Answers searches, documents, stats and health for one index location.

    ``timeout``: seconds one request may take before it stops with SearchTimeout (None or
    0: no limit). The web app passes QIDIR_SEARCH_TIMEOUT; the CLI and scripts pass none.
    """

    def __init__(self, root: Path | str, timeout: float | None = None) -> None:
        self.root = Path(root)
        self.timeout = timeout or None
        self._versions = VersionCache(self.root)

    def _current(self) -> IndexVersion:
        return self._versions.current()

    def forget_postings(self) -> None:
        """Empty the live version's cache of decoded posting lists (see ``postcache``).

        For benchmarks, so that timing the same queries twice does not time the cache."""
        self._current().postings_cache.clear()

    def plan(self, req: SearchRequest) -> QueryPlan:
        """The plan of one request, on the live version, under a fresh deadline."""
        return QueryPlan(self._current(), req.q, req.selection(), Deadline(self.timeout))

    # -- search --------------------------------------------------------------------

    def search(self, req: SearchRequest, locale: str = DEFAULT_LOCALE) -> SearchResult:
        """``locale`` only picks the language of facet labels: hits, counts and values are
        the same in every language."""
        started = time.perf_counter()
        plan = self.plan(req)
        page_end = req.page * req.per_page
        ranked: list[Hit] | None = None
        if plan.query is not None and req.sort == "relevance":
            # One pass gives the page's hits and the matching set for the facets.
            ranked = plan.top_and_matched(page_end, req.has_filters())
        total = plan.final.bit_count()
        strict_total = total
        if plan.relax():
            if req.sort == "relevance":
                ranked = plan.top_and_matched(page_end, req.has_filters())
            total = plan.final.bit_count()
        plan.deadline.check("matching")
        hits = self._page(req, plan, total, ranked)
        plan.deadline.check("hits")
        facets: dict[str, list[dict[str, Any]]] = {}
        more: dict[str, bool] = {}
        for name in fields.facet_names():
            facets[name], more[name] = plan.facet_values(name, req.facet_limit, locale=locale)
        timeline = plan.timeline()
        suggestion = None
        if plan.node is not None:
            plan.deadline.check("facets")
            suggestion = suggest(req.q, plan.node, plan.version.reader(), strict_total,
                                 plan.count, plan.version.lexicon)
        relaxed = None
        if plan.relaxation is not None:
            missing = {w for h in hits for w in h["missing"]}
            relaxed = {"words": list(plan.relaxation.words),
                       "missing": [w for w in plan.relaxation.words if w in missing],
                       "complete": strict_total}
        took = round((time.perf_counter() - started) * 1000, 2)
        return SearchResult(req, total, took, hits, facets, more, suggestion, timeline,
                            relaxed)

    def _ordered(self, req: SearchRequest, plan: QueryPlan, limit: int) -> tuple[list[Hit], str]:
        # An empty query has no relevance: it lists everything newest first.
        sort = req.sort if (plan.query is not None or req.sort != "relevance") else "newest"
        if sort == "relevance" and plan.relaxation is not None:
            return plan.top_and_matched(limit, req.has_filters()), sort
        final = plan.final if req.has_filters() else None
        return plan.version.ordered(plan.query, sort, limit, final), sort

    def _page(self, req: SearchRequest, plan: QueryPlan, total: int,
              ranked: list[Hit] | None) -> list[dict[str, Any]]:
        first = (req.page - 1) * req.per_page
        if first >= total:
            return []
        if ranked is None:
            ranked, _ = self._ordered(req, plan, first + req.per_page)
        marker = plan.marker
        out = []
        for hit in ranked[first:first + req.per_page]:
            stored = hit[0]
            doc = from_stored(stored)
            row = plan.row(hit, doc)
            parts = stored.get("parts") or {}
            row["snippet"] = snippet(doc["text"], marker, parts=parts.get("text"))
            row["title_html"] = highlight(doc["title"], marker, parts.get("title"))
            out.append(row)
        return out

    def iter_hits(self, req: SearchRequest, max_rows: int) -> tuple[int, Iterator[dict[str, Any]]]:
        """Every hit of a search across all pages (up to ``max_rows``), in the request's order,
        for exports: the total, and the hits as they are read (no snippets: an export of
        thousands of rows must not analyse thousands of texts)."""
        plan = self.plan(req)
        total = plan.final.bit_count()
        if plan.relax():
            total = plan.final.bit_count()
        if total == 0:
            return 0, iter(())
        ranked, _ = self._ordered(req, plan, min(total, max_rows))
        return total, (plan.row(hit) for hit in ranked)

    def facet(self, req: SearchRequest, name: str, prefix: str | None = None,
              locale: str = DEFAULT_LOCALE) -> dict[str, Any]:
        """All values of one facet for a search (the API's /api/facets/<facet>)."""
        if fields.get(name) is None:
            raise BadRequest("facet", f"unknown facet {name!r}; facets are "
                                      f"{', '.join(fields.facet_names())}")
        plan = self.plan(req)
        plan.relax()  # the same hit set as the search shows
        values, _ = plan.facet_values(name, None, prefix, locale)
        return {"facet": name, "values": values}

    # -- documents, stats, health ---------------------------------------------------

    def marks(self, q: str) -> dict[str, set[str]]:
        """The index terms a query's positive words match — what snippets mark, prefix and
        fuzzy expansions included."""
        return self.plan(SearchRequest(q)).marks

    def marker(self, q: str) -> Marker:
        """What a query marks, so a page can mark it in a whole document
        (``highlight(text, marker, service.parts(doc_id)["text"])``)."""
        return self.plan(SearchRequest(q)).marker

    def parts(self, doc_id: str) -> dict[str, Any]:
        """Where the language parts of a document's title and text begin (what
        :func:`highlight` needs to mark it without analysing it); {} when not recorded."""
        stored = self._current().stored(doc_id)
        if stored is None:
            raise DocumentNotFound(doc_id)
        return stored.get("parts") or {}

    def document(self, doc_id: str) -> dict[str, Any]:
        """The whole document; DocumentNotFound when no document has this id."""
        stored = self._current().stored(doc_id)
        if stored is None:
            raise DocumentNotFound(doc_id)
        return from_stored(stored)

    def related(self, doc_id: str, limit: int = RELATED_LIMIT) -> list[dict[str, Any]]:
        """The documents most like one document, in any language where its names and
        countries allow."""
        v = self._current()
        stored = v.stored(doc_id)
        if stored is None:
            return []
        doc = from_stored(stored)
        body = f"{doc['title']}\n{doc['text']}"
        return [hit_row(from_stored(s), score)
                for s, score, _ in v.related(doc_id, body, doc["countries"], limit)]

    def stats(self) -> dict[str, Any]:
        v = self._current()
        plan = QueryPlan(v, "", Selection({}), Deadline(None))
        columns = v.columns
        meta = v.meta

        def without(facet: str, value: str) -> int:
            return columns.filter_bits(Selection({facet: (value,)})).bit_count()

        any_country = 0
        for bits in columns.values.get("country", {}).values():
            any_country |= bits
        return {
            "documents": v.doc_count(),
            "generation": v.gen.name,
            "schema_version": meta.get("schema_version", SCHEMA_VERSION),
            "schema_current": schema_current(meta),
            "built_at": meta.get("built_at"),
            "updated_at": meta.get("updated_at"),
            "build_seconds": meta.get("build_seconds"),
            "sources": meta.get("sources", []),
            "facets": {name: {r["value"]: r["count"]
                              for r in plan.facet_values(name, None)[0]}
                       for name in fields.facet_names()},
            "missing": {
                "published": without("year", "unknown"),
                "source": without("source", "unknown"),
                "lang": without("lang", "und"),
                "countries": (columns.live & ~any_country).bit_count(),
            },
            "skipped": meta.get("skipped", []),
            "feeds": feed_summaries(self.root),
        }

    def health(self) -> dict[str, Any]:
        v = self._current()
        return {"status": "ok", "documents": v.doc_count(), "generation": v.gen.name,
                "schema_current": schema_current(v.meta)}


def hit_row(doc: Mapping[str, Any], score: float | None) -> dict[str, Any]:
    """The fields every hit-like answer shares (search hits, related documents, exports)."""
    return {
        "id": doc["id"], "title": doc["title"], "url": doc["url"], "path": doc["path"],
        "source": doc["source"], "published": doc["published"], "lang": doc["lang"],
        "script": doc["script"], "countries": doc["countries"],
        "person": [{"value": p["value"], "label": p["label"]} for p in doc.get("person") or []],
        "score": round(float(score), 4) if score is not None else None,
    }


__all__ = ["DEFAULT_FACET_LIMIT", "MAX_FACET_LIMIT", "MAX_PAGE", "MAX_PER_PAGE", "SORTS",
           "BadRequest", "DocumentNotFound", "QueryError", "QueryPlan", "SearchRequest",
           "SearchResult", "SearchService", "SearchTimeout", "request_from_params"]
