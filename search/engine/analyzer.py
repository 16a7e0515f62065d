"""The one thin adapter between qidir's analysis pipeline and Whoosh.

All language work lives in :mod:`qidir.analyzers` as plain Python; Whoosh only needs an
object that turns a field value into its Token stream. Keeping the adapter this small is
what keeps the engine swappable.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from whoosh import formats
from whoosh.analysis import Analyzer, Token
from whoosh.system import pack_uint

from qidir import analyzers
from qidir.analyzers.surface import surface_tokens
from qidir.search.engine import lexicon

_FUNCTIONS: dict[str, Callable[[str], list[analyzers.Token]]] = {
    "text": analyzers.analyze,
    "names": analyzers.analyze_names,
    #: normalised surface words, unstemmed: what prefix, fuzzy and suggestions expand against
    "words": surface_tokens,
}

#: Characters between two pieces of a :class:`FieldValue` (the ``\n`` of ``title\ntext``).
PIECE_GAP = 1


class FieldValue(str):
    """A field value that carries its document's language and, optionally, its pieces.

    The language hint travels with the value instead of in a context variable because
    Whoosh's multi-process writer analyses documents in other processes (the value is
    pickled there, the caller's context is not). A value made of pieces (the names and
    words fields cover ``title`` and ``text``) is analysed piece by piece, so each piece
    hits the analysis the ``title`` and ``text`` fields already paid for (analysis is
    memoised per string) instead of analysing the joined text a second time.

    ``parts``, when given, is the dict stored with the document (its ``parts`` field): the
    analysis writes the language parts of this value there under ``name``, so a snippet
    knows each word's language without detecting it again. It is the same object as the
    stored field's value, in the worker process too: a document's fields are pickled in
    one piece, which keeps shared objects shared.
    """

    hint: str | None
    #: The language every piece is analysed in (no detection), or None to detect each part.
    lang: str | None
    pieces: tuple[str, ...]
    name: str | None
    parts: dict[str, list[list[Any]]] | None

    def __new__(cls, pieces: Sequence[str], hint: str | None = None, lang: str | None = None,
                name: str | None = None,
                parts: dict[str, list[list[Any]]] | None = None) -> FieldValue:
        self = super().__new__(cls, "\n".join(pieces))
        self.hint = hint
        self.lang = lang
        self.pieces = tuple(pieces)
        self.name = name
        self.parts = parts
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (FieldValue, (self.pieces, self.hint, self.lang, self.name, self.parts))


def _piece_tokens(kind: str, piece: str, lang: str | None) -> list[analyzers.Token]:
    """One piece's tokens, in the value's language when it has one (the ``words`` field of
    indexes before the lexicon holds surface forms, which do not depend on a language)."""
    if lang is None or kind == "words":
        return _FUNCTIONS[kind](piece)
    return analyzers.analyze(piece, lang=lang) if kind == "text" else \
        analyzers.analyze_names(piece, lang=lang)


def _tokens(kind: str, value: str) -> list[analyzers.Token]:
    """The pipeline's tokens of one field value, pieces joined as one text would be."""
    if not isinstance(value, FieldValue):
        return _FUNCTIONS[kind](value)
    out: list[analyzers.Token] = []
    # While an index is written, the written word of every term goes into the lexicon.
    collector = lexicon.active() if kind in lexicon.KINDS else None
    keep_parts = kind == "text" and value.parts is not None and value.name is not None
    # Eager, not a generator: the hint must not stay set while the caller runs between yields.
    with analyzers.language_hint(value.hint):
        pos = start = 0
        for piece in value.pieces:
            last = -1
            toks = _piece_tokens(kind, piece, value.lang)
            if collector is not None or keep_parts:
                parts = analyzers.analyze_all(piece, lang=value.lang).parts  # memoised: just run
                if collector is not None:
                    collector.record(kind, piece, toks, parts)
                if keep_parts:
                    value.parts[value.name] = [[p.start, p.lang] for p in parts]  # type: ignore[index]
            if toks:
                last = toks[-1].pos
            if not pos and not start:  # the first piece: its tokens as they are
                out.extend(toks)
            else:
                out.extend([analyzers.Token(tok.term, pos + tok.pos, start + tok.start,
                                            start + tok.end) for tok in toks])
            pos += last + 1
            start += len(piece) + PIECE_GAP
    return out


