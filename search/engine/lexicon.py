"""The lexicon: which written words each index term came from, kept beside the index.

A snippet must mark the words a query matched as they are written (``Тўқаевнинг``,
``cooperation``), while the index holds stems, lemmas and name keys. Analysing a passage
again at query time to find them (language detection, lemmas, cold caches for a document
never seen before) was most of a search's time. So the indexer records, while it analyses
anyway, one entry per distinct (term, written word) pair, and a search turns its terms into
the set of written words to mark with one lookup; a snippet is then a scan of the stored
text with the tokenizer alone.

Entries are kept per language of the part of the text the word was in (an Uzbek article's
Russian quote is analysed as Russian: ``Президент`` there is ``президент``, in an Uzbek
sentence ``prezident``), and each document stores where its parts begin (its ``parts``
field), so a snippet looks each word up in its own part's language without detecting it.
Entries are a function of (language, written word), the same analysis for every occurrence:
an entry left behind by a deleted or replaced document is the entry any other document with
that word in that language would give, so it can only mark a word that really is written in
the text being marked, with the terms that analysis gives it. ``index remove`` therefore
leaves the lexicon alone, ``index add`` adds to a copy of it, and a rebuild starts anew.

Beside it, the vocabulary of written forms (form → the terms its word was indexed under,
and how many titles and texts have it) that prefix, fuzzy and "did you mean" expand
against; it follows removals (see :func:`save`).

Storage is one SQLite file, three tables (standard library; read on demand, nothing loaded
into memory). Worker processes of a multi-process build each write a part file; the parent
merges them.
"""

from __future__ import annotations

import bisect
import os
import shutil
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from whoosh.codec.base import Automata

from qidir.analyzers.normalize import fold
from qidir.analyzers.pipeline import lowercase_words, sentence_initial
from qidir.analyzers.surface import word_forms
from qidir.analyzers.tokenize import compound_re_for

FILENAME = "lexicon.sqlite"
PART_PREFIX = "lexicon-part-"
#: Kinds of index terms recorded: analysed terms of ``title``/``text``, and name keys. At a
#: sentence start a capitalised ordinary word (``Such``, ``Президент``) gets no name key, so
#: name keys are recorded by where they were given: inside a sentence only (NAMES), at a
#: sentence start although the text also writes the word in lower case (NAMES_INITIAL: a
#: place, keyed anywhere), or at a sentence start in a text without it in lower case
#: (NAMES_UNLESS_LOWER). A snippet marks a word at a sentence start for its key accordingly.
TEXT, NAMES, NAMES_INITIAL, NAMES_UNLESS_LOWER = 0, 1, 2, 3
KINDS = {"text": TEXT, "names": NAMES}
#: Where a written word may be marked (see Lexicon.surfaces), by the kinds of its entries.
INSIDE, UNLESS_LOWER, ANYWHERE = 0, 1, 2
_RULE = {TEXT: ANYWHERE, NAMES: INSIDE, NAMES_INITIAL: ANYWHERE,
         NAMES_UNLESS_LOWER: UNLESS_LOWER}
#: Terms asked in one SQL statement (SQLite's default limit on parameters is 999 or more).
_CHUNK = 500


