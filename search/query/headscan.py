"""Where the next of a few literal strings occurs in a text, as their regex alternation
finds it, by ``str.find``.

A snippet looks through its text only where the beginning of a word to mark occurs (see
``highlight._found_spans``). A search marks a few such beginnings (four at the median
of the bench's searches); a regex alternation of them tests every character of the text
against their first characters in the regex engine, which was a third of marking a text,
while ``str.find`` skips to each one's next occurrence in C. Each string's next occurrence
is remembered between calls (a scan only moves forward), so a text is searched about once
per string. With many strings (prefix and fuzzy searches mark hundreds of forms) one pass
of the regex is cheaper than a find per string, and the regex is used.
"""

from __future__ import annotations

import re
from functools import cached_property

#: Up to this many strings, one ``str.find`` each; more, the regex.
FIND_UP_TO = 8


class Heads:
    """A set of non-empty literal strings to look for (each text gets a :meth:`scan`)."""

    def __init__(self, heads: set[str]) -> None:
        #: In the regex's order: at one position the first string listed that occurs wins.
        self.heads = sorted(heads)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Their alternation (compiled only when a scan or a caller needs it)."""
        return re.compile("|".join(re.escape(h) for h in self.heads))

    def scan(self, text: str) -> Scan:
        if len(self.heads) <= FIND_UP_TO:
            return _FindScan(self.heads, text)
        return _RegexScan(self.regex, text)


class Scan:
    """One text's scan: :meth:`search` gives ``regex.search(text, pos).span()`` (None: no
    match) for positions that never go back."""

    def search(self, pos: int) -> tuple[int, int] | None:
        raise NotImplementedError


class _RegexScan(Scan):
    def __init__(self, regex: re.Pattern[str], text: str) -> None:
        self._regex = regex
        self._text = text

    def search(self, pos: int) -> tuple[int, int] | None:
        m = self._regex.search(self._text, pos)
        return m.span() if m is not None else None


class _FindScan(Scan):
    def __init__(self, heads: list[str], text: str) -> None:
        self._heads = heads
        self._text = text
        #: Each string's next occurrence (-1: none from there on).
        self._next = [text.find(h) for h in heads]

    def search(self, pos: int) -> tuple[int, int] | None:
        best = best_k = -1
        at_of = self._next
        for k, at in enumerate(at_of):
            if at < pos:
                if at < 0:
                    continue
                at = at_of[k] = self._text.find(self._heads[k], pos)
                if at < 0:
                    continue
            if best < 0 or at < best:  # ties: the earlier string, as the alternation
                best, best_k = at, k
        return (best, best + len(self._heads[best_k])) if best >= 0 else None
