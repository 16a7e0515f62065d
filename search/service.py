"""The one search service: the CLI, the JSON API and the pages all ask it and only render.

A service owns an index location. It keeps one opened index version (searcher per thread,
facet columns shared) and reopens it when a rebuild publishes a new generation or a writer
commits, so a running server serves new data without a restart while searches in flight
finish on the version they started with.
"""

from __future__ import annotations

import datetime
import json
import re
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh import query as wq
from whoosh import sorting
from whoosh.index import EmptyIndexError
from whoosh.searching import Searcher

from qidir.search.engine import store
from qidir.search.engine.collector import top_and_matched
from qidir.search.engine.deadline import guard
from qidir.search.engine.facets import FacetColumns, Selection, bits_from_ids, ids_from_bits
from qidir.search.engine.schema import FACETS, SCHEMA_VERSION, schema_current
from qidir.search.ingest.documents import normalize_source
from qidir.search.labels import facet_label
from qidir.search.query.compiler import CompiledQuery, compile_query
from qidir.search.query.highlight import highlight, snippet
from qidir.search.query.parser import QueryError, parse
from qidir.search.query.suggest import suggest

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
MAX_PAGE = 1000
DEFAULT_FACET_LIMIT = 10
MAX_FACET_LIMIT = 100
#: Terms of a document that make up its "related documents" query.
RELATED_TEXT_TERMS = 12
RELATED_NAME_TERMS = 12


class BadRequest(ValueError):
    """A parameter with a bad value; becomes a 400 naming ``param``."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass
class SearchRequest:
    q: str = ""
    country: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    lang: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    facet_limit: int = DEFAULT_FACET_LIMIT
    #: ``time.monotonic()`` past which the search gives up with SearchTimeout (None: no limit).
    #: Set by the server from its time limit; not part of the response.
    deadline: float | None = field(default=None, compare=False, repr=False)

    def filters(self) -> dict[str, Any]:
        return {"country": list(self.country), "source": list(self.source),
                "lang": list(self.lang), "from": self.date_from, "to": self.date_to}

    def selection(self) -> Selection:
        return Selection({"country": self.country, "source": self.source, "lang": self.lang,
                          "year": self.year}, self.date_from, self.date_to)


@dataclass
class SearchResult:
    request: SearchRequest
    total: int
    took_ms: float
    hits: list[dict[str, Any]]
    facets: dict[str, list[dict[str, Any]]]
    facets_more: dict[str, bool] = field(default_factory=dict)
    suggestion: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The API's search response (the contract's shape)."""
        r = self.request
        query: dict[str, Any] = {"q": r.q, "filters": r.filters(), "sort": r.sort,
                                 "page": r.page, "per_page": r.per_page}
        if r.year:
            query["filters"]["year"] = list(r.year)
        return {
            "query": query,
            "total": self.total,
            "took_ms": self.took_ms,
            "hits": self.hits,
            "facets": self.facets,
            "facets_more": self.facets_more,
            "suggestion": self.suggestion["q"] if self.suggestion else None,
            "suggestion_total": self.suggestion["total"] if self.suggestion else None,
        }


class SearchTimeout(RuntimeError):
    """A search ran past its request's deadline; the server answers 503 with Retry-After."""


def check_deadline(req: SearchRequest) -> None:
    """Called between the stages of a search (parse, match, hits, facets, suggestion): the
    one place a time limit is enforced."""
    if req.deadline is not None and time.monotonic() > req.deadline:
        raise SearchTimeout("the search took too long; try again or narrow it")


class _Version:
    """One opened index version: its facet columns and a searcher per thread."""

    def __init__(self, gen: Path) -> None:
        self.gen = gen
        self.index = windex.open_dir(str(gen))
        self._local = threading.local()
        first = self.index.searcher()
        self._local.searcher = first
        self.toc_generation = first.reader().generation()
        self.columns = FacetColumns(first.reader())
        self.meta = store.read_meta(gen)

    def searcher(self) -> Searcher:
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self._local.searcher = self.index.searcher()
        return s