#: Whoosh pickles the schema, analyzer classes included, into every index. Indexes built
#: before the engine package existed name this module ``qidir.search.whoosh_analyzer``; that
#: name stays importable so such an index opens (and is reported as built by an older
#: qidir) instead of failing to load. Keep it when moving this module again.
LEGACY_MODULE_NAMES = ("qidir.search.whoosh_analyzer",)
for _name in LEGACY_MODULE_NAMES:
    sys.modules.setdefault(_name, sys.modules[__name__])


class PipelineAnalyzer(Analyzer):
    """Wraps ``analyzers.analyze`` (kind "text"), ``analyzers.analyze_names`` (kind "names")
    or :func:`qidir.analyzers.surface.surface_tokens` (kind "words")."""

    def __init__(self, kind: str = "text") -> None:
        if kind not in _FUNCTIONS:
            raise ValueError(f"unknown analyzer kind {kind!r}")
        self.kind = kind

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PipelineAnalyzer) and other.kind == self.kind

    def __hash__(self) -> int:
        return hash(("PipelineAnalyzer", self.kind))

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for tok in _tokens(self.kind, value):
            token.text = tok.term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[tok.start:tok.end]
            if positions:
                token.pos = start_pos + tok.pos
            if chars:
                token.startchar = start_char + tok.start
                token.endchar = start_char + tok.end
            yield token


# -- from the pipeline's tokens straight to postings -------------------------------------
#
# Whoosh's formats turn a field value into postings by pulling one mutable Token at a time
# through the analyzer's generator and a stop-word filter, then grouping them by term (a
# dozen Python-level steps per token, ~8% of a build). For the pipeline's fields the
# tokens are already a list: they are grouped by term directly. The postings are the
# ones Whoosh's code gives (terms in order of first occurrence, frequency, weight = one
# per occurrence times the field boost, the same encoded value); anything else (another
# analyzer, a list value, a start position) goes through Whoosh's own code.

_whoosh_positions = formats.Positions.word_values
_whoosh_frequency = formats.Frequency.word_values


def _ours(value: Any, analyzer: Any, kwargs: dict[str, Any]) -> bool:
    return (type(analyzer) is PipelineAnalyzer and isinstance(value, str)
            and not kwargs.get("start_pos"))


#: The count Whoosh's ``Positions.encode`` starts a one-position value with. (Values are
#: not shared between postings even when equal: a block's pickle would then refer back to
#: the first copy, and the posting file would no longer be Whoosh's byte for byte.)
_ONE_POSITION = pack_uint(1)


def _encode_positions(poslist: list[int]) -> bytes:
    """Whoosh's ``Positions.encode``: the count, then the pickled deltas."""
    deltas = [b - a for a, b in zip([0, *poslist], poslist)]  # noqa: B905 (one shorter)
    return pack_uint(len(deltas)) + pickle.dumps(deltas, 2)


def _positions_word_values(self: formats.Positions, value: Any, analyzer: Any,
                           **kwargs: Any) -> Iterator[tuple[str, int, float, bytes]]:
    if not _ours(value, analyzer, kwargs):
        yield from _whoosh_positions(self, value, analyzer, **kwargs)
        return
    poses: dict[str, list[int]] = {}
    for tok in _tokens(analyzer.kind, value):
        found = poses.get(tok.term)
        if found is None:
            poses[tok.term] = [tok.pos]
        else:
            found.append(tok.pos)
    fb = self.field_boost
    fb1 = float(1) * fb
    one = _ONE_POSITION
    dumps = pickle.dumps
    for w, poslist in poses.items():
        n = len(poslist)
        if n == 1:  # most postings: the delta is the position itself
            yield (w, 1, fb1, one + dumps(poslist, 2))
        else:
            yield (w, n, float(n) * fb, _encode_positions(poslist))


def _frequency_word_values(self: formats.Frequency, value: Any, analyzer: Any,
                           **kwargs: Any) -> Iterator[tuple[str, int, float, bytes]]:
    if not _ours(value, analyzer, kwargs):
        return _whoosh_frequency(self, value, analyzer, **kwargs)
    freqs: dict[str, int] = {}
    for tok in _tokens(analyzer.kind, value):
        freqs[tok.term] = freqs.get(tok.term, 0) + 1
    fb = self.field_boost
    return ((w, n, float(n) * fb, pack_uint(n)) for w, n in freqs.items())


formats.Positions.word_values = _positions_word_values
formats.Frequency.word_values = _frequency_word_values
