""""Did you mean": corrections taken from the index's own vocabulary of surface words.

A word the index has never seen (``cooperatoin``, ``Токаевв``) is replaced by the nearby
word (edit distance 1, or 2 for longer words) that is most frequent in the index, and the
corrected query is counted with the same filters, so the reader sees how many hits it
would give. Since the vocabulary holds words as written, in their own script, a misspelt
Cyrillic name gets a Cyrillic correction and a Latin one a Latin correction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from whoosh.reading import IndexReader

from qidir.analyzers.surface import normalize_word
from qidir.search.query import parser as ast
from qidir.search.query.vocabulary import Vocabulary, vocabulary_of

#: Suggest only when a query finds fewer hits than this.
SUGGEST_BELOW = 3
#: Words shorter than this are not corrected (too many neighbours to choose from).
MIN_WORD_CHARS = 3
#: Candidates tried per misspelt word, and misspelt words corrected per query.
CANDIDATES_PER_WORD = 3
MAX_WORDS = 4
#: Candidates share the typed word's first letter: typing errors there are rare, and it
#: makes the edit-distance walk over a large vocabulary many times cheaper.
SAME_FIRST_CHARS = 1


@dataclass
class _Word:
    text: str
    position: int


def _plain_words(node: ast.Node | None, negated: bool = False) -> list[_Word]:
    """Words a correction may replace: plain (not prefix/fuzzy) words of text/title fields
    that the query wants present (a misspelt excluded word changes nothing visible)."""
    if node is None:
        return []
    if isinstance(node, ast.Term):
        if negated or node.prefix or node.fuzzy or node.field not in (None, "title"):
            return []
        return [_Word(node.word, node.position)]
    if isinstance(node, ast.Phrase):
        if negated or node.field not in (None, "title"):
            return []
        return [_Word(w, node.position) for w in node.words]
    if isinstance(node, ast.Not):
        return _plain_words(node.child, not negated)
    out: list[_Word] = []
    for child in node.children:
        out.extend(_plain_words(child, negated))
    return out


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _candidates(vocabulary: Vocabulary, word: str) -> list[str]:
    distance = 1 if len(word) <= 4 else 2
    scored: list[tuple[int, int, str]] = []
    for term in vocabulary.within(word, distance, prefix=SAME_FIRST_CHARS):
        if term == word:
            continue
        scored.append((levenshtein(word, term), -vocabulary.frequency(term), term))
    scored.sort()
    return [t for _, _, t in scored[:CANDIDATES_PER_WORD]]


def _cased_like(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _locate(q: str, words: list[_Word]) -> list[tuple[int, _Word]]:
    """Offsets of the words in the query string (a phrase's words share a position)."""
    out: list[tuple[int, _Word]] = []
    last_position, last_end = -1, 0
    for w in words:
        start = max(w.position, last_end) if w.position == last_position else w.position
        i = q.find(w.text, start)
        if i >= 0:
            out.append((i, w))
            last_position, last_end = w.position, i + len(w.text)
    return out


def _rewrite(q: str, replacements: list[tuple[int, str, str]]) -> str:
    for at, old, new in sorted(replacements, reverse=True):
        q = q[:at] + new + q[at + len(old):]
    return q


def suggest(q: str, node: ast.Node | None, reader: IndexReader, total: int,
            count: Callable[[str], int], lexicon: Vocabulary | None = None
            ) -> dict[str, object] | None:
    """A corrected query and its hit count, or None when nothing better is known.

    ``count`` runs a query string with the request's filters and returns its total;
    ``lexicon``: the index's vocabulary (None: an older index's ``words`` field).
    """
    vocabulary = vocabulary_of(reader, lexicon)
    if total >= SUGGEST_BELOW or vocabulary is None:
        return None
    misspelt: list[tuple[int, _Word, list[str]]] = []
    for at, w in _locate(q, _plain_words(node)):
        norm = normalize_word(w.text)
        if len(norm) < MIN_WORD_CHARS or not any(c.isalpha() for c in norm):
            continue
        if vocabulary.frequency(norm) > 0:
            continue
        candidates = _candidates(vocabulary, norm)
        if candidates:
            misspelt.append((at, w, [_cased_like(w.text, c) for c in candidates]))
        if len(misspelt) >= MAX_WORDS:
            break
    if not misspelt:
        return None
    # Start from every word's nearest, most frequent neighbour, then let each word try its
    # other candidates with the rest fixed, keeping whichever gives the most hits.
    choice = [cands[0] for _, _, cands in misspelt]

    def build(chosen: list[str]) -> str:
        return _rewrite(q, [(at, w.text, c) for (at, w, _), c in
                                   zip(misspelt, chosen, strict=True)])

    best_q = build(choice)
    best_total = count(best_q)
    for i, (_, _, cands) in enumerate(misspelt):
        for candidate in cands[1:]:
            attempt = choice[:i] + [candidate] + choice[i + 1:]
            n = count(build(attempt))
            if n > best_total:
                choice, best_total, best_q = attempt, n, build(attempt)
    if best_total <= total:
        return None
    return {"q": best_q, "total": best_total}
