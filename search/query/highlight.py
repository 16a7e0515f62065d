"""Snippets and highlighted titles: the reader's words marked in their surface form.

The index holds stems, lemmas and folds, but a reader must see the words as written in
the article (``Тўқаевнинг``, ``cooperation``), in any script. The index's lexicon (see
:mod:`qidir.search.engine.lexicon`) says which written words each index term came from, so
a search turns its terms into a set of written words once (a :class:`Marker`), and marking a
text is a scan with the tokenizer: no language analysis at query time. An index built before
the lexicon existed is marked the old way, by analysing the text again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import cached_property
from html import escape
from typing import Any

from qidir.analyzers import analyze, analyze_names
from qidir.analyzers.normalize import fold
from qidir.analyzers.pipeline import lowercase_words, sentence_initial
from qidir.analyzers.surface import surface_tokens
from qidir.analyzers.tokenize import compound_re_for, has_hyphen, split_compound
from qidir.search.engine.lexicon import ANYWHERE, UNLESS_LOWER
from qidir.search.query import expanded
from qidir.search.query.headscan import Heads

Marks = dict[str, set[str]]
#: The tokenizer's regex for texts without combining marks or invisible characters (most).
FAST_COMPOUND_RE = compound_re_for("")
Span = tuple[int, int, str]


#: Where each language part of a text begins: [[start, lang], …] (the document's stored
#: ``parts`` of its title or text; see qidir.search.engine.lexicon).
Parts = list[list[Any]]
#: Language → written word → (the query term it stands for, where it may be marked): what
#: :meth:`qidir.search.engine.lexicon.Lexicon.surfaces` gives.
Surfaces = dict[str, dict[str, tuple[str, int]]]


class Marker:
    """What one search marks: its index terms (``marks``: per field kind) and, with a
    lexicon, the written words those terms came from, per language.

    ``surfaces`` is None for an index without a lexicon: texts are then analysed again.
    """

    def __init__(self, marks: Marks, surfaces: Surfaces | None = None) -> None:
        self.marks = marks
        self.surfaces = surfaces
        self.words = frozenset(marks.get("words") or ())
        #: written word → the expanded word it is a form of (None: none); words repeat.
        self._forms: dict[str, str | None] = {}
        #: (Languages of a text's parts, its tokens marked as prefix or fuzzy words) → a
        #: regex finding any written word to mark there.
        self._finders: dict[tuple[frozenset[str], frozenset[str]], Heads | None] = {}

    def __bool__(self) -> bool:
        return any(self.marks.values())

    def spans(self, text: str, parts: Parts | None) -> list[Span]:
        """(start, end, term) of every matched word of a text, sorted, not overlapping;
        ``parts``: the text's stored language parts (None: analyse the text again)."""
        if not self:
            return []
        if self.surfaces is None or parts is None:
            return _spans(text, self.marks)
        if compound_re_for(text) is FAST_COMPOUND_RE:
            key = (frozenset(lang for _, lang in parts), self._written(text))
            if key not in self._finders:
                self._finders[key] = _finder(self.surfaces, *key)
            return _found_spans(text, parts, self.surfaces, self._finders[key], self.words,
                                self._forms)
        return _surface_spans(text, parts, self.surfaces, self.words, self._forms)

    def _written(self, text: str) -> frozenset[str]:
        """The distinct tokens of a text that prefix or fuzzy words mark (one of their
        forms is a word the query expanded to): with them, the finder looks for those too."""
        if not self.words:
            return _NONE
        return expanded.marked_tokens(set(FAST_COMPOUND_RE.findall(text)), self.words,
                                      self._heads, self._forms)

    @cached_property
    def _heads(self) -> re.Pattern[str] | None:
        """The regex finding where those words may be (see expanded.heads), made once."""
        return expanded.heads(self.words)


def as_marker(marks: Marker | Marks) -> Marker:
    return marks if isinstance(marks, Marker) else Marker(marks)


_NOTHING: dict[str, tuple[str, int]] = {}


def _surface_spans(text: str, parts: Parts, surfaces: Surfaces, words: frozenset[str],
                   forms: dict[str, str | None]) -> list[Span]:
    """Matched words by their written form: a word is marked when the lexicon says one of
    the query's terms came from it in the language of its part, or (prefix and fuzzy) one of
    its surface forms is among the words the query expanded to. A hyphenated compound is
    looked up whole (its joined term) and part by part, as the analysis indexed it."""
    found: dict[tuple[int, int], str] = {}
    if not words and not any(surfaces.get(lang) for _, lang in parts):
        return []
    bounds = [start for start, _ in parts[1:]]
    i = 0
    table = surfaces.get(parts[0][1], _NOTHING) if parts else _NOTHING
    for m in compound_re_for(text).finditer(text):
        surface = m.group()
        start, end = m.span()
        if i < len(bounds) and start >= bounds[i]:
            while i < len(bounds) and start >= bounds[i]:
                i += 1
            table = surfaces.get(parts[i][1], _NOTHING)
        _mark_token(found, text, table, surface, start, end)
        if words:
            form = expanded.expanded_form(surface, words, forms)
            if form is not None:
                found.setdefault((start, end), form)
    return _disjoint(found)