class SearchService:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._version: _Version | None = None
        self._lock = threading.Lock()

    # -- index version -----------------------------------------------------------

    def _current(self) -> _Version:
        for attempt in range(3):
            gen = store.require_generation(self.root)
            v = self._version
            if (v is not None and v.gen == gen
                    and v.index.latest_generation() == v.toc_generation):
                return v
            with self._lock:
                v = self._version
                if v is None or v.gen != gen or v.index.latest_generation() != v.toc_generation:
                    try:
                        v = self._version = _Version(gen)
                    except (EmptyIndexError, OSError):
                        # Writers published again and removed ``gen`` between reading
                        # CURRENT and opening it (see store.remove_stale): read CURRENT again.
                        if attempt == 2:
                            raise
                        continue
            return v
        raise AssertionError("unreachable")

    # -- search --------------------------------------------------------------------

    def search(self, req: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        validate(req)
        v = self._current()
        searcher = v.searcher()
        node = parse(req.q)
        tr = compile_query(node, searcher.reader()) if node is not None else None
        tr = guard(tr, req.deadline)  # the deadline also stops matching itself
        check_deadline(req)
        selection = req.selection()
        filtered = v.columns.filter_bits(selection)
        results = None
        if tr is None:
            matched = v.columns.live
        elif req.sort == "relevance":
            # One pass gives the page's hits and the matching set for the facets.
            allowed = filtered if _has_filters(selection) else None
            results, ids = top_and_matched(searcher, tr.query, req.page * req.per_page,
                                           allowed)
            matched = bits_from_ids(ids, v.columns.size)
        else:
            matched = _bits(searcher, tr.query, v.columns.size)
        final = matched & filtered
        total = final.bit_count()
        check_deadline(req)
        hits = self._hits(req, v, searcher, tr, selection, final, results)
        check_deadline(req)
        facets, more = self._facets(req, v, matched, selection)
        suggestion = None
        if node is not None:
            check_deadline(req)
            suggestion = suggest(req.q, node, searcher.reader(), total,
                                 lambda q: self._count(v, searcher, q, selection))
        took = round((time.perf_counter() - started) * 1000, 2)
        return SearchResult(req, total, took, hits, facets, more, suggestion)

    def _count(self, v: _Version, searcher: Searcher, q: str, selection: Selection) -> int:
        """Hits a query string would give with the same filters (for suggestions)."""
        try:
            node = parse(q)
            if node is None:
                return 0
            query = compile_query(node, searcher.reader()).query
        except QueryError:
            return 0
        return (_bits(searcher, query, v.columns.size)
                & v.columns.filter_bits(selection)).bit_count()

    def _results(self, req: SearchRequest, searcher: Searcher, tr: CompiledQuery | None,
                 selection: Selection, limit: int, final: int) -> tuple[Any, str]:
        """Whoosh results for the top ``limit`` hits in the request's order.

        ``final`` is the bitset of every hit (query AND filters), already known from the
        facet columns; with filters it is handed to Whoosh as the allowed documents, which
        costs one pass over the hits instead of Whoosh re-running the filters as queries
        (a date range alone expands to one posting list per day)."""
        q = tr.query if tr is not None else wq.Every()
        filt: Any = None
        if _has_filters(selection):
            filt = set(ids_from_bits(final))
        # An empty query has no relevance: it lists everything newest first.
        sort = req.sort if (tr is not None or req.sort != "relevance") else "newest"
        kwargs: dict[str, Any] = {"limit": limit, "terms": False}
        if filt is not None:
            kwargs["filter"] = filt
        if sort != "relevance":
            # Undated documents last in both directions, then by date, then by id so that
            # equal dates keep one stable order across pages.
            kwargs["sortedby"] = sorting.MultiFacet([
                sorting.FieldFacet("undated"),
                sorting.FieldFacet("published", reverse=(sort == "newest")),
            ])
        return searcher.search(q, **kwargs), sort

    def _hits(self, req: SearchRequest, v: _Version, searcher: Searcher,
              tr: CompiledQuery | None, selection: Selection, final: int,
              results: Any = None) -> list[dict[str, Any]]:
        first = (req.page - 1) * req.per_page
        if first >= final.bit_count():
            return []
        if results is not None:
            sort = "relevance"
        else:
            results, sort = self._results(req, searcher, tr, selection, first + req.per_page,
                                          final)
        marks = tr.marks if tr is not None else {}
        out = []
        for hit in results[first:first + req.per_page]:
            doc = _document(hit.fields())
            row = _hit(doc, hit.score if sort == "relevance" else None)
            row["snippet"] = snippet(doc["text"], marks)
            row["title_html"] = highlight(doc["title"], marks)
            out.append(row)
        return out

    def iter_hits(self, req: SearchRequest, max_rows: int) -> tuple[int, Iterator[dict[str, Any]]]:
        """Every hit of a search across all pages (up to ``max_rows``), in the request's order,
        for exports: the total, and the hits as they are read (no snippets: an export of
        thousands of rows must not analyse thousands of texts)."""
        validate(req)
        v = self._current()
        searcher = v.searcher()
        node = parse(req.q)
        tr = compile_query(node, searcher.reader()) if node is not None else None
        tr = guard(tr, req.deadline)
        selection = req.selection()
        matched = (v.columns.live if tr is None else
                   _bits(searcher, tr.query, v.columns.size))
        final = matched & v.columns.filter_bits(selection)
        total = final.bit_count()
        if total == 0:
            return 0, iter(())
        results, sort = self._results(req, searcher, tr, selection, min(total, max_rows),
                                      final)

        def rows() -> Iterator[dict[str, Any]]:
            for hit in results:
                yield _hit(_document(hit.fields()), hit.score if sort == "relevance" else None)

        return total, rows()

    def _facets(self, req: SearchRequest, v: _Version, matched: int,
                selection: Selection) -> tuple[dict[str, list[dict[str, Any]]], dict[str, bool]]:
        facets: dict[str, list[dict[str, Any]]] = {}
        more: dict[str, bool] = {}
        for name in FACETS:
            values, has_more = self.facet_values(v, name, matched, selection, req.facet_limit)
            facets[name] = values
            more[name] = has_more
        return facets, more

    def facet_values(self, v: _Version, name: str, matched: int, selection: Selection,
                     limit: int | None, prefix: str | None = None
                     ) -> tuple[list[dict[str, Any]], bool]:
        base = matched & v.columns.filter_bits(selection, exclude=name)
        counts = v.columns.counts(name, base)
        selected = set(selection.values.get(name, ()))
        for value in selected:
            counts.setdefault(value, 0)
        rows = [{"value": value, "label": facet_label(name, value), "count": n,
                 "selected": value in selected} for value, n in counts.items()]
        if prefix:
            p = prefix.casefold()
            rows = [r for r in rows if r["label"].casefold().startswith(p)
                    or r["value"].casefold().startswith(p)]
        rows.sort(key=lambda r: (-r["count"], r["label"].casefold()))
        if limit is None or len(rows) <= limit:
            return rows, False
        shown = rows[:limit]
        # Selected values are always listed, even past the limit or with a count of 0.
        shown += [r for r in rows[limit:] if r["selected"]]
        return shown, True

    def facet(self, req: SearchRequest, name: str, prefix: str | None = None) -> dict[str, Any]:
        """All values of one facet for a search (the API's /api/facets/<facet>)."""
        if name not in FACETS:
            raise BadRequest("facet", f"unknown facet {name!r}; facets are {', '.join(FACETS)}")
        validate(req)
        v = self._current()
        searcher = v.searcher()
        node = parse(req.q)
        matched = (v.columns.live if node is None else
                   _bits(searcher, compile_query(node, searcher.reader()).query, v.columns.size))
        values, _ = self.facet_values(v, name, matched, req.selection(), None, prefix)
        return {"facet": name, "values": values}

    # -- documents, stats, health ---------------------------------------------------

    def marks(self, q: str) -> dict[str, set[str]]:
        """The index terms a query's positive words match — what snippets mark, prefix and
        fuzzy expansions included — so a page can mark them in a whole document."""
        node = parse(q)
        if node is None:
            return CompiledQuery(wq.NullQuery).marks
        return compile_query(node, self._current().searcher().reader()).marks

    def document(self, doc_id: str) -> dict[str, Any] | None:
        v = self._current()
        stored = v.searcher().document(id=doc_id)
        return _document(stored) if stored else None

    def related(self, doc_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """The documents most like one document, in any language where its names and
        countries allow: its most distinctive analysed terms (same language), its names'
        cross-script keys and its countries, OR-ed, the document itself left out."""
        v = self._current()
        searcher = v.searcher()
        stored = searcher.document(id=doc_id)
        if not stored:
            return []
        doc = _document(stored)
        body = f"{doc['title']}\n{doc['text']}"
        subs: list[wq.Query] = []
        for fieldname, n, weight in (("text", RELATED_TEXT_TERMS, 0.5),
                                     ("names", RELATED_NAME_TERMS, 2.0)):
            for term, score in searcher.key_terms_from_text(fieldname, body, numterms=n):
                subs.append(wq.Term(fieldname, term, boost=weight * max(score, 0.01)))
        subs += [wq.Term("country", c, boost=0.2) for c in doc["countries"][:5]]
        if not subs:
            return []
        results = searcher.search(wq.Or(subs), limit=limit, mask=wq.Term("id", doc_id),
                                  terms=False)
        return [_hit(_document(hit.fields()), hit.score) for hit in results]

    def stats(self) -> dict[str, Any]:
        v = self._current()
        searcher = v.searcher()
        everything = Selection({})
        facets = {name: self.facet_values(v, name, v.columns.live, everything, None)[0]
                  for name in FACETS}
        meta = v.meta
        return {
            "documents": searcher.doc_count(),
            "generation": v.gen.name,
            "schema_version": meta.get("schema_version", SCHEMA_VERSION),
            "schema_current": schema_current(meta),
            "built_at": meta.get("built_at"),
            "updated_at": meta.get("updated_at"),
            "build_seconds": meta.get("build_seconds"),
            "sources": meta.get("sources", []),
            "facets": {name: {r["value"]: r["count"] for r in rows}
                       for name, rows in facets.items()},
            "missing": {
                "published": v.columns.filter_bits(Selection({"year": ("unknown",)})).bit_count(),
                "source": v.columns.filter_bits(Selection({"source": ("unknown",)})).bit_count(),
                "lang": v.columns.filter_bits(Selection({"lang": ("und",)})).bit_count(),
                "countries": (v.columns.live & ~_any(v.columns.values["country"])).bit_count(),
            },
            "skipped": meta.get("skipped", []),
        }

    def health(self) -> dict[str, Any]:
        v = self._current()
        return {"status": "ok", "documents": v.searcher().doc_count(), "generation": v.gen.name,
                "schema_current": schema_current(v.meta)}


# -- helpers ---------------------------------------------------------------------------

def _any(columns: Mapping[str, int]) -> int:
    bits = 0
    for b in columns.values():
        bits |= b
    return bits


def _bits(searcher: Searcher, q: wq.Query, size: int) -> int:
    return bits_from_ids(searcher.docs_for_query(q), size)


def _has_filters(selection: Selection) -> bool:
    return bool(selection.date_from or selection.date_to
                or any(values for values in selection.values.values()))


def _document(stored: Mapping[str, Any]) -> dict[str, Any]:
    meta = json.loads(stored.get("meta") or "{}")
    mentions = meta.get("country_mentions") or {}
    countries = sorted(meta.get("countries") or [], key=lambda c: (-mentions.get(c, 0), c))
    return {
        "id": stored["id"],
        "title": stored.get("title", ""),
        "text": stored.get("text", ""),
        "url": meta.get("url"),
        "path": meta.get("path"),
        "source": stored.get("source", "unknown"),
        "published": stored.get("published") or None,
        "published_precision": meta.get("published_precision"),
        "lang": stored.get("lang", "und"),
        "script": meta.get("script"),
        "countries": countries,
        "country_mentions": mentions,
    }


def _hit(doc: Mapping[str, Any], score: float | None) -> dict[str, Any]:
    """The fields every hit-like answer shares (search hits, related documents, exports)."""
    return {
        "id": doc["id"], "title": doc["title"], "url": doc["url"], "path": doc["path"],
        "source": doc["source"], "published": doc["published"], "lang": doc["lang"],
        "script": doc["script"], "countries": doc["countries"],
        "score": round(float(score), 4) if score is not None else None,
    }


MAX_VALUES = 50
MAX_SOURCE_CHARS = 200
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_YEAR = re.compile(r"^(\d{4}|unknown)$")
_SOURCE = re.compile(rf"^[^\x00-\x1f]{{1,{MAX_SOURCE_CHARS}}}$")


def validate(req: SearchRequest) -> None:
    """Check a request's values; every problem is a BadRequest naming its parameter."""
    date = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    if req.sort not in SORTS:
        raise BadRequest("sort", f"sort must be one of {', '.join(SORTS)}")
    if not 1 <= req.per_page <= MAX_PER_PAGE:
        raise BadRequest("per_page", f"per_page must be 1 to {MAX_PER_PAGE}")
    if not 1 <= req.page <= MAX_PAGE:
        raise BadRequest("page", f"page must be 1 to {MAX_PAGE}")
    if not 1 <= req.facet_limit <= MAX_FACET_LIMIT:
        raise BadRequest("facet_limit", f"facet_limit must be 1 to {MAX_FACET_LIMIT}")
    for param, value in (("from", req.date_from), ("to", req.date_to)):
        if value is not None:
            if not date.match(value):
                raise BadRequest(param, f"{param} must be a date YYYY-MM-DD")
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise BadRequest(param, f"{param} is not a real date: {value}") from None
    if req.date_from and req.date_to and req.date_from > req.date_to:
        raise BadRequest("from", "from is after to")
    for param, values, pattern, what in (
        ("country", req.country, _COUNTRY, "an ISO 3166-1 alpha-2 code like KZ"),
        ("lang", req.lang, _LANG, "an ISO 639 code like en, ru, uz, or und"),
        ("year", req.year, _YEAR, "a year like 2022, or unknown"),
        ("source", req.source, _SOURCE, f"a source name of at most {MAX_SOURCE_CHARS} "
                                        "characters"),
    ):
        if len(values) > MAX_VALUES:
            raise BadRequest(param, f"at most {MAX_VALUES} {param} values may be selected")
        for value in values:
            if not pattern.match(value):
                raise BadRequest(param, f"{param} {value!r} is not valid: give {what}")


def _ints(params: Mapping[str, Sequence[str]], name: str, default: int) -> int:
    values = params.get(name) or []
    if not values or values[-1] == "":
        return default
    try:
        return int(values[-1])
    except ValueError:
        raise BadRequest(name, f"{name} must be a whole number") from None


def request_from_params(params: Mapping[str, Sequence[str]]) -> SearchRequest:
    """Build a request from URL-style parameters (each a list of strings)."""
    def one(name: str) -> str | None:
        values = params.get(name) or []
        return values[-1].strip() if values and values[-1].strip() else None

    def many(name: str) -> tuple[str, ...]:
        out: list[str] = []
        for value in params.get(name) or []:
            for part in value.split(","):
                part = part.strip()
                if part and part not in out:
                    out.append(part)
        return tuple(out)

    countries = tuple(c.upper() for c in many("country"))
    req = SearchRequest(
        q=(params.get("q") or [""])[-1],
        country=countries,
        source=tuple(normalize_source(s) for s in many("source")),
        lang=tuple(x.lower() for x in many("lang")),
        year=tuple(y.lower() if y.isalpha() else y for y in many("year")),
        date_from=one("from"),
        date_to=one("to"),
        sort=one("sort") or "relevance",
        page=_ints(params, "page", 1),
        per_page=_ints(params, "per_page", 10),
        facet_limit=_ints(params, "facet_limit", DEFAULT_FACET_LIMIT),
    )
    validate(req)
    return req


__all__ = ["BadRequest", "QueryError", "SearchRequest", "SearchResult", "SearchService",
           "SearchTimeout", "check_deadline", "request_from_params", "validate"]
