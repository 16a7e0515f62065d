"""A copied page as lines: the one typed object every metadata pass reads and marks.

Every step (chrome, headline, date, source) works on the same :class:`Page`: its non-empty
lines in order, each with the kind a pass gave it. This module holds that object and the
shape tests every pass shares (word counts, "reads like a sentence"), so the passes
import it and not each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_BULLET = re.compile(r"^\s*(?:[•·▪►▸◦*\-–—>]+|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'»”’)\]]*$|[\"»”]$")
_WORD = re.compile(r"[^\W_]+(?:[-'ʻʼ‘’][^\W_]+)*", re.UNICODE)


class LineKind(StrEnum):
    """What a pass decided a line is. (Passes compare with the members, never with the strings.)"""

    BODY = "body"  # the article's text (so far)
    HEAD = "head"  # the page header, above the headline
    TITLE = "title"  # the headline
    TAIL = "tail"  # the page footer, after the article
    LIST = "list"  # a list of other stories, a sign-up box, comments
    CHROME = "chrome"  # furniture recognisable alone (share buttons, cookie notices)
    DUP = "dup"  # a repeated line
    DATE = "date"  # a line that states a date and nothing else


@dataclass(eq=False)
class Line:
    """One non-empty line of the page and what the cleaner decided about it."""

    index: int
    raw: str
    text: str
    kind: LineKind = LineKind.BODY

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


@dataclass
class Page:
    """A page split into lines, with the position of the headline and the body's language."""

    lines: list[Line]
    title_index: int | None = None
    body_lang: str = "und"
    #: The headline's cleaned text, set by the headline pass.
    title: str | None = None
    #: The site's name as its logo line writes it, when the headline pass saw one.
    masthead: str | None = None
    #: The site named in the headline line ("Headline | Site").
    title_site: str | None = None

    @property
    def body(self) -> list[str]:
        return [ln.text for ln in self.lines if ln.kind == "body"]

    def kept(self) -> list[Line]:
        return [ln for ln in self.lines if ln.kind == "body"]


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip()


def words_in(text: str) -> list[str]:
    """The words of a text (letters and digits, with inner hyphens and apostrophes)."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_sentence_like(text: str) -> bool:
    """A line that reads as running prose (ends like a sentence, or is long)."""
    text = strip_bullet(text)  # "2. Iran raises…": a numbered item's "2." ends no sentence
    n = word_count(text)
    if n >= 12 and re.search(r"\w[.!?…][\"»”]?\s+\S", text):
        return True  # a finished sentence followed by more (e.g. a caption and its date)
    return (n >= 5 and bool(_SENTENCE_END.search(text))) or n >= 25


def is_headline_like(text: str) -> bool:
    """A line shaped like a headline or a menu item: short, no closing punctuation."""
    n = word_count(text)
    return 0 < n <= 20 and not _SENTENCE_END.search(text.rstrip())


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_MD_HEADING = re.compile(r"^(?:#{1,6}|>+)\s+")
_MD_EMPHASIS = re.compile(r"^(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1$")


def strip_markup(text: str) -> str:
    """Markdown heading marks and whole-line emphasis, which are layout, not words."""
    text = _MD_HEADING.sub("", text)
    m = _MD_EMPHASIS.match(text)
    return m.group(2) if m else text


def split_lines(raw: str) -> list[Line]:
    out: list[Line] = []
    for i, raw_line in enumerate(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        text = _CONTROL.sub(" ", raw_line)  # control characters are never content
        text = strip_markup(re.sub(r"[ \t\u00a0]+", " ", text).strip()).strip()
        if text and not re.fullmatch(r"[-=_*~#]{3,}", text):
            out.append(Line(i, raw_line, text))
    return out