_NONE: frozenset[str] = frozenset()


def _finder(surfaces: Surfaces, langs: frozenset[str], written: frozenset[str] = _NONE
            ) -> Heads | None:
    """The beginnings (:data:`expanded.HEAD_CHARS` characters) of every written word the
    lexicon gave for these languages and of the ``written`` tokens, to look for (None:
    none); what else the beginnings find is handled as the scan does."""
    n = expanded.HEAD_CHARS
    keys = {k[:n] for lang in langs for k in surfaces.get(lang, _NOTHING)}
    keys.update(k[:n] for k in written)
    keys.discard("")
    return Heads(keys) if keys else None


def _found_spans(text: str, parts: Parts, surfaces: Surfaces,
                 finder: Heads | None, words: frozenset[str] = _NONE,
                 forms: dict[str, str | None] | None = None) -> list[Span]:
    """:func:`_surface_spans` for texts the fast word regex tokenizes: the same spans, found
    by looking only where a written word to mark occurs.

    A word marked is a token equal to a lexicon word, or a part of a hyphenated token equal
    to one, so a lexicon word, and its beginning, occurs as a substring there; the finder's
    matches (of those beginnings) say where to look. Each is tokenized from a place no
    token crosses (after a whitespace, or after the tokens already done), the tokens up to
    the match are handled as the full scan handles them, and the search goes on after
    them: every token containing a lexicon word is handled once, exactly as in the scan;
    the rest are skipped in C. A token that prefix or fuzzy ``words`` mark is one of the
    text's tokens the finder also looks for (see Marker._written: the text's distinct
    tokens are checked once, not each occurrence)."""
    if finder is None:
        return []
    found: dict[tuple[int, int], str] = {}
    bounds = [start for start, _ in parts[1:]]
    done = 0
    scan = finder.scan(text)
    m = scan.search(0)
    while m is not None:
        p, q = m
        r = max(done, text.rfind(" ", 0, p) + 1, text.rfind("\n", 0, p) + 1)
        for tok in FAST_COMPOUND_RE.finditer(text, r):
            start, end = tok.span()
            if start >= q:
                break
            done = end
            table = (surfaces.get(parts[bisect_right(bounds, start)][1], _NOTHING)
                     if parts else _NOTHING)
            surface = tok.group()
            _mark_token(found, text, table, surface, start, end)
            if words:
                form = expanded.expanded_form(surface, words, forms if forms is not None else {})
                if form is not None:
                    found.setdefault((start, end), form)
        m = scan.search(max(done, p + 1))
    return _disjoint(found)


def _mark_token(found: dict[tuple[int, int], str], text: str, table: dict[str, tuple[str, int]],
                surface: str, start: int, end: int) -> None:
    """Record the marks one token gives: the token whole when the lexicon has it for a query
    term, and each part of a hyphenated token the same way (the analysis indexed both)."""
    hit = table.get(surface)
    if hit is not None and _markable(text, surface, start, hit[1]):
        found[(start, end)] = hit[0]
    if has_hyphen(surface):
        for part, ps, pe in split_compound(surface):
            hit = table.get(part)
            if hit is not None and _markable(text, part, start + ps, hit[1]):
                found.setdefault((start + ps, start + pe), hit[0])


def _markable(text: str, surface: str, start: int, rule: int) -> bool:
    """Whether a word the lexicon has for a query term may be marked here: a word with that
    term only as a name key is marked at a sentence start only where the analysis keys it
    there (see qidir.search.engine.lexicon)."""
    if rule == ANYWHERE or not sentence_initial(text, start):
        return True
    return rule == UNLESS_LOWER and fold(surface) not in lowercase_words(text)


def _disjoint(found: dict[tuple[int, int], str]) -> list[Span]:
    spans = []
    last_end = -1
    for (start, end), term in sorted(found.items()):
        if start >= last_end:
            spans.append((start, end, term))
            last_end = end
    return spans


ELLIPSIS = "…"


def _squeezed(text: str) -> str:
    r"""``text`` with every run of whitespace one space, none at either end: what
    ``re.sub(r"\s+", " ", text).strip()`` gives (``str.split`` and ``\s`` both take
    whitespace as ``str.isspace`` does), without a regex match per space."""
    return " ".join(text.split())


def _spans(text: str, marks: dict[str, set[str]]) -> list[tuple[int, int, str]]:
    """(start, end, term) of every surface word the query matched, sorted, not overlapping."""
    found: dict[tuple[int, int], str] = {}
    if marks.get("text"):
        for tok in analyze(text):
            if tok.term in marks["text"]:
                found[(tok.start, tok.end)] = tok.term
    if marks.get("names"):
        for tok in analyze_names(text):
            if tok.term in marks["names"]:
                found.setdefault((tok.start, tok.end), tok.term)
    if marks.get("words"):
        for tok in surface_tokens(text):
            if tok.term in marks["words"]:
                found.setdefault((tok.start, tok.end), tok.term)
    return _disjoint(found)


