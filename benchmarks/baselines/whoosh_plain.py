"""Baseline (a): plain Whoosh 2.7.5 with `StemmingAnalyzer`, facets with `groupedby`.

The textbook set-up from Whoosh's own docs: `sortable=True` single-valued facet fields, a
`KEYWORD` field for the multi-valued `country` grouped with `FieldFacet(allow_overlap=True)`,
`sorting.Count` maps, `MultifieldParser` over title and text (AND by default) with the
fuzzy plugin, filters passed as `filter=`. Multi-process builds use `procs=N, multisegment=True`,
the set-up Whoosh's docs give for indexing fast on several cores (it skips the final merge,
leaving one segment per process; on 2 cores ~1.7x faster than merging, which was slower than
one process). Facet counts are computed over the filtered result
set in one search (conjunctive counting: cheaper than qidir's disjunctive counts, so the
baseline is, if anything, flattered).
"""

from __future__ import annotations

from pathlib import Path

from whoosh import index, qparser, query, sorting
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from benchmarks.baselines.common import Outcome, documents, filter_years, year_of

NAME = "whoosh"


def schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=StemmingAnalyzer(), stored=True),
        text=TEXT(analyzer=StemmingAnalyzer(), stored=True),
        url=STORED,
        source=ID(stored=True, sortable=True),
        lang=ID(stored=True, sortable=True),
        year=ID(stored=True, sortable=True),
        country=KEYWORD(stored=True, scorable=False),
    )


def build(corpus: Path, index_dir: Path, procs: int, append: bool = False) -> int:
    """Index the corpus; with ``append``, add it to the index already in ``index_dir``."""
    index_dir.mkdir(parents=True, exist_ok=True)
    if append and index.exists_in(str(index_dir)):
        ix = index.open_dir(str(index_dir))
    else:
        ix = index.create_in(str(index_dir), schema())
    kwargs: dict = {"limitmb": 256}
    if procs > 1:
        kwargs.update(procs=procs, multisegment=True)
    writer = ix.writer(**kwargs)
    n = 0
    for doc in documents(corpus):
        writer.add_document(
            id=doc["id"], title=doc["title"], text=doc["text"], url=doc.get("url"),
            source=doc["source"], lang=doc["lang"], year=year_of(doc),
            country=" ".join(doc["countries"]) or None,
        )
        n += 1
    writer.commit()
    return n


def _facets() -> dict[str, sorting.FieldFacet]:
    return {
        "country": sorting.FieldFacet("country", allow_overlap=True, maptype=sorting.Count),
        "source": sorting.FieldFacet("source", maptype=sorting.Count),
        "lang": sorting.FieldFacet("lang", maptype=sorting.Count),
        "year": sorting.FieldFacet("year", maptype=sorting.Count),
    }


def filter_query(filters: dict) -> query.Query | None:
    parts: list[query.Query] = []
    for field in ("country", "source", "lang"):
        values = filters.get(field) or []
        if values:
            parts.append(query.Or([query.Term(field, v) for v in values]))
    years = filter_years(filters)
    if years:
        parts.append(query.Or([query.Term("year", y) for y in years]))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else query.And(parts)


class WhooshEngine:
    name = NAME

    def __init__(self, index_dir: Path) -> None:
        self.ix = index.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.parser = qparser.MultifieldParser(["title", "text"], self.ix.schema)
        self.parser.add_plugin(qparser.FuzzyTermPlugin())

    def search(self, q: dict, filters: dict | None, facets: bool) -> Outcome:
        parsed = self.parser.parse(q["q"])
        if not facets:
            results = self.searcher.search(parsed, limit=10)
            hits = [hit["id"] for hit in results]
            return Outcome(total=None, hits=len(hits))
        results = self.searcher.search(
            parsed, limit=10, filter=filter_query(filters or {}), groupedby=_facets()
        )
        hits = [hit["id"] for hit in results]
        counts = sum(len(results.groups(name)) for name in ("country", "source", "lang", "year"))
        return Outcome(total=len(results), hits=len(hits), facet_values=counts)

    def close(self) -> None:
        self.searcher.close()