class Collector:
    """The entries of one process's writing: (kind, language) → written word → its terms."""

    def __init__(self) -> None:
        #: (kind, language) → written word → its term, or its terms when it has several.
        self.tables: dict[tuple[int, str], dict[str, Any]] = {}
        #: Written word → how many field values (titles, texts) had it: the vocabulary's
        #: frequencies, which rank "did you mean" candidates.
        self.counts: Counter[str] = Counter()

    def record(self, kind: str, text: str, tokens: Sequence[tuple[str, int, int, int]],
               parts: Sequence[Any]) -> None:
        """Record ``tokens`` (term, pos, start, end) of ``text``, each under the language of
        the part (start, end, lang, …) it is in; offsets index ``text``."""
        code = KINDS[kind]
        if code == TEXT:
            self.count(text)
        bounds = [p[0] for p in parts[1:]]
        nbounds = len(bounds)
        i = 0
        lang = parts[0][2] if parts else "und"
        part_table = self._table(code, lang)  # looked up again only where a part begins
        names = code == NAMES
        if not nbounds and not names:  # most texts: one part, no sentence-start rule
            get = part_table.get
            for term, _, start, end in tokens:
                surface = text[start:end]
                terms = get(surface)
                if terms is None:
                    part_table[surface] = term
                elif terms.__class__ is str:
                    if terms != term:
                        part_table[surface] = {terms, term}
                else:
                    terms.add(term)
            return
        for term, _, start, end in tokens:
            if i < nbounds and start >= bounds[i]:
                while i < nbounds and start >= bounds[i]:
                    i += 1
                lang = parts[i][2]
                part_table = self._table(code, lang)
            surface = text[start:end]
            if names and sentence_initial(text, start):
                table = self._table(NAMES_INITIAL if fold(surface) in lowercase_words(text)
                                    else NAMES_UNLESS_LOWER, lang)
            else:
                table = part_table
            terms = table.get(surface)
            if terms is None:
                table[surface] = term  # most words have one term: no set for them
            elif terms.__class__ is str:
                if terms != term:
                    table[surface] = {terms, term}
            else:
                terms.add(term)  # type: ignore[union-attr]

    def count(self, text: str) -> None:
        """Count the distinct written words of one title or text (the tokenizer's words,
        so a removed document's words can be counted off again without analysing it)."""
        # Counter.update counts in C (each surface once: a set).
        self.counts.update(set(compound_re_for(text).findall(text)))

    def _table(self, kind: int, lang: str) -> dict[str, Any]:
        table = self.tables.get((kind, lang))
        if table is None:
            table = self.tables[(kind, lang)] = {}
        return table

    def rows(self) -> Iterator[tuple[int, str, str, str]]:
        for (kind, lang), table in self.tables.items():
            for surface, terms in table.items():
                for term in _each(terms):
                    yield kind, term, lang, surface

    def vocabulary(self) -> Iterator[tuple[str, str]]:
        """(surface form, index term) pairs: each analysed word's normalised written forms
        (see qidir.analyzers.surface) with the terms the analysis indexed it under."""
        for (kind, _), table in self.tables.items():
            if kind != TEXT:
                continue
            for surface, terms in table.items():
                for form in word_forms(surface):
                    for term in _each(terms):
                        yield form, term

    def frequencies(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for surface, n in self.counts.items():
            for form in word_forms(surface):
                out[form] = out.get(form, 0) + n
        return out

    def __len__(self) -> int:
        return sum(len(t) for t in self.tables.values())


def _each(terms: str | set[str]) -> Iterable[str]:
    return (terms,) if terms.__class__ is str else terms


_active: Collector | None = None


def active() -> Collector | None:
    """The collector analysis in this process records into (None: not writing)."""
    return _active


@contextmanager
def collecting() -> Iterator[Collector]:
    """Record every analysed field value in this process into a new collector."""
    global _active
    outer, _active = _active, Collector()
    try:
        yield _active
    finally:
        _active = outer


def start_worker() -> None:
    """In a worker process of a multi-process writer: record from here on."""
    global _active
    _active = Collector()


def finish_worker(folder: str, name: str) -> None:
    """In a worker process: write what it recorded as a part file in the index folder (a
    lexicon of its own, see :func:`save`), for the parent to merge. The workers write their
    parts side by side while the parent waits; the parent's merge is then SQLite's alone."""
    global _active
    collector, _active = _active, None
    if collector is None or not collector.tables:
        return
    tmp = Path(folder) / f".{PART_PREFIX}{name}"
    tmp.unlink(missing_ok=True)
    con = _connect(tmp)
    try:
        _insert(con, collector)
        con.commit()
    finally:
        con.close()
    os.replace(tmp, Path(folder) / f"{PART_PREFIX}{name}")


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE TABLE IF NOT EXISTS lex (kind INTEGER, term TEXT, lang TEXT, "
                "surface TEXT, PRIMARY KEY (kind, term, lang, surface)) WITHOUT ROWID")
    # The vocabulary of written forms: prefix, fuzzy and "did you mean" walk ``form``
    # in order, then search the index terms those forms were analysed to.
    con.execute("CREATE TABLE IF NOT EXISTS vocab (form TEXT, term TEXT, "
                "PRIMARY KEY (form, term)) WITHOUT ROWID")
    con.execute("CREATE TABLE IF NOT EXISTS freq (form TEXT PRIMARY KEY, n INTEGER) "
                "WITHOUT ROWID")
    return con


def _insert(con: sqlite3.Connection, collector: Collector) -> None:
    """Add ``collector``'s entries. (Sorting them first, for appends in key order, was
    slower: a worker's part is small enough for SQLite's page cache either way.)"""
    con.executemany("INSERT OR IGNORE INTO lex VALUES (?, ?, ?, ?)", collector.rows())
    con.executemany("INSERT OR IGNORE INTO vocab VALUES (?, ?)", collector.vocabulary())
    con.executemany("INSERT INTO freq VALUES (?, ?) ON CONFLICT (form) DO UPDATE "
                    "SET n = n + excluded.n", collector.frequencies().items())


def _merge_part(con: sqlite3.Connection, part: Path) -> None:
    """Add a worker's part file (a lexicon of its own) to ``con``'s, table by table."""
    con.commit()  # SQLite attaches and detaches outside a transaction only
    con.execute("ATTACH DATABASE ? AS part", (str(part),))
    con.execute("INSERT OR IGNORE INTO lex SELECT * FROM part.lex")
    con.execute("INSERT OR IGNORE INTO vocab SELECT * FROM part.vocab")
    # WHERE true: SQLite's parser needs it between a SELECT and ON CONFLICT
    con.execute("INSERT INTO freq SELECT form, n FROM part.freq WHERE true "
                "ON CONFLICT (form) DO UPDATE SET n = n + excluded.n")
    con.commit()
    con.execute("DETACH DATABASE part")


def save(gen: Path, collector: Collector, removed: Iterable[str] = ()) -> None:
    """Merge ``collector`` and the workers' part files into the generation's lexicon, and
    count off the written words of ``removed`` titles and texts (of documents deleted or
    replaced): a form no title or text has any more leaves the vocabulary, so prefix, fuzzy
    and "did you mean" never expand to a word only removed documents had. (Entries of the
    term → written word table stay: see the module's docstring.)

    The lexicon of a forked generation is a hard link shared with the live one: it is
    copied and the copy replaces the link, so a published generation never changes.
    """
    path = gen / FILENAME
    tmp = gen / f".{FILENAME}.tmp"
    parts = sorted(gen.glob(f"{PART_PREFIX}*"))
    if path.exists():
        shutil.copyfile(path, tmp)
    elif parts:  # a new lexicon: the first worker's part is one already
        tmp.unlink(missing_ok=True)
        os.replace(parts.pop(0), tmp)
    con = _connect(tmp)
    try:
        _insert(con, collector)
        for part in parts:
            _merge_part(con, part)
            part.unlink()
        gone = Collector()
        for text in removed:
            gone.count(text)
        if gone.counts:
            con.executemany("UPDATE freq SET n = n - ? WHERE form = ?",
                            ((n, form) for form, n in gone.frequencies().items()))
            con.execute("DELETE FROM vocab WHERE form IN (SELECT form FROM freq WHERE n <= 0)")
            con.execute("DELETE FROM freq WHERE n <= 0")
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)


