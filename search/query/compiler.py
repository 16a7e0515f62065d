"""From the parsed query tree to a Whoosh query, running the analysers on every word.

A word typed by a reader may be English, Uzbek or Turkish (if Latin) or Russian, Uzbek or
Kazakh (if Cyrillic); ``query_forms`` gives every analysis it may have, and the word
matches a document if any of them is in the document's analysed fields, or if its
cross-script name fold is in the ``names`` field. Prefix and fuzzy terms are expanded here
against the index's vocabulary of surface words (the ``words`` field, see
:mod:`qidir.search.query.vocabulary`), with a bound, so a query can never explode.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.reading import IndexReader

from qidir.analyzers import LANGUAGES, detect_language, query_forms, query_readings, tokenize
from qidir.analyzers.surface import word_variants
from qidir.analyzers.tokenize import split_compound
from qidir.search.engine import ranking
from qidir.search.fields import get as get_facet
from qidir.search.query import parser as ast
from qidir.search.query.parser import QueryError
from qidir.search.query.vocabulary import WORDS_FIELD, Vocabulary, vocabulary_of

#: How many index words one prefix or fuzzy term may expand to (past it: a 400).
MAX_EXPANSION = 512
MIN_PREFIX_CHARS = 2
#: Leading characters a fuzzy match must share with the typed word: typing errors are rare
#: in the first letter, and the bound keeps the edit-distance search over the vocabulary fast.
FUZZY_PREFIX = 1
TEXT_FIELDS = ("title", "text")
#: A name key matching counts this much of a text term: enough to find Токаев for Tokayev,
#: not enough to outrank the document that has the word itself.
NAMES_WEIGHT = 0.5
#: A title match's score is multiplied by this (on top of the title field's index-time boost).
TITLE_WEIGHT = 0.5
#: A hyphenated word found written as one (its joined term) counts this much.
COMPOUND_WEIGHT = 1.0
#: A hyphenated word's parts found apart count this much of the parts found adjacent.
APART_WEIGHT = 0.7
#: The weight of a reading in a language no document of the index is in.
LANG_FLOOR = 0.4
#: Fewer words than this do not tell a query's language.
QUERY_LANG_MIN_WORDS = 3


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


def compile_query(node: ast.Node, reader: IndexReader, lenient: bool = False,
                  query_lang: str | None = None,
                  lexicon: Vocabulary | None = None) -> CompiledQuery:
    """``lenient``: compile as one of several alternatives (a relaxed search's word), where a
    hyphenated word's parts count one by one, as inside an explicit OR. ``query_lang``: the
    language of the whole query when ``node`` is a part of it (default: detected from
    ``node``'s words, see :func:`query_language`). ``lexicon``: the index's lexicon, which
    prefix and fuzzy terms expand against (None: an older index's ``words`` field)."""
    tr = CompiledQuery(wq.NullQuery)
    compiler = _Compiler(reader, tr.marks)
    compiler.lexicon = lexicon
    compiler.lenient = lenient
    compiler.query_lang = query_lang if query_lang is not None else query_language(node)
    tr.query = compiler.node(node, negated=False) or wq.NullQuery
    return tr


class _Compiler:
    def __init__(self, reader: IndexReader, marks: dict[str, set[str]]) -> None:
        self.reader = reader
        self.marks = marks
        self._lang_weights: dict[str, float] | None = None
        #: Compiling one alternative of an OR (see compile_query).
        self.lenient = False
        #: The language the query as a whole is written in ("und": no telling).
        self.query_lang = "und"
        self.lexicon: Vocabulary | None = None

    def node(self, node: ast.Node, negated: bool) -> wq.Query | None:
        if isinstance(node, ast.Term):
            return self.term(node, negated)
        if isinstance(node, ast.Phrase):
            return self.phrase(node.words, node.field, negated, node.position)
        if isinstance(node, ast.Not):
            inner = self.node(node.child, not negated)
            return wq.AndNot(wq.Every(), inner) if inner is not None else None
        if isinstance(node, ast.Or):
            outer, self.lenient = self.lenient, True
            try:
                subs = [q for q in (self.node(c, negated) for c in node.children)
                        if q is not None]
            finally:
                self.lenient = outer
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
        if not negated:
            forms = query_forms(word)
            self.marks["text"].update(forms.text)
            self.marks["names"].update(forms.names)
        best = self.word(word, fields, with_names=t.field != "title")
        # "shock-sound" is indexed as "shocksound" and as its parts; the parts also find the
        # words written apart: adjacent ("shock sound", a phrase) above anywhere in the text.
        parts = [p for p, _, _ in split_compound(word)]
        if len(parts) > 1:
            alts = [ranking.scaled(best, COMPOUND_WEIGHT)] if best is not None else []
            adjacent = self.phrase(parts, t.field, negated, t.position)
            if adjacent is not None:
                alts.append(adjacent)
                words = [w for w in (self.word(p, fields, t.field != "title") for p in parts)
                         if w is not None]
                if len(words) > 1:
                    # Inside an OR each part counts on its own (a document with one of them
                    # has something of the word); elsewhere the word needs both parts.
                    apart = wq.Or(words) if self.lenient else wq.And(words)
                    alts.append(ranking.scaled(apart, APART_WEIGHT))
            best = ranking.BestOf(alts) if len(alts) > 1 else (alts[0] if alts else None)
        return best

    def word(self, word: str, fields: tuple[str, ...], with_names: bool) -> wq.Query | None:
        """One typed word: each of its readings (one per plausible language, weighed by how
        likely that language is in this index) and its name keys are alternatives, and the
        word scores by its best one (so it counts once, not once per form)."""
        weights: dict[str, float] = {}
        for lang, terms in query_readings(word):
            w = self.lang_weight(lang)
            for term in terms:
                if w > weights.get(term, 0.0):
                    weights[term] = w
        alts: list[wq.Query] = []
        for term in sorted(weights):
            subs = [wq.Term(f, term, boost=weights[term] * (TITLE_WEIGHT if f == "title" else 1.0))
                    for f in fields]
            alts.append(subs[0] if len(subs) == 1 else wq.Or(subs))
        if with_names and alts:
            alts += [wq.Term("names", n, boost=NAMES_WEIGHT)
                     for n in sorted(query_forms(word).names)]
        if not alts:
            return None
        return alts[0] if len(alts) == 1 else ranking.BestOf(alts)

    def lang_weight(self, lang: str) -> float:
        """How much a reading in ``lang`` counts: 1 for the index's most common language and
        for the language the whole query is written in, down to LANG_FLOOR for a language no
        document is in."""
        if lang == self.query_lang:
            return 1.0
        if self._lang_weights is None:
            self._lang_weights = language_weights(self.reader)
        return self._lang_weights.get(lang, LANG_FLOOR)

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
        vocabulary = vocabulary_of(self.reader, self.lexicon)
        if vocabulary is None:
            raise QueryError(f"{what}: this index was built before prefix and fuzzy search "
                             "were added; rebuild it (qidir index rebuild)", t.position)
        found: set[str] = set()
        for variant in seeds:
            if t.prefix:
                terms: Iterable[str] = vocabulary.with_prefix(variant)
            else:
                terms = vocabulary.within(variant, t.fuzzy, prefix=FUZZY_PREFIX)
            for term in terms:
                found.add(term)
                if len(found) > MAX_EXPANSION:
                    raise QueryError(f"{what} matches more than {MAX_EXPANSION} words in the "
                                     "index; make it longer or more specific", t.position)
        if not found:
            return wq.NullQuery
        if not negated:
            self.marks["words"].update(found)
        analysed = vocabulary.terms(found)
        if analysed is not None:
            # The words found, by the terms they were indexed under: a document matches
            # when it has one of those words or another form of it (cooperat* finds
            # "cooperate"'s stem; Turkiya* finds Туркияга, indexed as turkiya).
            subs = [wq.Term(f, term, boost=TITLE_WEIGHT if f == "title" else 1.0)
                    for term in sorted(analysed) for f in fields]
            return wq.Or(subs) if subs else wq.NullQuery
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
        kept: list[str] = []
        for piece in pieces:
            forms = query_forms(piece)
            if not forms.text:
                skipped += 1  # a stop word: the index does not keep it
                continue
            slots.append(sorted(forms.text))
            kept.append(piece)
            if not negated:
                self.marks["text"].update(forms.text)
                self.marks["names"].update(forms.names)
        if not slots:
            return None
        fields = ("title",) if fieldname == "title" else TEXT_FIELDS
        if len(slots) == 1:
            return self.word(kept[0], fields, with_names=fieldname != "title")
        slop = 1 + skipped
        subs = [wq.Sequence([wq.Or([wq.Term(f, t) for t in slot]) for slot in slots], slop=slop)
                for f in fields]
        return wq.Or(subs)


def _words(node: ast.Node) -> list[str]:
    """The positive words of a query tree, in order (what its language is told from)."""
    if isinstance(node, ast.Term):
        return [node.word] if node.field in (None, "title") else []
    if isinstance(node, ast.Phrase):
        return list(node.words)
    if isinstance(node, ast.Not):
        return []
    return [w for child in node.children for w in _words(child)]


def query_language(node: ast.Node) -> str:
    """The language a query is written in, when its words tell (three words at least, and
    the detector sure enough to name one); else "und". A reading in that language then counts
    fully whatever the index's mix (``askeri işbirliği anlaşması`` is Turkish)."""
    words = _words(node)
    if len(words) < QUERY_LANG_MIN_WORDS:
        return "und"
    return detect_language(" ".join(words))[0]


#: Language weights per open reader (a reader is one index version and never changes; a
#: search compiles its words several times, and the weights cost seven term lookups).
_WEIGHTS: weakref.WeakKeyDictionary[IndexReader, dict[str, float]] = (
    weakref.WeakKeyDictionary())


def language_weights(reader: IndexReader) -> dict[str, float]:
    """Each analysed language's weight for query readings, from the index's own mix: a
    language's share of documents, scaled so the most common one weighs 1 (readings of
    languages nobody writes in here still count LANG_FLOOR: the index may grow)."""
    try:
        return _WEIGHTS[reader]
    except (KeyError, TypeError):
        pass
    weights = _language_weights(reader)
    try:
        _WEIGHTS[reader] = weights
    except TypeError:
        pass  # a reader that cannot be weakly referred to is asked every time
    return weights


def _language_weights(reader: IndexReader) -> dict[str, float]:
    total = max(1, reader.doc_count())
    shares = {lang: reader.doc_frequency("lang", lang) / total
              for lang in LANGUAGES if lang != "und"}
    shares["und"] = max(0.0, 1.0 - sum(shares.values()))
    top = max(shares.values()) or 1.0
    return {lang: LANG_FLOOR + (1.0 - LANG_FLOOR) * share / top
            for lang, share in shares.items()}


def _seeds(word: str) -> list[str]:
    """The normalised surface forms of a prefix or fuzzy word (a compound kept whole; a
    word with ё also spelt with е)."""
    pieces = tokenize(word)
    if not pieces:
        return []
    return word_variants(pieces[0][0] if len(pieces) == 1 else pieces[-1][0])
