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
from qidir.analyzers.surface import surface_tokens

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


def snippet(text: str, marks: dict[str, set[str]], width: int = 240) -> str:
    """The passage of about ``width`` characters with the most distinct matched words."""
    spans = _scan_spans(text, marks, width) if any(marks.values()) else []
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