def exists(gen: Path) -> bool:
    """Whether a generation has a lexicon (an index built before it has none, and an ``index
    add`` must not start one that would know only the added documents)."""
    return (gen / FILENAME).is_file()


def discard_parts(gen: Path) -> None:
    for part in gen.glob(f"{PART_PREFIX}*"):
        part.unlink(missing_ok=True)


class Lexicon:
    """One generation's lexicon, read: index terms → the written words they came from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    @classmethod
    def open(cls, gen: Path) -> Lexicon | None:
        """The generation's lexicon, or None for an index built before it existed."""
        path = gen / FILENAME
        return cls(path) if path.is_file() else None

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            # Read-only; the path as a file: URI, percent-encoded (spaces, '?', '#', '%').
            con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                  check_same_thread=False)
            self._local.con = con
        return con

    def surfaces(self, text_terms: Iterable[str], name_keys: Iterable[str]
                 ) -> dict[str, dict[str, tuple[str, int]]]:
        """Language → written word → (one of the given terms it was indexed under, the
        least so the choice is stable; where it may be marked: INSIDE a sentence only,
        also at a sentence start UNLESS_LOWER case in the text too, or ANYWHERE)."""
        out: dict[str, dict[str, tuple[str, int]]] = {}
        for kinds, terms in (((TEXT,), sorted(set(text_terms))),
                             ((NAMES, NAMES_INITIAL, NAMES_UNLESS_LOWER),
                              sorted(set(name_keys)))):
            for chunk in _chunks(terms):
                rows = self._con().execute(
                    f"SELECT kind, term, lang, surface FROM lex WHERE kind IN "
                    f"({','.join('?' * len(kinds))}) AND term IN ({','.join('?' * len(chunk))})",
                    (*kinds, *chunk))
                for kind, term, lang, surface in rows:
                    table = out.setdefault(lang, {})
                    old = table.get(surface)
                    rule = _RULE[kind]
                    if old is None:
                        table[surface] = (term, rule)
                    elif kind == TEXT:
                        table[surface] = (min(term, old[0]), ANYWHERE)
                    elif rule > old[1]:
                        table[surface] = (old[0], rule)
        return out


    # -- the vocabulary of written forms (prefix, fuzzy, "did you mean") --------------------

    def with_prefix(self, prefix: str) -> Iterator[str]:
        """Written forms starting with ``prefix``, in order, each once."""
        rows = self._con().execute(
            "SELECT DISTINCT form FROM vocab WHERE form >= ? AND form < ? ORDER BY form",
            (prefix, prefix + _MAX_CHAR))
        for (form,) in rows:
            yield form

    def within(self, word: str, maxdist: int, prefix: int = 0) -> set[str]:
        """Written forms within ``maxdist`` edits of ``word`` sharing its first ``prefix``
        characters: Whoosh's Levenshtein automaton, walked over the sorted forms (each
        step a seek), as a segment walks its term dictionary."""
        return set(Automata().terms_within(_FormCursor(self._sorted_forms), word, maxdist,
                                           prefix))

    @cached_property
    def _sorted_forms(self) -> list[str]:
        """Every written form, sorted, read once per generation when a fuzzy search first
        needs them (0.1 s and 11 MB at 100k documents): the automaton seeks a hundred
        times per word, and a seek in a list is a bisection where one in SQLite was a
        query (twice the time of the whole walk)."""
        return [form for (form,) in self._con().execute(
            "SELECT DISTINCT form FROM vocab ORDER BY form")]

    def frequency(self, form: str) -> int:
        """In how many titles and texts a form was written (0: not in the vocabulary)."""
        row = self._con().execute("SELECT n FROM freq WHERE form = ?", (form,)).fetchone()
        return int(row[0]) if row else 0

    def terms(self, forms: Iterable[str]) -> set[str]:
        """The index terms the given written forms were analysed to."""
        out: set[str] = set()
        for chunk in _chunks(sorted(set(forms))):
            rows = self._con().execute(
                f"SELECT DISTINCT term FROM vocab WHERE form IN ({','.join('?' * len(chunk))})",
                chunk)
            out.update(term for (term,) in rows)
        return out


#: Above every character a form can hold: the end of a prefix range.
_MAX_CHAR = "\U0010ffff"


class _FormCursor:
    """The cursor Whoosh's automaton search needs (``text``, ``find``) over sorted forms."""

    def __init__(self, forms: list[str]) -> None:
        self._forms = forms
        self._text: str | None = None
        self.find("")

    def text(self) -> str | None:
        return self._text

    def find(self, term: str) -> None:
        """Move to the first form at or after ``term``."""
        i = bisect.bisect_left(self._forms, term)
        self._text = self._forms[i] if i < len(self._forms) else None


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]
