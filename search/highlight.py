"""Snippets and highlighted titles: the reader's words marked in their surface form.

The index holds stems, lemmas and folds, but a reader must see the words as written in
the article (``Тўқаевнинг``, ``cooperation``), in any script. Since every token carries the
character offsets of the surface word it came from, marking is a matter of re-analysing
the stored text and wrapping the offsets whose terms the query matched.
"""

from __future__ import annotations

import re
from html import escape

from qidir.analyzers import analyze, analyze_names
from qidir.search.words import surface_tokens

ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")


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
    spans = []
    last_end = -1
    for (start, end), term in sorted(found.items()):
        if start >= last_end:
            spans.append((start, end, term))
            last_end = end
    return spans


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


def highlight(text: str, marks: dict[str, set[str]]) -> str:
    """The whole text, HTML-escaped, with matched words in <mark>."""
    return _render(text, _spans(text, marks), 0, len(text))


def snippet(text: str, marks: dict[str, set[str]], width: int = 240) -> str:
    """The passage of about ``width`` characters with the most distinct matched words."""
    spans = _spans(text, marks)
    if len(text) <= width:
        return _SPACE.sub(" ", _render(text, spans, 0, len(text))).strip()
    best_start, best_score = 0, (-1, -1)
    for i, (s, _, _) in enumerate(spans):
        window = [sp for sp in spans[i:] if sp[1] <= s + width]
        score = (len({sp[2] for sp in window}), len(window))
        if score > best_score:
            best_start, best_score = s, score
    start = max(0, best_start - width // 4) if spans else 0
    # Begin and end on word boundaries so no word is cut in half.
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    body = _SPACE.sub(" ", _render(text, spans, start, end)).strip()
    lead = ELLIPSIS + " " if start > 0 else ""
    tail = " " + ELLIPSIS if end < len(text) else ""
    return lead + body + tail
