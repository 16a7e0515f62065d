"""Which tokens of a text a prefix or fuzzy term marks, without looking at each one in Python.

A prefix or fuzzy term marks a token when one of its written forms
(:func:`qidir.analyzers.surface.word_forms`: the token folded, its hyphenated parts, the
parts joined, a clitic cut, ``ё`` spelt ``е``) is among the words the term expanded to.
Checking every distinct token of ten hits' texts that way is a thousand Python calls a
search. Instead, the text's distinct tokens are folded in one call and searched, in C, for
the beginnings of the words' keys; only the tokens found are checked, exactly as before.

Why no marked token is missed: with ``key(x)`` = ``x`` folded, ``ё`` as ``е`` and hyphens
removed, every form ``f`` of a token ``t`` has ``key(f)`` inside ``key(t)`` (a form is the
token folded, a part of it, the parts joined, or a beginning of one of those), so a head of
``key(f)`` is there too. Folding is done per character and Unicode normalisation (NFC)
never joins a token's character to the next one's (a newline separates them) nor across a
hyphen, since no word character composes with the one before it, except Hangul conjoining
jamo: a text with those is checked token by token.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate

from qidir.analyzers.normalize import _FOLD_TABLE, APOSTROPHE, HYPHENS
from qidir.analyzers.surface import word_forms
from qidir.search.query.headscan import Heads

#: Characters of a word's beginning a finder looks for: a search's words are hundreds of
#: written forms, and a regex of them all took a millisecond to compile, more than the scans
#: it served; their beginnings are a few dozen (a prefix term's words share theirs), and a
#: token that holds a word holds its beginning.
HEAD_CHARS = 4
#: fold's character table as regular expressions, one per replacement (the apostrophes'
#: first, the only one that applies to ASCII text).
_FOLD_SUBS = [(re.compile("[" + re.escape("".join(chr(c) for c, to in _FOLD_TABLE.items()
                                                 if to == target)) + "]"), target or "")
              for target in dict.fromkeys((APOSTROPHE, *_FOLD_TABLE.values()))]
_HYPHEN = re.compile(f"[{re.escape(HYPHENS)}]")
#: Hangul vowel and final jamo (and their extensions) compose with the character before.
_JAMO = re.compile("[\u1160-\u11ff\ud7b0-\ud7ff]")


def _key(text: str) -> str:
    """``fold_yo(fold(text))`` without hyphens; the same string, made with regular
    expressions (``str.translate`` with a table is slow on non-Latin text)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        for chars, to in _FOLD_SUBS:
            text = chars.sub(to, text)
        text = text.casefold().replace("ё", "е")
    else:
        text = _FOLD_SUBS[0][0].sub(APOSTROPHE, text).lower()
    return _HYPHEN.sub("", text)


def heads(words: frozenset[str]) -> re.Pattern[str] | None:
    """A regex finding the first HEAD_CHARS characters of any word's key (None: a word
    without key characters, so every token is checked)."""
    found = {_key(w)[:HEAD_CHARS] for w in words}
    if not words or "" in found or any("\n" in h for h in found):
        return None
    return Heads(found).regex


def expanded_form(surface: str, words: frozenset[str], forms: dict[str, str | None]
                  ) -> str | None:
    """The first form of a token that is among the expanded ``words`` (None: none),
    remembered in ``forms`` for the search: tokens repeat."""
    if surface in forms:
        return forms[surface]
    form = forms[surface] = next((f for f in word_forms(surface) if f in words), None)
    return form


def marked_tokens(tokens: set[str], words: frozenset[str], finder: re.Pattern[str] | None,
                  forms: dict[str, str | None]) -> frozenset[str]:
    """The distinct ``tokens`` (of one text) that ``words`` mark; ``finder``: :func:`heads`
    of the words."""
    candidates: list[str] | set[str] = tokens
    if finder is not None and tokens:
        listed = list(tokens)
        joined = "\n".join(listed)
        if not _JAMO.search(joined):
            keyed = _key(joined)
            lengths = [len(k) + 1 for k in keyed.split("\n")]
            if len(lengths) == len(listed):
                starts = list(accumulate(lengths, initial=0))
                candidates = {listed[bisect_right(starts, m.start()) - 1]
                              for m in finder.finditer(keyed)}
    return frozenset(s for s in candidates if expanded_form(s, words, forms) is not None)
