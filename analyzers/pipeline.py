"""Minimal first version of the analysis pipeline (interface stub, to be replaced)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer


@dataclass(frozen=True, slots=True)
class Token:
    term: str
    pos: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Part:
    start: int
    end: int
    lang: str
    script: str


@dataclass(frozen=True, slots=True)
class QueryForms:
    text: frozenset[str]
    names: frozenset[str]


_WORD = re.compile(r"\w+(?:['’ʻʼ`‘]\w+)*")
_CYRL = re.compile(r"[\u0400-\u04FF]")
_EN = snowballstemmer.stemmer("english")


def detect_language(text: str) -> tuple[str, str]:
    cyr = len(_CYRL.findall(text))
    lat = len(re.findall(r"[A-Za-z]", text))
    if cyr > lat:
        return ("ru", "Cyrl")
    if lat:
        return ("en", "Latn")
    return ("und", "Zyyy")


def detect_parts(text: str) -> list[Part]:
    lang, script = detect_language(text)
    return [Part(0, len(text), lang, script)] if text else []


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return _EN.stemWord(word)


def analyze(text: str, lang: str | None = None) -> list[Token]:
    out = []
    for pos, m in enumerate(_WORD.finditer(text)):
        w = unicodedata.normalize("NFC", m.group()).casefold()
        out.append(Token(_stem(w), pos, m.start(), m.end()))
    return out


def analyze_names(text: str) -> list[Token]:
    out = []
    for pos, m in enumerate(_WORD.finditer(text)):
        w = m.group()
        if w[:1].isupper():
            out.append(Token(w.casefold(), pos, m.start(), m.end()))
    return out


def query_forms(word: str, lang: str | None = None) -> QueryForms:
    w = unicodedata.normalize("NFC", word).casefold()
    names = frozenset({w}) if word[:1].isupper() else frozenset()
    return QueryForms(frozenset({_stem(w)}), names)
