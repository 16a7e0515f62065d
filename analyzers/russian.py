"""Russian: pymorphy3 lemmas, cached per word form.

Creating a ``MorphAnalyzer`` loads its dictionaries (~0.2 s, tens of MB), so it is created once
per process, on first use. Parsing costs ~100 µs per word, and word forms repeat heavily in
news, so every form is parsed once and remembered.

A form can have several lemmas (``стали`` is ``стать`` or ``сталь``). The index gets the lemmas
pymorphy3 thinks likely (summed score ≥ ``INDEX_MIN_SCORE``, at most two): precise enough to
keep ``стали`` out of results about steel. A query gets every lemma, so whatever the index chose
for a form, the same form typed in a query meets it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from qidir.analyzers.cache import memoized
from qidir.analyzers.normalize import fold, fold_yo
from qidir.analyzers.wordlists import RU_STOP

INDEX_MIN_SCORE = 0.25

_morph: Any = None
_lock = threading.Lock()


def morph() -> Any:
    """The process-wide pymorphy3 analyzer, created on first use."""
    global _morph
    if _morph is None:
        with _lock:
            if _morph is None:
                import pymorphy3

                _morph = pymorphy3.MorphAnalyzer()
    return _morph


def _lemma_scores(word: str) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for parse in morph().parse(word):
        lemma = fold_yo(parse.normal_form)
        scores[lemma] = scores.get(lemma, 0.0) + parse.score
    return sorted(scores.items(), key=lambda kv: -kv[1])


def base_form(surface: str) -> str:
    return fold_yo(fold(surface))


def _terms(surface: str,
           pick: Callable[[list[tuple[str, float]]], tuple[str, ...]]) -> tuple[str, ...]:
    """Stop words give ``()``, numbers and non-words themselves, words ``pick(lemmas)``."""
    w = base_form(surface)
    if w in RU_STOP:
        return ()
    if w.isdigit() or not w.isalpha():
        return (w,)
    return pick(_lemma_scores(w))


def _likely(ranked: list[tuple[str, float]]) -> tuple[str, ...]:
    return tuple(lemma for i, (lemma, score) in enumerate(ranked[:2])
                 if i == 0 or score >= INDEX_MIN_SCORE)


def _every(ranked: list[tuple[str, float]]) -> tuple[str, ...]:
    return tuple(lemma for lemma, _ in ranked)


@memoized(100_000)
def analyze_word(surface: str) -> tuple[str, ...]:
    """Index terms of one Russian word: its likely lemmas; ``()`` for a stop word."""
    return _terms(surface, _likely)


@memoized(50_000)
def query_terms(surface: str) -> tuple[str, ...]:
    """Every lemma of one Russian word, for a query; ``()`` for a stop word."""
    return _terms(surface, _every)


#: pymorphy3 tags of proper nouns.
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@memoized(50_000)
def is_common_word(surface: str) -> bool:
    """Whether a capitalised word at a sentence start is an ordinary word (``Такой``,
    ``Тогда``, ``Последний``), not a name: its likeliest reading is not a noun and none of its
    readings is a proper noun. Nouns are left to other evidence: pymorphy3 reads surnames it
    does not know as common nouns (``Токаев`` as a form of ``токай``)."""
    parses = morph().parse(base_form(surface))
    return bool(parses) and parses[0].tag.POS not in (None, "NOUN") and not any(
        _NAME_TAGS & p.tag.grammemes for p in parses)