def _render(text: str, spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    out = []
    cursor = start
    for s, e, _ in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[cursor:s], quote=False))
        out.append(f"<mark>{escape(text[s:e], quote=False)}</mark>")
        cursor = e
    out.append(escape(text[cursor:end], quote=False))
    return "".join(out)


def highlight(text: str, marks: Marker | Marks, parts: Parts | None = None) -> str:
    """The whole text, HTML-escaped, with matched words in <mark>; ``parts``: the text's
    stored language parts."""
    return _render(text, as_marker(marks).spans(text, parts), 0, len(text))


#: Characters of a text analysed for a snippet before settling for the best passage so far;
#: past it, only paragraphs that visibly contain a query word are analysed, up to the cap.
SCAN_CHARS = 2000
SCAN_CAP = 30_000
#: A paragraph with this many distinct query terms ends the scan at once.
STRONG_TERMS = 2
_PARAGRAPH = re.compile(r"[^\n]+")
_CHUNK = 1200


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Line-paragraphs of a text, long ones cut at spaces into chunks of about _CHUNK."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        start, end = m.span()
        while end - start > _CHUNK:
            cut = text.rfind(" ", start + _CHUNK // 2, start + _CHUNK)
            cut = cut if cut > start else start + _CHUNK
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


def _hints(marks: dict[str, set[str]]) -> re.Pattern[str] | None:
    """Cheap surface test for "this paragraph may hold a match": a word starting with the
    first letters of a marked term (stems, lemmas and surface words share them)."""
    heads = {t[:4] for kind in ("text", "words") for t in marks.get(kind, ()) if t}
    if not heads:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, heads))) + ")",
                      re.IGNORECASE)


def _scan_spans(text: str, marks: dict[str, set[str]], width: int) -> list[tuple[int, int, str]]:
    """Matched spans of the passage worth analysing: a snippet needs the best passage, not
    every match of an article, and analysis (lemmas, language detection) is what costs.

    A cheap surface test finds where query words probably are; only a window around the
    densest spot is analysed. Without such a spot (a name matched across scripts), the
    opening paragraphs are analysed, up to SCAN_CHARS, then hinted paragraphs up to SCAN_CAP.
    """
    if len(text) <= width * 2:
        return _spans(text, marks)
    hints = _hints(marks)
    hits = [(m.start(), m.group().casefold()) for m in hints.finditer(text)] if hints else []
    if hits:
        best, best_score = hits[0][0], 0
        for i, (pos, _) in enumerate(hits):
            window = {h for p, h in hits[i:] if p < pos + width}
            if len(window) > best_score:
                best, best_score = pos, len(window)
        # The renderer starts a quarter width before the best spot: analyse just that much.
        a = max(0, best - width // 4 - 20)
        b = min(len(text), best + width + 20)
        a = text.rfind(" ", 0, a) + 1 if a > 0 else 0
        space = text.find(" ", b)
        b = space if space >= 0 else len(text)
        found = [(s + a, e + a, t) for s, e, t in _spans(text[a:b], marks)]
        if found:
            return found
    spans: list[tuple[int, int, str]] = []
    scanned = 0
    for start, end in _paragraphs(text):
        if scanned >= SCAN_CHARS:
            if spans or hints is None or scanned >= SCAN_CAP:
                break
            if not hints.search(text, start, end):
                continue
        found = [(s + start, e + start, t) for s, e, t in _spans(text[start:end], marks)]
        spans += found
        scanned += end - start
        if len({t for _, _, t in found}) >= STRONG_TERMS:
            break
    return spans


def snippet(text: str, marks: Marker | Marks, width: int = 240,
            parts: Parts | None = None) -> str:
    """The passage of about ``width`` characters with the most distinct matched words."""
    marker = as_marker(marks)
    if not marker:
        spans: list[Span] = []
    elif marker.surfaces is None or parts is None:
        spans = _scan_spans(text, marker.marks, width)
    else:
        spans = marker.spans(text, parts)
    if len(text) <= width:
        return _squeezed(_render(text, spans, 0, len(text)))
    best_start = _densest(spans, width)
    start = max(0, best_start - width // 4) if spans else 0
    # Begin and end on word boundaries so no word is cut in half.
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    body = _squeezed(_render(text, spans, start, end))
    lead = ELLIPSIS + " " if start > 0 else ""
    tail = " " + ELLIPSIS if end < len(text) else ""
    return lead + body + tail


def _densest(spans: list[Span], width: int) -> int:
    """Where the window of ``width`` characters with the most distinct matched terms (then
    the most matches) starts: the first such span's start (0 without spans). One sliding
    pass: spans are sorted and disjoint, so their ends grow with their starts."""
    best_start, best_score = 0, (-1, -1)
    terms: Counter[str] = Counter()
    j = 0
    for i, (s, _, _) in enumerate(spans):
        if i > 0 and j >= i:  # the previous span was in the window
            term = spans[i - 1][2]
            terms[term] -= 1
            if not terms[term]:
                del terms[term]
        j = max(j, i)
        while j < len(spans) and spans[j][1] <= s + width:
            terms[spans[j][2]] += 1
            j += 1
        score = (len(terms), j - i)
        if score > best_score:
            best_start, best_score = s, score
    return best_start
