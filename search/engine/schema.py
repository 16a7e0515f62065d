"""The Whoosh schema: analysed text fields, stored display fields and keyword facet fields.

Bump SCHEMA_VERSION whenever a field changes meaning, or the analysis behind it changes
which terms a word is indexed under (a new fold rule, a new stemming rule): an index built by
an older qidir still answers, but misses what the new rules would find. `index stats`,
`/api/stats` and `/api/health` say so (``schema_current``), `qidir serve` logs it, and
`qidir demo` rebuilds the sample index.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from qidir.search import fields
from qidir.search.engine.analyzer import PipelineAnalyzer

#: 3: names keys read Latin x as ks too and ё as е; Kazakh stems keep three letters.
#: 4: the person facet field (people found at index time) and their entries in ``meta``.
#: 5: no names keys for ordinary words capitalised at a sentence start (Такой, Coalition);
#:    Uzbek Cyrillic ц at the end of a word is s (абзац → abzas), by the 1995 rules; a part
#:    with one Russian-looking ending only (Операция.) follows its paragraph or record.
#: 6: a document labelled with a language outside the six (uk, fr, …) or und is analysed
#:    neutrally throughout (Unicode words, case fold), not part by part as one of the six.
#: 7: the lexicon of written words beside the index and each document's language parts
#:    (``parts``), so snippets need no analysis; prefix, fuzzy and "did you mean" read the
#:    lexicon's vocabulary, and the ``words`` field (every word indexed again) is gone;
#:    ``names`` keeps no positions.
SCHEMA_VERSION = 7


def schema_current(meta: dict) -> bool:
    """Whether a generation (its metadata) was built with this qidir's schema and analysis."""
    return meta.get("schema_version") == SCHEMA_VERSION



def build_schema() -> Schema:
    text = PipelineAnalyzer("text")
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=text, stored=True, phrase=True, field_boost=2.0),
        text=TEXT(analyzer=text, stored=True, phrase=True),
        #: Cross-script name keys. No positions: no query looks for a phrase of name keys,
        #: and positions were a third of this field's postings.
        names=TEXT(analyzer=PipelineAnalyzer("names"), phrase=False),
        **{facet.name: (KEYWORD(stored=True, commas=True, scorable=False) if facet.multi
                        else ID(stored=True)) for facet in fields.facets()},
        #: "YYYY-MM-DD" for dated documents, "" otherwise (sorts and filters as a string).
        published=ID(stored=True, sortable=True),
        #: 1 for undated documents, so date sorts can put them last in both directions.
        undated=ID(sortable=True),
        #: Everything else the API shows (url, path, script, mentions, precision) as JSON.
        meta=STORED(),
        #: Where each language part of the title and text begins: {"text": [[0, "ru"], …]}
        #: (see engine.lexicon), so snippets look words up in the right language.
        parts=STORED(),
    )
