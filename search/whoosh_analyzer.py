"""The one thin adapter between qidir's analysis pipeline and Whoosh.

All language work lives in :mod:`qidir.analyzers` as plain Python; Whoosh only needs an
object that turns a field value into its Token stream. Keeping the adapter this small is
what keeps the engine swappable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from whoosh.analysis import Analyzer, Token

from qidir import analyzers
from qidir.search.words import surface_tokens

_FUNCTIONS: dict[str, Callable[[str], list[analyzers.Token]]] = {
    "text": analyzers.analyze,
    "names": analyzers.analyze_names,
    #: normalised surface words, unstemmed: what prefix, fuzzy and suggestions expand against
    "words": surface_tokens,
}


class PipelineAnalyzer(Analyzer):
    """Wraps ``analyzers.analyze`` (kind "text"), ``analyzers.analyze_names`` (kind "names")
    or :func:`qidir.search.words.surface_tokens` (kind "words")."""

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
        for tok in _FUNCTIONS[self.kind](value):
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
