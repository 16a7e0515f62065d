"""The Whoosh schema: analysed text fields, stored display fields and keyword facet fields.

Bump SCHEMA_VERSION whenever a field changes meaning; `index stats` reports it and an index
built with another version is rebuilt rather than misread.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from qidir.search.whoosh_analyzer import PipelineAnalyzer

SCHEMA_VERSION = 2

#: Facet fields, in the order the API lists them.
FACETS = ("country", "source", "lang", "year")


def build_schema() -> Schema:
    text = PipelineAnalyzer("text")
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=text, stored=True, phrase=True, field_boost=2.0),
        text=TEXT(analyzer=text, stored=True, phrase=True),
        names=TEXT(analyzer=PipelineAnalyzer("names"), phrase=True),
        #: Normalised surface words (unstemmed), for prefix, fuzzy and "did you mean".
        words=TEXT(analyzer=PipelineAnalyzer("words"), phrase=False),
        country=KEYWORD(stored=True, commas=True, scorable=False),
        source=ID(stored=True),
        lang=ID(stored=True),
        year=ID(stored=True),
        #: "YYYY-MM-DD" for dated documents, "" otherwise (sorts and filters as a string).
        published=ID(stored=True, sortable=True),
        #: 1 for undated documents, so date sorts can put them last in both directions.
        undated=ID(sortable=True),
        #: Everything else the API shows (url, path, script, mentions, precision) as JSON.
        meta=STORED(),
    )
