r"""Snippets' string scans without a regex match per character, checked against the regex
they replace: a scan for a few strings by ``str.find`` gives what their alternation gives
(the leftmost occurrence, and at one position the first string in order: a string that
begins another, overlapping strings, strings absent, positions skipped forward), and
whitespace squeezed by ``str.split`` is the ``\s+`` substitution."""

from __future__ import annotations

import importlib
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qidir.search.query import headscan
from qidir.search.query.headscan import Heads
from qidir.search.query.highlight import _squeezed


def _walk(heads: Heads, text: str, steps: list[int]) -> list[tuple[int, int] | None]:
    """Searches from positions that only grow, as a snippet's scan makes them."""
    scan = heads.scan(text)
    out, pos = [], 0
    for step in steps:
        got = scan.search(pos)
        out.append(got)
        if got is None:
            break
        pos = max(pos, got[0] + 1 + step)
    return out


def _expected(heads: Heads, text: str, steps: list[int]) -> list[tuple[int, int] | None]:
    out, pos = [], 0
    for step in steps:
        m = heads.regex.search(text, pos)
        out.append(m.span() if m else None)
        if m is None:
            break
        pos = max(pos, m.start() + 1 + step)
    return out


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(text=st.text(alphabet="abcд -'", max_size=60),
       heads=st.sets(st.text(alphabet="abcд '", min_size=1, max_size=4), min_size=1,
                     max_size=headscan.FIND_UP_TO + 4),
       steps=st.lists(st.integers(0, 5), min_size=1, max_size=20))
def test_the_scan_finds_what_the_alternation_finds(text: str, heads: set[str],
                                                   steps: list[int]) -> None:
    h = Heads(heads)
    assert _walk(h, text, steps) == _expected(h, text, steps)


@pytest.mark.parametrize("find_up_to", [0, 100])
def test_both_scans_on_a_real_text(find_up_to: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Prefixes of each other at one position: the alternation's order (``ab`` before
    ``abc``), whichever scan is used."""
    monkeypatch.setattr(headscan, "FIND_UP_TO", find_up_to)
    text = "abcabc xab abc. Абв-абв abc"
    heads = Heads({"abc", "ab", "bca", "Абв", "c. "})
    steps = [0] * 20
    assert _walk(heads, text, steps) == _expected(heads, text, steps)
    assert _walk(heads, text, steps)[:3] == [(0, 2), (1, 4), (3, 5)]
    rng = random.Random(7)
    for _ in range(50):
        steps = [rng.randrange(4) for _ in range(20)]
        assert _walk(heads, text, steps) == _expected(heads, text, steps)


@settings(max_examples=500, deadline=None, database=None, derandomize=True)
@given(text=st.text(alphabet=st.sampled_from(
    "ab \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2028\u202f\u205f\u3000\u200b\ufeff"),
    max_size=30))
def test_squeezing_whitespace_is_the_regex_substitution(text: str) -> None:
    """A snippet's whitespace is squeezed with ``str.split``: the same string as the
    ``\\s+`` substitution it replaces, for every kind of Unicode space (and the zero-width
    characters that are not spaces)."""
    assert _squeezed(text) == re.sub(r"\s+", " ", text).strip()


def test_an_ascii_text_never_needs_the_full_word_regex() -> None:
    """``compound_re_for`` answers an ASCII text without reading it: no ASCII character is a
    combining mark or an invisible character, and both regexes split ASCII alike."""
    # The package exports a function of the module's name: the module itself.
    tokenize = importlib.import_module("qidir.analyzers.tokenize")
    ascii_chars = "".join(map(chr, range(128)))
    assert tokenize._NEEDS_FULL_RE.search(ascii_chars) is None
    text = "A co-operation's text -- with 'quotes', tabs\tand_underscores 42x."
    assert tokenize.compound_re_for(text) is tokenize.compound_re_for(text + "é")
    assert ([m.span() for m in tokenize.COMPOUND_RE.finditer(ascii_chars + text)]
            == [m.span() for m in tokenize.compound_re_for(text).finditer(ascii_chars + text)])
