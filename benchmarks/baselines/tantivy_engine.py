"""Baseline (c): tantivy-py with its `en_stem` tokenizer; facets with terms aggregations.

Facet fields are `raw`-tokenized fast fields (`country` multi-valued; undated documents get
year `unknown`). A faceted search is two calls: `search` for the top 10 and the total, and
one `aggregate` with four `terms` aggregations over the same filtered query: tantivy counts
from its columnar fast fields, which is what qidir's cached value columns imitate. Prefix
queries are regex queries on the stemmed terms (`abc.*`), fuzzy queries `fuzzy_term_query`
with distance 1, both OR-ed over title and text; everything else goes through the query
parser with AND as the default.
"""

from __future__ import annotations

import re
from pathlib import Path

import tantivy

from benchmarks.baselines.common import FACETS, Outcome, documents, filter_years, year_of

NAME = "tantivy"


def schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True, tokenizer_name="en_stem")
    sb.add_text_field("text", stored=True, tokenizer_name="en_stem")
    sb.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    for field in FACETS:
        sb.add_text_field(field, stored=True, fast=True, tokenizer_name="raw",
                          index_option="basic")
    return sb.build()


def build(corpus: Path, index_dir: Path, procs: int) -> int:
    index_dir.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema(), path=str(index_dir))
    writer = index.writer(heap_size=128_000_000 * procs, num_threads=procs)
    n = 0
    for doc in documents(corpus):
        fields = {
            "id": doc["id"], "title": doc["title"], "text": doc["text"],
            "source": doc["source"], "lang": doc["lang"], "year": year_of(doc),
        }
        if doc.get("url"):
            fields["url"] = doc["url"]
        if doc["countries"]:
            fields["country"] = list(doc["countries"])
        writer.add_document(tantivy.Document(**fields))
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    return n


def _phrase(word: str) -> str:
    return '"' + word.replace("\\", " ").replace('"', " ") + '"'


class TantivyEngine:
    name = NAME

    def __init__(self, index_dir: Path) -> None:
        self.schema = schema()
        self.index = tantivy.Index.open(str(index_dir))
        self.searcher = self.index.searcher()

    def _query(self, q: dict) -> tantivy.Query:
        op, terms = q["op"], q["terms"]
        if op in ("prefix", "fuzzy"):
            word = terms[0].lower()
            if op == "prefix":
                parts = [tantivy.Query.regex_query(self.schema, f, re.escape(word) + ".*")
                         for f in ("title", "text")]
            else:
                parts = [tantivy.Query.fuzzy_term_query(self.schema, f, word, distance=1)
                         for f in ("title", "text")]
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, p) for p in parts])
        text = _phrase(" ".join(terms)) if op == "phrase" else " ".join(map(_phrase, terms))
        return self.index.parse_query(text, ["title", "text"], conjunction_by_default=True)

    def _filtered(self, query: tantivy.Query, filters: dict) -> tantivy.Query:
        must = [(tantivy.Occur.Must, query)]
        for field in ("country", "source", "lang"):
            values = filters.get(field) or []
            if values:
                must.append((tantivy.Occur.Must,
                             tantivy.Query.term_set_query(self.schema, field, values)))
        years = filter_years(filters)
        if years:
            must.append((tantivy.Occur.Must,
                         tantivy.Query.term_set_query(self.schema, "year", years)))
        return query if len(must) == 1 else tantivy.Query.boolean_query(must)

    def search(self, q: dict, filters: dict | None, facets: bool) -> Outcome:
        query = self._query(q)
        if not facets:
            result = self.searcher.search(query, limit=10, count=False)
            ids = [self.searcher.doc(addr)["id"] for _, addr in result.hits]
            return Outcome(total=None, hits=len(ids))
        query = self._filtered(query, filters or {})
        result = self.searcher.search(query, limit=10, count=True)
        ids = [self.searcher.doc(addr)["id"] for _, addr in result.hits]
        aggs = self.searcher.aggregate(
            query, {f: {"terms": {"field": f, "size": 500}} for f in FACETS}
        )
        values = sum(len(aggs[f]["buckets"]) for f in FACETS)
        return Outcome(total=result.count, hits=len(ids), facet_values=values)

    def close(self) -> None:
        pass
