"""Surface words: what a reader types, normalised but neither stemmed nor lemmatised.

The analysed fields hold stems and lemmas (``cooper`` for *cooperation*), which is right for
plain words but wrong for the two operators that work on spelling: a prefix (``cooperat*``)
and a fuzzy term (``cooperatoin~2``) must be compared with the words as written in the
articles, not with their stems. The index therefore keeps a vocabulary of normalised
surface words (:func:`word_forms` of every written word, one entry per distinct form, each
with the index terms its word was analysed to); prefix, fuzzy and "did you mean" expand
against it, and the words found are searched by those terms. (Indexes built before that
vocabulary existed have a ``words`` field of these forms instead: :func:`surface_tokens`.)

Normalisation is the analyzers' own (case fold, NFC, one apostrophe, invisible characters
removed), so a word typed in a query lands on the same form as in a document. A word with
``ё`` is kept both ways: with ``ё`` (Uzbek Cyrillic ``Мирзиёев`` is not ``Мирзиеев``, and a
suggestion should show the word as written) and with ``е`` (Russian writes either).
"""

from __future__ import annotations

from qidir.analyzers.cache import memoized
from qidir.analyzers.normalize import APOSTROPHE, fold, fold_yo
from qidir.analyzers.pipeline import Token
from qidir.analyzers.tokenize import split_compound, tokenize

#: A clitic after an apostrophe that is also indexed without it (``Erdoğan’ın``, ``Baku's``);
#: Uzbek oʻ/gʻ apostrophes sit inside words and are followed by longer stretches.
MAX_CLITIC_CHARS = 3
MIN_BASE_CHARS = 3


def normalize_word(surface: str) -> str:
    """The form a surface word takes in the vocabulary (and a query word too)."""
    return fold(surface)


def word_variants(surface: str) -> list[str]:
    """The normalised word and, if it has ``ё``, its ``е`` spelling."""
    word = fold(surface)
    plain = fold_yo(word)
    return [word] if plain == word else [word, plain]


#: Surface word → its forms; words repeat (Zipf), and indexing asks for every occurrence.
@memoized(200_000)
def word_forms(surface: str) -> tuple[str, ...]:
    """Every ``words`` term one surface word or compound gives, the whole form first."""
    forms = word_variants(surface)
    parts = split_compound(surface)
    if len(parts) > 1:
        forms.extend(word_variants("".join(p for p, _, _ in parts)))
        for p, _, _ in parts:
            forms.extend(word_variants(p))
    for form in list(forms):
        base, sep, tail = form.rpartition(APOSTROPHE)
        if sep and 1 <= len(tail) <= MAX_CLITIC_CHARS and len(base) >= MIN_BASE_CHARS:
            forms.append(base)
    out: list[str] = []
    for form in forms:
        if form and form not in out:
            out.append(form)
    return tuple(out)


def surface_tokens(text: str) -> list[Token]:
    """The ``words`` field's tokens of a text: every form of every surface word, with offsets."""
    out: list[Token] = []
    for pos, (surface, start, end) in enumerate(tokenize(text)):
        for form in word_forms(surface):
            out.append(Token(form, pos, start, end))
    return out
