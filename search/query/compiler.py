"""From the parsed query tree to a Whoosh query, running the analysers on every word.

A word typed by a reader may be English, Uzbek or Turkish (if Latin) or Russian, Uzbek or
Kazakh (if Cyrillic); ``query_forms`` gives every analysis it may have, and the word
matches a document if any of them is in the document's analysed fields, or if its
cross-script name fold is in the ``names`` field. Prefix and fuzzy terms are expanded here
against the index's vocabulary of surface words (the ``words`` field, see
:mod:`qidir.search.query.vocabulary`), with a bound, so a query can never explode.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.reading import IndexReader

from qidir.analyzers import query_forms, tokenize
from qidir.analyzers.surface import word_variants
from qidir.analyzers.tokenize import split_compound
from qidir.search.fields import get as get_facet
from qidir.search.query import parser as ast
from qidir.search.query.parser import QueryError
from qidir.search.query.vocabulary import WORDS_FIELD, words_with_prefix, words_within

#: How many index words one prefix or fuzzy term may expand to (past it: a 400).
MAX_EXPANSION = 512
MIN_PREFIX_CHARS = 2
#: Leading characters a fuzzy match must share with the typed word: typing errors are rare
#: in the first letter, and the bound keeps the edit-distance search over the vocabulary fast.
FUZZY_PREFIX = 1
TEXT_FIELDS = ("title", "text")


def _pieces(text: str) -> list[str]:
    """The words and hyphenated compounds of a query word or phrase, found by the analyzers'
    own tokenizer (the same apostrophes and hyphens as the index), so a query splits where a
    document does."""
    return [surface for surface, _, _ in tokenize(text)]


@dataclass
class CompiledQuery:
    """The Whoosh query plus the index terms a snippet should mark (positive terms only)."""

    query: wq.Query
    marks: dict[str, set[str]] = field(default_factory=lambda: no_marks())


def no_marks() -> dict[str, set[str]]:
    """Marks of a query that marks nothing (an empty query), per marked field."""
    return {"text": set(), "names": set(), "words": set()}


def compile_query(node: ast.Node, reader: IndexReader) -> CompiledQuery:
    tr = CompiledQuery(wq.NullQuery)
    tr.query = _Compiler(reader, tr.marks).node(node, negated=False) or wq.NullQuery
    return tr


class _Compiler:
    def __init__(self, reader: IndexReader, marks: dict[str, set[str]]) -> None:
        self.reader = reader
        self.marks = marks

    def node(self, node: ast.Node, negated: bool) -> wq.Query | None:
        if isinstance(node, ast.Term):
            return self.term(node, negated)
        if isinstance(node, ast.Phrase):
            return self.phrase(node.words, node.field, negated, node.position)
        if isinstance(node, ast.Not):
            inner = self.node(node.child, not negated)
            return wq.AndNot(wq.Every(), inner) if inner is not None else None
        if isinstance(node, ast.Or):
            subs = [q for q in (self.node(c, negated) for c in node.children) if q is not None]
            return wq.Or(subs) if subs else None
        # And: positive children must match, negated ones must not.
        positive: list[wq.Query] = []
        negative: list[wq.Query] = []
        for child in node.children:
            if isinstance(child, ast.Not):
                q = self.node(child.child, not negated)
                if q is not None:
                    negative.append(q)
            else:
                q = self.node(child, negated)
                if q is not None:
                    positive.append(q)
        if not positive and not negative:
            return None
        base: wq.Query = wq.And(positive) if positive else wq.Every()
        if negative:
            return wq.AndNot(base, wq.Or(negative))
        return base

    # -- words -----------------------------------------------------------------

    def term(self, t: ast.Term, negated: bool) -> wq.Query | None:
        facet = get_facet(t.field) if t.field else None
        if facet is not None:
            value = facet.query_value(t.word)
            if value is None:
                raise QueryError(f"unknown {facet.title.lower()} {t.word!r}: {facet.query_error}",
                                 t.position)
            return wq.Term(facet.name, value)
        pieces = _pieces(t.word)
        if not pieces:
            return None
        if len(pieces) > 1 and not (t.prefix or t.fuzzy):
            return self.phrase(pieces, t.field, negated, t.position)
        word = pieces[0]
        fields = ("title",) if t.field == "title" else TEXT_FIELDS
        if t.prefix or t.fuzzy:
            return self.expanded(t, fields, negated)
        forms = query_forms(word)
        subs: list[wq.Query] = [wq.Term(f, term) for f in fields for term in sorted(forms.text)]
        if t.field != "title":
            subs += [wq.Term("names", n) for n in sorted(forms.names)]
        if not negated:
            self.marks["text"].update(forms.text)
            self.marks["names"].update(forms.names)
        # "Nur-Sultan" is indexed as "nursultan" and as its parts; the parts also find the
        # name written apart ("Nur Sultan"), as a phrase.
        parts = [p for p, _, _ in split_compound(word)]
        if len(parts) > 1:
            apart = self.phrase(parts, t.field, negated, t.position)
            if apart is not None:
                subs.append(apart)
        return wq.Or(subs) if subs else None

    def expanded(self, t: ast.Term, fields: tuple[str, ...], negated: bool) -> wq.Query:
        """Prefix and fuzzy terms: expand against the vocabulary of surface words (what the
        reader types, unstemmed), bounded by MAX_EXPANSION, then match the words found."""
        seeds = _seeds(t.word)
        seed = seeds[0] if seeds else ""
        what = f"{t.word}*" if t.prefix else f"{t.word}~{t.fuzzy}"
        if t.prefix and len(seed) < MIN_PREFIX_CHARS:
            raise QueryError(f"prefix {t.word}* is too short: give at least {MIN_PREFIX_CHARS} "
                             "characters before *", t.position)
        if not t.prefix and len(seed) <= t.fuzzy:
            raise QueryError(f"{what}: a fuzzy word must be longer than its edit distance",
                             t.position)
        if WORDS_FIELD not in self.reader.schema:
            raise QueryError(f"{what}: this index was built before prefix and fuzzy search "
                             "were added; rebuild it (qidir index rebuild)", t.position)
        found: set[str] = set()
        for variant in seeds:
            if t.prefix:
                terms: Iterable[str] = words_with_prefix(self.reader, variant)
            else:
                terms = words_within(self.reader, variant, t.fuzzy, prefix=FUZZY_PREFIX)
            for term in terms:
                found.add(term)
                if len(found) > MAX_EXPANSION:
                    raise QueryError(f"{what} matches more than {MAX_EXPANSION} words in the "
                                     "index; make it longer or more specific", t.position)
        if not found:
            return wq.NullQuery
        if not negated:
            self.marks["words"].update(found)
        if t.field != "title":
            return wq.Or([wq.Term(WORDS_FIELD, w) for w in sorted(found)])
        # The title has no surface-word field of its own: each word found is matched through
        # its analysed forms there.
        stems: set[str] = set()
        for w in found:
            stems.update(query_forms(w).text)
        return wq.Or([wq.Term("title", s) for s in sorted(stems)]) if stems else wq.NullQuery

    def phrase(self, words: list[str], fieldname: str | None, negated: bool,
               position: int) -> wq.Query | None:
        pieces = [p for w in words for p in _pieces(w)]
        slots: list[list[str]] = []
        skipped = 0
        names_slots: list[list[str]] = []
        for piece in pieces:
            forms = query_forms(piece)
            if not forms.text:
                skipped += 1  # a stop word: the index does not keep it
                continue
            slots.append(sorted(forms.text))
            names_slots.append(sorted(forms.names))
            if not negated:
                self.marks["text"].update(forms.text)
                self.marks["names"].update(forms.names)
        if not slots:
            return None
        fields = ("title",) if fieldname == "title" else TEXT_FIELDS
        if len(slots) == 1:
            subs: list[wq.Query] = [wq.Term(f, t) for f in fields for t in slots[0]]
            if fieldname != "title":
                subs += [wq.Term("names", n) for n in names_slots[0]]
            return wq.Or(subs)
        slop = 1 + skipped
        subs = [wq.Sequence([wq.Or([wq.Term(f, t) for t in slot]) for slot in slots], slop=slop)
                for f in fields]
        return wq.Or(subs)


def _seeds(word: str) -> list[str]:
    """The normalised surface forms of a prefix or fuzzy word (a compound kept whole; a
    word with ё also spelt with е)."""
    pieces = tokenize(word)
    if not pieces:
        return []
    return word_variants(pieces[0][0] if len(pieces) == 1 else pieces[-1][0])
